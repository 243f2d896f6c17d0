"""`kczy validate submissions/<year>/schemas/X.schema.json` checks the file as a schema of that year (it
said 全部通过 without looking at it): valid JSON, draft 2020-12, kczy's vocabulary, at file:line:column."""

from __future__ import annotations

from pathlib import Path

from conftest import PROJECT, SAMPLE_YEAR, copy_project_data, run_kczy
from kczy.repo import read_schema_folder
from kczy.rulesfile import rules_file_findings

FOLDER = f"submissions/{SAMPLE_YEAR}/schemas"
SAMPLE_RULES = read_schema_folder(PROJECT, FOLDER)
NAME = "extra.schema.json"


def findings_of(body: str, name: str = NAME) -> list[tuple[str, int, int, str]]:
    files = {**SAMPLE_RULES, name: body.encode()}
    return [(f.path, f.line, f.column, f.code) for f in rules_file_findings(FOLDER, files, [name])]


def test_the_sample_rules_files_have_no_findings() -> None:
    assert rules_file_findings(FOLDER, SAMPLE_RULES, sorted(SAMPLE_RULES)) == []


def test_a_file_that_is_no_json_is_a_finding_at_the_place_json_stops() -> None:
    found = findings_of('{"type": "object",\n  "properties": {\n')
    assert found == [(f"{FOLDER}/{NAME}", 3, 1, "rulesfile.not-json")]


def test_a_file_not_in_utf8_is_a_finding() -> None:
    files = {**SAMPLE_RULES, NAME: '{"title": "标题"}'.encode("gb18030")}
    assert [f.code for f in rules_file_findings(FOLDER, files, [NAME])] == ["rulesfile.not-utf8"]


def test_an_unknown_keyword_is_a_finding_at_its_key() -> None:
    body = '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "typo": 5\n}\n'
    assert findings_of(body) == [(f"{FOLDER}/{NAME}", 3, 3, "schemafile.unknown-keyword")]


def test_a_value_draft_2020_12_does_not_allow_is_a_finding_at_its_key() -> None:
    body = '{"type": "object",\n "properties": {"a": {"minimum": "5"}}}'
    assert findings_of(body) == [(f"{FOLDER}/{NAME}", 2, 23, "schemafile.value")]


def test_a_ref_to_nothing_in_the_folder_is_a_finding() -> None:
    body = '{"type": "object",\n "properties": {"a": {"$ref": "defs.schema.json#/$defs/nothing"}}}'
    assert findings_of(body) == [(f"{FOLDER}/{NAME}", 2, 23, "schemafile.ref-missing")]


def test_a_ref_to_another_file_of_the_folder_is_judged_with_it() -> None:
    assert findings_of('{"$ref": "defs.schema.json#/$defs/id"}') == []


def test_only_the_given_files_findings_are_reported() -> None:
    files = {**SAMPLE_RULES, NAME: b'{"typo": 1}', "other.schema.json": b"{"}
    assert [f.path for f in rules_file_findings(FOLDER, files, [NAME])] == [f"{FOLDER}/{NAME}"]


def test_validate_checks_a_rules_file_given_alone_even_when_the_rules_are_broken(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    target = root / FOLDER / NAME
    good = run_kczy("validate", f"{FOLDER}/defs.schema.json", cwd=root)
    assert good.returncode == 0 and "已检查 1 个文件，全部通过" in good.stdout
    target.write_text('{\n  "type": "object",\n  "minItem": 2\n}\n', encoding="utf-8")
    bad = run_kczy("validate", f"{FOLDER}/{NAME}", cwd=root)
    assert bad.returncode == 1, bad.stderr
    assert bad.stdout.startswith(f"{FOLDER}/{NAME}:3:3: 不认识的关键字“minItem”")
    assert "（schemafile.unknown-keyword）" in bad.stdout and bad.stderr == ""
    target.write_text('{"type": "object",\n', encoding="utf-8")
    broken = run_kczy("validate", f"{FOLDER}/", cwd=root)
    assert broken.returncode == 1 and f"{FOLDER}/{NAME}:2:1: 不是有效的 JSON" in broken.stdout
    # The round itself cannot be read with broken rules: it stops, naming the file and place in Chinese.
    whole = run_kczy("validate", f"submissions/{SAMPLE_YEAR}/round.yaml", cwd=root)
    assert whole.returncode == 2
    assert f"无法读取 {FOLDER}/{NAME}：第 2 行第 1 列附近不是有效的 JSON" in whole.stderr
