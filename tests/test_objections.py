"""Objections and the announcement: the choices people type (Chinese words or English ids, one meaning
everywhere), the order of the records' dates, and the records written by `kczy new objection` and
`kczy new announcement`, through the real command on copies of the sample round."""

from __future__ import annotations

import filecmp
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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
