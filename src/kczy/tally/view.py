"""The part of a round the tally reads: its settings (`kczy.roundmodel`: each type's quota and vote limit,
the voting rules), its members and its applications. Read once per tally from the round's files; frozen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kczy.registries import Member
from kczy.roundfiles import RoundFiles
from kczy.roundmodel import RoundSettings, TypeSettings
from kczy.schemas import TYPE_IDS


@dataclass(frozen=True)
class Application:
    id: str
    type_id: str
    title: str
    applicant: str
    units: frozenset[str]
    """Its applicant and registered partners: a member affiliated with one of them is recused."""


@dataclass(frozen=True)
class RoundView:
    files: RoundFiles
    settings: RoundSettings
    members: Mapping[str, Member]
    applications: Mapping[str, Application]
    types: Mapping[str, TypeSettings]
    """In the source document's order, then any other type id of round.yaml sorted."""
    late: frozenset[str] = frozenset()
    """Applications that reached main (or were last changed there) after applications_close."""


def read_view(files: RoundFiles) -> RoundView:
    settings = files.settings
    order = [*TYPE_IDS, *sorted(set(settings.types) - set(TYPE_IDS))]
    types = {type_id: settings.types[type_id] for type_id in order if type_id in settings.types}
    return RoundView(files, settings, files.members(), _applications(files), types)


def _applications(files: RoundFiles) -> dict[str, Application]:
    found: dict[str, Application] = {}
    for app_id, path in files.application_paths().items():
        read = files.application(path)  # None: not readable, and then the tally stops (tally_blockers)
        found[app_id] = Application(
            app_id,
            files.roles[path].type_id,
            read.title if read is not None else "",
            read.applicant or "" if read is not None else "",
            read.units if read is not None else frozenset(),
        )
    return found
