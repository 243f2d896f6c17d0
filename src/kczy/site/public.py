"""The public site as plain Markdown pages and download files. Pure: rounds in, texts and bytes out.

Headings, page titles and navigation only ever hold fixed text, years and the schemas' type names:
MkDocs and Material copy a page's title and headings into `<title>`, the table of contents and the
navigation without escaping them again, so no submitted string may get there. Submitted strings go
through `markup.md` into paragraphs and table cells only.
"""

from __future__ import annotations

import datetime
import email.utils
import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from kczy.documents.content import (
    OfficialDocument,
    Paragraph,
    build_announcement,
    build_notice,
    chinese_date,
    notice_title,
    removal_words,
)
from kczy.documents.pdf import render_pdf
from kczy.documents.word import render_docx
from kczy.messages import show_beijing, words
from kczy.schemas import SchemaSet
from kczy.site.form import FormRound, Repository, render_form_links, render_form_pages
from kczy.site.markup import (
    csv_bytes,
    mailto_link,
    md,
    md_paragraphs,
    page_title,
    table,
    tel_link,
    xml_text,
)
from kczy.site.model import PublicProject, PublicRound
from kczy.stages import SCHEDULE_NAMES, STAGE_NAMES, STAGES, Stage, stage_detail
from kczy.templates import render_application_template, schema_url

NavItem = tuple[str, "str | list[NavItem]"]


@dataclass
class SiteOutput:
    """Pages (path → Markdown), other files (path → bytes) and the navigation (index pages only)."""

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    nav: list[NavItem] = field(default_factory=list)
    footer: str = ""
    """HTML for every page's footer (the theme's copyright line): organisers and public contact."""


def render_sample_banner() -> str:
    """On every page of a sample round, kept out of the search index (it would be every page's best hit)."""
    return (
        '<div class="admonition warning" data-search-exclude markdown>\n'
        f'<p class="admonition-title">{words("site.sample-banner-title")}</p>\n\n'
        f"{words('site.sample-banner')}\n\n"
        "</div>\n"
    )


def list_headers() -> tuple[str, ...]:
    """The columns of the notice's and the announcement's lists (CSV)."""
    return tuple(
        words(f"site.list.{column}")
        for column in ("type", "number", "title", "applicant", "partners", "votes")
    )


def _names(names: Sequence[str]) -> str:
    """Names in a sentence, as the catalog separates them (、)."""
    return words("site.names-separator").join(names)


def render_public_site(
    rounds: Sequence[PublicRound],
    rules: Mapping[str, SchemaSet],
    site_url: str = "",
    form: FormRound | None = None,
    repository: Repository | None = None,
    featured: PublicRound | None = None,
) -> SiteOutput:
    """Every page and download of the public site. `rounds` newest first; each knows its own day and is
    rendered with its own rules (`rules`: year → the round's schemas, `kczy.rules`).
    `form`: the featured round as the web form sees it (its pages go under that year's 如何申报).
    `featured`: the round the home page presents (by default the newest); the others are listed there
    with their results."""
    featured = featured or (rounds[0] if rounds else None)
    site = SiteOutput()
    site.nav.append((words("site.nav.home"), "index.md"))
    repository = repository or Repository()
    for public in rounds:
        schemas = rules[public.year]
        section = words("site.nav.year", year=public.year, mark=_sample_mark(public))
        site.nav.append((section, _render_round(site, public, schemas, repository)))
        if form is not None and form.year == public.year:
            _add_form_pages(site, public, form, schemas, repository)
        site.files.update(_schema_downloads(schemas, f"{public.year}/schemas"))
    if featured is not None:  # the featured round's, where earlier versions of the site offered them
        site.files.update(_schema_downloads(rules[featured.year], "schemas"))
    site.pages["index.md"] = _home(rounds, featured)
    site.files["feed.xml"] = render_feed(rounds, site_url)
    site.footer = render_footer(featured) if featured else ""
    return site


def _schema_downloads(schemas: SchemaSet, folder: str) -> dict[str, bytes]:
    """Only what an applicant needs: the application schemas and the definitions they refer to.
    As written (ECMA-262 patterns, refs as in the files): editors validate with them, not with the
    prepared copies kczy decides with."""
    files = {}
    for name in [n for n, s in schemas.schemas.items() if "x-type" in s or n == "defs"]:
        written = schemas.sources.get(name, schemas.schemas[name])
        text = json.dumps(written, ensure_ascii=False, indent=2) + "\n"
        files[f"{folder}/{name}.schema.json"] = text.encode("utf-8")
    return files


def render_footer(public: PublicRound) -> str:
    """The organisers and the secretariat's public contact (the notice's office), phone and e-mail linked."""
    contact = public.contact
    space = chr(0x3000)  # the ideographic space between the parts of a footer line
    lines = [words("site.footer.organisers", names=space.join(html.escape(o) for o in public.organisers))]
    if public.secretariat:
        lines.append(words("site.footer.secretariat", name=html.escape(public.secretariat)))
    reach = [
        words("site.field", label=words(label), value=value)
        for label, value in (
            ("site.footer.phone", tel_link(contact.phone) if contact.phone else ""),
            ("site.footer.email", mailto_link(contact.email) if contact.email else ""),
            ("site.footer.address", html.escape(contact.address)),
        )
        if value
    ]
    if reach:
        office = f"{html.escape(contact.office)}{space}" if contact.office else ""
        lines.append(office + space.join(reach))
    if public.sample:
        lines.append(words("site.sample-footer"))
    return '<div class="kczy-footer">' + "".join(f"<p>{line}</p>" for line in lines) + "</div>"


def _add_form_pages(
    site: SiteOutput, public: PublicRound, form: FormRound, schemas: SchemaSet, repository: Repository
) -> None:
    """The web form's pages, as a section with the how-to-apply page under that year's 如何申报."""
    names = {kind.id: kind.name for kind in public.types}
    pages, files, entries = render_form_pages(form, schemas, names, repository)
    for path, (title, body, meta) in pages.items():
        site.pages[path] = _page(title, body, public.sample, meta)
    site.files.update(files)
    apply = f"{public.year}/apply.md"
    site.pages[apply] += "\n".join(["", *render_form_links(form, names)])
    year_nav = site.nav[-1][1]
    assert isinstance(year_nav, list)
    for index, (title, target) in enumerate(year_nav):
        if target == apply:
            year_nav[index] = (title, [(words("site.nav.apply-notes"), apply), *entries])


def _page(title: str, body: list[str], sample: bool, meta: Mapping[str, str] | None = None) -> str:
    """A page with a fixed, trusted `title` in its front matter (what `<title>` and the nav show), and
    any trusted `meta` the theme reads (`kczy_form`: overrides/main.html loads the web form)."""
    banner = [render_sample_banner()] if sample else []
    fields = {"title": title, **(meta or {})}
    front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items())
    return "\n".join([f"---\n{front}---\n", *banner, *body]) + "\n"


def _render_round(
    site: SiteOutput, public: PublicRound, schemas: SchemaSet, repository: Repository
) -> list[NavItem]:
    year = public.year
    nav: list[NavItem] = [(words("site.nav.overview"), f"{year}/index.md")]
    site.pages[f"{year}/index.md"] = _page(
        words("site.title.round", year=year), _round_home(public), public.sample
    )
    site.pages[f"{year}/rules.md"] = _page(
        words("site.title.rules", year=year), _rules(public), public.sample
    )
    nav.append((words("site.nav.rules"), f"{year}/rules.md"))
    # Written for the place it is pasted into (submissions/<year>/applications/<type>/<id>.yaml), as
    # `kczy new` writes it, so that the editor finds the schema there.
    unit, file = words("site.apply.template-unit"), words("site.apply.template-file")
    templates = {
        kind.id: render_application_template(
            schemas,
            kind.id,
            unit,
            schema_url(f"submissions/{year}/applications/{kind.id}/{file}.yaml", kind.id, schemas.folder),
        )
        for kind in public.types
    }
    apply = _apply(public, templates, repository)
    site.pages[f"{year}/apply.md"] = _page(words("site.title.apply", year=year), apply, public.sample)
    nav.append((words("site.nav.apply"), f"{year}/apply.md"))
    for type_id, template in templates.items():
        site.files[f"{year}/templates/{type_id}.yaml"] = template.encode("utf-8")
    if public.timeline.notice_published:
        notice = build_notice(public)
        site.pages[f"{year}/notice.md"] = _page(
            words("site.title.notice", year=year), _notice(public, notice), public.sample
        )
        nav.append((words("site.nav.notice"), f"{year}/notice.md"))
        site.files[f"{year}/notice.csv"] = _list_csv(public.proposed, public)
        site.files[f"{year}/notice.json"] = _list_json(public, "notice", public.proposed)
        site.files.update(_official_files(notice))
        for projects in public.proposed.values():
            for project in projects:
                site.pages[f"{year}/projects/{project.id}.md"] = _page(
                    page_title(project.title), _project(public, project), public.sample
                )
    if public.timeline.announced:
        announcement = build_announcement(public)
        site.pages[f"{year}/announcement.md"] = _page(
            words("site.title.announcement", year=year), _announcement(public, announcement), public.sample
        )
        nav.append((words("site.nav.announcement"), f"{year}/announcement.md"))
        site.files[f"{year}/announcement.csv"] = _list_csv(public.announced, public)
        site.files[f"{year}/announcement.json"] = _list_json(public, "announcement", public.announced)
        site.files.update(_official_files(announcement))
    return nav


def _official_files(document: OfficialDocument) -> dict[str, bytes]:
    """The official document as Word and PDF files beside its page."""
    stem = f"{document.year}/{document.file_stem}"
    return {f"{stem}.docx": render_docx(document), f"{stem}.pdf": render_pdf(document)}


def _home(rounds: Sequence[PublicRound], latest: PublicRound | None) -> str:
    if latest is None:
        title = words("site.home.no-rounds-title")
        return _page(words("site.nav.home"), [f"# {title}", "", words("site.home.no-rounds")], False)
    others = [r for r in rounds if r.year != latest.year]
    body = [
        f"# {words('site.home.title')}",
        "",
        *_notice_lead(latest),
        f"**{md(latest.title)}**{_sample_mark(latest)}",
        "",
        _stage_paragraph(latest),
        "",
        *_links(latest, prefix=f"{latest.year}/"),
        "",
        f"## {words('site.timeline.heading')}",
        "",
        _timeline_table(latest),
        "",
    ]
    if others:  # past rounds; "other rounds" when `kczy site --round` presents an older one
        heading = "site.past-rounds" if all(r.year < latest.year for r in others) else "site.other-rounds"
        body += [f"## {words(heading)}", "", *[_round_entry(r) for r in others], ""]
    body.append(words("site.home.feed", feed="feed.xml"))
    return _page(words("site.nav.home"), body, latest.sample)


def _sample_mark(public: PublicRound) -> str:
    """（示例） beside anything that names a sample round, wherever it is listed."""
    return words("site.sample-mark") if public.sample else ""


def _round_entry(public: PublicRound) -> str:
    """A round listed on the home page: its stage, and its results (the notice, the announcement and how
    many projects were selected) under its own year's addresses, which stay the same year after year."""
    year = public.year
    entry = "- " + words(
        "site.round-entry",
        year=year,
        title=md(public.title),
        link=f"{year}/index.md",
        mark=_sample_mark(public),
        stage=STAGE_NAMES[public.timeline.stage],
    )
    if public.timeline.announced:
        count = sum(len(projects) for projects in public.announced.values())
        entry += words("site.round-entry.results", results=words("site.round-results", count=count))
    links = []
    if public.timeline.notice_published:
        links.append(f"[{words('site.link.notice')}]({year}/notice.md)")
    if public.timeline.announced:
        links.append(f"[{words('site.link.announcement')}]({year}/announcement.md)")
    return entry + (words("site.round-entry.links", links=" · ".join(links)) if links else "")


def _notice_lead(public: PublicRound) -> list[str]:
    """While the notice period runs, the home page opens with it: what, until when, where to object."""
    notice = public.timeline.notice
    if public.timeline.stage != "notice" or notice is None:
        return []
    return [
        '<div class="kczy-period kczy-lead" markdown>',
        "",
        "**"
        + words(
            "site.notice-lead.period", first=notice.first_day.isoformat(), last=notice.last_day.isoformat()
        )
        + "**",
        "",
        f"[{md(notice_title(public))}]({public.year}/notice.md)",
        "",
        words(
            "site.notice-lead.objections", last=notice.last_day.isoformat(), link=f"{public.year}/notice.md"
        ),
        "",
        "</div>",
        "",
    ]


def _stage_paragraph(public: PublicRound) -> str:
    """The stage with the date of its own event; the day the page was built is said as such."""
    stage, detail = STAGE_NAMES[public.timeline.stage], stage_detail(public.timeline)
    detail = words("site.stage-detail", detail=md(detail)) if detail else ""
    return words("site.stage", stage=md(stage), detail=detail, today=public.timeline.today.isoformat())


def _links(public: PublicRound, prefix: str = "") -> list[str]:
    links = [
        f"- [{words('site.link.rules')}]({prefix}rules.md)",
        f"- [{words('site.link.apply')}]({prefix}apply.md)",
    ]
    if public.timeline.notice_published:
        links.append(f"- [{words('site.link.notice')}]({prefix}notice.md)")
    if public.timeline.announced:
        links.append(f"- [{words('site.link.announcement')}]({prefix}announcement.md)")
    return links


def _round_home(public: PublicRound) -> list[str]:
    return [
        f"# {words('site.title.round', year=public.year)}",
        "",
        f"**{md(public.title)}**",
        "",
        words("site.organisers", names=_names([md(o) for o in public.organisers])),
        "",
        _stage_paragraph(public),
        "",
        *_links(public),
        "",
        f"## {words('site.timeline.heading')}",
        "",
        _timeline_table(public),
    ]


def _timeline_table(public: PublicRound) -> str:
    timeline = public.timeline
    schedule = {key: value.strftime("%Y-%m-%d %H:%M") for key, value in timeline.schedule.items()}
    opens = schedule.get("applications_open", "")
    pending = words("site.timeline.pending")
    rows: list[tuple[Stage, str]] = [
        (
            "applications",
            words("site.timeline.span", start=opens, end=schedule["applications_close"])
            if opens
            else f"{SCHEDULE_NAMES['applications_close']} {schedule['applications_close']}",
        ),
        (
            "review",
            words("site.timeline.span", start=schedule["applications_close"], end=schedule["voting_opens"]),
        ),
        (
            "voting",
            words("site.timeline.span", start=schedule["voting_opens"], end=schedule["voting_closes"]),
        ),
        (
            "tally",
            words("site.timeline.approved", day=timeline.approved_on.isoformat())
            if timeline.approved_on
            else pending,
        ),
        ("notice", _period_text(public) if timeline.notice else pending),
        ("objections", words("site.timeline.objections") if timeline.notice else pending),
        ("announced", str(timeline.announcement.get("published_on")) if timeline.announcement else pending),
    ]
    current = STAGES.index(timeline.stage)
    cells = []
    for stage, when in rows:
        index = STAGES.index(stage)
        if stage == "tally":
            index = STAGES.index("tally")
        state = "done" if index < current else "now" if index == current else "later"
        if timeline.stage == "approved" and stage == "tally":
            state = "done"
        if stage == "announced" and timeline.stage == "announced":
            state = "published"
        cells.append((STAGE_NAMES[stage], md(when), words(f"site.timeline.{state}")))
    headers = (words("site.timeline.step"), words("site.timeline.when"), words("site.timeline.state"))
    return table(headers, cells)


def _period_text(public: PublicRound) -> str:
    notice = public.timeline.notice
    assert notice is not None
    unit = words("site.period.workdays" if notice.count == "workdays" else "site.period.days")
    first, last = notice.first_day.isoformat(), notice.last_day.isoformat()
    return words("site.period", first=first, last=last, days=notice.days, unit=unit)


def _rules(public: PublicRound) -> list[str]:
    body = [
        f"# {words('site.title.rules', year=public.year)}",
        "",
        words("site.rules.lead"),
        "",
    ]
    for kind in public.types:
        body += [
            f"## {md(kind.name)}",
            "",
            md(kind.description),
            "",
            words("site.rules.quota", quota=kind.quota),
            "",
        ]
        for criterion in kind.criteria:
            lead = f"**{md(criterion.id)} {md(criterion.title)}**"
            body += [f"- {words('site.rules.criterion', lead=lead, text=md(criterion.text))}"]
        body.append("")
    return body


# A link target as written, percent-encoding only what could end or break it (an entity such as &#58; is
# read as a relative path by some engines).
URL_SAFE = ":/?#@!$&'*+,;=%~._-"


def _apply(public: PublicRound, templates: dict[str, str], repository: Repository) -> list[str]:
    folder = f"submissions/{public.year}/applications/{words('site.apply.type-folder')}/"
    where = (
        words("site.apply.open-repository", url=quote(repository.url, safe=URL_SAFE), folder=folder)
        if repository.url.startswith(("https://", "http://"))
        else words("site.apply.open-repository-unknown", folder=folder)
    )
    steps = [
        words("site.apply.step-registered"),
        words("site.apply.step-create", where=where),
        words("site.apply.step-fill"),
        words("site.apply.step-submit"),
        words("site.apply.step-private"),
    ]
    body = [
        f"# {words('site.title.apply', year=public.year)}",
        "",
        *_apply_state(public),
        words("site.apply.see-rules", link="rules.md"),
        "",
        f"## {words('site.apply.steps')}",
        "",
        *[f"{number}. {step}" for number, step in enumerate(steps, start=1)],
        "",
        words("site.apply.command-line"),
        "",
        f"## {words('site.apply.templates')}",
        "",
    ]
    for kind in public.types:
        show = words("site.apply.show-template", name=md(kind.name))
        body += [
            f"### {md(kind.name)}",
            "",
            words("site.apply.type-id", type_id=kind.id, link=f"templates/{kind.id}.yaml"),
            "",
            # The raw template stays out of the search index: it would rank above the pages people look for.
            f"<details data-search-exclude><summary>{show}</summary>",
            f'<pre class="kczy-template"><code>{html.escape(templates[kind.id])}</code></pre>',
            "</details>",
            "",
        ]
    return body


def _apply_state(public: PublicRound) -> list[str]:
    """Whether applications are open now: before, during or after the window, said first."""
    schedule, stage = public.timeline.schedule, public.timeline.stage
    closes = show_beijing(schedule["applications_close"])
    if stage == "upcoming":
        opens = show_beijing(schedule["applications_open"])
        title, text = (
            words("site.apply.not-yet-title"),
            words("site.apply.not-yet", opens=opens, closes=closes),
        )
        return [f'!!! info "{title}"', "", f"    {text}", ""]
    if stage == "applications":
        return [f"**{words('site.apply.closes', closes=closes)}**", ""]
    title, text = (
        words("site.apply.closed-title"),
        words("site.apply.closed", year=public.year, closes=closes),
    )
    return [f'!!! note "{title}"', "", f"    {text}", ""]


def _notice(public: PublicRound, document: OfficialDocument) -> list[str]:
    """The notice page: the 公示's own sentences (kczy.documents.content), the list linked to each project."""
    notice = public.timeline.notice
    assert notice is not None
    intro, sections = _split_intro(document.body)
    body = [
        f"# {words('site.title.notice', year=public.year)}",
        "",
        _document_head(document),
        '<div class="kczy-period" markdown>',
        "",
        f"**{words('site.notice.period', period=_period_text(public))}**",
        "",
        words("site.notice.days", first=notice.first_day.isoformat(), last=notice.last_day.isoformat()),
        "",
        "</div>",
        "",
    ]
    if public.timeline.today > notice.last_day:
        body += [words("site.notice.over"), ""]
    body += _document_body(intro)
    body += [f"## {words('site.notice.list')}", ""]
    body += _annex_tables(document, link=True, removed=public.timeline.upheld)
    body += _document_body(sections)
    body += _document_foot(document)
    body += _downloads(public.year, "notice")
    return body


def _announcement(public: PublicRound, document: OfficialDocument) -> list[str]:
    """The announcement page: the 通知's own sentences and its list per type, vacancies said."""
    body = [
        f"# {words('site.title.announcement', year=public.year)}",
        "",
        _document_head(document),
        words("site.organisers", names=_names([md(o) for o in public.organisers])),
        "",
    ]
    if document.addressees:
        body += [md(document.addressees), ""]
    body += _document_body(document.body)
    body += [f"## {words('site.announcement.list')}", ""]
    body += _annex_tables(document, link=True)
    body += _document_foot(document)
    body += _downloads(public.year, "announcement")
    return body


def _document_head(document: OfficialDocument) -> str:
    """The document's title (and number) as a paragraph: submitted text never becomes a heading."""
    number = f'<p class="kczy-doc-number">{md(document.number)}</p>\n\n' if document.number else ""
    return f'{number}<p class="kczy-doc-title">{md(document.title)}</p>\n'


def _split_intro(body: Sequence[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """The paragraphs before the first 一、 heading, and the rest."""
    first = next((i for i, p in enumerate(body) if p.level == 1), len(body))
    return list(body[:first]), list(body[first:])


def _document_body(paragraphs: Sequence[Paragraph]) -> list[str]:
    """Body paragraphs as Markdown: 一、 and （一） as headings (fixed text), 1. as a bold lead, contact
    lines as a table with tel: and mailto: links."""
    lines: list[str] = []
    fields: list[Paragraph] = []
    for paragraph in [*paragraphs, Paragraph("")]:
        if paragraph.label:
            fields.append(paragraph)
            continue
        if fields:
            headers = (words("site.document.field"), words("site.document.content"))
            lines += [table(headers, [(md(f.label), _field_value(f)) for f in fields]), ""]
            fields = []
        if paragraph.lead and paragraph.level in (1, 2):
            lines += [f"{'#' * (paragraph.level + 1)} {md(paragraph.lead)}", ""]
            if paragraph.text:
                lines += [md(paragraph.text), ""]
        elif paragraph.lead:
            lines += [f"**{md(paragraph.lead)}**{md(paragraph.text)}", ""]
        elif paragraph.text:
            lines += [md(paragraph.text), ""]
    return lines


def _field_value(paragraph: Paragraph) -> str:
    if paragraph.link == "tel":
        return tel_link(paragraph.text)
    if paragraph.link == "mailto":
        return mailto_link(paragraph.text)
    return md(paragraph.text)


def _document_foot(document: OfficialDocument) -> list[str]:
    """落款 and date, right-aligned as on paper."""
    names = "<br>".join(md(issuer) for issuer in document.issuers)
    return [f'<p class="kczy-signature">{names}<br>{md(chinese_date(document.date))}</p>', ""]


def _downloads(year: str, stem: str) -> list[str]:
    return [
        f"## {words('site.downloads')}",
        "",
        "- " + words("site.downloads.official", stem=f"{year}-{stem}"),
        "- " + words(f"site.downloads.{stem}-csv", link=f"{stem}.csv"),
        "- " + words(f"site.downloads.{stem}-json", link=f"{stem}.json"),
        "",
    ]


def _annex_tables(document: OfficialDocument, link: bool, removed: frozenset[str] = frozenset()) -> list[str]:
    """The document's list, one table per type; a vacancy or an empty type said in a line; a project
    removed by an upheld objection marked beside its name."""
    body: list[str] = []
    for annex in document.annexes:
        for part in annex.tables:
            body += [f"### {md(part.heading)}", ""]
            if part.rows:
                rows = []
                for row in part.rows:
                    cells = [md(cell) for cell in row.cells]
                    if link:
                        cells[1] = f"[{cells[1]}](projects/{row.project_id}.md)"
                    if row.project_id in removed:
                        cells[1] += f'<span class="kczy-removed">{md(words("site.removed-mark"))}</span>'

                    rows.append(cells)
                body += [f'<div class="kczy-list" markdown>\n\n{table(part.headers, rows)}\n\n</div>', ""]
            if part.note:
                body += [md(part.note), ""]
        body += [md(note) for note in annex.notes] + ([""] if annex.notes else [])
    return body


def _project(public: PublicRound, project: PublicProject) -> list[str]:
    names = {kind.id: kind.name for kind in public.types}
    removed = removal_words(public, project)
    rows = [
        (words("site.project.title"), md(project.title)),
        (words("site.project.type"), md(names.get(project.type_id, project.type_id))),
        (words("site.project.applicant"), md(project.applicant)),
        (words("site.project.partners"), _names([md(p) for p in project.partners]) or words("site.none")),
    ]
    if project.votes is not None:
        rows.append((words("site.project.votes"), str(project.votes)))
    status = (
        f'!!! failure "{words("site.project.removed")}"\n\n    ' + md(removed) + "\n"
        if removed
        else words("site.project.proposed")
    )
    back = [words("site.project.back-to-notice", link="../notice.md")]
    if public.timeline.announced:
        back.append(words("site.project.announcement", link="../announcement.md"))
    return [
        f"<h1>{md(project.title)}</h1>",
        "",
        status,
        "",
        table((words("site.document.field"), words("site.document.content")), rows),
        "",
        f"## {words('site.project.summary')}",
        "",
        md_paragraphs(project.summary) or words("site.none-paragraph"),
        "",
        " · ".join(back),
    ]


def _list_rows(public: PublicRound, lists: Mapping[str, Sequence[PublicProject]]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for kind in public.types:
        for number, project in enumerate(lists.get(kind.id, ()), start=1):
            rows.append(
                [
                    kind.name,
                    number,
                    project.title,
                    project.applicant,
                    _names(project.partners),
                    "" if project.votes is None else project.votes,
                ]
            )
    return rows


def _list_csv(lists: Mapping[str, Sequence[PublicProject]], public: PublicRound) -> bytes:
    # A sample round's list says so on its first line, as its pages do in their banner.
    title, text = words("site.sample-banner-title"), words("site.sample-banner")
    note = words("site.list.sample", title=title, text=text)
    return csv_bytes(list_headers(), _list_rows(public, lists), note if public.sample else "")


def _list_json(public: PublicRound, kind: str, lists: Mapping[str, Sequence[PublicProject]]) -> bytes:
    notice = public.timeline.notice
    document: dict[str, Any] = {
        "round": public.year,
        "title": public.title,
        "sample": public.sample,
        "list": kind,
        "notice": notice.as_json() if notice is not None else None,
        "announcement": public.timeline.announcement if kind == "announcement" else None,
        "types": {
            t.id: {
                "name": t.name,
                "projects": [
                    {
                        "application": p.id,
                        "title": p.title,
                        "applicant": p.applicant,
                        "partners": list(p.partners),
                        **({"votes": p.votes} if p.votes is not None else {}),
                    }
                    for p in lists.get(t.id, ())
                ],
            }
            for t in public.types
        },
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_feed(rounds: Sequence[PublicRound], site_url: str) -> bytes:
    """An RSS 2.0 feed of notices and announcements, newest first."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    items: list[tuple[datetime.date, str, str, str]] = []
    for public in rounds:
        timeline = public.timeline
        mark = words("site.sample-feed-mark") if public.sample else ""
        if timeline.notice_published and timeline.notice is not None:
            items.append(
                (
                    timeline.notice.first_day,
                    words("site.feed.notice", mark=mark, title=public.title),
                    f"{base}{public.year}/notice/",
                    words("site.feed.notice-period", mark=mark, period=_period_text(public)),
                )
            )
        if timeline.announced and timeline.announcement is not None:
            published = datetime.date.fromisoformat(str(timeline.announcement.get("published_on")))
            items.append(
                (
                    published,
                    mark + str(timeline.announcement.get("title", "")),
                    f"{base}{public.year}/announcement/",
                    words(
                        "site.feed.document-number",
                        mark=mark,
                        number=timeline.announcement.get("document_number", ""),
                    ),
                )
            )
    items.sort(key=lambda item: item[0], reverse=True)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0">',
        "<channel>",
        f"<title>{words('site.feed.title')}</title>",
        f"<link>{xml_text(base or './')}</link>",
        f"<description>{words('site.feed.description')}</description>",
        "<language>zh-cn</language>",
    ]
    for day, title, link, description in items:
        moment = datetime.datetime.combine(
            day, datetime.time(9, 0), datetime.timezone(datetime.timedelta(hours=8))
        )
        lines += [
            "<item>",
            f"<title>{xml_text(title)}</title>",
            f"<link>{xml_text(link)}</link>",
            f'<guid isPermaLink="false">{xml_text(link)}{day.isoformat()}</guid>',
            f"<pubDate>{email.utils.format_datetime(moment)}</pubDate>",
            f"<description>{xml_text(description)}</description>",
            "</item>",
        ]
    lines += ["</channel>", "</rss>", ""]
    return "\n".join(lines).encode("utf-8")
