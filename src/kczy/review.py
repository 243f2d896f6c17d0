"""What the committee reads of one application: its fields under their schema titles, its criteria
checklist, and the attachments beside the criterion each supports. Pure.

One source for the reading room (`kczy.site.reading`, `kczy.site.evidence`) and the printed dossier
(`kczy.dossier`): both render these values, neither computes them again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kczy.attachments import AttachmentFacts, Listed, describe_attachments
from kczy.messages import words
from kczy.roundfiles import ParsedFile, RoundFiles
from kczy.schemas import SchemaSet
from kczy.site.model import ProjectType


@dataclass(frozen=True)
class CriterionCheck:
    id: str
    title: str
    met: bool
    fields: tuple[str, ...]


def check_criteria(parsed: ParsedFile, kind: ProjectType, schemas: SchemaSet) -> list[CriterionCheck]:
    """Each criterion of the type is met when every property that carries it is present and valid."""
    properties = schemas.properties(kind.id, ())
    bad = {
        f.pointer.split("/")[1]
        for f in parsed.findings
        if f.severity == "error" and f.pointer.count("/") >= 1
    }
    checks = []
    for criterion in kind.criteria:
        keys = [key for key, spec in properties.items() if criterion.id in _criterion_ids(spec)]
        met = bool(keys) and all(key in parsed.data and key not in bad for key in keys)
        titles = tuple(str(properties[key].get("title", key)) for key in keys)
        checks.append(CriterionCheck(criterion.id, criterion.title, met, titles))
    return checks


def _criterion_ids(spec: dict[str, Any]) -> list[str]:
    ids = spec.get("x-criterion")
    return [ids] if isinstance(ids, str) else [str(i) for i in ids] if isinstance(ids, list) else []


@dataclass(frozen=True)
class FieldRow:
    """One line of an application's content: `value` is None for a heading of nested fields."""

    depth: int
    label: str
    value: str | None
    private: bool = False


Memo = dict[tuple[str, tuple[str | int, ...]], tuple[str, bool]]


def field_rows(
    schemas: SchemaSet,
    type_id: str,
    data: Any,
    memo: Memo | None = None,
    names: Mapping[str, str] | None = None,
) -> list[FieldRow]:
    """Every field under its Chinese schema title, in the file's order; `x-private` ones only named.

    `memo` may be shared by the applications of one round: a field's title depends on its schema path
    only (every item of a list has the same schema), and looking it up is most of the cost.
    `names` (unit and type ids → names) shows the applicant, partner units and the type as people know
    them: “郑州市科学技术协会（zz-kx）”, not the bare id.
    """
    return list(_rows(schemas, type_id, (), data, 0, {} if memo is None else memo, names or {}))


def _rows(
    schemas: SchemaSet,
    name: str,
    path: tuple[str | int, ...],
    value: Any,
    depth: int,
    memo: Memo,
    names: Mapping[str, str],
) -> Iterator[FieldRow]:
    if isinstance(value, dict):
        for key, child in value.items():
            label, private = _field(schemas, name, (*path, key), memo)
            if private:
                yield FieldRow(depth, label, words("review.private-omitted"), private=True)
            elif isinstance(child, dict | list):
                yield FieldRow(depth, label, None)
                yield from _rows(schemas, name, (*path, key), child, depth + 1, memo, names)
            else:
                yield FieldRow(depth, label, _named((*path, key), child, names))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict | list):
                yield FieldRow(depth, words("common.item", number=index + 1), None)
                yield from _rows(schemas, name, (*path, index), item, depth + 1, memo, names)
            else:
                yield FieldRow(depth, "", scalar_text(item))


def _field(schemas: SchemaSet, name: str, path: tuple[str | int, ...], memo: Memo) -> tuple[str, bool]:
    """A field's title and whether it is private (`SchemaSet.subschema` reads every list index as `items`)."""
    key = (name, tuple(0 if isinstance(step, int) else step for step in path))
    if key not in memo:
        node = schemas.subschema(name, path) or {}
        resolved = schemas.resolve(name, node) if node else {}
        private = bool(node.get("x-private") or resolved.get("x-private"))
        memo[key] = (schemas.title(name, path), private)
    return memo[key]


def _named(path: tuple[str | int, ...], value: Any, names: Mapping[str, str]) -> str:
    partner_unit = len(path) == 3 and path[0] == "partners" and path[2] == "unit"
    is_id = path in (("type",), ("applicant",)) or partner_unit
    if is_id and isinstance(value, str) and value in names:
        return names[value] if path == ("type",) else words("common.named", name=names[value], id=value)
    return scalar_text(value)


def scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return words("common.yes" if value else "common.no")
    return str(value) if value is not None else words("common.empty")


@dataclass(frozen=True)
class Evidence:
    """A listed attachment: `facts` is None when the file is missing or failed validation (never shown)."""

    item: Listed
    facts: AttachmentFacts | None
    path: str


def evidence_by_criterion(files: RoundFiles, parsed: ParsedFile, kind: ProjectType) -> list[Evidence]:
    """The application's attachments in the order of the type's criteria, then as listed."""
    order = [c.id for c in kind.criteria]
    described = describe_attachments(files, parsed)

    def place(entry: tuple[Listed, AttachmentFacts | None, str]) -> tuple[int, int]:
        criterion = entry[0].criterion
        return (order.index(criterion) if criterion in order else len(order), entry[0].index)

    return [Evidence(item, facts, path) for item, facts, path in sorted(described, key=place)]
