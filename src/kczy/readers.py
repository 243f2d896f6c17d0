"""An application and a ballot as plain, frozen data with the places of their values: what the rules that
span files and the tally consume instead of a file's raw mapping.

Pure: each reader takes a parsed document and returns the typed value, or None when the document is not of
the shape the core reads (`kczy.shapes`: then the file's findings already say where). A shape error is so
found once, at the edge, and the rules downstream never meet a `partners` that is a number or a vote that
is a list of lists, whatever a year's rules allow.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from kczy.shapes import shape_problems
from kczy.yamlload import Document, NodePath, Position


@dataclass(frozen=True)
class Placed:
    """Where a file's values are written (its parsed document)."""

    document: Document

    @property
    def path(self) -> str:
        return self.document.path

    def place(self, *node_path: str | int) -> Position:
        """The line and column of the value at `node_path` (of its nearest written parent when missing)."""
        return self.document.place(node_path)


@dataclass(frozen=True)
class Partner:
    """One entry of an application's `partners`: a registered unit (`unit`) or an outside organisation
    (`name`, `kind`). `at` is its place in the file."""

    unit: str | None
    name: str | None
    kind: str | None
    at: NodePath


@dataclass(frozen=True)
class Application(Placed):
    type: str | None
    title: str
    applicant: str | None
    partners: tuple[Partner, ...]

    @property
    def units(self) -> frozenset[str]:
        """Its applicant and every partner named by unit id: a member affiliated with one is recused."""
        units = {self.applicant} | {p.unit for p in self.partners}
        return frozenset(u for u in units if u)


@dataclass(frozen=True)
class Ballot(Placed):
    member: str
    votes: Mapping[str, tuple[str, ...]] | None
    """Type id → the application ids approved, as written (repeats included); None for a sealed ballot."""
    sealed: str | None


def read_application(document: Document) -> Application | None:
    data = document.data
    if shape_problems("application", data):
        return None
    partners = tuple(
        Partner(item.get("unit"), item.get("name"), item.get("kind"), ("partners", index))
        for index, item in enumerate(data.get("partners") or [])
    )
    return Application(document, data.get("type"), data.get("title") or "", data.get("applicant"), partners)


def read_ballot(document: Document) -> Ballot | None:
    data = document.data
    if shape_problems("ballot", data):
        return None
    votes: Any = data.get("votes")
    written = (
        MappingProxyType({str(type_id): tuple(ids) for type_id, ids in votes.items()})
        if isinstance(votes, dict)
        else None
    )
    return Ballot(document, data["member"], written, data.get("sealed"))
