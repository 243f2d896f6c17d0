"""The schemas themselves: valid JSON Schema, every criterion covered, every field titled in Chinese."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import PROJECT
from kczy.messages import CATALOG
from kczy.repo import read_schemas
from kczy.schemas import RECORD_SCHEMAS, TYPE_IDS

SCHEMA_FILES = sorted((PROJECT / "schemas").glob("*.schema.json"))
CRITERIA_COUNTS = {"yishi-yipin": 9, "yiye-yibao": 4, "yiqi-yiduijie": 6, "yiye-yihui": 5, "yiye-yituan": 3}
CJK = re.compile("[\u4e00-\u9fff]")


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PROJECT / "schemas" / f"{name}.schema.json").read_text("utf-8"))
    return data


def walk(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}/{index}")


def test_every_expected_schema_exists() -> None:
    names = {path.name.removesuffix(".schema.json") for path in SCHEMA_FILES}
    assert names >= set(TYPE_IDS) | set(RECORD_SCHEMAS) | {"defs"}


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_property_has_a_chinese_title_and_description(path: Path) -> None:
    schema = json.loads(path.read_text("utf-8"))
    missing = []
    for where, node in walk(schema):
        for name, prop in (
            (node.get("properties") or {}).items() if where.split("/")[-1] != "properties" else ()
        ):
            if not (CJK.search(prop.get("title", "")) and prop.get("description")):
                missing.append(f"{where}/properties/{name}")
    assert missing == []


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_objects_are_closed(path: Path) -> None:
    schema = json.loads(path.read_text("utf-8"))
    open_objects = [
        where
        for where, node in walk(schema)
        if "properties" in node
        and where.split("/")[-1] != "properties"
        and node.get("additionalProperties") is not False
    ]
    assert open_objects == []


@pytest.mark.parametrize("type_id", TYPE_IDS)
def test_every_criterion_is_covered_by_a_constrained_property(type_id: str) -> None:
    schema = load(type_id)
    criteria = [c["id"] for c in schema["x-criteria"]]
    assert criteria == [f"{type_id}.{n}" for n in range(1, CRITERIA_COUNTS[type_id] + 1)]
    covered: set[str] = set()
    for _, node in walk(schema):
        marked = node.get("x-criterion")
        if marked is None:
            continue
        ids = [marked] if isinstance(marked, str) else marked
        assert set(ids) <= set(criteria), ids
        assert set(node) - {"title", "description", "x-criterion", "x-private"}, f"{ids} has no constraint"
        covered |= set(ids)
    assert covered == set(criteria)


def test_source_counts_are_constraints() -> None:
    """The numbers the rules name: 1+ national and provincial society, 1+ academician, several experts,
    3+ visits, 5+ service activities."""
    minimums = {
        type_id: {
            where.split("/")[-1]: node["minItems"]
            for where, node in walk(load(type_id))
            if "minItems" in node
        }
        for type_id in TYPE_IDS
    }
    yishi = minimums["yishi-yipin"]
    assert yishi["national_societies"] >= 1 and yishi["provincial_societies"] >= 1
    assert yishi["academicians"] >= 1 and yishi["experts"] >= 2
    assert minimums["yiqi-yiduijie"]["visits"] >= 3
    assert max(minimums["yiye-yituan"].values()) >= 5


def test_private_fields_are_marked() -> None:
    for type_id in TYPE_IDS:
        assert load(type_id)["properties"]["contact"].get("x-private") is True
    assert load("objection")["properties"]["submitter"].get("x-private") is True


@pytest.mark.parametrize("type_id", TYPE_IDS)
def test_applicant_rule_is_declared(type_id: str) -> None:
    rule = load(type_id)["x-applicant"]
    kinds = {"city-association", "provincial-society", "enterprise", "university-association"}
    assert rule["kinds"] and set(rule["kinds"]) <= kinds
    assert all(set(group) <= kinds for group in rule["together"])


def test_every_message_code_used_in_the_code_has_a_catalog_entry() -> None:
    source = "\n".join(path.read_text("utf-8") for path in (PROJECT / "src" / "kczy").rglob("*.py"))
    prefixes = sorted({code.split(".")[0] for code in CATALOG})
    alternatives = "|".join(map(re.escape, prefixes))
    pattern = re.compile(rf"\"((?:{alternatives})\.[a-zA-Z-]+)\"")
    file_names = (".yaml", ".json", ".py", ".js", ".md", ".typ")  # "site.py", "form.js": files, not codes
    used = {code for code in pattern.findall(source) if not code.endswith(file_names)}
    assert used - set(CATALOG) == set()
    # Chinese sentences; a template without Chinese is only placeholders, punctuation and a short term
    # (the catalog also holds separators and frames such as "{label}：{value}", "SHA-256")
    for template in CATALOG.values():
        latin = re.findall("[A-Za-z]", re.sub("{[^}]*}", "", template))
        assert template and (CJK.search(template) or len(latin) <= 10), template


def test_every_validation_keyword_the_schemas_use_has_a_message() -> None:
    structural = {
        "$schema",
        "$defs",
        "$ref",
        "title",
        "description",
        "properties",
        "items",
        "type",
        "examples",
        "allOf",
        "anyOf",
        "default",
    }
    used: set[str] = set()
    for path in SCHEMA_FILES:
        for where, node in walk(json.loads(path.read_text("utf-8"))):
            if (
                where.split("/")[-1] not in ("properties", "$defs")
                and "/x-" not in where
                and "/enum" not in where
            ):
                used |= {key for key in node if not key.startswith("x-")}
    assert {f"schema.{keyword}" for keyword in used - structural} - set(CATALOG) == set()


def test_schema_set_loads_and_resolves_refs_across_files() -> None:
    schemas = read_schemas(PROJECT)
    for type_id in TYPE_IDS:
        assert schemas.title(type_id, ("contact", "phone")) != "phone"
        assert schemas.title(type_id, ("title",)) == "项目名称"
