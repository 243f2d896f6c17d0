"""What a dossier holds, gathered from one round's files. Pure.

The content comes from `kczy.review`, as the reading room's does: fields under their schema titles
(`x-private` ones only named), the criteria checklist, the attachments beside their criteria. Ballots
are never read, so a dossier says nothing about votes, sealed round or not.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from kczy.attachments import CONTENT_NAMES
from kczy.layout import ID_PATTERN
from kczy.messages import words
from kczy.recusal import recused_units
from kczy.registries import Member as CommitteeMember
from kczy.review import FieldRow, Memo, check_criteria, evidence_by_criterion, field_rows
from kczy.roundfiles import RoundFiles
from kczy.site.model import Criterion, ProjectType, field_names, partner_names, project_types, unit_name


@dataclass(frozen=True)
class Attachment:
    """A listed attachment. `kind` is pdf, png or jpeg when its file passed validation and is
    inserted; None when it is missing or was refused (then only named, never inserted)."""

    title: str
    file: str
    criterion: str
    kind: str | None
    path: str
    size: int
    pages: int | None
    sha256: str

    @property
    def label(self) -> str:
        return CONTENT_NAMES[self.kind] if self.kind is not None else words("dossier.attachment-missing")


@dataclass(frozen=True)
class Check:
    id: str
    title: str
    met: bool
    fields: tuple[str, ...]
    attachments: tuple[str, ...]


@dataclass(frozen=True)
class Application:
    id: str
    title: str
    applicant: str
    partners: tuple[str, ...]
    type_name: str
    valid: bool
    recused: tuple[str, ...]
    """Names of the member's units involved (回避); empty without a member or when none is."""
    checks: tuple[Check, ...]
    fields: tuple[FieldRow, ...]
    attachments: tuple[Attachment, ...]


@dataclass(frozen=True)
class Section:
    id: str
    name: str
    description: str
    quota: int
    max_votes: int
    criteria: tuple[Criterion, ...]
    applications: tuple[Application, ...]


@dataclass(frozen=True)
class Member:
    id: str
    name: str


@dataclass(frozen=True)
class Dossier:
    year: str
    title: str
    organisers: tuple[str, ...]
    sample: bool
    type_id: str | None
    """None: the whole round (every type); otherwise the one type of this book."""
    member: Member | None
    sections: tuple[Section, ...]

    @property
    def scope(self) -> str:
        """全部类型, or the name of the book's one type."""
        if self.type_id is None or not self.sections:
            return words("dossier.all-types")
        return self.sections[0].name

    @property
    def name(self) -> str:
        """The book's name on its cover and in its file's metadata."""
        return words("dossier.name", title=self.title, scope=self.scope)

    @property
    def applications(self) -> list[Application]:
        return [app for section in self.sections for app in section.applications]


def gather_dossier(files: RoundFiles, type_id: str | None = None, member_id: str | None = None) -> Dossier:
    """The dossier of the whole round (`type_id` None) or of one type, for everyone or one member.
    Raises FilesUnreadable when an application or a registry is not of the shape it reads."""
    settings = files.settings
    files.require_readable(("application", "units", "committee"))
    member_data = files.members().get(member_id) if member_id is not None else None
    member = Member(member_data.id, member_data.name) if member_data is not None else None
    memo: Memo = {}
    sections = tuple(
        _section(files, kind, member_data, memo)
        for kind in project_types(files)
        if type_id is None or kind.id == type_id
    )
    return Dossier(
        year=files.year,
        title=settings.title,
        organisers=settings.organisers,
        sample=settings.sample,
        type_id=type_id,
        member=member,
        sections=sections,
    )


def _section(files: RoundFiles, kind: ProjectType, member: CommitteeMember | None, memo: Memo) -> Section:
    paths = sorted(
        (files.roles[p].file_id, p)
        for p in files.paths_of("application", kind.id)
        if ID_PATTERN.fullmatch(files.roles[p].file_id)
    )
    return Section(
        id=kind.id,
        name=kind.name,
        description=kind.description,
        quota=kind.quota,
        max_votes=files.settings.types[kind.id].max_votes,
        criteria=kind.criteria,
        applications=tuple(_application(files, path, kind, member, memo) for _, path in paths),
    )


def _application(
    files: RoundFiles, path: str, kind: ProjectType, member: CommitteeMember | None, memo: Memo
) -> Application:
    parsed = files.checked(path)
    data = parsed.data
    units = files.units()
    evidence = evidence_by_criterion(files, parsed, kind)
    attachments = tuple(
        Attachment(
            title=e.item.title,
            file=e.item.file,
            criterion=e.item.criterion,
            kind=e.facts.content_type if e.facts is not None else None,
            path=e.path,
            size=e.facts.size if e.facts is not None else 0,
            pages=e.facts.pages if e.facts is not None else None,
            sha256=e.facts.sha256 if e.facts is not None else "",
        )
        for e in evidence
    )
    checks = tuple(
        Check(
            c.id,
            c.title,
            c.met,
            c.fields,
            tuple(a.title for a in attachments if a.criterion == c.id and a.kind is not None),
        )
        for c in check_criteria(parsed, kind, files.schemas)
    )
    recused = recused_units(member.affiliations, files.application(path)) if member is not None else []
    return Application(
        id=parsed.role.file_id,
        title=str(data.get("title", "")),
        applicant=unit_name(units, str(data.get("applicant", ""))),
        partners=tuple(partner_names(units, data.get("partners"))),
        type_name=kind.name,
        valid=parsed.ok,
        recused=tuple(unit_name(units, unit) for unit in recused),
        checks=checks,
        fields=tuple(field_rows(files.schemas, kind.id, data, memo, field_names(units, kind))),
        attachments=attachments,
    )


def books(dossier: Dossier) -> list[Dossier]:
    """The whole round's dossier and one per type, cut from it (each application gathered once)."""
    whole = dataclasses.replace(dossier, type_id=None)
    return [whole, *(dataclasses.replace(dossier, type_id=s.id, sections=(s,)) for s in dossier.sections)]


def book_name(dossier: Dossier) -> str:
    """The PDF's file name: `kczy-2021-all.pdf`, `kczy-2021-yishi-yipin.pdf`; `-<member>` for a member."""
    scope = dossier.type_id or "all"
    member = f"-{dossier.member.id}" if dossier.member is not None else ""
    return f"kczy-{dossier.year}-{scope}{member}.pdf"
