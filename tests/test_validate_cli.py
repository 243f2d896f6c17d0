"""`kczy validate` and `kczy new` through the real command, on copies of the sample round."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import PROJECT, finding_codes, run_kczy

BROKEN_FIXTURE = PROJECT / "tests" / "fixtures" / "broken-yiye-yibao.yaml"
YIBAO = "submissions/2021/applications/yiye-yibao"
SAMPLE_APPLICATION = f"{YIBAO}/yb-jxgc-zhuangbei.yaml"

# The exact findings of the deliberately broken fixture: code, line, column.
BROKEN_EXPECTED = [
    ("schema.required", 3, 1),
    ("schema.minLength", 4, 8),
    ("cross.unknown-unit", 5, 12),
    ("schema.enum", 8, 11),
    ("schema.type", 16, 10),
    ("schema.type", 18, 18),
    ("schema.additionalProperties", 19, 1),
    ("schema.format", 23, 13),
    ("yaml.duplicate-key", 25, 7),
]


def test_the_sample_round_validates(sample_repo: Path) -> None:
    result = run_kczy("validate", cwd=sample_repo)
    assert result.returncode == 0, result.stdout
    assert "没有错误，全部通过" in result.stdout.splitlines()[-1]
    # The sample's ballots hold one recusal and one over-vote on purpose: warnings, counted by the tally.
    warnings = set(finding_codes(result.stdout))
    assert warnings == {"tally.vote.over-limit", "tally.vote.recused"}


def test_the_shipped_repository_validates() -> None:
    result = run_kczy("validate", cwd=PROJECT / "src")
    assert result.returncode == 0, result.stdout


def test_broken_fixture_gives_exactly_its_findings(sample_repo: Path) -> None:
    target = sample_repo / YIBAO / "yb-broken.yaml"
    shutil.copy(BROKEN_FIXTURE, target)
    result = run_kczy("validate", "--format", "json", str(target), cwd=sample_repo)
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert [(f["code"], f["line"], f["column"]) for f in findings] == BROKEN_EXPECTED
    assert {f["file"] for f in findings} == {f"{YIBAO}/yb-broken.yaml"}
    assert all(f["severity"] == "error" for f in findings)
    messages = {f["code"] + str(f["line"]): f["message"] for f in findings}
    assert (
        messages["schema.additionalProperties19"]
        == "本文件中没有字段“industy”，是否想写“industry”（研究的主导产业）？"
    )
    assert "请加引号" in messages["schema.type16"] and "13800138000" in messages["schema.type16"]


def test_text_format_is_path_line_column_code_message(sample_repo: Path) -> None:
    shutil.copy(BROKEN_FIXTURE, sample_repo / YIBAO / "yb-broken.yaml")
    result = run_kczy("validate", YIBAO, cwd=sample_repo)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == f"{YIBAO}/yb-broken.yaml:3:1: 本文件缺少必填字段“研究的主导产业”（industry）（schema.required）"
    )
    assert len(lines) == len(BROKEN_EXPECTED) + 1
    assert lines[-1].startswith("已检查 ") and "9 个错误" in lines[-1]


def test_github_format_annotates_lines_and_writes_the_step_summary(sample_repo: Path, tmp_path: Path) -> None:
    shutil.copy(BROKEN_FIXTURE, sample_repo / YIBAO / "yb-broken.yaml")
    summary = tmp_path / "summary.md"
    result = run_kczy(
        "validate", "--format", "github", YIBAO, cwd=sample_repo, env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == len(BROKEN_EXPECTED)
    assert annotations[1] == (
        f"::error file={YIBAO}/yb-broken.yaml,line=4,col=8,title=schema.minLength::"
        "“项目名称”（title）太短：至少 4 个字，现有 2 个字"
    )
    table = summary.read_text("utf-8")
    escaped = f"{YIBAO}/yb-broken.yaml".replace("/", "\\/").replace(".", "\\.").replace("-", "\\-")
    assert table.count(f"| {escaped} |") == len(BROKEN_EXPECTED)


def test_github_format_escapes_what_would_end_a_command(sample_repo: Path) -> None:
    (sample_repo / "submissions/2021/bad,name%.yaml").write_text("a: 1\n", "utf-8")
    result = run_kczy("validate", "--format", "github", cwd=sample_repo)
    assert (
        "::error file=submissions/2021/bad%2Cname%25.yaml,line=1,col=1,title=layout.unexpected-file::"
        in result.stdout
    )


@pytest.mark.parametrize(
    "mutation",
    ["bom", "crlf", "comments", "key-order", "flow-style", "quoted-date"],
)
def test_harmless_edits_keep_a_valid_file_valid(sample_repo: Path, mutation: str) -> None:
    path = sample_repo / SAMPLE_APPLICATION
    text = path.read_text("utf-8")
    if mutation == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    elif mutation == "crlf":
        path.write_bytes(text.replace("\n", "\r\n").encode())
    elif mutation == "comments":
        path.write_text("# 新增的注释\n" + text.replace("\nindustry:", "\n# 行间注释\nindustry:"), "utf-8")
    elif mutation == "key-order":
        head, _, rest = text.partition("\ntitle:")
        title_line, _, rest = rest.partition("\n")
        path.write_text(head + "\n" + rest + "title:" + title_line + "\n", "utf-8")
    elif mutation == "flow-style":
        path.write_text(
            text.replace(
                "  - name: 中国机械工程学会\n    kind: national-society",
                "  - {name: 中国机械工程学会, kind: national-society}",
                1,
            ),
            "utf-8",
        )
    else:
        path.write_text(text.replace("date: 2021-04-16", "date: '2021-04-16'"), "utf-8")
    assert path.read_bytes() != (PROJECT / SAMPLE_APPLICATION).read_bytes()
    result = run_kczy("validate", SAMPLE_APPLICATION, cwd=sample_repo)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("content", "code", "line", "column"),
    [
        ("type: yiye-yibao\ntitle: 中文名称\n".encode("gbk"), "encoding.gbk", 2, 8),
        (b"type: yiye-yibao\n\ttitle: x\n", "yaml.tab", 2, 1),
        ("type: yiye-yibao\ntitle： 名称\n".encode(), "yaml.fullwidth-colon", 2, 6),
        (b"type: &t yiye-yibao\ntitle: *t\n", "yaml.anchor", 1, 7),
        (b"type: yiye-yibao\ntype: yiye-yibao\n", "yaml.duplicate-key", 2, 1),
        (b"- yiye-yibao\n", "yaml.not-mapping", 1, 1),
        ("type: yiye-yibao\ntitle: 名\u200b称\n".encode(), "text.zero-width", 2, 9),
        (b"type: yishi-yipin\n", "layout.type-mismatch", 1, 7),
        (b"type: yiye-yibao\nbudget_wan_yuan: 1" + b"0" * 5000 + b"\n", "yaml.number-range", 2, 18),
        (b"type: yiye-yibao\nbudget_wan_yuan: 1e999\n", "yaml.number-range", 2, 18),
        (b'type: yiye-yibao\ntitle: "\\u200b\xe5\x90\x8d\xe7\xa7\xb0"\n', "text.zero-width", 2, 8),
        (b'type: yiye-yibao\ntitle: "\\e[31m\xe5\x90\x8d\xe7\xa7\xb0"\n', "text.control-char", 2, 8),
        ("type: yiye-yibao\ntitle: 名称\u202e)量产(\n".encode(), "text.bidi-control", 2, 10),
        (b'type: yiye-yibao\nsummary: "\\u2066\xe5\x90\x8d\xe7\xa7\xb0"\n', "text.bidi-control", 2, 10),
    ],
    ids=[
        "gbk",
        "tab",
        "fullwidth-colon",
        "anchor",
        "duplicate",
        "list",
        "zero-width",
        "wrong-type-folder",
        "huge-integer",
        "infinite-number",
        "escaped-zero-width",
        "escaped-control-char",
        "bidi-override-in-title",
        "escaped-bidi-isolate-in-summary",
    ],
)
def test_bad_files_fail_with_code_and_place(
    sample_repo: Path, content: bytes, code: str, line: int, column: int
) -> None:
    (sample_repo / YIBAO / "yb-bad.yaml").write_bytes(content)
    result = run_kczy("validate", "--format", "json", f"{YIBAO}/yb-bad.yaml", cwd=sample_repo)
    assert result.returncode == 1
    found = [(f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)]
    assert (code, line, column) in found


def test_symlinks_and_misplaced_files_are_findings(sample_repo: Path) -> None:
    os.symlink("/etc/passwd", sample_repo / YIBAO / "yb-link.yaml")
    (sample_repo / "submissions/2021/applications/unknown-type").mkdir()
    (sample_repo / "submissions/2021/applications/unknown-type/x.yaml").write_text("a: 1\n")
    (sample_repo / YIBAO / "Bad_Name.yaml").write_bytes((PROJECT / SAMPLE_APPLICATION).read_bytes())
    result = run_kczy("validate", "--format", "json", cwd=sample_repo)
    assert result.returncode == 1
    found = {(f["file"], f["code"]) for f in json.loads(result.stdout)}
    assert (f"{YIBAO}/yb-link.yaml", "file.symlink") in found
    assert ("submissions/2021/applications/unknown-type/x.yaml", "layout.unexpected-file") in found
    assert (f"{YIBAO}/Bad_Name.yaml", "layout.bad-id") in found
    assert (f"{YIBAO}/Bad_Name.yaml", "cross.too-many-applications") in found


def test_one_path_still_gets_cross_file_rules_but_only_its_own_findings(sample_repo: Path) -> None:
    copy = sample_repo / YIBAO / "yb-copy.yaml"
    shutil.copy(sample_repo / SAMPLE_APPLICATION, copy)
    result = run_kczy("validate", "--format", "json", str(copy), cwd=sample_repo)
    assert result.returncode == 1
    assert [(f["file"], f["code"]) for f in json.loads(result.stdout)] == [
        (f"{YIBAO}/yb-copy.yaml", "cross.too-many-applications")
    ]


def test_applicant_kind_and_pairing_rules(sample_repo: Path) -> None:
    path = sample_repo / SAMPLE_APPLICATION
    path.write_text(path.read_text("utf-8").replace("applicant: hn-jxgc", "applicant: zz-kx"), "utf-8")
    result = run_kczy("validate", "--format", "json", SAMPLE_APPLICATION, cwd=sample_repo)
    assert [f["code"] for f in json.loads(result.stdout)] == ["cross.applicant-kind"]
    assert "“省辖市科协”类单位不能申报“一业一研报”项目，可申报的单位类型：全省学会" in result.stdout


def test_usage_and_environment_errors_exit_2(sample_repo: Path, tmp_path: Path) -> None:
    assert run_kczy("validate", cwd=tmp_path).returncode == 2
    assert run_kczy("validate", "--round", "1999", cwd=sample_repo).returncode == 2
    assert run_kczy("validate", "no-such-file.yaml", cwd=sample_repo).returncode == 2
    assert run_kczy("validate", "--format", "xml", cwd=sample_repo).returncode == 2
    outside = run_kczy("validate", str(tmp_path), cwd=sample_repo)
    assert outside.returncode == 2 and "不在评审仓库" in outside.stderr


def test_new_application_writes_a_template_that_names_every_criterion(sample_repo: Path) -> None:
    result = run_kczy(
        "new", "application", "--type", "yiqi-yiduijie", "--unit", "muye-xinneng", "--id", "new-one",
        cwd=sample_repo,
    )
    assert result.returncode == 0, result.stderr
    path = sample_repo / "submissions/2021/applications/yiqi-yiduijie/new-one.yaml"
    text = path.read_text("utf-8")
    # The round's own copy of the rules (submissions/2021/schemas/), as seen from the file's folder.
    assert text.startswith("# yaml-language-server: $schema=../../schemas/yiqi-yiduijie.schema.json\n")
    own = sample_repo / "submissions/2021/schemas/yiqi-yiduijie.schema.json"
    schema = json.loads(own.read_text("utf-8"))
    for criterion in schema["x-criteria"]:
        assert f"评审标准 {criterion['id']}：{criterion['title']}" in text
    again = run_kczy(
        "new", "application", "--type", "yiqi-yiduijie", "--unit", "muye-xinneng", "--id", "new-one",
        cwd=sample_repo,
    )
    assert again.returncode == 1 and "不会覆盖" in again.stderr
    assert path.read_text("utf-8") == text
    unfilled = run_kczy("validate", "--format", "json", str(path), cwd=sample_repo)
    assert unfilled.returncode == 1
    assert {f["code"] for f in json.loads(unfilled.stdout)} >= {"schema.empty"}


@pytest.mark.parametrize(
    ("type_id", "unit", "code"),
    [
        ("yiye-yibao", "zz-kx", "cross.applicant-kind"),  # a city association may not write a research report
        ("yiye-yihui", "zz-kx", "cross.too-many-applications"),  # zz-kx already has yyyh-zhengzhou
    ],
)
def test_new_application_refuses_what_validate_would_refuse_with_its_message(
    sample_repo: Path, type_id: str, unit: str, code: str
) -> None:
    relative = f"submissions/2021/applications/{type_id}/new-one.yaml"
    refused = run_kczy(
        "new", "application", "--type", type_id, "--unit", unit, "--id", "new-one", cwd=sample_repo
    )
    assert refused.returncode == 1 and not (sample_repo / relative).exists()
    # The same file written by hand: validate says the very same sentence.
    (sample_repo / relative).write_text(f"type: {type_id}\napplicant: {unit}\n", "utf-8")
    validated = run_kczy("validate", "--format", "json", relative, cwd=sample_repo)
    message = next(f["message"] for f in json.loads(validated.stdout) if f["code"] == code)
    assert refused.stderr == f"kczy：不能新建 {relative}：{message}（{code}）\n"


def test_the_guides_own_example_of_new_application_works_on_the_sample_round(sample_repo: Path) -> None:
    guide = (PROJECT / "CONTRIBUTING.md").read_text("utf-8")
    command = re.search(r"`\.venv/bin/kczy (new application [^`]+)`", guide)
    assert command, "CONTRIBUTING.md shows how to run kczy new application"
    result = run_kczy(*command[1].split(), cwd=sample_repo)
    assert result.returncode == 0, result.stderr
    written = result.stdout.removeprefix("已写出 ").strip()
    checked = run_kczy("validate", "--format", "json", written, cwd=sample_repo)
    codes = {f["code"] for f in json.loads(checked.stdout)}
    assert not codes & {"cross.applicant-kind", "cross.too-many-applications"}


def test_new_ballot_marks_the_applications_a_member_must_recuse_from(sample_repo: Path) -> None:
    (sample_repo / "submissions/2021/ballots/zhang-weimin.yaml").unlink()  # affiliated with hn-jxgc
    assert run_kczy("new", "ballot", "--member", "zhang-weimin", cwd=sample_repo).returncode == 0
    text = (sample_repo / "submissions/2021/ballots/zhang-weimin.yaml").read_text("utf-8")
    assert "#   yb-jxgc-zhuangbei  洛阳高端装备制造产业发展研究报告  【回避：" in text
    assert "#   yb-spkx-shipin  漯河食品产业高质量发展研究报告" in text
    # ysyp-luoyang-zhuangbei names hn-jxgc as a partner: recused as the tally would judge it.
    assert re.search(r"#   ysyp-luoyang-zhuangbei .*【回避：", text)
    # Exactly the applications a vote for which the tally voids as recused are marked.
    marked = re.findall(r"(?m)^  #   (\S+) .*【回避：", text)
    by_type: dict[str, list[str]] = {}
    for path in (sample_repo / "submissions/2021/applications").glob("*/*.yaml"):
        by_type.setdefault(path.parent.name, []).append(path.stem)
    ballot = "member: zhang-weimin\nvotes:\n" + "".join(
        f"  {type_id}:\n" + "".join(f"    - {app}\n" for app in apps) for type_id, apps in by_type.items()
    )
    round_yaml = sample_repo / "submissions/2021/round.yaml"  # room for every vote: only recusal is judged
    round_yaml.write_text(round_yaml.read_text("utf-8").replace("quota: 2", "quota: 9"), "utf-8")
    (sample_repo / "submissions/2021/ballots/zhang-weimin.yaml").write_text(ballot, "utf-8")
    checked = run_kczy(
        "validate", "--format", "json", "submissions/2021/ballots/zhang-weimin.yaml", cwd=sample_repo
    )
    recused = [f["message"] for f in json.loads(checked.stdout) if f["code"] == "tally.vote.recused"]
    assert sorted(re.findall(r"投给“(\S+?)”", "".join(recused))) == sorted(marked)


def test_new_refuses_unknown_units_members_and_bad_ids(sample_repo: Path) -> None:
    assert (
        run_kczy(
            "new", "application", "--type", "yiye-yibao", "--unit", "nobody", "--id", "abc", cwd=sample_repo
        ).returncode
        == 2
    )
    assert (
        run_kczy(
            "new", "application", "--type", "yiye-yibao", "--unit", "zz-kx", "--id", "../x", cwd=sample_repo
        ).returncode
        == 2
    )
    assert run_kczy("new", "ballot", "--member", "nobody", cwd=sample_repo).returncode == 2


def test_new_ballot_lists_the_applications_and_validates_once_filled(sample_repo: Path) -> None:
    ballots = sample_repo / "submissions/2021/ballots"
    member = sorted(p.stem for p in ballots.glob("*.yaml"))[0]
    (ballots / f"{member}.yaml").unlink()
    result = run_kczy("new", "ballot", "--member", member, cwd=sample_repo)
    assert result.returncode == 0, result.stderr
    text = (ballots / f"{member}.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/ballot.schema.json\n")
    assert "yb-jxgc-zhuangbei  洛阳高端装备制造产业发展研究报告" in text
    checked = run_kczy("validate", f"submissions/2021/ballots/{member}.yaml", cwd=sample_repo)
    assert checked.returncode == 0, checked.stdout


def test_new_ballot_with_an_unknown_type_in_round_yaml_is_no_traceback(sample_repo: Path) -> None:
    round_yaml = sample_repo / "submissions/2021/round.yaml"
    text = round_yaml.read_text("utf-8")
    round_yaml.write_text(text.replace("\ntypes:\n", "\ntypes:\n  foo-bar:\n    quota: 1\n", 1), "utf-8")
    (sample_repo / "submissions/2021/ballots/zhou-jun.yaml").unlink()
    result = run_kczy("new", "ballot", "--member", "zhou-jun", cwd=sample_repo)
    # round.yaml cannot be read (kczy.roundmodel): the command stops with its finding, writing nothing
    assert result.returncode == 1, result.stderr
    assert "submissions/2021/round.yaml:18:3: " in result.stderr and "foo-bar" in result.stderr
    assert "（schema.additionalProperties）" in result.stderr and "Traceback" not in result.stderr
    assert not (sample_repo / "submissions/2021/ballots/zhou-jun.yaml").exists()


def test_a_file_name_with_a_newline_stays_on_one_line(sample_repo: Path) -> None:
    (sample_repo / "submissions/2021/ballots/evil\nname.yaml").write_text("member: x\n", "utf-8")
    result = run_kczy("validate", "--round", "2021", cwd=sample_repo)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "evil" in line]
    assert lines and all(line.startswith("submissions/2021/ballots/evil\\x0aname.yaml:1:") for line in lines)
    assert any(": 文件名“evil\\x0aname.yaml”不合规" in line and "（layout.bad-id）" in line for line in lines)


def test_compiled_validators_are_cached_and_a_damaged_cache_is_ignored(
    sample_repo: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    first = run_kczy("validate", "--format", "json", cwd=sample_repo, env=env)
    entries = sorted((cache / "kczy" / "validators").glob("*.py"))
    assert len(entries) >= 12
    for entry in entries:
        entry.write_text("def broken(:\n", "utf-8")
    shutil.copy(BROKEN_FIXTURE, sample_repo / YIBAO / "yb-broken.yaml")
    second = run_kczy("validate", "--format", "json", cwd=sample_repo, env=env)
    assert second.returncode == 1
    assert [(f["code"], f["line"]) for f in json.loads(second.stdout) if "yb-broken" in f["file"]] == [
        (code, line) for code, line, _ in BROKEN_EXPECTED
    ]
    assert first.returncode == 0
    assert "def broken" not in entries[0].read_text("utf-8")


def test_a_symlinked_year_or_a_named_pipe_is_a_finding_not_a_round_or_a_hang(sample_repo: Path) -> None:
    os.symlink("2021", sample_repo / "submissions/2022")
    os.mkfifo(sample_repo / YIBAO / "yb-pipe.yaml")
    result = run_kczy("validate", "--format", "json", cwd=sample_repo)
    assert result.returncode == 1
    found = {(f["file"], f["code"]) for f in json.loads(result.stdout)}
    assert ("submissions/2022", "file.symlink") in found
    assert (f"{YIBAO}/yb-pipe.yaml", "file.unreadable") in found
    assert not [path for path, _ in found if path.startswith("submissions/2022/")]
    status = run_kczy("status", "--now", "2021-09-27T10:00", "--format", "json", cwd=sample_repo)
    assert status.returncode == 0 and json.loads(status.stdout)["round"] == "2021"


def test_a_schedule_out_of_order_is_an_error_at_its_date(sample_repo: Path) -> None:
    path = sample_repo / "submissions/2021/round.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('closes: "2021-09-17T17:00+08:00"', 'closes: "2021-09-01T17:00+08:00"'))
    result = run_kczy("validate", "--format", "json", "submissions/2021/round.yaml", cwd=sample_repo)
    assert result.returncode == 1
    found = [(f["code"], f["line"]) for f in json.loads(result.stdout)]
    line = 1 + text[: text.index("voting_closes:")].count("\n")
    assert ("round.schedule-order", line) in found


def test_a_plain_ballot_with_bad_items_is_explained_as_a_plain_ballot(sample_repo: Path) -> None:
    """The ballot schema is a oneOf (plain | sealed): the messages must follow the form the person wrote."""
    path = "submissions/2021/ballots/sun-zhigang.yaml"
    ballot = "member: sun-zhigang\nvotes:\n  yiye-yibao: [yb-spkx-shipin, 1.5, true]\n"
    (sample_repo / path).write_text(ballot, "utf-8")
    result = run_kczy("validate", "--format", "json", path, cwd=sample_repo)
    assert result.returncode == 1
    found = [(f["code"], f["line"], f["column"], f["pointer"]) for f in json.loads(result.stdout)]
    assert found == [
        ("schema.type", 3, 32, "/votes/yiye-yibao/1"),
        ("schema.type", 3, 37, "/votes/yiye-yibao/2"),
    ]


def test_a_path_outside_submissions_is_a_usage_error_not_a_pass(sample_repo: Path) -> None:
    result = run_kczy("validate", "schemas/round.schema.json", cwd=sample_repo)
    assert result.returncode == 2 and "不在 submissions/ 下" in result.stderr
    assert "通过" not in result.stdout


UNESCAPED = re.compile(r"(?<!\\)[`<>\[\]!&|*_]")


def test_the_step_summary_escapes_file_names(sample_repo: Path, tmp_path: Path) -> None:
    # A name that would close a cell, open a code span and embed an image from another host.
    name = "a`b|<img src=https:x>![x](https:y)&amp;*_.yaml"
    (sample_repo / "submissions/2021" / name).write_text("a: 1\n", "utf-8")
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    result = run_kczy("validate", "--format", "github", cwd=sample_repo, env=env)
    assert result.returncode == 1
    rows = [line for line in summary.read_text("utf-8").splitlines() if "unexpected" in line]
    assert len(rows) == 1
    cells = rows[0].removeprefix("| ").removesuffix(" |").split(" | ")
    assert len(cells) == 5 and cells[1:3] == ["1", "1"]
    assert [UNESCAPED.findall(cell) for cell in cells] == [[]] * 5
    assert "\\`b\\|\\<img" in cells[0]
