"""A round's registries (units.yaml, committee.yaml), read once into frozen, typed entries with the
places of their values.

Pure: `read_units` and `read_members` take the file as parsed and checked (`RoundFiles.checked`) and return
the registry, or one without entries and with the findings that say why it cannot be read (missing, not
YAML, not of the shape kczy reads: `kczy.shapes`). Every consumer (validate's cross-file rules, check-pr's
ownership, CODEOWNERS, allowed-signers, identities, the site, the dossier, the documents, the templates)
reads units and members here (`RoundFiles.unit_registry`, `RoundFiles.units()`); a command that needs a
registry stops with its findings when it cannot be read (`RegistryUnreadable`, exit status 1).

The secretariat is part of round.yaml: `kczy.roundmodel.Secretariat`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from kczy.findings import Finding
from kczy.yamlload import Document, NodePath, Position


@dataclass(frozen=True)
class Unit:
    """A registered unit (a society, a city association, a company ...)."""

    id: str
    name: str
    """As written; the id when the entry names none."""
    kind: str
    logins: tuple[str, ...]
    emails: tuple[str, ...]
    """Private: the commit e-mails of the unit's accounts, never on a public page."""
    at: NodePath
    """Where the entry is written: ("units", index)."""


@dataclass(frozen=True)
class Member:
    """A member of the review committee."""

    id: str
    name: str
    role: str
    position: str
    logins: tuple[str, ...]
    emails: tuple[str, ...]
    """Private, as the units'."""
    affiliations: tuple[str, ...]
    """The units the member is recused from (`kczy.recusal`)."""
    signing_key: str | None
    at: NodePath
    """("members", index)."""


Entry = TypeVar("Entry", Unit, Member)


@dataclass(frozen=True)
class Registry(Generic[Entry]):
    """One registry file: its entries by id (the first listing of an id), every listing in file order (a
    repeated id included, for the rule that reports it), and where each value is written."""

    path: str
    entries: Mapping[str, Entry]
    listed: tuple[Entry, ...]
    document: Document | None
    findings: tuple[Finding, ...] = ()
    """Why the registry cannot be read (then it has no entries); empty when it can."""

    @property
    def readable(self) -> bool:
        return not self.findings

    def place(self, entry: Entry, *node_path: str | int) -> Position:
        """The line and column of `entry`'s value at `node_path` (of the entry itself without one)."""
        return self.document.place((*entry.at, *node_path)) if self.document is not None else (1, 1)


Read = tuple[Document | None, Sequence[Finding]]
"""A registry file as read and checked (`RoundFiles.checked`): its document when it is readable (of the
shape kczy reads), else None, and its findings; None for a round without the file."""


def read_units(path: str, read: Read | None) -> Registry[Unit]:
    """units.yaml."""
    return _read(path, read, "units", _unit)


def read_members(path: str, read: Read | None) -> Registry[Member]:
    """committee.yaml."""
    return _read(path, read, "members", _member)


def _read(
    path: str, read: Read | None, key: str, entry: Callable[[Mapping[str, Any], NodePath], Entry]
) -> Registry[Entry]:
    if read is None:
        missing = Finding(path, 1, 1, "cross.missing-registry", {"name": path.rsplit("/", 1)[-1]})
        return Registry(path, MappingProxyType({}), (), None, (missing,))
    document, findings = read
    if document is None:
        errors = tuple(f for f in findings if f.severity == "error")
        return Registry(path, MappingProxyType({}), (), None, errors)
    items = document.data.get(key)
    listed = tuple(
        entry(item, (key, index))
        for index, item in enumerate(items if isinstance(items, list) else [])
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    )
    by_id: dict[str, Entry] = {}
    for each in listed:
        by_id.setdefault(each.id, each)
    return Registry(path, MappingProxyType(by_id), listed, document)


def _texts(value: Any) -> tuple[str, ...]:
    """A list of texts (the shape is checked before: anything else is no list here)."""
    return tuple(value) if isinstance(value, list) else ()


def _unit(item: Mapping[str, Any], at: NodePath) -> Unit:
    return Unit(
        id=item["id"],
        name=str(item.get("name") or item["id"]),
        kind=str(item.get("kind") or ""),
        logins=_texts(item.get("logins")),
        emails=_texts(item.get("emails")),
        at=at,
    )


def _member(item: Mapping[str, Any], at: NodePath) -> Member:
    key = item.get("signing_key")
    return Member(
        id=item["id"],
        name=str(item.get("name") or item["id"]),
        role=str(item.get("role") or ""),
        position=str(item.get("position") or ""),
        logins=_texts(item.get("logins")),
        emails=_texts(item.get("emails")),
        affiliations=_texts(item.get("affiliations")),
        signing_key=key if isinstance(key, str) else None,
        at=at,
    )
