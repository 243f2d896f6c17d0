"""Each round is judged by its own copy of the rules (`submissions/<year>/schemas/`, issue 12): which copy
judges a round, the finding for a real round without one, the vocabulary check on a round's copy, that
check-pr judges by the base revision's copy (on real branches; who may change a copy, and the lock after
the approval, are pure tests in test_check_pr_rules.py), and `kczy new round`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import PROJECT, SAMPLE_YEAR, copy_project_data, finding_codes, git, parse_finding_line, run_kczy
from gitrounds import dated, origin_and_clone
from kczy.errors import FatalError
from kczy.rounds import render_retired
from kczy.rules import DEFAULT_RULES, round_rules_folder, round_schema_set
from roundbuilder import PREFIX, SECRETARIAT, YEAR, dump, make_round, write_files

OWN = f"{PREFIX}schemas/"
YB = "yiye-yibao"
IN_VOTING = "2030-05-05T10:00"


def default_rules() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((PROJECT / DEFAULT_RULES).glob("*.schema.json"))}


def own_copy(year: str = YEAR) -> dict[str, bytes]:
    """A round's own copy of today's default rules, as `kczy new round` writes it."""
    return {f"{round_rules_folder(year)}/{name}": body for name, body in default_rules().items()}


def with_rule(
    copy: dict[str, bytes], name: str, change: dict[str, object], pointer: tuple[str | int, ...]
) -> None:
    """`copy`'s schema `name` with the object at `pointer` updated by `change`."""
    path = next(p for p in copy if p.endswith(f"/{name}.schema.json"))
    schema = json.loads(copy[path])
    node = schema
    for step in pointer:
        node = node[step]
    node.update(change)
    copy[path] = (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# Which rules judge a round


def test_the_sample_round_carries_its_own_complete_copy_of_the_default_rules() -> None:
    """The shipped sample demonstrates the shipped rules: a change to schemas/ is copied into
    submissions/2021/schemas/ in the same commit (the sample's tally does not read the objection,
    approval and announcement schemas; for the others re-pin the sample's approval)."""
    own = PROJECT / "submissions" / SAMPLE_YEAR / "schemas"
    copy = {p.name: p.read_bytes() for p in own.glob("*.schema.json")}
    assert sorted(copy) == sorted(default_rules())
    assert [name for name in copy if copy[name] != default_rules()[name]] == [], "copy schemas/ too"


def test_a_round_is_judged_by_its_own_copy_and_else_by_the_default_rules() -> None:
    copy = {path.rsplit("/", 1)[1]: body for path, body in own_copy().items()}
    stricter = dict(own_copy())
    with_rule(stricter, YB, {"x-type-name": "改过的类型名"}, ())
    folders = {
        round_rules_folder(YEAR): {p.rsplit("/", 1)[1]: b for p, b in stricter.items()},
        DEFAULT_RULES: copy,
    }
    own = round_schema_set(YEAR, lambda folder: folders.get(folder, {}))
    assert own.folder == "submissions/2030/schemas"
    assert own.type_schema(YB)["x-type-name"] == "改过的类型名"
    default = round_schema_set("2031", lambda folder: folders.get(folder, {}))
    assert default.folder == "schemas"
    assert default.type_schema(YB)["x-type-name"] == "“一业一研报”项目"


def test_a_copy_without_the_round_schema_or_with_broken_json_is_refused_naming_it() -> None:
    with pytest.raises(FatalError, match=r"submissions/2030/schemas/ 中缺少 .*round.schema.json"):
        round_schema_set(YEAR, lambda f: {"ballot.schema.json": b"{}"} if f != DEFAULT_RULES else {})
    broken = {"round.schema.json": b"{", "ballot.schema.json": b"{}"}
    with pytest.raises(FatalError, match=r"无法读取 submissions/2030/schemas/round.schema.json"):
        round_schema_set(YEAR, lambda folder: broken if folder != DEFAULT_RULES else {})


@pytest.mark.parametrize("removed", ["ballot", "yiye-yihui", "runoff-call"])
def test_a_copy_missing_a_schema_kczy_uses_stops_every_command(tmp_path: Path, removed: str) -> None:
    copy = {path: body for path, body in own_copy().items() if not path.endswith(f"/{removed}.schema.json")}
    root = copy_project_data(tmp_path / "repo")
    write_files(root, {**make_round({"m1": []}, {"aa": (YB, "u1", [])}, {}), **copy})
    for command in (["validate"], ["new", "ballot", "--member", "m1"], ["tally"]):
        result = run_kczy(*command, "--round", YEAR, cwd=root)
        assert result.returncode == 2, (command, result.stderr)
        assert f"submissions/2030/schemas/ 中缺少 {removed}.schema.json" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout


def test_the_vocabulary_check_names_the_rounds_copy(tmp_path: Path) -> None:
    copy = own_copy()
    with_rule(copy, YB, {"minItem": 2}, ("properties", "title"))  # a misspelt keyword
    root = copy_project_data(tmp_path / "repo")
    write_files(root, {**make_round({"m1": []}, {"aa": (YB, "u1", [])}, {}), **copy})
    result = run_kczy("validate", "--round", YEAR, cwd=root)
    assert result.returncode == 2
    assert "submissions/2030/schemas/ 中有 1 处 kczy 不能准确校验的写法" in result.stderr
    assert "submissions/2030/schemas/yiye-yibao.schema.json：/properties/title/minItem：" in result.stderr
    # The sample round and its own copy are untouched by it.
    assert run_kczy("validate", "--round", SAMPLE_YEAR, cwd=root).returncode == 0


def test_a_real_round_without_its_own_copy_is_warned_at_round_yaml(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    write_files(root, make_round({"m1": []}, {"aa": (YB, "u1", [])}, {}))
    result = run_kczy("validate", "--round", YEAR, cwd=root)
    warned = [parse_finding_line(line) for line in result.stdout.splitlines() if "rules.no-own-copy" in line]
    assert len(warned) == 1  # (make_round's applications are not complete: other findings too)
    assert warned[0][0] == f"{PREFIX}round.yaml:1:1" and warned[0][2].startswith("提醒：")
    assert "2030 年度没有自己的评审规则副本（submissions/2030/schemas/）" in warned[0][2]
    write_files(root, own_copy())
    assert "rules.no-own-copy" not in run_kczy("validate", "--round", YEAR, cwd=root).stdout
    # The sample round has its copy; a sample is only a demonstration anyway.
    assert "rules.no-own-copy" not in run_kczy("validate", "--round", SAMPLE_YEAR, cwd=root).stdout


def test_type_names_and_templates_come_from_the_rounds_copy(tmp_path: Path) -> None:
    copy = own_copy()
    with_rule(copy, YB, {"x-type-name": "“一业一研报”项目（2030 版）"}, ())
    with_rule(copy, "yishi-yipin", {"x-type-name": "“一市一品”项目（2030 版）"}, ())
    root = copy_project_data(tmp_path / "repo")
    contents = make_round({"m1": []}, {"aa": (YB, "u1", [])}, {"m1": {YB: ["aa"]}})
    write_files(root, {**contents, **copy})
    tally = run_kczy("tally", "--round", YEAR, "--now", "2030-05-11T10:00", cwd=root)
    assert "“一业一研报”项目（2030 版）" in tally.stdout
    made = run_kczy("new", "application", "--round", YEAR, "--type", "yishi-yipin", "--unit", "u1",
                    "--id", "bb", cwd=root)
    assert made.returncode == 0, made.stderr
    text = (root / PREFIX / "applications/yishi-yipin/bb.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/yishi-yipin.schema.json\n")
    assert "# “一市一品”项目（2030 版） 申报书" in text


# check-pr on real branches: the base revision's copy of the rules judges


@pytest.fixture
def work(tmp_path: Path) -> Path:
    contents = make_round({"m1": ["u1"], "m2": []}, {"aa": (YB, "u1", []), "bb": (YB, "u2", [])}, {},
                          units={"u1": "login-u1", "u2": "login-u2"})
    return origin_and_clone(tmp_path, {**contents, **own_copy()}, "2030-02-01T10:00")[1]


def pull_request(work: Path, branch: str, files: dict[str, bytes | None]) -> None:
    git("checkout", "-q", "-b", branch, "main", cwd=work)
    for path, body in files.items():
        if body is None:
            (work / path).unlink()
        else:
            (work / path).parent.mkdir(parents=True, exist_ok=True)
            (work / path).write_bytes(body)
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", branch, cwd=work)
    git("checkout", "-q", "main", cwd=work)


def check(work: Path, branch: str, author: str, now: str = IN_VOTING) -> tuple[int, list[str], str]:
    result = run_kczy("check-pr", "--base", "main", "--head", branch, "--author", author, "--now", now,
                      cwd=work)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, finding_codes(result.stdout), result.stdout


def test_a_ballot_is_judged_by_the_base_revisions_copy_of_its_rounds_rules(work: Path) -> None:
    """The base's copy allows no vote in 一业一研报; a pull request that relaxes it in the same change is
    still judged by the base's."""
    strict = own_copy()
    with_rule(strict, "ballot", {"maxItems": 0}, ("oneOf", 0, "properties", "votes", "properties", YB))
    path = f"{OWN}ballot.schema.json"
    git("checkout", "-q", "main", cwd=work)
    write_files(work, {path: strict[path]})
    git("commit", "-qam", "no vote in yiye-yibao", cwd=work, env=dated("2030-02-02T10:00"))
    vote = dump({"member": "m2", "votes": {YB: ["aa"]}})
    ballot: dict[str, bytes | None] = {f"{PREFIX}ballots/m2.yaml": vote}
    pull_request(work, "vote", ballot)
    assert check(work, "vote", "m2")[:2] == (1, ["schema.maxItems"])
    pull_request(work, "relax", {**ballot, path: own_copy()[path]})
    assert "schema.maxItems" in check(work, "relax", "m2")[1]


# kczy new round


def new_round(root: Path, *args: str) -> str:
    result = run_kczy("new", "round", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_round_opened_from_the_sample_has_its_rules_and_settings_but_no_sample_content(
    tmp_path: Path,
) -> None:
    root = copy_project_data(tmp_path / "repo")
    said = new_round(root, "2022")
    assert "已开启 2022 年度" in said and "2021 年度" in said
    folder = root / "submissions/2022"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == sorted(
        ["round.yaml", "units.yaml", "committee.yaml", *(f"schemas/{name}" for name in default_rules())]
    )
    assert {p.name: p.read_bytes() for p in (folder / "schemas").iterdir()} == default_rules()
    texts = {p.name: p.read_text("utf-8") for p in folder.glob("*.yaml")}
    sample = root / "submissions/2021"
    invented = [
        "示例", "example.org", "演示", "虚构",
        *re.findall(r"(?m)^\s+- id: (\S+)$", (sample / "units.yaml").read_text("utf-8")),
        *re.findall(r"(?m)^\s+- id: (\S+)$", (sample / "committee.yaml").read_text("utf-8")),
        "hnkx-secretariat", "0371-65950000", "郑州市示例路",
    ]
    for name, text in texts.items():
        assert [word for word in invented if word in text] == [], name
    round_yaml = texts["round.yaml"]
    assert round_yaml.startswith("# yaml-language-server: $schema=schemas/round.schema.json\n")
    for line in ("year: 2022", 'title: "2022年度“科创中原”科技经济融合行动项目评审"', "sample: false",
                 '  - "河南省财政厅"', "    quota: 2", "  days: 3", '  threshold: "majority"'):
        assert line in round_yaml.splitlines(), line
    assert "units: []" in texts["units.yaml"] and "members: []" in texts["committee.yaml"]


def test_each_blank_of_a_new_round_is_one_finding_at_its_place(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    new_round(root, "2022")
    result = run_kczy("validate", "--round", "2022", "--format", "json", cwd=root)
    assert result.returncode == 1
    round_findings = [f for f in json.loads(result.stdout) if f["file"] == "submissions/2022/round.yaml"]
    errors = [f for f in round_findings if f["severity"] == "error"]
    blanks = [
        "secretariat/name", "secretariat/logins",
        "schedule/applications_open", "schedule/applications_close", "schedule/voting_opens",
        "schedule/voting_closes", *(f"notice/contact/{key}" for key in ("office", "phone", "email", "address",
                                                                          "postcode")),
    ]
    assert [f["pointer"].lstrip("/") for f in errors] == blanks  # one each, in the file's order
    assert {f["code"] for f in errors} == {"schema.empty"}
    lines = (root / "submissions/2022/round.yaml").read_text("utf-8").splitlines()
    for finding in errors:
        key = finding["pointer"].rsplit("/", 1)[1]
        assert lines[finding["line"] - 1].strip() == f"{key}:", finding
        assert "待填写" in lines[finding["line"] - 2]  # the marked blank, with what to write above it
    assert any(f["message"] == "“申报截止”（schedule.applications_close）还没有填写" for f in errors)
    registries = {f["file"] for f in json.loads(result.stdout) if f["code"] == "schema.minItems"}
    assert registries == {"submissions/2022/units.yaml", "submissions/2022/committee.yaml"}


def test_a_round_opened_from_a_real_round_carries_its_registries_and_secretariat(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    copy = own_copy()
    with_rule(copy, YB, {"x-type-name": "2030 年的类型名"}, ())
    contents = make_round({"m1": []}, {"aa": (YB, "u1", [])}, {})
    write_files(root, {**contents, **copy})
    new_round(root, "2031")  # from the latest round, 2030
    folder = root / "submissions/2031"
    assert {p.name: p.read_bytes() for p in (folder / "schemas").iterdir()} == {
        p.rsplit("/", 1)[1]: body for p, body in copy.items()
    }
    for name in ("units.yaml", "committee.yaml"):
        assert (folder / name).read_bytes() == contents[f"{PREFIX}{name}"]
    round_yaml = (folder / "round.yaml").read_text("utf-8")
    assert '  name: "测试秘书处"' in round_yaml and f'    - "{SECRETARIAT}"' in round_yaml
    assert "jiwei@example.org" not in round_yaml  # the notice's contact is the new year's to fill in
    new_round(root, "2024", "--from", "2021")
    assert "units: []" in (root / "submissions/2024/units.yaml").read_text("utf-8")


def test_a_new_round_starts_from_the_latest_round_not_retired(tmp_path: Path) -> None:
    """A retired sample newer than the real round is not where the next round starts (it was: its empty
    registries and sample settings were copied), unless --from names it."""
    root = copy_project_data(tmp_path / "repo")
    contents = make_round({"m1": []}, {"aa": (YB, "u1", [])}, {})
    write_files(root, {**contents, **own_copy()})
    shutil.copytree(root / f"submissions/{SAMPLE_YEAR}", root / "submissions/2031")
    (root / "submissions/retired.yaml").write_bytes(render_retired([SAMPLE_YEAR, "2031"]))
    said = new_round(root, "2032")
    assert "2030 年度" in said
    assert (root / "submissions/2032/units.yaml").read_bytes() == contents[f"{PREFIX}units.yaml"]
    new_round(root, "2033", "--from", "2031")
    assert "units: []" in (root / "submissions/2033/units.yaml").read_text("utf-8")


def test_with_every_round_retired_a_new_round_takes_the_default_rules(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    (root / "submissions/retired.yaml").write_bytes(render_retired([SAMPLE_YEAR]))
    assert "schemas/" in new_round(root, "2030")
    round_yaml = (root / "submissions/2030/round.yaml").read_text("utf-8")
    assert "  yiye-yihui:\n    # 待填写：本类项目的入选名额\n    quota:\n" in round_yaml


def test_a_first_round_takes_the_default_rules(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "submissions").mkdir(parents=True)
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    said = new_round(root, "2030")
    assert "schemas/" in said
    folder = root / "submissions/2030"
    assert {p.name: p.read_bytes() for p in (folder / "schemas").iterdir()} == default_rules()
    round_yaml = (folder / "round.yaml").read_text("utf-8")
    assert "  yiye-yihui:\n    # 待填写：本类项目的入选名额\n    quota:\n" in round_yaml
    assert '  quorum: "majority"' in round_yaml


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2021",), "不能新建 submissions/2021/：这一年度已经开启（目录已存在）"),
        (("22",), "年度“22”应是四位数字的年份"),
        (("0000",), "新一轮的年度 0000 应晚于它所依据的 2021 年度"),
        (("2020",), "新一轮的年度 2020 应晚于它所依据的 2021 年度"),
        (("２０２２",), "应是四位数字的年份"),
        (("2022", "--from", "2020"), "--from 2020：没有这一年度"),
        ((), "new round 需要 年度"),
    ],
)
def test_new_round_refuses(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    root = copy_project_data(tmp_path / "repo")
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    result = run_kczy("new", "round", *args, cwd=root)
    assert result.returncode == (1 if args == ("2021",) else 2) and message in result.stderr, result.stderr
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before
