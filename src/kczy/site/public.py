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

from kczy.beijing import show_beijing
from kczy.documents.content import (
    REMOVED_MARK,
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
from kczy.messages import render_message
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
from kczy.stages import SCHEDULE_NAMES, STAGE_NAMES, STAGES, Stage, stage_line
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


# On every page of a sample round, kept out of the search index (it would be every page's best hit).
SAMPLE_BANNER = (
    '<div class="admonition warning" data-search-exclude markdown>\n'
    '<p class="admonition-title">示例数据</p>\n\n'
    "本轮是随软件发布的演示数据，单位、项目、人员和联系方式均为虚构，不是真实的申报或评审结果。\n\n"
    "</div>\n"
)
LIST_HEADERS = ("类别", "序号", "项目名称", "申报单位", "合作单位", "得票")


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
    site.nav.append(("首页", "index.md"))
    repository = repository or Repository()
    for public in rounds:
        schemas = rules[public.year]
        section = f"{public.year} 年度{_sample_mark(public)}"
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
    lines = [f"组织单位：{'　'.join(html.escape(o) for o in public.organisers)}"]
    if public.secretariat:
        lines.append(f"秘书处：{html.escape(public.secretariat)}")
    reach = [
        f"{label}：{value}"
        for label, value in (
            ("联系电话", tel_link(contact.phone) if contact.phone else ""),
            ("电子邮箱", mailto_link(contact.email) if contact.email else ""),
            ("通信地址", html.escape(contact.address)),
        )
        if value
    ]
    if reach:
        office = f"{html.escape(contact.office)}　" if contact.office else ""
        lines.append(office + "　".join(reach))
    if public.sample:
        lines.append("以上为示例数据中的虚构单位和联系方式。")
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
            year_nav[index] = (title, [("申报须知", apply), *entries])


def _page(title: str, body: list[str], sample: bool, meta: Mapping[str, str] | None = None) -> str:
    """A page with a fixed, trusted `title` in its front matter (what `<title>` and the nav show), and
    any trusted `meta` the theme reads (`kczy_form`: overrides/main.html loads the web form)."""
    banner = [SAMPLE_BANNER] if sample else []
    fields = {"title": title, **(meta or {})}
    front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items())
    return "\n".join([f"---\n{front}---\n", *banner, *body]) + "\n"


def _render_round(
    site: SiteOutput, public: PublicRound, schemas: SchemaSet, repository: Repository
) -> list[NavItem]:
    year = public.year
    nav: list[NavItem] = [("概况", f"{year}/index.md")]
    site.pages[f"{year}/index.md"] = _page(f"{year} 年度评审", _round_home(public), public.sample)
    site.pages[f"{year}/rules.md"] = _page(f"{year} 年度评审标准", _rules(public), public.sample)
    nav.append(("评审标准", f"{year}/rules.md"))
    # Written for the place it is pasted into (submissions/<year>/applications/<type>/<id>.yaml), as
    # `kczy new` writes it, so that the editor finds the schema there.
    templates = {
        kind.id: render_application_template(
            schemas, kind.id, "你的单位编号",
            schema_url(f"submissions/{year}/applications/{kind.id}/申报编号.yaml", kind.id, schemas.folder),
        )
        for kind in public.types
    }
    apply = _apply(public, templates, repository)
    site.pages[f"{year}/apply.md"] = _page(f"{year} 年度如何申报", apply, public.sample)
    nav.append(("如何申报", f"{year}/apply.md"))
    for type_id, template in templates.items():
        site.files[f"{year}/templates/{type_id}.yaml"] = template.encode("utf-8")
    if public.timeline.notice_published:
        notice = build_notice(public)
        site.pages[f"{year}/notice.md"] = _page(
            f"{year} 年度拟入选项目公示", _notice(public, notice), public.sample
        )
        nav.append(("公示", f"{year}/notice.md"))
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
            f"{year} 年度入选项目公布", _announcement(public, announcement), public.sample
        )
        nav.append(("结果公布", f"{year}/announcement.md"))
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
        return _page("首页", ["# “科创中原”项目评审", "", "目前还没有评审轮次。"], False)
    others = [r for r in rounds if r.year != latest.year]
    body = [
        "# “科创中原”科技经济融合行动项目评审",
        "",
        *_notice_lead(latest),
        f"**{md(latest.title)}**{_sample_mark(latest)}",
        "",
        _stage_paragraph(latest),
        "",
        *_links(latest, prefix=f"{latest.year}/"),
        "",
        "## 时间安排",
        "",
        _timeline_table(latest),
        "",
    ]
    if others:  # past rounds; "other rounds" when `kczy site --round` presents an older one
        heading = "site.past-rounds" if all(r.year < latest.year for r in others) else "site.other-rounds"
        body += [f"## {render_message(heading, {})}", "", *[_round_entry(r) for r in others], ""]
    body.append("公示和公布信息可以通过 [RSS 订阅](feed.xml)。")
    return _page("首页", body, latest.sample)


def _sample_mark(public: PublicRound) -> str:
    """（示例） beside anything that names a sample round, wherever it is listed."""
    return render_message("site.sample-mark", {}) if public.sample else ""


def _round_entry(public: PublicRound) -> str:
    """A round listed on the home page: its stage, and its results (the notice, the announcement and how
    many projects were selected) under its own year's addresses, which stay the same year after year."""
    year = public.year
    entry = f"- [{year} 年度：{md(public.title)}]({year}/index.md){_sample_mark(public)}"
    entry += f"：{STAGE_NAMES[public.timeline.stage]}"
    if public.timeline.announced:
        count = sum(len(projects) for projects in public.announced.values())
        entry += f"，{render_message('site.round-results', {'count': count})}"
    links = []
    if public.timeline.notice_published:
        links.append(f"[拟入选项目公示]({year}/notice.md)")
    if public.timeline.announced:
        links.append(f"[入选项目公布]({year}/announcement.md)")
    return entry + ("（" + " · ".join(links) + "）" if links else "")


def _notice_lead(public: PublicRound) -> list[str]:
    """While the notice period runs, the home page opens with it: what, until when, where to object."""
    notice = public.timeline.notice
    if public.timeline.stage != "notice" or notice is None:
        return []
    return [
        '<div class="kczy-period kczy-lead" markdown>',
        "",
        f"**正在公示：{notice.first_day.isoformat()} 至 {notice.last_day.isoformat()}**",
        "",
        f"[{md(notice_title(public))}]({public.year}/notice.md)",
        "",
        f"对公示项目有异议的，请在 {notice.last_day.isoformat()} 24:00 前以书面形式实名提出，"
        f"受理方式见[公示页面]({public.year}/notice.md)。",
        "",
        "</div>",
        "",
    ]


def _stage_paragraph(public: PublicRound) -> str:
    """The stage with the date of its own event; the day the page was built is said as such."""
    stage, _, detail = stage_line(public.timeline).partition("，")
    detail = f"，{md(detail)}" if detail else ""
    return f"当前阶段：**{md(stage)}**{detail}。（本页按 {public.timeline.today.isoformat()} 的情况生成）"


def _links(public: PublicRound, prefix: str = "") -> list[str]:
    links = [f"- [评审标准]({prefix}rules.md)", f"- [如何申报]({prefix}apply.md)"]
    if public.timeline.notice_published:
        links.append(f"- [拟入选项目公示]({prefix}notice.md)")
    if public.timeline.announced:
        links.append(f"- [入选项目公布]({prefix}announcement.md)")
    return links


def _round_home(public: PublicRound) -> list[str]:
    return [
        f"# {public.year} 年度评审",
        "",
        f"**{md(public.title)}**",
        "",
        f"组织单位：{'、'.join(md(o) for o in public.organisers)}",
        "",
        _stage_paragraph(public),
        "",
        *_links(public),
        "",
        "## 时间安排",
        "",
        _timeline_table(public),
    ]


def _timeline_table(public: PublicRound) -> str:
    timeline = public.timeline
    schedule = {key: value.strftime("%Y-%m-%d %H:%M") for key, value in timeline.schedule.items()}
    opens = schedule.get("applications_open", "")
    rows: list[tuple[Stage, str]] = [
        (
            "applications",
            f"{opens} 至 {schedule['applications_close']}"
            if opens
            else f"{SCHEDULE_NAMES['applications_close']} {schedule['applications_close']}",
        ),
        ("review", f"{schedule['applications_close']} 至 {schedule['voting_opens']}"),
        ("voting", f"{schedule['voting_opens']} 至 {schedule['voting_closes']}"),
        ("tally", f"党组审议通过 {timeline.approved_on.isoformat()}" if timeline.approved_on else "待定"),
        ("notice", _period_text(public) if timeline.notice else "待定"),
        ("objections", "公示期满后处理异议" if timeline.notice else "待定"),
        ("announced", str(timeline.announcement.get("published_on")) if timeline.announcement else "待定"),
    ]
    current = STAGES.index(timeline.stage)
    cells = []
    for stage, when in rows:
        index = STAGES.index(stage)
        if stage == "tally":
            index = STAGES.index("tally")
        state = "已结束" if index < current else "**进行中**" if index == current else "未开始"
        if timeline.stage == "approved" and stage == "tally":
            state = "已结束"
        if stage == "announced" and timeline.stage == "announced":
            state = "已公布"
        cells.append((STAGE_NAMES[stage], md(when), state))
    return table(("环节", "时间", "状态"), cells)


def _period_text(public: PublicRound) -> str:
    notice = public.timeline.notice
    assert notice is not None
    unit = "个工作日" if notice.count == "workdays" else "天"
    return (
        f"{notice.first_day.isoformat()} 至 {notice.last_day.isoformat()}（共 {notice.days} {unit}，含首日）"
    )


def _rules(public: PublicRound) -> list[str]:
    body = [
        f"# {public.year} 年度评审标准",
        "",
        "以下是各类项目的评审标准；申报书模板的每一部分都注明了它对应的标准编号。",
        "",
    ]
    for kind in public.types:
        body += [
            f"## {md(kind.name)}",
            "",
            md(kind.description),
            "",
            f"本年度入选名额：{kind.quota} 项。",
            "",
        ]
        for criterion in kind.criteria:
            body += [f"- **{md(criterion.id)} {md(criterion.title)}**：{md(criterion.text)}"]
        body.append("")
    return body


# A link target as written, percent-encoding only what could end or break it (an entity such as &#58; is
# read as a relative path by some engines).
URL_SAFE = ":/?#@!$&'*+,;=%~._-"


def _apply(public: PublicRound, templates: dict[str, str], repository: Repository) -> list[str]:
    folder = f"submissions/{public.year}/applications/类别编号/"
    where = (
        f"打开[评审仓库]({quote(repository.url, safe=URL_SAFE)})，进入 `{folder}`"
        if repository.url.startswith(("https://", "http://"))
        else f"打开评审仓库（网址请向秘书处索取），进入 `{folder}`"
    )
    body = [
        f"# {public.year} 年度如何申报",
        "",
        *_apply_state(public),
        "每类项目可申报的单位和评审标准见[评审标准](rules.md)。",
        "",
        "## 步骤",
        "",
        "1. 确认本单位已由秘书处登记（单位编号和允许提交的账号）。",
        f"2. {where}（类别编号见下面各类模板的标题，如一业一会是 `yiye-yihui`），"
        "点“Add file”（添加文件）→“Create new file”（新建文件），"
        "文件名写“申报编号.yaml”（小写字母、数字和连字符，如 `yyyh-luoyang.yaml`）；"
        "把下面对应类别的模板复制进去。",
        "3. 按模板中的中文注释逐项填写：冒号用半角并后跟空格，缩进用两个空格，电话号码和邮编加引号；"
        "“选填”的字段已用 # 注释掉，需要时删去行首的“# ”。",
        "4. 点“Commit changes…”（提交更改），选择“Create a new branch … and start a pull request”"
        "（新建分支并发起拉取请求），再点“Propose changes”（提出更改）"
        "和“Create pull request”（创建拉取请求）。"
        "几分钟后自动检查给出结果：有问题时，出错的行下方有中文说明，修改后再次提交即可；"
        "全部通过后等待秘书处合并。",
        "5. 联系人电话、邮箱等标注“不公开”的内容只供秘书处使用，不会出现在本网站上。",
        "",
        "熟悉命令行的，也可以在评审仓库的本机副本中运行 "
        "`kczy new application --type 类别编号 --unit 单位编号 --id 申报编号` 生成同样的模板。",
        "",
        "## 各类申报书模板",
        "",
    ]
    for kind in public.types:
        body += [
            f"### {md(kind.name)}",
            "",
            f"类别编号：`{kind.id}` · [下载申报书模板](templates/{kind.id}.yaml)",
            "",
            # The raw template stays out of the search index: it would rank above the pages people look for.
            f"<details data-search-exclude><summary>查看模板：{md(kind.name)}</summary>",
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
        return ['!!! info "申报尚未开始"', "", f"    本年度 {opens}开始申报，{closes}截止。", ""]
    if stage == "applications":
        return [f"**申报截止：{closes}。**", ""]
    return [
        '!!! note "本年度申报已经截止"',
        "",
        f"    {public.year} 年度的申报已于 {closes}截止，不再受理新的申报或修改。"
        "以下步骤和模板供了解申报方式、准备下一年度申报时参考。",
        "",
    ]


def _notice(public: PublicRound, document: OfficialDocument) -> list[str]:
    """The notice page: the 公示's own sentences (kczy.documents.content), the list linked to each project."""
    notice = public.timeline.notice
    assert notice is not None
    intro, sections = _split_intro(document.body)
    body = [
        f"# {public.year} 年度拟入选项目公示",
        "",
        _document_head(document),
        '<div class="kczy-period" markdown>',
        "",
        f"**公示期：{_period_text(public)}**",
        "",
        f"公示第一天：{notice.first_day.isoformat()}　公示最后一天：{notice.last_day.isoformat()}",
        "",
        "</div>",
        "",
    ]
    if public.timeline.today > notice.last_day:
        body += ["公示期已结束。", ""]
    body += _document_body(intro)
    body += ["## 拟入选项目名单", ""]
    body += _annex_tables(document, link=True, removed=public.timeline.upheld)
    body += _document_body(sections)
    body += _document_foot(document)
    body += _downloads(public.year, "notice", "公示")
    return body


def _announcement(public: PublicRound, document: OfficialDocument) -> list[str]:
    """The announcement page: the 通知's own sentences and its list per type, vacancies said."""
    body = [
        f"# {public.year} 年度入选项目公布",
        "",
        _document_head(document),
        f"组织单位：{'、'.join(md(o) for o in public.organisers)}",
        "",
    ]
    if document.addressees:
        body += [md(document.addressees), ""]
    body += _document_body(document.body)
    body += ["## 入选项目名单", ""]
    body += _annex_tables(document, link=True)
    body += _document_foot(document)
    body += _downloads(public.year, "announcement", "入选")
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
            lines += [table(("事项", "内容"), [(md(f.label), _field_value(f)) for f in fields]), ""]
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


def _downloads(year: str, stem: str, what: str) -> list[str]:
    return [
        "## 下载",
        "",
        f"- [正式文件（Word）]({year}-{stem}.docx) · [正式文件（PDF）]({year}-{stem}.pdf)",
        f"- [{what}名单（CSV，Excel 可直接打开）]({stem}.csv)",
        f"- [{what}名单（JSON）]({stem}.json)",
        "",
    ]


def _annex_tables(
    document: OfficialDocument, link: bool, removed: frozenset[str] = frozenset()
) -> list[str]:
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
                        cells[1] += f'<span class="kczy-removed">{md(REMOVED_MARK)}</span>'

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
        ("项目名称", md(project.title)),
        ("项目类别", md(names.get(project.type_id, project.type_id))),
        ("申报单位", md(project.applicant)),
        ("合作单位", "、".join(md(p) for p in project.partners) or "无"),
    ]
    if project.votes is not None:
        rows.append(("得票", str(project.votes)))
    status = (
        '!!! failure "未列入公布名单"\n\n    ' + md(removed) + "\n"
        if removed
        else "本项目为拟入选项目（公示项目）。"
    )
    back = ["[返回公示](../notice.md)"]
    if public.timeline.announced:
        back.append("[结果公布](../announcement.md)")
    return [
        f"<h1>{md(project.title)}</h1>",
        "",
        status,
        "",
        table(("事项", "内容"), rows),
        "",
        "## 项目简介",
        "",
        md_paragraphs(project.summary) or "（无）",
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
                    "、".join(project.partners),
                    "" if project.votes is None else project.votes,
                ]
            )
    return rows


def _list_csv(lists: Mapping[str, Sequence[PublicProject]], public: PublicRound) -> bytes:
    return csv_bytes(LIST_HEADERS, _list_rows(public, lists))


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
        mark = render_message("site.sample-feed-mark", {}) if public.sample else ""
        if timeline.notice_published and timeline.notice is not None:
            items.append(
                (
                    timeline.notice.first_day,
                    f"{mark}{public.title}拟入选项目公示",
                    f"{base}{public.year}/notice/",
                    f"{mark}公示期：{_period_text(public)}",
                )
            )
        if timeline.announced and timeline.announcement is not None:
            published = datetime.date.fromisoformat(str(timeline.announcement.get("published_on")))
            items.append(
                (
                    published,
                    mark + str(timeline.announcement.get("title", "")),
                    f"{base}{public.year}/announcement/",
                    f"{mark}发文字号：{timeline.announcement.get('document_number', '')}",
                )
            )
    items.sort(key=lambda item: item[0], reverse=True)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0">',
        "<channel>",
        "<title>“科创中原”项目评审：公示与公布</title>",
        f"<link>{xml_text(base or './')}</link>",
        "<description>“科创中原”科技经济融合行动项目评审的公示和结果公布</description>",
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
