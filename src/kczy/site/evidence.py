"""The reading room's attachments section (issue 6): each attachment beside the criterion it supports. Pure.

Internal edition only. The files that passed every check of `kczy.attachments` are copied into the
build next to the application pages; a file that did not is named but not copied, so the committee
never opens bytes that validation refused. Nothing here is reachable from the public renderer.
"""

from __future__ import annotations

from urllib.parse import quote

from kczy.attachments import show_size
from kczy.messages import words
from kczy.review import evidence_by_criterion
from kczy.roundfiles import ParsedFile, RoundFiles
from kczy.site.markup import md, table
from kczy.site.model import ProjectType


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
    lines = ["", f"## {words('reading.evidence')}", "", words("reading.evidence-lead"), ""]
    current = None
    for item, facts, path in ((e.item, e.facts, e.path) for e in described):
        if item.criterion != current:
            current = item.criterion
            title = titles.get(current, words("reading.evidence-other-criterion"))
            lines += [f"### {md(current)} {md(title)}", ""]
        if facts is None:
            lines += ["- " + words("reading.evidence-missing", title=md(item.title), file=md(item.file)), ""]
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
                [*(words(f"reading.evidence.{c}") for c in ("file", "kind", "size", "pages")), "SHA-256"],
                [
                    (
                        md(item.file),
                        _kind(facts.content_type),
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


def _kind(content_type: str) -> str:
    """PDF as it is; an image as the catalog calls it (PNG 图片)."""
    return "PDF" if content_type == "pdf" else words(f"reading.evidence.{content_type}")
