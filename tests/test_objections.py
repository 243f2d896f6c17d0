"""Objections and the announcement: the choices people type (Chinese words or English ids, one meaning
everywhere), the order of the records' dates, and the records written by `kczy new objection` and
`kczy new announcement`, through the real command on copies of the sample round."""

from __future__ import annotations

import filecmp
import json
import re
import shlex
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import PROJECT, SAMPLE_YEAR, copy_project_data, run_kczy
from kczy.choices import CHOICES, canonical_record, choice_word, choices_problems
from test_site import site_repo

PREFIX = f"submissions/{SAMPLE_YEAR}/"
OBJECTIONS = PROJECT / "submissions" / SAMPLE_YEAR / "objections"

# The sample writes its objections in Chinese; these are the same records written with the English ids.
AS_IDS = {"admissible: 受理": "admissible: true", "status: 成立": "status: upheld",
          "status: 不成立": "status: rejected", "form: 信函": "form: letter", "form: 电子邮件": "form: email"}


def nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from nodes(value)


def schema_files() -> list[Path]:
    """The shipped rules and every round's own copy of them (where a round carries one)."""
    rounds = PROJECT.glob("submissions/*/schemas/*.schema.json")
    return sorted([*PROJECT.glob("schemas/*.schema.json"), *rounds])


@pytest.mark.parametrize("path", schema_files(), ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_choice_is_allowed_by_its_enum_and_every_enum_value_is_a_choice(path: Path) -> None:
    for node in nodes(json.loads(path.read_text("utf-8"))):
        if CHOICES in node:
            assert choices_problems(node) == [], (path.name, node.get("title"))


def test_rules_whose_choices_and_enum_disagree_are_refused_when_the_schemas_load(tmp_path: Path) -> None:
    """A word in enum that no choice explains would pass validation and mean nothing (a status 已撤回
    counted as neither pending nor decided): the schemas are refused, at the place, in Chinese."""
    root = copy_project_data(tmp_path / "repo")
    path = root / "submissions/2021/schemas/objection.schema.json"  # the rules that judge the round
    schema = json.loads(path.read_text("utf-8"))
    status = schema["properties"]["status"]
    status["enum"].append("已撤回")
    status[CHOICES].append(["withdrawn", "撤回"])
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), "utf-8")
    result = run_kczy("validate", cwd=root)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "submissions/2021/schemas/objection.schema.json：/properties/status/x-choices" in result.stderr
    assert "“已撤回”不是 x-choices 中任何一项的标识或中文写法" in result.stderr
    assert "“withdrawn”写了两次" in result.stderr and "“撤回”写了两次" in result.stderr


def test_the_objection_choices_read_as_one_id_whichever_way_they_are_written() -> None:
    schema = json.loads((PROJECT / "schemas" / "objection.schema.json").read_text("utf-8"))
    written = {"status": "成立", "admissible": "受理", "form": "电子邮件", "summary": "成立"}
    assert canonical_record(schema, written) == {
        "status": "upheld", "admissible": True, "form": "email", "summary": "成立"
    }
    ids = {"status": "withdrawn", "admissible": "late", "form": "in-person"}
    assert canonical_record(schema, ids) == ids
    status = schema["properties"]["status"]
    assert [choice_word(status, s) for s in ("pending", "upheld", "rejected", "withdrawn")] == [
        "待处理", "成立", "不成立", "撤回"
    ]
    assert choice_word(schema["properties"]["admissible"], True) == "受理"


def sample_with_ids(root: Path) -> None:
    for path in (root / PREFIX / "objections").glob("*.yaml"):
        text = path.read_text("utf-8")
        for word, choice in AS_IDS.items():
            text = text.replace(word, choice)
        assert not re.search(r"(?m)^(admissible|status|form): [^a-z]", text), text
        path.write_text(text, "utf-8")


def test_the_sample_writes_its_choices_in_chinese() -> None:
    for path in OBJECTIONS.glob("*.yaml"):
        text = path.read_text("utf-8")
        assert re.search(r"(?m)^status: (成立|不成立|待处理|撤回)$", text), path.name
        assert re.search(r"(?m)^admissible: 受理$", text), path.name


def test_chinese_words_and_english_ids_mean_the_same_in_every_command(tmp_path: Path) -> None:
    """validate, status, verify and the site's pages (which carry the documents' sentences) give the same
    answer for the sample's objections written in Chinese and written with the ids."""
    words = site_repo(tmp_path / "words")
    ids = site_repo(tmp_path / "ids")
    sample_with_ids(ids)
    outputs = []
    for root in (words, ids):
        validated = run_kczy("validate", "--format", "json", cwd=root)
        assert validated.returncode == 0, validated.stdout
        verified = run_kczy("verify", cwd=root)
        assert verified.returncode == 0, verified.stdout
        statuses = [
            run_kczy("status", "--format", "json", "--now", now, cwd=root).stdout
            for now in ("2021-09-29T10:00", "2021-10-05T10:00", "2021-10-20T10:00")
        ]
        assert run_kczy("site", "pages", "--now", "2021-10-20T10:00", cwd=root).returncode == 0
        outputs.append((validated.stdout, verified.stdout, statuses))
    assert outputs[0] == outputs[1]
    status = json.loads(outputs[0][2][2])
    assert status["objections"] == {"received": 2, "pending": 0, "upheld": 1, "rejected": 1, "withdrawn": 0}
    # On 2021-10-05 the second objection (decided on 10-11) is still pending, whichever way it is written.
    assert json.loads(outputs[0][2][1])["objections"]["pending"] == 1
    compared = filecmp.dircmp(words / "pages", ids / "pages")
    assert not different(compared), different(compared)
    pages = [path.read_text("utf-8") for path in (words / "pages").rglob("announcement.md")]
    assert pages and all("异议成立 1 件、不成立 1 件" in page for page in pages)


def different(compared: filecmp.dircmp[str]) -> list[str]:
    found = [*compared.diff_files, *compared.left_only, *compared.right_only, *compared.funny_files]
    for sub in compared.subdirs.values():
        found += different(sub)
    return found


def test_verify_marks_no_announcement_with_a_tick_before_one_exists(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    (root / PREFIX / "announcement.yaml").unlink()
    result = run_kczy("verify", cwd=root)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    unpublished = [line for line in lines if "尚未公布" in line]
    assert len(unpublished) == 1 and unpublished[0].startswith("· "), lines
    assert not any(line.startswith("✓") and "公布名单" in line and "公示" not in line for line in lines)


# --- kczy new objection / kczy new announcement, through the real command on a copy of the sample ------

NOW = "2021-10-20T10:00"
NUMBER = "豫科协〔2021〕58号"


def sample(tmp_path: Path, *remove: str) -> Path:
    """A copy of the sample round without the records named (paths under the round's folder)."""
    root = copy_project_data(tmp_path / "repo")
    for name in remove:
        (root / PREFIX / name).unlink()
    return root


def new(root: Path, *args: str, now: str = NOW) -> tuple[int, str, str]:
    result = run_kczy("new", *args, "--now", now, cwd=root)
    return result.returncode, result.stdout, result.stderr


def findings(root: Path, path: str) -> list[tuple[str, str, str]]:
    """(code, pointer, severity) of `kczy validate` on one file."""
    result = run_kczy("validate", "--format", "json", path, cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return [(f["code"], f.get("pointer", ""), f["severity"]) for f in json.loads(result.stdout)]


def listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in (root / PREFIX).rglob("*"))


def fill(path: Path, blanks: dict[str, str]) -> None:
    text = path.read_text("utf-8")
    for blank, value in blanks.items():
        assert re.search(rf"(?m)^{re.escape(blank)}$", text), blank
        text = re.sub(rf"(?m)^{re.escape(blank)}$", value, text, count=1)
    path.write_text(text, "utf-8")


def test_new_objection_writes_a_record_whose_blanks_validate_names_until_filled(tmp_path: Path) -> None:
    root = sample(tmp_path, "objections/o2021-02.yaml", "announcement.yaml")
    status, out, err = new(root, "objection", "--application", "yqdj-muye-dianchi",
                           "--received-on", "2021-09-28", "--form", "电子邮件")
    assert status == 0, err
    relative = f"{PREFIX}objections/o2021-02.yaml"  # the next number after o2021-01
    assert f"已写出 {relative}" in out
    path = root / relative
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/objection.schema.json\n")
    known = ("received_on: 2021-09-28", "application: yqdj-muye-dianchi", 'form: "电子邮件"',
             "status: 待处理")
    for line in known:
        assert f"\n{line}\n" in text
    assert "可选：待处理、成立、不成立、撤回（也可写英文标识 pending、upheld、rejected、withdrawn" in text
    assert findings(root, relative) == [
        ("schema.empty", "/summary", "error"),
        ("schema.empty", "/submitter/name", "error"),
        ("schema.empty", "/admissible", "error"),
    ]
    fill(path, {"summary:": "summary: 来信认为该项目的合作协议签订于申报前不久，双方缺乏合作基础。",
                "  name:": "  name: 实名来信人", "admissible:": "admissible: 受理"})
    assert findings(root, relative) == []
    # Decided: the status in Chinese, the two commented-out fields opened and filled.
    fill(path, {"status: 待处理": "status: 不成立",
                "# decision:": "decision: 经调阅合作协议原件，异议反映的问题不成立，维持评审结果。",
                "# decided_on:": "decided_on: 2021-10-11"})
    assert findings(root, relative) == []
    # The announcement follows, and verify agrees with the records written by the commands.
    status, _, err = new(root, "announcement", "--date", "2021-10-15", "--number", NUMBER)
    assert status == 0, err
    assert run_kczy("validate", cwd=root).returncode == 0
    verified = run_kczy("verify", cwd=root)
    assert verified.returncode == 0 and "✓ 公布名单：9 个项目" in verified.stdout, verified.stdout


def test_new_objection_numbers_in_order_and_takes_an_id(tmp_path: Path) -> None:
    root = sample(tmp_path, "announcement.yaml")
    arguments = ("objection", "--application", "yqdj-muye-dianchi", "--received-on", "2021-09-27")
    assert new(root, *arguments)[0] == 0
    assert (root / PREFIX / "objections" / "o2021-03.yaml").is_file()
    assert new(root, *arguments, "--id", "o2021-lai-han")[0] == 0
    assert (root / PREFIX / "objections" / "o2021-lai-han.yaml").is_file()
    assert new(root, *arguments)[0] == 0
    assert (root / PREFIX / "objections" / "o2021-04.yaml").is_file()


def test_new_objection_writes_what_the_dates_and_the_notice_decide(tmp_path: Path) -> None:
    root = sample(tmp_path, "announcement.yaml")
    status, out, _ = new(root, "objection", "--application", "yqdj-muye-dianchi",
                         "--received-on", "2021-10-08", "--id", "o2021-late")
    assert status == 0 and "逾期" in out
    late = f"{PREFIX}objections/o2021-late.yaml"
    assert "\nadmissible: 逾期\n" in (root / late).read_text("utf-8")
    blanks = [("schema.empty", "/summary", "error"), ("schema.empty", "/submitter/name", "error")]
    assert findings(root, late) == blanks
    # yqdj-sichou-fazhi was not selected: an objection against it is out of the notice's scope.
    status, out, _ = new(root, "objection", "--application", "yqdj-sichou-fazhi",
                         "--received-on", "2021-09-27", "--id", "o2021-scope")
    assert status == 0 and "不在公示名单中" in out
    scope = f"{PREFIX}objections/o2021-scope.yaml"
    assert "\nadmissible: 不属于受理范围\n" in (root / scope).read_text("utf-8")
    # Admitted by hand all the same, validate and verify both remark on it.
    fill(root / scope, {"admissible: 不属于受理范围": "admissible: 受理"})
    assert ("objection.not-on-notice", "/admissible", "warning") in findings(root, scope)
    assert "不在公示名单中" in run_kczy("verify", cwd=root).stdout


REFUSED_OBJECTIONS = {
    "unknown application": (("--application", "yqdj-muye-dianch", "--received-on", "2021-09-27"),
                            "cross.unknown-application", ()),
    "before the notice": (("--application", "yqdj-muye-dianchi", "--received-on", "2021-09-25"),
                          "objection.before-notice", ()),
    "after today": (("--application", "yqdj-muye-dianchi", "--received-on", "2021-10-21"),
                    "new.after-today", ()),
    "file exists": (("--application", "yqdj-muye-dianchi", "--received-on", "2021-09-27", "--id", "o2021-01"),
                    "new.exists", ()),
    "unknown form": (("--application", "yqdj-muye-dianchi", "--received-on", "2021-09-27", "--form", "微信"),
                     "schema.enum", ()),
    "no notice yet": (("--application", "yqdj-muye-dianchi", "--received-on", "2021-09-27"),
                      "objection.no-notice", ("approval.yaml",)),
}


@pytest.mark.parametrize("case", list(REFUSED_OBJECTIONS))
def test_new_objection_refuses_what_validate_would_refuse_and_writes_nothing(
    tmp_path: Path, case: str
) -> None:
    arguments, code, remove = REFUSED_OBJECTIONS[case]
    root = sample(tmp_path, *remove)
    before = listing(root)
    original = (root / PREFIX / "objections" / "o2021-01.yaml").read_bytes()
    status, out, err = new(root, "objection", *arguments)
    assert status == 1, (out, err)
    assert f"（{code}）" in err and err.startswith("kczy：不能新建 ") and "Traceback" not in err
    assert listing(root) == before
    assert (root / PREFIX / "objections" / "o2021-01.yaml").read_bytes() == original


def test_new_objection_usage_errors_exit_2(tmp_path: Path) -> None:
    root = sample(tmp_path)
    for arguments in (("--application", "yqdj-muye-dianchi"),
                      ("--application", "yqdj-muye-dianchi", "--received-on", "2021-9-27"),
                      ("--application", "Not An Id", "--received-on", "2021-09-27")):
        status, _, err = new(root, "objection", *arguments)
        assert status == 2 and err.startswith("kczy：") and ("用法错误" in err or "编号" in err), err


def test_new_announcement_writes_the_record_with_the_organisers_title(tmp_path: Path) -> None:
    root = sample(tmp_path, "announcement.yaml")
    status, _, err = new(root, "announcement", "--date", "2021-10-15")
    assert status == 0, err
    relative = f"{PREFIX}announcement.yaml"
    text = (root / relative).read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=schemas/announcement.schema.json\n")
    assert "\npublished_on: 2021-10-15\n" in text
    title = "河南省科学技术协会 河南省财政厅关于公布2021年度“科创中原”科技经济融合行动项目名单的通知"
    assert f'\ntitle: "{title}"\n' in text
    # The number was not given: validate names that one blank, and nothing else.
    assert findings(root, relative) == [("schema.empty", "/document_number", "error")]
    fill(root / relative, {"document_number:": f'document_number: "{NUMBER}"'})
    assert findings(root, relative) == []
    assert run_kczy("verify", cwd=root).returncode == 0


def test_new_announcement_keeps_a_hostile_title_one_string(tmp_path: Path) -> None:
    root = sample(tmp_path, "announcement.yaml")
    hostile = '公布通知: "x" # 注释 \\ {a: b}\u202e'
    status, _, err = new(root, "announcement", "--date", "2021-10-15", "--number", NUMBER, "--title", hostile)
    assert status == 0, err
    data = yaml.safe_load((root / PREFIX / "announcement.yaml").read_text("utf-8"))
    assert data["title"] == hostile and data["document_number"] == NUMBER


REFUSED_ANNOUNCEMENTS = {
    "notice not over": (("--date", "2021-09-28"), "announcement.notice-not-over", ()),
    "objection pending": (("--date", "2021-10-15"), "announcement.objection-pending", ("pending",)),
    "decided after": (("--date", "2021-10-10"), "announcement.decided-after", ()),
    "after today": (("--date", "2021-10-21"), "new.after-today", ()),
    "bad number": (("--date", "2021-10-15", "--number", "豫科协2021年58号"), "schema.pattern", ()),
    "no approval": (("--date", "2021-10-15"), "announcement.no-approval", ("approval.yaml",)),
    "file exists": (("--date", "2021-10-15"), "new.exists", ("keep",)),
}


@pytest.mark.parametrize("case", list(REFUSED_ANNOUNCEMENTS))
def test_new_announcement_refuses_what_validate_would_refuse_and_writes_nothing(
    tmp_path: Path, case: str
) -> None:
    arguments, code, changes = REFUSED_ANNOUNCEMENTS[case]
    root = copy_project_data(tmp_path / "repo")
    announcement = root / PREFIX / "announcement.yaml"
    original = announcement.read_bytes()
    if "keep" not in changes:
        announcement.unlink()
    if "approval.yaml" in changes:
        (root / PREFIX / "approval.yaml").unlink()
    if "pending" in changes:
        fill(root / PREFIX / "objections" / "o2021-02.yaml", {"status: 不成立": "status: 待处理"})
    before = listing(root)
    status, out, err = new(root, "announcement", *arguments)
    assert status == 1, (out, err)
    assert f"（{code}）" in err and err.startswith("kczy：不能新建 ")
    assert listing(root) == before
    if "keep" in changes:
        assert announcement.read_bytes() == original


# --- OPERATIONS walks the secretariat through objections and the announcement with these commands -------

TITLED_KEY = re.compile(r"“([^”]+)”（([a-z_]+)")


def operations_section() -> str:
    text = (PROJECT / "OPERATIONS.md").read_text("utf-8")
    start = text.index("3. **异议**")
    return text[start:text.index("\n5. ", start)]


def blocks(section: str, language: str) -> list[str]:
    found = re.findall(rf"```{language}\n(.*?)```", section, flags=re.S)
    return [textwrap.dedent(block) for block in found]


def test_operations_names_the_objection_fields_as_the_schemas_do() -> None:
    section = operations_section()
    schemas = {name: json.loads((PROJECT / "schemas" / f"{name}.schema.json").read_text("utf-8"))
               for name in ("objection", "announcement")}
    fields = [
        *schemas["objection"]["properties"].items(),
        *schemas["objection"]["properties"]["submitter"]["properties"].items(),
        *schemas["announcement"]["properties"].items(),
    ]
    titles: dict[str, set[str]] = {}
    for key, node in fields:
        titles.setdefault(key, set()).add(node["title"])
    named = TITLED_KEY.findall(section)
    assert len(named) >= 12
    for title, key in named:
        assert titles.get(key) == {title}, (title, key)
    # Every choice of the objection is written as the schema writes it.
    for key in ("admissible", "status"):
        for _, word in schemas["objection"]["properties"][key][CHOICES]:
            assert word in section, word


def test_operations_objection_and_announcement_steps_work_as_written(tmp_path: Path) -> None:
    """The steps run on the sample round with its objections and announcement taken away: the commands of
    the section, then the decided objection of its example, then validate and verify."""
    root = copy_project_data(tmp_path / "repo")
    for path in (root / PREFIX / "objections").glob("*.yaml"):
        path.unlink()
    (root / PREFIX / "announcement.yaml").unlink()
    section = operations_section()
    commands = [shlex.split(line) for block in blocks(section, "sh") for line in block.splitlines()]
    assert [command[:3] for command in commands] == [
        ["kczy", "new", "objection"], ["kczy", "new", "announcement"]
    ]
    example = yaml.safe_load(blocks(section, "yaml")[0])
    status, _, err = new(root, *commands[0][2:])
    assert status == 0, err
    written = root / PREFIX / "objections" / f"o{SAMPLE_YEAR}-01.yaml"
    template = yaml.safe_load(written.read_text("utf-8"))
    for key in ("received_on", "application", "form"):
        assert str(template[key]) == str(example[key]), key
    assert template["status"] == "待处理"
    # Refused while the objection is pending, as the step says.
    assert new(root, *commands[1][2:])[0] == 1
    header = "".join(line + "\n" for line in written.read_text("utf-8").splitlines() if line.startswith("#"))
    written.write_text(header + blocks(section, "yaml")[0], "utf-8")
    assert findings(root, f"{PREFIX}objections/o{SAMPLE_YEAR}-01.yaml") == []
    status, _, err = new(root, *commands[1][2:])
    assert status == 0, err
    validated = run_kczy("validate", cwd=root)
    assert validated.returncode == 0, validated.stdout
    verified = run_kczy("verify", cwd=root)
    assert verified.returncode == 0, verified.stdout
    assert "✓ 公布名单：9 个项目（公示名单减去异议成立的 1 个：ysyp-xuchang-fazhipin）" in verified.stdout
