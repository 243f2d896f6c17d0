"""The committee's reading room: every application in full, with its criteria checklist. Pure.

Internal only (never deployed): it shows evidence and attachments' names, but still leaves out what a
schema marks `x-private` (contact details), which the committee does not need to judge.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from kczy.layout import ID_PATTERN
from kczy.messages import words
from kczy.review import CriterionCheck, check_criteria, field_rows
from kczy.roundfiles import ParsedFile, RoundFiles
from kczy.schemas import SchemaSet
from kczy.site.evidence import render_evidence
from kczy.site.markup import md, table
from kczy.site.model import ProjectType, field_names, project_types, unit_name
from kczy.site.public import NavItem, SiteOutput
from kczy.templates import ballot_choices, render_ballot_template, schema_url


def internal_banner() -> str:
    """On every page of the reading room: a page may be opened, printed or forwarded on its own."""
    return f'!!! danger "{words("reading.banner-title")}"\n\n    {words("reading.banner")}\n'


def _front(title: str) -> str:
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n"


def render_reading_room(rounds: list[RoundFiles]) -> SiteOutput:
    """Every round of `rounds`, each read with its own rules (`files.schemas`)."""
    site = SiteOutput()
    site.nav.append((words("reading.home"), "index.md"))
    title = words("reading.title")
    home = [f"---\ntitle: {title}\n---\n", internal_banner(), f"# {title}", ""]
    for files in rounds:
        year = files.year
        kinds = project_types(files)
        units = files.units()
        schemas = files.schemas
        type_nav: list[NavItem] = []
        home += [f"## {words('reading.year', year=year)}", ""]
        for kind in kinds:
            paths = [
                p
                for p in files.paths_of("application", kind.id)
                if ID_PATTERN.fullmatch(files.roles[p].file_id)
            ]
            rows = []
            for path in paths:
                parsed = files.checked(path)
                checks = check_criteria(parsed, kind, schemas)
                app_id = files.roles[path].file_id
                met = sum(c.met for c in checks)
                rows.append(
                    [
                        f"[{md(app_id)}](applications/{app_id}.md)",
                        md(parsed.data.get("title", "")),
                        md(unit_name(units, str(parsed.data.get("applicant", "")))),
                        f"{met}/{len(checks)}",
                    ]
                )
                evidence, copies = render_evidence(files, parsed, kind)  # attachments (issue 6)
                site.files |= copies
                site.pages[f"{year}/applications/{app_id}.md"] = _application_page(
                    files, parsed, kind, checks, schemas, evidence
                )
            columns = [words(f"reading.column.{c}") for c in ("id", "title", "applicant", "met")]
            page = [
                _front(f"{year} {kind.name}"),
                internal_banner(),
                f"# {md(kind.name)}",
                "",
                words("reading.type-lead", quota=kind.quota, count=len(paths)),
                "",
                table(columns, rows) if rows else words("reading.type-empty"),
            ]
            site.pages[f"{year}/{kind.id}.md"] = "\n".join(page) + "\n"
            type_nav.append((kind.name, f"{year}/{kind.id}.md"))
            home.append(
                "- "
                + words(
                    "reading.type-entry", name=md(kind.name), link=f"{year}/{kind.id}.md", count=len(paths)
                )
            )
        site.pages[f"{year}/ballot.md"] = _ballot_page(files, kinds)
        type_nav.append((words("reading.ballot-template"), f"{year}/ballot.md"))
        site.nav.append((words("reading.year", year=year), type_nav))
        home += ["", f"- [{words('reading.ballot-template')}]({year}/ballot.md)", ""]
    site.pages["index.md"] = "\n".join(home) + "\n"
    return site


def _application_page(
    files: RoundFiles,
    parsed: ParsedFile,
    kind: ProjectType,
    checks: list[CriterionCheck],
    schemas: SchemaSet,
    evidence: list[str],
) -> str:
    app_id = parsed.role.file_id
    applicant = md(unit_name(files.units(), str(parsed.data.get("applicant", ""))))
    body = [
        _front(words("reading.application", id=app_id)),
        internal_banner(),
        f"# {words('reading.application', id=md(app_id))}",
        "",
        f"**{md(parsed.data.get('title', ''))}**",
        "",
        words("reading.application-type", type=md(kind.name), applicant=applicant),
        "",
    ]
    if not parsed.ok:
        body += [
            f'!!! warning "{words("reading.not-admitted-title")}"',
            "",
            f"    {words('reading.not-admitted')}",
            "",
        ]
    body += [f"## {words('reading.criteria')}", ""]
    met, not_met, separator = words("reading.met"), words("reading.not-met"), words("site.names-separator")
    body.append(
        table(
            [words(f"reading.column.{c}") for c in ("criterion", "text", "verdict", "fields")],
            [
                (md(c.id), md(c.title), met if c.met else not_met, md(separator.join(c.fields)))
                for c in checks
            ],
        )
    )
    body += evidence
    body += ["", f"## {words('reading.contents')}", ""]
    body += _fields(schemas, kind.id, parsed.data, field_names(files.units(), kind))
    return "\n".join(body) + "\n"


def _fields(schemas: SchemaSet, type_id: str, data: dict[str, object], names: dict[str, str]) -> list[str]:
    lines = []
    for row in field_rows(schemas, type_id, data, names=names):
        pad = "    " * row.depth
        if row.value is None:
            lines.append(f"{pad}- **{md(row.label)}**")
        elif row.label:
            lines.append(
                f"{pad}- " + words("reading.field", label=f"**{md(row.label)}**", value=md(row.value))
            )
        else:
            lines.append(f"{pad}- {md(row.value)}")
    return lines


def _ballot_page(files: RoundFiles, kinds: tuple[ProjectType, ...]) -> str:
    choices = ballot_choices(files)
    url = schema_url(f"submissions/{files.year}/ballots/x.yaml", "ballot", files.schemas.folder)
    member, title = words("reading.member-id"), words("reading.ballot-template")
    template = render_ballot_template(url, member, words("reading.member-name"), choices)
    return (
        "\n".join(
            [
                f"---\ntitle: {title}\n---\n",
                internal_banner(),
                f"# {title}",
                "",
                words("reading.ballot-how", member=member, year=files.year),
                "",
                "```yaml",
                template.replace("```", "ʼʼʼ"),
                "```",
            ]
        )
        + "\n"
    )


def add_dossier_downloads(site: SiteOutput, year: str, books: list[tuple[str, str, int, int, bytes]]) -> None:
    """The round's dossier (`kczy dossier`) offered as downloads: `books` are (file name, scope,
    applications, pages, PDF bytes). Internal edition only; the public renderer never sees them."""
    rows = []
    for name, scope, applications, pages, pdf in books:
        site.files[f"{year}/dossier/{name}"] = pdf
        link = f"[{md(scope)}](dossier/{quote(name)})"
        rows.append((link, str(applications), str(pages), f"{len(pdf) / 1024:.0f} KB"))
    title = words("reading.dossier")
    columns = [words(f"reading.column.{c}") for c in ("book", "applications", "pages", "size")]
    site.pages[f"{year}/dossier.md"] = (
        "\n".join(
            [
                f"---\ntitle: {title}\n---\n",
                f"# {title}",
                "",
                words("reading.dossier-lead"),
                "",
                words("reading.dossier-member", year=year),
                "",
                table(columns, rows),
            ]
        )
        + "\n"
    )
    section = words("reading.year", year=year)
    for name, target in site.nav:
        if name == section and isinstance(target, list):
            target.insert(0, (title, f"{year}/dossier.md"))
    home = site.pages.get("index.md", "")
    site.pages["index.md"] = (
        home + "\n- " + words("reading.dossier-entry", year=year, link=f"{year}/dossier.md") + "\n"
    )
