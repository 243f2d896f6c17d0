"""The notice and the announcement as structured plain text: the one source of their sentences. Pure.

Values are plain text as the secretariat and the applicants wrote them; every renderer escapes them for
its format (Markdown, WordprocessingML, Typst). Nothing private is read: only `PublicRound`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from kczy.site.model import ObjectionOutcome, PublicProject, PublicRound

DocumentKind = Literal["notice", "announcement"]
CHINESE_NUMERALS = "一二三四五六七八九十"
ADDRESSEES = {
    "city-association": "各省辖市科协（含济源示范区科协）",
    "provincial-society": "各全省学会",
    "university-association": "各高校科协",
    "enterprise": "各有关企业",
}


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


def chinese_date(day: datetime.date) -> str:
    """成文日期 in Arabic numerals, as GB/T 9704-2012 writes it: 2021年9月26日."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_number(number: int) -> str:
    """1 → 一 … 10 → 十, 11 → 十一 … 99: enough for heading numbers."""
    if number <= 10:
        return CHINESE_NUMERALS[number - 1]
    tens, ones = divmod(number, 10)
    head = "" if tens == 1 else CHINESE_NUMERALS[tens - 1]
    return head + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "")


def subject(public: PublicRound) -> str:
    """What the documents are about: the round's title without its trailing 项目评审 / 评审."""
    return subject_of(public.title)


def subject_of(round_title: str) -> str:
    title = round_title
    for suffix in ("评审", "项目"):
        title = title.removesuffix(suffix)
    return title or round_title


def announcement_title(round_title: str, organisers: Sequence[str] = ()) -> str:
    """关于公布……项目名单的通知, after the issuers' names when they are given (as `kczy new announcement`
    writes it)."""
    return " ".join(organisers) + f"关于公布{subject_of(round_title)}项目名单的通知"


def rules_name(public: PublicRound) -> str:
    return f"《{subject(public)}项目评审细则》"


def notice_title(public: PublicRound) -> str:
    return f"关于{subject(public)}拟入选项目名单的公示"


def period_words(public: PublicRound) -> str:
    notice = public.timeline.notice
    assert notice is not None
    unit = "个工作日" if notice.count == "workdays" else "天"
    return (
        f"{chinese_date(notice.first_day)}至{chinese_date(notice.last_day)}"
        f"（共{notice.days}{unit}，含首日）"
    )


def build_notice(public: PublicRound) -> OfficialDocument:
    """The 公示 as the association posts it: who decided, on what basis, the list, how to object."""
    timeline = public.timeline
    notice = timeline.notice
    assert notice is not None and timeline.approved_on is not None
    contact = public.contact
    total = sum(len(projects) for projects in public.proposed.values())
    issuer = public.organisers[:1] or ("秘书处",)
    body = (
        Paragraph(
            f"根据{rules_name(public)}，经申报单位申报、专家评审委员会评审投票，"
            f"{chinese_date(timeline.approved_on)}{timeline.meeting}研究，"
            f"确定{total}个项目为{subject(public)}拟入选项目。"
            "为体现公开、公平、公正，现将拟入选项目名单予以公示（见附件）。"
        ),
        Paragraph("", lead="一、公示时间", level=1),
        Paragraph(f"{period_words(public)}。"),
        Paragraph("", lead="二、异议受理", level=1),
        Paragraph(
            "对公示项目有异议的，请在公示期内以书面形式提出，"
            f"以{chinese_date(notice.last_day)}24时前收到为准。",
        ),
        Paragraph("", lead="（一）受理要求", level=2),
        Paragraph(
            "个人应写明真实姓名、工作单位和联系电话，单位应加盖公章并注明联系人；匿名异议不予受理。",
            lead="1.须实名。",
            level=3,
        ),
        Paragraph(
            "通过信函、电子邮件或当面递交书面材料，电话口头反映的请随后补交书面材料。",
            lead="2.须书面。",
            level=3,
        ),
        Paragraph("写明针对的项目名称，并提供具体事实和必要的证明材料。", lead="3.须具体。", level=3),
        Paragraph(
            "逾期提出的、没有具体事实和证据的、仅因对本单位评审结果有不同意见提出的，不予受理。",
            lead="4.不予受理的情形。",
            level=3,
        ),
        Paragraph("秘书处对异议人的身份和联系方式严格保密。", lead="5.保密。", level=3),
        Paragraph("", lead="（二）受理方式", level=2),
        Paragraph(contact.office, label="受理部门"),
        # “电话”, not “联系电话”: the site's search cuts words with jieba, to which 联系电话 is one word,
        # so a reader searching 电话 for the objection contact found nothing.
        Paragraph(contact.phone, label="电话", link="tel"),
        Paragraph(contact.email, label="电子邮箱", link="mailto"),
        Paragraph(contact.address, label="通信地址"),
        Paragraph(contact.postcode, label="邮政编码"),
        Paragraph(f"{chinese_date(notice.last_day)}24时（以收到时间为准）", label="截止时间"),
    )
    annex = Annex(1, f"{subject(public)}拟入选项目名单", _tables(public, public.proposed), _vote_note(public))
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
            f"根据{rules_name(public)}，经申报单位申报、专家评审委员会评审、{timeline.meeting}研究、"
            f"公示等程序，现将{subject(public)}项目名单予以公布（见附件）。"
        ),
    ]
    vacancies = vacancy_lines(public, lists)
    if vacancies:
        body.append(Paragraph("其中，" + "；".join(vacancies) + "。"))
    body.append(Paragraph(objection_outcome(public.objections)))
    body.append(
        Paragraph(
            "请各入选项目单位按照申报书的内容和进度认真组织实施，加强经费管理，确保项目取得实效；"
            "各省辖市科协和有关学会要做好指导和服务保障工作。"
        )
    )
    annex = Annex(1, f"{subject(public)}项目名单", _tables(public, lists), _vote_note(public))
    return OfficialDocument(
        kind="announcement",
        year=public.year,
        sample=public.sample,
        issuers=public.organisers or ("秘书处",),
        mark="文件",
        number=str(announcement.get("document_number", "")),
        title=str(announcement.get("title", "")) or announcement_title(public.title),
        addressees=addressees(public.unit_kinds),
        body=tuple(body),
        annexes=(annex,),
        date=published,
    )


def addressees(kinds: Sequence[str]) -> str:
    """主送机关: the kinds of units registered in the round, in a fixed order."""
    names = [ADDRESSEES[kind] for kind in ADDRESSEES if kind in kinds]
    return "，".join(names) + "：" if names else ""


def vacancy_lines(public: PublicRound, lists: Mapping[str, Sequence[PublicProject]]) -> list[str]:
    """For each type with fewer projects than its quota, what was filled and what stays vacant."""
    lines = []
    for kind in public.types:
        count = len(lists.get(kind.id, ()))
        if count < kind.quota:
            lines.append(
                f"{kind.name}名额{kind.quota}项，入选{count}项，空缺{kind.quota - count}项"
            )
    return lines


def objection_outcome(objections: Sequence[ObjectionOutcome]) -> str:
    """The outcome of objections in general terms: counts, never who objected or what they wrote."""
    if not objections:
        return "公示期间未收到异议。"
    admitted = [o for o in objections if o.admissible]
    upheld = sum(o.status == "upheld" for o in admitted)
    rejected = sum(o.status == "rejected" for o in admitted)
    withdrawn = sum(o.status == "withdrawn" for o in objections)
    refused = len(objections) - len(admitted)
    parts = [f"公示期间共收到异议 {len(objections)} 件"]
    if admitted:
        parts.append(f"受理 {len(admitted)} 件，经调查核实，异议成立 {upheld} 件、不成立 {rejected} 件")
    if withdrawn:
        parts.append(f"撤回 {withdrawn} 件")
    if refused:
        parts.append(f"不予受理 {refused} 件")
    text = "，".join(parts) + "。"
    if upheld:
        text += f"异议成立涉及的 {upheld} 个项目不列入本次公布名单。"
    return text


def removal_words(public: PublicRound, project: PublicProject) -> str:
    """What a removed project's page says, or "" when the project was not removed (or not yet)."""
    if project.id not in public.timeline.upheld:
        return ""
    return (
        f"公示期间，对本项目的异议经调查核实成立，本项目不列入{subject(public)}项目名单。"
    )


def _tables(public: PublicRound, lists: Mapping[str, Sequence[PublicProject]]) -> tuple[ListTable, ...]:
    show_votes = any(p.votes is not None for projects in lists.values() for p in projects)
    headers = ("序号", "项目名称", "申报单位", *(("得票",) if show_votes else ()))
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
            note = "本类无入选项目。"
        elif len(projects) < kind.quota:
            note = f"本类名额{kind.quota}项，入选{len(projects)}项，空缺{kind.quota - len(projects)}项。"
        else:
            note = ""
        tables.append(
            ListTable(kind.id, f"{chinese_number(number)}、{kind.name}", headers, rows, note)
        )
    return tuple(tables)


def _vote_note(public: PublicRound) -> tuple[str, ...]:
    if not any(p.votes is not None for projects in public.proposed.values() for p in projects):
        return ()
    return (
        f"注：得票为同意票数；有效评审票{public.valid_ballots}张，评审委员会共{public.committee_size}人。",
    )


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
