"""The fast verdict (`SchemaSet.passes`, fastjsonschema) agrees with the reference (jsonschema).

`schema_findings` trusts `passes` to skip jsonschema for valid files, so a file the compiled validator
wrongly accepts would be reported as valid. Both are asked about every example file, every sample file
and a few hundred seeded mutations of the sample applications.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import PROJECT, SAMPLE_YEAR
from kczy.repo import read_schemas
from kczy.schemas import RECORD_SCHEMAS, TYPE_IDS, SchemaSet
from kczy.yamlload import parse_yaml

EXAMPLES = PROJECT / "tests" / "examples"
ROUND = PROJECT / "submissions" / SAMPLE_YEAR
MUTATIONS_PER_APPLICATION = 24
SEED = 20210926


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    return read_schemas(PROJECT)


def _schema_of_sample(path: Path) -> str:
    relative = path.relative_to(ROUND).parts
    if relative[0] == "applications":
        return relative[1]
    if relative[0] == "ballots":
        return "ballot"
    if relative[0] == "objections":
        return "objection"
    if relative[0] == "partners":
        return "confirmation"
    return path.stem


def _files() -> Iterator[tuple[str, Path]]:
    for path in sorted(EXAMPLES.glob("*/*/*.yaml")):
        yield path.parent.parent.name, path
    for path in sorted(ROUND.rglob("*.yaml")):
        yield _schema_of_sample(path), path


FILES = list(_files())


def _load(path: Path) -> Any:
    document, findings = parse_yaml(path.read_bytes(), path.name)
    assert document is not None, findings
    return document.data


def _agree(schemas: SchemaSet, name: str, data: Any) -> tuple[bool, bool]:
    return schemas.passes(name, data), not any(True for _ in schemas.validator(name).iter_errors(data))


def test_every_schema_is_exercised() -> None:
    assert {name for name, _ in FILES} == {*TYPE_IDS, *RECORD_SCHEMAS}


@pytest.mark.parametrize(("name", "path"), FILES, ids=[str(p.relative_to(PROJECT)) for _, p in FILES])
def test_compiled_and_reference_validators_agree_on_files(schemas: SchemaSet, name: str, path: Path) -> None:
    fast, reference = _agree(schemas, name, _load(path))
    assert fast == reference
    if path.is_relative_to(EXAMPLES) and path.parent.name == "pass":
        assert fast, "a pass example must pass its schema"


# --- mutations of the sample applications

WRONG_VALUES: list[Any] = [None, True, 0, -1, 1.5, "", "文字", [], {}, ["x"], {"x": 1}, "2021-02-30"]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _is_date_text(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 10 and value[:2] == "20" and value[4] == "-"


def _mutate(data: dict[str, Any], rng: random.Random) -> tuple[str, dict[str, Any]]:
    """One edit a person might make by mistake (or harmlessly): a key deleted, a value of the wrong type,
    a list emptied, a bad date, an unknown key, a repeated list item."""
    mutated = copy.deepcopy(data)
    paths = [path for path in _paths(mutated) if path]
    kind = rng.choice(["delete", "wrong-type", "empty-list", "bad-date", "unknown-key", "duplicate-item"])
    candidates = {
        "delete": paths,
        "wrong-type": paths,
        "empty-list": [p for p in paths if isinstance(_get(mutated, p), list)],
        "bad-date": [p for p in paths if _is_date_text(_get(mutated, p))],
        "unknown-key": [p for p in [(), *paths] if isinstance(_get(mutated, p), dict)],
        "duplicate-item": [p for p in paths if isinstance(_get(mutated, p), list) and _get(mutated, p)],
    }[kind]
    path = rng.choice(candidates)
    value = _get(mutated, path)
    if kind == "unknown-key":
        value[rng.choice(["remark", "备注", "industy", "type_"])] = "多余的字段"
    elif kind == "duplicate-item":
        value.append(copy.deepcopy(value[0]))
    elif kind == "delete":
        del _get(mutated, path[:-1])[path[-1]]
    else:
        parent = _get(mutated, path[:-1])
        if kind == "wrong-type":
            parent[path[-1]] = rng.choice([v for v in WRONG_VALUES if type(v) is not type(value)])
        elif kind == "empty-list":
            parent[path[-1]] = []
        else:
            parent[path[-1]] = rng.choice(["2021-13-01", "2021-02-29", "2021/09/26", "2021-9-26"])
    return f"{kind} /{'/'.join(map(str, path))}", mutated


def _mutations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    rng = random.Random(SEED)
    for path in sorted((ROUND / "applications").glob("*/*.yaml")):
        data = _load(path)
        for _ in range(MUTATIONS_PER_APPLICATION):
            description, mutated = _mutate(data, rng)
            yield path.parent.name, f"{path.stem}: {description}", mutated


def test_compiled_and_reference_validators_agree_on_mutations(schemas: SchemaSet) -> None:
    disagreements = []
    verdicts = {True: 0, False: 0}
    for name, description, data in _mutations():
        fast, reference = _agree(schemas, name, data)
        verdicts[reference] += 1
        if fast != reference:
            disagreements.append(f"{description}: compiled={fast} reference={reference}")
    assert not disagreements, "\n".join(disagreements)
    # The mutations must mostly break the file, and not all of them: both verdicts are compared.
    assert verdicts[False] > 200 and verdicts[True] > 10, verdicts
