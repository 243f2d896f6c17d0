"""The committee's reading room: every application in full, with its criteria checklist. Pure.

Internal only (never deployed): it shows evidence and attachments' names, but still leaves out what a
schema marks `x-private` (contact details), which the committee does not need to judge.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from kczy.layout import ID_PATTERN
from kczy.review import CriterionCheck, check_criteria, field_rows
from kczy.roundfiles import ParsedFile, RoundFiles
from kczy.schemas import SchemaSet
from kczy.site.evidence import render_evidence
from kczy.site.markup import md, table
from kczy.site.model import ProjectType, project_types, unit_name
from kczy.site.public import NavItem, SiteOutput
from kczy.templates import ballot_choices, render_ballot_template, schema_url

INTERNAL_BANNER = '!!! danger "内部资料"\n\n    本站仅供评审委员会阅读，不得公开部署或转发。\n'
"""On every page of the reading room: a page may be opened, printed or forwarded on its own."""

# Signs the CJK fonts have (an emoji may have no glyph on an office PC and show as a box).
MET, NOT_MET = "√ 满足", "× 未满足"


def render_reading_room(rounds: list[RoundFiles]) -> SiteOutput:
    """Every round of `rounds`, each read with its own rules (`files.schemas`)."""
    site = SiteOutput()
    site.nav.append(("阅览室首页", "index.md"))
    home = [
        "---\ntitle: 评审阅览室\n---\n",
        INTERNAL_BANNER,
        "# 评审阅览室",
        "",
    ]
    for files in rounds:
        year = files.year
        kinds = project_types(files)
        units = files.units()
        schemas = files.schemas
        type_nav: list[NavItem] = []
        home += [f"## {year} 年度", ""]
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
            page = [
                f"---\ntitle: {json.dumps(f'{year} {kind.name}', ensure_ascii=False)}\n---\n",
                INTERNAL_BANNER,
                f"# {md(kind.name)}",
                "",
                f"入选名额 {kind.quota} 项，共 {len(paths)} 份申报书。",
                "",
                table(("编号", "项目名称", "申报单位", "满足标准"), rows) if rows else "本类暂无申报书。",
            ]
            site.pages[f"{year}/{kind.id}.md"] = "\n".join(page) + "\n"
            type_nav.append((kind.name, f"{year}/{kind.id}.md"))
            home.append(f"- [{md(kind.name)}]({year}/{kind.id}.md)：{len(paths)} 份")
        site.pages[f"{year}/ballot.md"] = _ballot_page(files, kinds)
        type_nav.append(("评审票模板", f"{year}/ballot.md"))
        site.nav.append((f"{year} 年度", type_nav))
        home += ["", f"- [评审票模板]({year}/ballot.md)", ""]
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
    body = [
        f"---\ntitle: {json.dumps(f'申报书 {app_id}', ensure_ascii=False)}\n---\n",
        INTERNAL_BANNER,
        f"# 申报书 {md(app_id)}",
        "",
        f"**{md(parsed.data.get('title', ''))}**",
        "",
        f"类别：{md(kind.name)}"
        f"　申报单位：{md(unit_name(files.units(), str(parsed.data.get('applicant', ''))))}",
        "",
    ]
    if not parsed.ok:
        body += [
            '!!! warning "未通过形式审查"',
            "",
            "    本申报书有校验错误，请以秘书处的形式审查结论为准。",
            "",
        ]
    body += ["## 评审标准核对", ""]
    body.append(
        table(
            ("标准", "内容", "结论", "依据字段"),
            [
                (md(c.id), md(c.title), MET if c.met else NOT_MET, md("、".join(c.fields)))
                for c in checks
            ],
        )
    )
    body += evidence
    body += ["", "## 申报内容", ""]
    names = {unit_id: unit_name(files.units(), unit_id) for unit_id in files.units()}
    body += _fields(schemas, kind.id, parsed.data, {**names, kind.id: kind.name})
    return "\n".join(body) + "\n"


def _fields(schemas: SchemaSet, type_id: str, data: dict[str, object], names: dict[str, str]) -> list[str]:
    lines = []
    for row in field_rows(schemas, type_id, data, names=names):
        pad = "    " * row.depth
        if row.value is None:
            lines.append(f"{pad}- **{md(row.label)}**")
        elif row.label:
            lines.append(f"{pad}- **{md(row.label)}**：{md(row.value)}")
        else:
            lines.append(f"{pad}- {md(row.value)}")
    return lines


def _ballot_page(files: RoundFiles, kinds: tuple[ProjectType, ...]) -> str:
    choices = ballot_choices(files)
    url = schema_url(f"submissions/{files.year}/ballots/x.yaml", "ballot", files.schemas.folder)
    template = render_ballot_template(url, "你的委员编号", "委员姓名", choices)
    return (
        "\n".join(
            [
                "---\ntitle: 评审票模板\n---\n",
                INTERNAL_BANNER,
                "# 评审票模板",
                "",
                "用 `kczy new ballot --member 你的委员编号` 生成本人的评审票，或参照下面的模板填写，"
                f"保存为 `submissions/{files.year}/ballots/你的委员编号.yaml` 后提交拉取请求。",
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
    site.pages[f"{year}/dossier.md"] = (
        "\n".join(
            [
                "---\ntitle: 评审材料汇编（PDF）\n---\n",
                "# 评审材料汇编（PDF）",
                "",
                "与本阅览室内容相同的 PDF 汇编，可在电脑、平板上离线阅读或打印：封面列出评审标准和名额，"
                "目录和书签可跳到每份申报书及其附件。内部资料，请勿转发。",
                "",
                "为某位评委标出回避项目的专用册由秘书处生成："
                f"`kczy dossier --round {year} --member 委员编号`。",
                "",
                table(("汇编", "申报书（份）", "页数", "大小"), rows),
            ]
        )
        + "\n"
    )
    for title, target in site.nav:
        if title == f"{year} 年度" and isinstance(target, list):
            target.insert(0, ("评审材料汇编（PDF）", f"{year}/dossier.md"))
    home = site.pages.get("index.md", "")
    site.pages["index.md"] = home + f"\n- [{year} 年度评审材料汇编（PDF）]({year}/dossier.md)\n"
