"""Who owns which file, from the registries, so that each hosting platform's review rules agree with
`kczy check-pr`. `owner_rules` decides; one renderer per platform (kczy.codeowners_syntax) writes it in
that platform's place and syntax."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kczy.roundfiles import RoundFiles


@dataclass(frozen=True)
class OwnerRule:
    """The owners of one file, or of a folder and everything in it when `path` ends with `/`. `path` is
    relative to the repository root."""

    path: str
    owners: tuple[str, ...]


@dataclass(frozen=True)
class OwnerSection:
    """One round's rules: each application and its attachments to the applying unit, each ballot to
    its member; the round's secretariat on every one."""

    year: str
    rules: tuple[OwnerRule, ...]


@dataclass(frozen=True)
class CodeOwners:
    """`everything` owns every file; a section's rule adds the owners of its file."""

    everything: tuple[str, ...]
    sections: tuple[OwnerSection, ...]


def _owners(logins: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(logins)))


def _logins(item: object) -> list[str]:
    logins = item.get("logins") if isinstance(item, dict) else None
    return [x for x in logins if isinstance(x, str)] if isinstance(logins, list) else []


def owner_rules(rounds: Iterable[RoundFiles]) -> CodeOwners:
    rounds = list(rounds)
    secretariat: set[str] = set()
    for files in rounds:
        secretariat |= set(_logins(files.record("round").get("secretariat")))
    sections = []
    for files in rounds:
        own = set(_logins(files.record("round").get("secretariat")))
        units = files.units()
        rules = []
        for app_id, path in sorted(files.application_paths().items()):
            document = files.parse(path)
            unit = document.data.get("applicant") if document is not None else None
            unit_logins = _logins(units.get(unit)) if isinstance(unit, str) else []
            rules.append(OwnerRule(path, _owners([*unit_logins, *own])))
            rules.append(OwnerRule(f"{files.prefix}attachments/{app_id}/", _owners([*unit_logins, *own])))
        for member_id, member in sorted(files.members().items()):
            rules.append(
                OwnerRule(f"{files.prefix}ballots/{member_id}.yaml", _owners([*_logins(member), *own]))
            )
        sections.append(OwnerSection(files.year, tuple(rules)))
    return CodeOwners(_owners(secretariat), tuple(sections))
