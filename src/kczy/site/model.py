"""What the public may know about a round, projected from its files, its tally and its timeline.

A whitelist: each public field is copied by name (project title, applicant's name, type, partners'
names, summary, and vote counts where round.yaml allows). Contact data, attachments, evidence,
ballots, who voted for what and objectors never enter these values, so no page can show them. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kczy.registries import Unit
from kczy.roundfiles import RoundFiles
from kczy.roundmodel import Contact as Contact
from kczy.stages import Timeline
from kczy.tally.outcome import Row, TallyOutcome


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class ProjectType:
    id: str
    name: str
    description: str
    quota: int
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class PublicProject:
    id: str
    type_id: str
    title: str
    applicant: str
    partners: tuple[str, ...]
    summary: str
    votes: int | None
    """None unless round.yaml's `voting.show_counts` is true."""
    rank: int


@dataclass(frozen=True)
class ObjectionOutcome:
    """An objection in general terms: what it concerned and how it ended; never who raised it."""

    id: str
    application: str
    project_title: str
    summary: str
    admissible: bool
    status: str
    decision: str


@dataclass(frozen=True)
class PublicRound:
    year: str
    title: str
    organisers: tuple[str, ...]
    sample: bool
    types: tuple[ProjectType, ...]
    timeline: Timeline
    contact: Contact
    proposed: Mapping[str, tuple[PublicProject, ...]]
    """Type id → the approved projects (the notice list); empty before the notice is published."""
    objections: tuple[ObjectionOutcome, ...]
    committee_size: int
    valid_ballots: int
    unit_kinds: tuple[str, ...] = ()
    """The kinds of the registered units (who the announcement is addressed to)."""
    secretariat: str = ""
    """The secretariat's department (public; its members' e-mails are not)."""
    """The kinds of the registered units (who the announcement is addressed to)."""

    @property
    def announced(self) -> Mapping[str, tuple[PublicProject, ...]]:
        """The notice list less the projects removed by an upheld objection; empty before publication."""
        if not self.timeline.announced:
            return {}
        removed = self.timeline.upheld
        return {t: tuple(p for p in projects if p.id not in removed) for t, projects in self.proposed.items()}


def project_types(files: RoundFiles) -> tuple[ProjectType, ...]:
    """The round's types, as round.yaml lists them (the tally counts the same ones), described by their
    schemas' x-type-name and x-criteria; a year's rules loosened to `{}` leave a type its catalog name."""
    found = []
    for type_id, settings in files.settings.types.items():
        schema = files.schemas.schemas.get(type_id)
        if not isinstance(schema, dict):
            schema = {}
        criteria = tuple(
            Criterion(str(c.get("id", "")), str(c.get("title", "")), str(c.get("text", "")))
            for c in schema.get("x-criteria", [])
            if isinstance(c, dict)
        )
        found.append(
            ProjectType(
                id=type_id,
                name=files.schemas.type_name(type_id),
                description=str(schema.get("description", "")),
                quota=settings.quota,
                criteria=criteria,
            )
        )
    return tuple(found)


def public_round(files: RoundFiles, tally: TallyOutcome | None, timeline: Timeline) -> PublicRound:
    """The public view of one round on the timeline's day. `tally` may be None before voting closes."""
    settings = files.settings
    units = files.units()
    applications = files.application_paths()
    show_counts = settings.voting.show_counts
    proposed: dict[str, tuple[PublicProject, ...]] = {}
    if timeline.notice_published and tally is not None:
        for body in tally.types:
            rows = [row for row in body.ranking if row.status == "selected"]
            proposed[body.type_id] = tuple(
                _project(files, units, applications.get(row.application), body.type_id, row, show_counts)
                for row in rows
            )
    titles = {p.id: p.title for projects in proposed.values() for p in projects}
    objections = tuple(
        ObjectionOutcome(
            id=o.id,
            application=o.application,
            project_title=titles.get(o.application, ""),
            summary=o.summary,
            admissible=o.admissible is True,
            status=o.status,
            decision=o.decision,
        )
        for o in timeline.objections
    )
    return PublicRound(
        year=files.year,
        title=settings.title,
        organisers=settings.organisers,
        sample=settings.sample,
        types=project_types(files),
        timeline=timeline,
        contact=settings.notice.contact,
        proposed=proposed,
        objections=objections,
        committee_size=tally.committee_size if tally else 0,
        valid_ballots=len(tally.ballots.valid) if tally else 0,
        unit_kinds=tuple(sorted({unit.kind for unit in units.values()})),
        secretariat=settings.secretariat.name,
    )


def _project(
    files: RoundFiles,
    units: Mapping[str, Unit],
    path: str | None,
    type_id: str,
    row: Row,
    show_counts: bool,
) -> PublicProject:
    document = files.parse(path) if path is not None else None
    data = document.data if document is not None else {}
    applicant = str(data.get("applicant", row.applicant))
    return PublicProject(
        id=row.application,
        type_id=type_id,
        title=str(data.get("title", row.title)),
        applicant=unit_name(units, applicant),
        partners=tuple(partner_names(units, data.get("partners"))),
        summary=str(data.get("summary", "")),
        votes=row.votes if show_counts else None,
        rank=row.rank,
    )


def unit_name(units: Mapping[str, Unit], unit_id: str) -> str:
    unit = units.get(unit_id)
    return unit.name if unit is not None else unit_id


def field_names(units: Mapping[str, Unit], kind: ProjectType) -> dict[str, str]:
    """Unit and type ids → the names people know them by, for an application's fields
    (`kczy.review.field_rows`): the reading room and the dossier show the same."""
    return {**{unit_id: unit_name(units, unit_id) for unit_id in units}, kind.id: kind.name}


def partner_names(units: Mapping[str, Unit], partners: Any) -> list[str]:
    names = []
    for partner in partners if isinstance(partners, list) else []:
        if isinstance(partner, dict) and isinstance(partner.get("unit"), str):
            names.append(unit_name(units, partner["unit"]))
        elif isinstance(partner, dict) and isinstance(partner.get("name"), str):
            names.append(partner["name"])
        elif isinstance(partner, str):
            names.append(unit_name(units, partner))
    return names


