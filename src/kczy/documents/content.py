"""The notice and the announcement as structured plain text: the one source of their sentences. Pure.

Values are plain text as the secretariat and the applicants wrote them; every renderer escapes them for
its format (Markdown, WordprocessingML, Typst). Nothing private is read: only `PublicRound`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from kczy.messages import words
from kczy.site.model import ObjectionOutcome, PublicProject, PublicRound

DocumentKind = Literal["notice", "announcement"]
# The kinds of units a 通知 is addressed to, in the order it names them (document.addressee.<kind>).
ADDRESSEE_KINDS = ("city-association", "provincial-society", "university-association", "enterprise")


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph: an optional run-in heading (`lead`, at `level` 1–4) and its text.

    `field` marks a contact line (`label`: `text`); `link` says how a page links it ("tel", "mailto")."""

    text: str
    lead: str = ""
    level: int = 0
    label: str = ""
    link: str = ""


@dataclass(frozen=True)
class ListRow:
    project_id: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class ListTable:
    """One type's part of the list: its heading, its rows and a line for a vacancy or an empty type."""

    type_id: str
    heading: str
    headers: tuple[str, ...]
    rows: tuple[ListRow, ...]
    note: str
    columns: tuple[str, ...]
    """What each column holds (number, title, applicant, votes), for the layout: `headers` are its words."""


@dataclass(frozen=True)
class Annex:
    """An attachment (附件) printed after the document: the list of projects."""

    number: int
    title: str
    tables: tuple[ListTable, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class OfficialDocument:
    kind: DocumentKind
    year: str
    sample: bool
    issuers: tuple[str, ...]
    """The issuing organs, in signing order (the mark and the signature)."""
    mark: str
    """The word after the organs' names in the mark: "文件" for an official document, else ""."""
    number: str
    """发文字号, or "" (the notice carries none)."""
    title: str
    addressees: str
    body: tuple[Paragraph, ...]
    annexes: tuple[Annex, ...]
    date: datetime.date

    @property
    def attachments(self) -> tuple[str, ...]:
        """The attachment list under the body (附件：1. …)."""
        return tuple(annex.title for annex in self.annexes)

    @property
    def file_stem(self) -> str:
        return f"{self.year}-{'notice' if self.kind == 'notice' else 'announcement'}"


def annex_label(annex: Annex, numbered: bool) -> str:
    """附件 at the top of an attachment: 附件1, 附件2 … when there are several."""
    return words("document.annex-numbered", number=annex.number) if numbered else words("document.annex")


def attachment_heads(count: int) -> list[str]:
    """The lead of each line of the attachment list under the body (附件说明): 附件：1. on the first,
    as many ideographic spaces on the next ones, so that the names align."""
    head = words("document.attachments")
    heads = [head] + [chr(0x3000) * len(head)] * (count - 1)
    return [f"{h}{n}." if count > 1 else h for n, h in enumerate(heads, start=1)]


def chinese_date(day: datetime.date) -> str:
    """成文日期 in Arabic numerals, as GB/T 9704-2012 writes it: 2021年9月26日."""
    return words("document.date", year=day.year, month=day.month, day=day.day)


def chinese_number(number: int) -> str:
    """1 → 一 … 10 → 十, 11 → 十一 … 99: enough for heading numbers."""
    numerals = words("document.numerals")
    if number <= 10:
        return numerals[number - 1]
    tens, ones = divmod(number, 10)
    head = "" if tens == 1 else numerals[tens - 1]
    return head + words("document.ten") + (numerals[ones - 1] if ones else "")


def subject(public: PublicRound) -> str:
    """What the documents are about: the round's title without its trailing 项目评审 / 评审."""
    return subject_of(public.title)


def subject_of(round_title: str) -> str:
    title = round_title
    for suffix in words("document.title-suffixes").split(words("document.title-suffixes-separator")):
        title = title.removesuffix(suffix)
    return title or round_title


def announcement_title(round_title: str, organisers: Sequence[str] = ()) -> str:
    """关于公布……项目名单的通知, after the issuers' names when they are given (as `kczy new announcement`
    writes it)."""
    return " ".join(organisers) + words("document.announcement-title", subject=subject_of(round_title))


def rules_name(public: PublicRound) -> str:
    return words("document.rules-name", subject=subject(public))


def notice_title(public: PublicRound) -> str:
    return words("document.notice-title", subject=subject(public))


def period_words(public: PublicRound) -> str:
    notice = public.timeline.notice
    assert notice is not None
    unit = words("document.period.workdays" if notice.count == "workdays" else "document.period.days")
    first, last = chinese_date(notice.first_day), chinese_date(notice.last_day)
    return words("document.period", first=first, last=last, days=notice.days, unit=unit)


def build_notice(public: PublicRound) -> OfficialDocument:
    """The 公示 as the association posts it: who decided, on what basis, the list, how to object."""
    timeline = public.timeline
    notice = timeline.notice
    assert notice is not None and timeline.approved_on is not None
    contact = public.contact
    total = sum(len(projects) for projects in public.proposed.values())
    issuer = public.organisers[:1] or (words("document.secretariat"),)
    last = chinese_date(notice.last_day)
    opening = words(
        "document.notice.opening",
        rules=rules_name(public),
        approved=chinese_date(timeline.approved_on),
        meeting=timeline.meeting,
        total=total,
        subject=subject(public),
    )
    rule = [
        (words(f"document.notice.{part}"), words(f"document.notice.{part}-lead"))
        for part in ("named", "written", "specific", "refused", "confidential")
    ]
    body = (
        Paragraph(opening),
        Paragraph("", lead=words("document.notice.period-heading"), level=1),
        Paragraph(words("document.notice.period", period=period_words(public))),
        Paragraph("", lead=words("document.notice.objections-heading"), level=1),
        Paragraph(words("document.notice.objections", last=last)),
        Paragraph("", lead=words("document.notice.requirements-heading"), level=2),
        *(Paragraph(text, lead=lead, level=3) for text, lead in rule),
        Paragraph("", lead=words("document.notice.how-heading"), level=2),
        Paragraph(contact.office, label=words("document.notice.office")),
        Paragraph(contact.phone, label=words("document.notice.phone"), link="tel"),
        Paragraph(contact.email, label=words("document.notice.email"), link="mailto"),
        Paragraph(contact.address, label=words("document.notice.address")),
        Paragraph(contact.postcode, label=words("document.notice.postcode")),
        Paragraph(
            words("document.notice.deadline-value", last=last), label=words("document.notice.deadline")
        ),
    )
    title = words("document.notice.annex", subject=subject(public))
    annex = Annex(1, title, _tables(public, public.proposed), _vote_note(public))
    return OfficialDocument(
        kind="notice",
        year=public.year,
        sample=public.sample,
        issuers=issuer,
        mark="",
        number="",
        title=notice_title(public),
        addressees="",
        body=tuple(p for p in body if p.text or p.lead),
        annexes=(annex,),
        date=notice.first_day,
    )


def build_announcement(public: PublicRound) -> OfficialDocument:
    """The 通知 announcing the list: addressees, procedure, vacancies, objections, the list per type."""
    timeline = public.timeline
    announcement = timeline.announcement
    assert announcement is not None
    published = datetime.date.fromisoformat(str(announcement.get("published_on")))
    lists = public.announced
    body = [
        Paragraph(
            words(
                "document.announcement.opening",
                rules=rules_name(public),
                meeting=timeline.meeting,
                subject=subject(public),
            )
        ),
    ]
    vacancies = vacancy_lines(public, lists)
    if vacancies:
        listed = words("document.announcement.vacancies-separator").join(vacancies)
        body.append(Paragraph(words("document.announcement.vacancies", vacancies=listed)))
    body.append(Paragraph(objection_outcome(public.objections)))
    body.append(Paragraph(words("document.announcement.charge")))
    title = words("document.announcement.annex", subject=subject(public))
    annex = Annex(1, title, _tables(public, lists), _vote_note(public))
    return OfficialDocument(
        kind="announcement",
        year=public.year,
        sample=public.sample,
        issuers=public.organisers or (words("document.secretariat"),),
        mark=words("document.announcement.mark"),
        number=str(announcement.get("document_number", "")),
        title=str(announcement.get("title", "")) or announcement_title(public.title),
        addressees=addressees(public.unit_kinds),
        body=tuple(body),
        annexes=(annex,),
        date=published,
    )


def addressees(kinds: Sequence[str]) -> str:
    """主送机关: the kinds of units registered in the round, in a fixed order."""
    names = [words(f"document.addressee.{kind}") for kind in ADDRESSEE_KINDS if kind in kinds]
    listed = words("document.addressees-separator").join(names)
    return words("document.addressees", names=listed) if names else ""


def vacancy_lines(public: PublicRound, lists: Mapping[str, Sequence[PublicProject]]) -> list[str]:
    """For each type with fewer projects than its quota, what was filled and what stays vacant."""
    lines = []
    for kind in public.types:
        count = len(lists.get(kind.id, ()))
        if count < kind.quota:
            vacant = kind.quota - count
            lines.append(
                words(
                    "document.announcement.vacancy",
                    type=kind.name,
                    quota=kind.quota,
                    count=count,
                    vacant=vacant,
                )
            )
    return lines


def objection_outcome(objections: Sequence[ObjectionOutcome]) -> str:
    """The outcome of objections in general terms: counts, never who objected or what they wrote."""
    if not objections:
        return words("document.objections.none")
    admitted = [o for o in objections if o.admissible]
    upheld = sum(o.status == "upheld" for o in admitted)
    rejected = sum(o.status == "rejected" for o in admitted)
    withdrawn = sum(o.status == "withdrawn" for o in objections)
    refused = len(objections) - len(admitted)
    parts = [words("document.objections.received", count=len(objections))]
    if admitted:
        parts.append(
            words("document.objections.admitted", count=len(admitted), upheld=upheld, rejected=rejected)
        )
    if withdrawn:
        parts.append(words("document.objections.withdrawn", count=withdrawn))
    if refused:
        parts.append(words("document.objections.refused", count=refused))
    text = words("document.objections.end", text=words("document.objections.separator").join(parts))
    if upheld:
        text += words("document.objections.removed", count=upheld)
    return text


def removal_words(public: PublicRound, project: PublicProject) -> str:
    """What a removed project's page says, or "" when the project was not removed (or not yet)."""
    if project.id not in public.timeline.upheld:
        return ""
    return words("document.removed", subject=subject(public))


def _tables(public: PublicRound, lists: Mapping[str, Sequence[PublicProject]]) -> tuple[ListTable, ...]:
    show_votes = any(p.votes is not None for projects in lists.values() for p in projects)
    columns = ("number", "title", "applicant", *(("votes",) if show_votes else ()))
    headers = tuple(words(f"document.list.{column}") for column in columns)
    tables = []
    for number, kind in enumerate(public.types, start=1):
        projects = lists.get(kind.id, ())
        rows = tuple(
            ListRow(
                project.id,
                (
                    str(index),
                    project.title,
                    project.applicant,
                    *((str(project.votes),) if show_votes else ()),
                ),
            )
            for index, project in enumerate(projects, start=1)
        )
        if not projects:
            note = words("document.list.empty")
        elif len(projects) < kind.quota:
            vacant = kind.quota - len(projects)
            note = words("document.list.vacancy", quota=kind.quota, count=len(projects), vacant=vacant)
        else:
            note = ""
        heading = words("document.list.heading", number=chinese_number(number), type=kind.name)
        tables.append(ListTable(kind.id, heading, headers, rows, note, columns))
    return tuple(tables)


def _vote_note(public: PublicRound) -> tuple[str, ...]:
    if not any(p.votes is not None for projects in public.proposed.values() for p in projects):
        return ()
    return (words("document.votes-note", valid=public.valid_ballots, members=public.committee_size),)


def signature_pads(document: OfficialDocument) -> list[float]:
    """落款 without a seal, in characters from the right margin: each organ 2 characters in (aligned on
    the widest name's first character); then the date, its first character 2 characters right of theirs."""
    widest = max(text_width(issuer) for issuer in document.issuers)
    pads = [2 + widest - text_width(issuer) for issuer in document.issuers]
    pads.append(max(widest - text_width(chinese_date(document.date)), 0.0))
    return pads


def text_width(text: str) -> float:
    """The width of `text` in characters of the body font (half-width characters count half)."""
    return sum(0.5 if ord(char) < 0x2E80 else 1.0 for char in text)
