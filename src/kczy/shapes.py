"""What the core reads of each kind of file, checked once at the edge whatever a year's rules say.

A year's own rules (`submissions/<year>/schemas/`) decide what an application or a ballot must hold; the
code that reads them (the cross-file rules, the tally, the site, the documents) needs less: that the
fields it reads, when present, are of the types it reads them as (`partners` a list of mappings, a vote a
list of ids, a quota a number). A year that loosens a schema to `{}` or `true` must not let a malformed
file reach that code, so `RoundFiles.checked` adds these findings (file:line:column, `shape.type`) to the
schema's, and a file with any of them is not read further (`ParsedFile.readable`).

Pure: a document in, findings out. The shapes mirror the default rules' types (`schemas/`): a file those
rules accept has no shape finding, and one they refuse is told by their finding at the same place (the
shape finding is then left out, so nothing is said twice).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kczy.findings import Finding
from kczy.roundmodel import SCHEDULE_KEYS
from kczy.schemas import SchemaSet, mismatch_params
from kczy.yamlload import Document, NodePath


@dataclass(frozen=True)
class Scalar:
    """A value of one of these JSON types ("string", "integer", "number", "boolean"), or one of `choices`
    (the words the core decides by: `calendar` or `workdays`)."""

    types: tuple[str, ...]
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListOf:
    item: Shape


@dataclass(frozen=True)
class MapOf:
    """A mapping whose every value has the shape (keys are whatever the year's rules allow)."""

    value: Shape


@dataclass(frozen=True)
class Fields:
    """A mapping; each named field, when it is written (not blank), has its shape; other fields are not
    read. `needed`: fields the core cannot do without (written, not blank); `either`: two fields of which
    at least one is written."""

    fields: Mapping[str, Shape]
    needed: frozenset[str] = frozenset()
    either: tuple[str, str] | None = None


Shape = Scalar | ListOf | MapOf | Fields

TEXT = Scalar(("string",))
INTEGER = Scalar(("integer",))
TEXTS = ListOf(TEXT)
ENTRY: dict[str, Shape] = {"id": TEXT, "name": TEXT, "logins": TEXTS, "emails": TEXTS}

APPLICATION = Fields(
    {
        "type": TEXT,
        "title": TEXT,
        "applicant": TEXT,
        "summary": TEXT,
        "partners": ListOf(Fields({"unit": TEXT, "name": TEXT, "kind": TEXT})),
        "attachments": ListOf(Fields({"title": TEXT, "file": TEXT, "criterion": TEXT})),
    }
)
BALLOT = Fields(
    {"member": TEXT, "votes": MapOf(TEXTS), "sealed": TEXT}, frozenset({"member"}), ("votes", "sealed")
)

BOOLEAN = Scalar(("boolean",))
ROUND = Fields(
    {
        "title": TEXT,
        "organisers": TEXTS,
        "sample": BOOLEAN,
        "secretariat": Fields(
            {"name": TEXT, "logins": TEXTS, "emails": TEXTS}, frozenset({"name", "logins"})
        ),
        "types": MapOf(
            Fields({"quota": INTEGER, "max_votes": INTEGER, "max_per_unit": INTEGER}, frozenset({"quota"}))
        ),
        "schedule": Fields(
            {key: TEXT for key in SCHEDULE_KEYS},
            frozenset({"applications_close", "voting_opens", "voting_closes"}),
        ),
        "notice": Fields(
            {
                "days": INTEGER,
                "count": Scalar((), ("calendar", "workdays")),
                "contact": Fields(
                    {key: TEXT for key in ("office", "phone", "email", "address", "postcode")},
                    frozenset({"office", "phone", "email", "address", "postcode"}),
                ),
            },
            frozenset({"days", "count", "contact"}),
        ),
        "voting": Fields(
            {
                "quorum": Scalar(("integer",), ("majority",)),
                "threshold": Scalar((), ("none", "majority")),
                "show_counts": BOOLEAN,
                "sealed": BOOLEAN,
                "signed": BOOLEAN,
                "tally_recipient": TEXT,
            },
            frozenset({"quorum", "threshold", "show_counts"}),
        ),
        "attachments": Fields({"max_file_bytes": INTEGER, "max_application_bytes": INTEGER}),
    },
    frozenset({"title", "organisers", "sample", "secretariat", "types", "schedule", "notice", "voting"}),
)

SHAPES: Mapping[str, Shape] = {
    "round": ROUND,
    "application": APPLICATION,
    "ballot": BALLOT,
    "objection": Fields(
        {
            "application": TEXT,
            "received_on": TEXT,
            "form": TEXT,
            "summary": TEXT,
            "admissible": Scalar(("boolean", "string")),
            "status": TEXT,
            "decision": TEXT,
            "decided_on": TEXT,
        }
    ),
    "approval": Fields(
        {
            "approved_on": TEXT,
            "meeting": TEXT,
            "notice_starts": TEXT,
            "tally_sha256": TEXT,
            "tally_format": INTEGER,
        }
    ),
    "announcement": Fields({"published_on": TEXT, "document_number": TEXT, "title": TEXT}),
    "runoff-call": Fields(
        {
            "called_on": TEXT,
            "opens": TEXT,
            "closes": TEXT,
            "types": MapOf(
                Fields({"applications": TEXTS, "places": INTEGER}, frozenset({"applications", "places"}))
            ),
        },
        frozenset({"opens", "closes", "types"}),
    ),
    "confirmation": Fields({"unit": TEXT, "confirms": TEXTS}),
    "units": Fields({"units": ListOf(Fields({**ENTRY, "kind": TEXT}))}),
    "committee": Fields(
        {
            "members": ListOf(
                Fields(
                    {
                        **ENTRY,
                        "role": TEXT,
                        "position": TEXT,
                        "signing_key": TEXT,
                        "affiliations": TEXTS,
                    }
                )
            )
        }
    ),
}
"""By role kind (`kczy.layout`): what `kczy.roundmodel` reads of round.yaml, and the files the rest reads."""


@dataclass(frozen=True)
class Problem:
    """One place not of the shape: a value not of the JSON `types` expected there, or (`types` empty) a
    needed field missing or blank there; `either`: two fields of which neither is written."""

    node_path: NodePath
    types: tuple[str, ...] = ()
    either: tuple[str, str] | None = None

    @property
    def pointer(self) -> str:
        return "/" + "/".join(map(str, self.node_path))


def shape_problems(kind: str, data: Any) -> list[Problem]:
    """Where `data` (a file's top-level mapping) is not of the shape the core reads for `kind`. Empty for a
    kind the core reads no further."""
    shape = SHAPES.get(kind)
    return [] if shape is None else list(_walk(shape, data, ()))


def shape_findings(
    document: Document, kind: str, schema: str, schemas: SchemaSet, said: tuple[Finding, ...] = ()
) -> list[Finding]:
    """The shape problems of `document` as findings at their places, worded as type errors with the field
    titles of the year's schema `schema`; a place where (or above which) `said` already has an error is
    left out."""
    told = {f.pointer for f in said if f.severity == "error"}
    found = []
    for problem in shape_problems(kind, document.data):
        pointer = problem.pointer
        if any(pointer == p or pointer.startswith(p.rstrip("/") + "/") for p in told):
            continue
        node_path = problem.node_path
        if problem.types:
            params = mismatch_params(document, schema, node_path, list(problem.types), schemas)
            code = "shape.type"
        elif problem.either is not None:
            params = {"first": problem.either[0], "second": problem.either[1]}
            code = "shape.missing-either"
        else:
            params = {"key": node_path[-1], "field": schemas.title(schema, node_path)}
            code = "shape.missing"
        line, column = document.place(node_path, key=not problem.types)
        found.append(Finding(document.path, line, column, code, params, pointer))
    return found


def _walk(shape: Shape, value: Any, at: NodePath) -> Iterator[Problem]:
    if isinstance(shape, Scalar):
        if not any(_is(kind, value) for kind in shape.types) and value not in shape.choices:
            yield Problem(at, (*shape.types, *(f"“{choice}”" for choice in shape.choices)))
    elif isinstance(shape, ListOf):
        if not isinstance(value, list):
            yield Problem(at, ("array",))
            return
        for index, item in enumerate(value):
            yield from _walk(shape.item, item, (*at, index))
    elif isinstance(shape, MapOf):
        if not isinstance(value, dict):
            yield Problem(at, ("object",))
            return
        for key, item in value.items():
            yield from _walk(shape.value, item, (*at, key))
    else:
        if not isinstance(value, dict):
            yield Problem(at, ("object",))
            return
        for key, field in shape.fields.items():
            if value.get(key) is not None:
                yield from _walk(field, value[key], (*at, key))
            elif key in shape.needed:
                yield Problem((*at, key))
        if shape.either is not None and all(value.get(key) is None for key in shape.either):
            yield Problem((*at, shape.either[0]), either=shape.either)


def _is(kind: str, value: Any) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, int | float) and not isinstance(value, bool)
