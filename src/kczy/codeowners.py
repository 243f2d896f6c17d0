"""Who owns which file, from the registries, so that each hosting platform's review rules agree with
`kczy check-pr`. `owner_rules` decides; one renderer per platform (kczy.codeowners_syntax) writes it in
that platform's place and syntax."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kczy.checkpr import current_round
from kczy.roundfiles import RoundFiles
from kczy.rules import round_rules_folder


@dataclass(frozen=True)
class OwnerRule:
    """The owners of one file, or of a folder and everything in it when `path` ends with `/`. `path` is
    relative to the repository root."""

    path: str
    owners: tuple[str, ...]


@dataclass(frozen=True)
class OwnerSection:
    """One round's rules: the round's own rules folder to its secretariat, each application and its
    attachments to the applying unit, each ballot to its member; the round's secretariat on every one."""

    year: str
    rules: tuple[OwnerRule, ...]


@dataclass(frozen=True)
class CodeOwners:
    """`everything` owns every file (nobody, when the repository holds only a sample round); a section's
    rule adds the owners of its file."""

    everything: tuple[str, ...]
    sections: tuple[OwnerSection, ...]


def _owners(logins: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(logins)))


def owner_rules(rounds: Iterable[RoundFiles]) -> CodeOwners:
    """The current round's secretariat (the latest non-sample round's, as in check-pr) owns everything;
    a sample round's invented logins own nothing, so a sample round has no section."""
    rounds = list(rounds)
    settings = {files.year: files.settings for files in rounds}  # a round that cannot be read stops here
    current = current_round({files.year: files for files in rounds})
    secretariat = list(settings[current.year].secretariat.logins) if current is not None else []
    sections = []
    for files in rounds:
        if settings[files.year].sample:
            continue
        own = set(settings[files.year].secretariat.logins)
        units = files.units()
        # The round's own rules are round configuration: its secretariat's alone, as in check-pr.
        rules = [OwnerRule(round_rules_folder(files.year) + "/", _owners(own))]
        for app_id, path in sorted(files.application_paths().items()):
            document = files.parse(path)
            unit = document.data.get("applicant") if document is not None else None
            unit_item = units.get(unit) if isinstance(unit, str) else None
            unit_logins = list(unit_item.logins) if unit_item is not None else []
            rules.append(OwnerRule(path, _owners([*unit_logins, *own])))
            rules.append(OwnerRule(f"{files.prefix}attachments/{app_id}/", _owners([*unit_logins, *own])))
        for unit_id, unit_item in sorted(units.items()):  # its consent to be named as a partner
            owners = _owners([*unit_item.logins, *own])
            rules.append(OwnerRule(f"{files.prefix}partners/{unit_id}.yaml", owners))
        for member_id, member in sorted(files.members().items()):
            rules.append(
                OwnerRule(f"{files.prefix}ballots/{member_id}.yaml", _owners([*member.logins, *own]))
            )
        sections.append(OwnerSection(files.year, tuple(rules)))
    return CodeOwners(_owners(secretariat), tuple(sections))
