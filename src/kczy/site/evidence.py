"""The reading room's attachments section (issue 6): each attachment beside the criterion it supports. Pure.

Internal edition only. The files that passed every check of `kczy.attachments` are copied into the
build next to the application pages; a file that did not is named but not copied, so the committee
never opens bytes that validation refused. Nothing here is reachable from the public renderer.
"""

from __future__ import annotations

from urllib.parse import quote

from kczy.attachments import show_size
from kczy.review import evidence_by_criterion
from kczy.roundfiles import ParsedFile, RoundFiles
from kczy.site.markup import md, table
from kczy.site.model import ProjectType

_CONTENT_LABELS = {"pdf": "PDF", "png": "PNG 图片", "jpeg": "JPEG 图片"}


def attachment_url_path(year: str, application_id: str, name: str) -> str:
    """Where an attachment lands in the internal build (a path of the built site)."""
    return f"{year}/attachments/{application_id}/{name}"


def render_evidence(
    files: RoundFiles, parsed: ParsedFile, kind: ProjectType
) -> tuple[list[str], dict[str, bytes]]:
    """Markdown lines for the application page (`## 佐证材料`) and the files to copy into the build."""
    described = evidence_by_criterion(files, parsed, kind)
    if not described:
        return [], {}
    app_id = parsed.role.file_id
    titles = {c.id: c.title for c in kind.criteria}
    copies: dict[str, bytes] = {}
    lines = ["", "## 佐证材料", "", "附件仅供评审委员会查阅，请勿转发；SHA-256 可用于核对文件未被改动。", ""]
    current = None
    for item, facts, path in ((e.item, e.facts, e.path) for e in described):
        if item.criterion != current:
            current = item.criterion
            lines += [f"### {md(current)} {md(titles.get(current, '（不是本类项目的标准）'))}", ""]
        if facts is None:
            lines += [f"- {md(item.title)}（{md(item.file)}）：文件缺失或未通过校验，未收录", ""]
            continue
        target = attachment_url_path(files.year, app_id, item.file)
        copies[target] = files.contents[path]
        # The page lives at <year>/applications/<id>.md; MkDocs rewrites this link for the built URL.
        link = f"../attachments/{quote(app_id)}/{quote(item.file)}"
        pages = str(facts.pages) if facts.pages is not None else "—"
        lines.append(f"**[{md(item.title)}]({link})**")
        lines.append("")
        lines.append(
            table(
                ("文件", "类型", "大小", "页数", "SHA-256"),
                [
                    (
                        md(item.file),
                        _CONTENT_LABELS[facts.content_type],
                        show_size(facts.size),
                        pages,
                        f"`{facts.sha256}`",
                    )
                ],
            )
        )
        lines.append("")
        if facts.content_type != "pdf":
            lines += [f"![{md(item.title)}]({link})", ""]
    return lines, copies

