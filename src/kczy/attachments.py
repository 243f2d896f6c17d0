"""Supporting documents (附件): what a file really is, from its bytes and its name. Pure.

An application lists its attachments (title, file name, the criterion each supports); the files live
in `submissions/<year>/attachments/<application-id>/`. Everything here works on names and bytes that
the caller hands in (through `RoundFiles`), so the same rules serve `kczy validate`, the reading room
and tests. Problems of a listed file are reported at its `file:` entry in the application; a file
nobody lists is reported at its own path.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kczy.findings import Finding, Problem
from kczy.layout import ID_PATTERN, show_path, undecodable
from kczy.messages import CatalogNames, joined, render_message
from kczy.roundfiles import ParsedFile, RoundFiles
from kczy.yamlload import NodePath

MIB = 1024 * 1024
MAX_NAME_BYTES = 240
"""Most file systems allow 255 bytes per name; a little room is left for tools that add a suffix."""

EXTENSIONS = {".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}
CONTENT_NAMES: Mapping[str, str] = CatalogNames("attachment.kind.", ("pdf", "png", "jpeg"))
"""Each kind of attachment as people call it (the catalog's `attachment.kind.<kind>`)."""
MEDIA_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}
# Characters that Windows refuses in names, or that a shell or URL would read as syntax.
_FORBIDDEN_CHARS = set('\\:*?"<>|')
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"IEND\xaeB`\x82"
_TAIL = 1024


@dataclass(frozen=True)
class AttachmentFacts:
    """What the committee is shown about an attachment that passed every check."""

    name: str
    size: int
    sha256: str
    content_type: str
    pages: int | None

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.content_type]


# ---------------------------------------------------------------------------------------------- names


def name_key(name: str) -> str:
    """Two names with the same key are the same file to someone: on a case-insensitive disk (Windows,
    macOS), after macOS's NFD, or typed with full-width letters."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def check_name(name: str) -> list[Problem]:
    """Rules for one file name. Chinese names are welcome; what could trick a shell, a web server or
    another operating system is not."""
    problems: list[Problem] = []
    if undecodable(name):
        return [Problem("file.name-not-utf8", {"name": show_path(name)})]
    if "/" in name:
        return [Problem("attachment.name-folder", {"name": name})]
    hidden = [c for c in name if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")]
    if hidden:
        problems.append(Problem("attachment.name-control", {"char": _show_char(hidden[0])}))
    if name.startswith("-"):
        problems.append(Problem("attachment.name-dash"))
    if name.startswith(".") or ".." in name:
        problems.append(Problem("attachment.name-dots"))
    forbidden = sorted({c for c in name if c in _FORBIDDEN_CHARS})
    if forbidden:
        problems.append(Problem("attachment.name-char", {"chars": " ".join(forbidden)}))
    if name != name.strip() or name.endswith("."):
        problems.append(Problem("attachment.name-space"))
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        problems.append(Problem("attachment.name-too-long", {"limit": MAX_NAME_BYTES}))
    if extension_kind(name) is None:
        extension = _extension(name) or render_message("attachment.no-extension", {})
        problems.append(Problem("attachment.name-extension", {"extension": extension}))
    return problems


def extension_kind(name: str) -> str | None:
    return EXTENSIONS.get(_extension(name).lower())


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:] if dot > 0 else ""


def _show_char(char: str) -> str:
    return f"U+{ord(char):04X}"


def show_name(name: str) -> str:
    """A name as text that cannot break a line or hide a character."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs") else c for c in name
    )


# -------------------------------------------------------------------------------------------- content


def sniff(data: bytes) -> str:
    """The content type from the first bytes: `pdf`, `png`, `jpeg`, or a description of something else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(_PNG_SIGNATURE):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for prefix, kind in (
        (b"<!doctype html", "html"),
        (b"<html", "html"),
        (b"<script", "script"),
        (b"<svg", "svg"),
        (b"<?xml", "xml"),
        (b"pk\x03\x04", "zip"),
        (b"\xd0\xcf\x11\xe0", "ole"),
        (b"gif8", "gif"),
        (b"riff", "riff"),
        (b"rar!", "rar"),
        (b"7z\xbc\xaf", "7z"),
        (b"{\\rtf", "rtf"),
        (b"mz", "exe"),
        (b"\x7felf", "elf"),
    ):
        if head.startswith(prefix):
            return render_message(f"attachment.found.{kind}", {})
    return render_message("attachment.found.unknown", {})


def check_content(name: str, data: bytes) -> tuple[AttachmentFacts | None, list[Problem]]:
    """Facts about a file that is what its name says and is readable; otherwise the problems."""
    if not data:
        return None, [Problem("attachment.empty")]
    kind = sniff(data)
    if kind not in CONTENT_NAMES:
        return None, [Problem("attachment.not-pdf-or-image", {"found": kind})]
    problems: list[Problem] = []
    expected = extension_kind(name)
    if expected is not None and expected != kind:
        problems.append(
            Problem(
                "attachment.extension-mismatch",
                {"extension": _extension(name), "actual": CONTENT_NAMES[kind]},
            )
        )
    pages: int | None = None
    if kind == "pdf":
        pages, pdf_problems = _check_pdf(data)
        problems += pdf_problems
    elif _image_truncated(kind, data):
        problems.append(Problem("attachment.image-truncated", {"kind": CONTENT_NAMES[kind]}))
    if problems:
        return None, problems
    return AttachmentFacts(name, len(data), hashlib.sha256(data).hexdigest(), kind, pages), []


def _image_truncated(kind: str, data: bytes) -> bool:
    if kind == "png":
        return not data.endswith(_PNG_END)
    return kind == "jpeg" and b"\xff\xd9" not in data[-_TAIL:]


@contextlib.contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf's repair notes and warnings silenced: a PDF is judged by what pypdf raises, not what it logs."""
    import logging  # here, not at the top: validating a file without PDFs loads neither pypdf nor logging

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _check_pdf(data: bytes) -> tuple[int | None, list[Problem]]:
    # pypdf repairs a file cut short (it rebuilds the cross-reference table), so the end-of-file marker
    # that every complete PDF carries is checked first: an upload cut off is refused, not guessed at.
    if b"%%EOF" not in data[-_TAIL:]:
        return None, [Problem("attachment.pdf-truncated")]
    from pypdf import PdfReader  # here, not at the top: validating a file without PDFs does not load it

    try:
        with quiet_pypdf():
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                return None, [Problem("attachment.pdf-encrypted")]
            pages = len(reader.pages)
            for page in reader.pages:
                _ = page.mediabox
    # Hostile bytes make pypdf raise almost anything (PdfReadError, KeyError, ValueError,
    # RecursionError …); every one of them means the same to the unit: the file cannot be opened.
    except Exception as error:
        return None, [Problem("attachment.pdf-unreadable", {"reason": type(error).__name__})]
    if pages == 0:
        return None, [Problem("attachment.pdf-no-pages")]
    return pages, []


# ------------------------------------------------------------------------------- the round's folders


def attachment_folder(files: RoundFiles, application_id: str) -> str:
    return f"{files.prefix}attachments/{application_id}/"


def folder_files(files: RoundFiles, application_id: str) -> dict[str, str]:
    """File name → path of every regular file in an application's attachment folder."""
    folder = attachment_folder(files, application_id)
    return {
        path.removeprefix(folder): path for path in files.paths_of("attachment") if path.startswith(folder)
    }


@dataclass(frozen=True)
class Listed:
    """One entry of an application's `attachments` list."""

    index: int
    title: str
    file: str
    criterion: str


def listed_attachments(data: Mapping[str, Any]) -> list[Listed]:
    items = data.get("attachments")
    found = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("file"), str):
            found.append(
                Listed(index, str(item.get("title", "")), item["file"], str(item.get("criterion", "")))
            )
    return found


def check_application_attachments(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """The listed attachments of one application: criteria, names, presence, content and size."""
    if parsed.document is None:
        return
    document = parsed.document
    schema = files.schemas.type_schema(parsed.role.type_id)

    def at(node_path: NodePath, code: str, params: Mapping[str, Any]) -> Finding:
        # A problem of the whole list points at its key (`attachments:`), one of an entry at the entry.
        line, column = document.place(node_path, key=node_path == ("attachments",))
        pointer = "/" + "/".join(map(str, node_path))
        return Finding(parsed.path, line, column, code, dict(params), pointer)

    criteria = {
        str(c.get("id")): str(c.get("title", "")) for c in schema.get("x-criteria", []) if isinstance(c, dict)
    }
    type_name = files.schemas.type_name(parsed.role.type_id)
    listed = listed_attachments(parsed.data)
    for item in listed:
        if item.criterion and item.criterion not in criteria:
            named = (render_message("common.named", {"name": c, "id": t}) for c, t in criteria.items())
            allowed = joined(named) or render_message("common.empty", {})
            yield at(
                ("attachments", item.index, "criterion"),
                "attachment.unknown-criterion",
                {"criterion": item.criterion, "type_name": type_name, "allowed": allowed},
            )
    for criterion in schema.get("x-requires-attachment", []):
        if not any(item.criterion == criterion for item in listed):
            where: NodePath = ("attachments",) if "attachments" in parsed.data else ()
            yield at(
                where,
                "attachment.required",
                {"criterion": criterion, "title": criteria.get(criterion, ""), "type_name": type_name},
            )
    if not ID_PATTERN.fullmatch(parsed.role.file_id):
        return
    on_disk = folder_files(files, parsed.role.file_id)
    keys: dict[str, str] = {}
    for name in on_disk:
        keys.setdefault(name_key(name), name)
    limits = files.settings.attachments
    seen: dict[str, int] = {}
    total = 0
    for position, item in enumerate(listed):
        place = ("attachments", item.index, "file")
        key = name_key(item.file)
        if key in seen:
            other = listed[seen[key]].file
            code = "attachment.listed-twice" if other == item.file else "attachment.name-collision"
            yield at(place, code, {"name": show_name(item.file), "other": show_name(other)})
            continue
        seen[key] = position
        name_problems = check_name(item.file)
        for problem in name_problems:
            yield at(place, problem.code, problem.params)
        if name_problems:
            continue
        path = on_disk.get(item.file)
        if path is None:
            actual = keys.get(key)
            if actual is not None:
                yield at(place, "attachment.name-differs", {"name": item.file, "actual": show_name(actual)})
            else:
                yield at(
                    place,
                    "attachment.missing",
                    {"name": item.file, "folder": attachment_folder(files, parsed.role.file_id)},
                )
            continue
        size = files.size(path)
        total += size
        if size > limits.max_file_bytes:
            yield at(
                place,
                "attachment.too-large",
                {"size": show_size(size, exact=True), "limit": show_size(limits.max_file_bytes, exact=True)},
            )
            continue
        for problem in check_content(item.file, files.contents[path])[1]:
            yield at(place, problem.code, problem.params)
    if total > limits.max_application_bytes:
        yield at(
            ("attachments",),
            "attachment.application-too-large",
            {
                "size": show_size(total, exact=True),
                "limit": show_size(limits.max_application_bytes, exact=True),
            },
        )


def check_attachment_files(files: RoundFiles, paths: Iterable[str]) -> Iterator[Finding]:
    """Files in attachment folders that no application lists (or whose names collide), at their own path."""
    applications = files.application_paths()
    listed_by_app: dict[str, set[str] | None] = {}
    for path in sorted(paths):
        role = files.roles.get(path)
        if role is None or role.kind != "attachment":
            continue
        name = path.rsplit("/", 1)[-1]
        app_path = applications.get(role.file_id)
        if app_path is None:
            yield Finding(path, 1, 1, "attachment.no-application", {"application": role.file_id})
            continue
        if role.file_id not in listed_by_app:
            parsed = files.checked(app_path)
            listed = listed_attachments(parsed.data) if parsed.document is not None else None
            listed_by_app[role.file_id] = None if listed is None else {item.file for item in listed}
        names = listed_by_app[role.file_id]
        if names is None or name in names:
            continue
        # Not listed, so its name is judged here (a listed file's name is judged at its entry).
        for problem in check_name(name):
            yield Finding(path, 1, 1, problem.code, dict(problem.params))
        same = [
            other
            for other in folder_files(files, role.file_id)
            if other != name and name_key(other) == name_key(name)
        ]
        if same:
            yield Finding(
                path,
                1,
                1,
                "attachment.name-collision",
                {"name": show_name(name), "other": show_name(same[0])},
            )
        else:
            yield Finding(
                path, 1, 1, "attachment.unlisted", {"name": show_name(name), "application": app_path}
            )


def describe_attachments(
    files: RoundFiles, parsed: ParsedFile
) -> list[tuple[Listed, AttachmentFacts | None, str]]:
    """For the reading room: each listed attachment, its facts when it passed every check, and its path."""
    if parsed.document is None or not ID_PATTERN.fullmatch(parsed.role.file_id):
        return []
    on_disk = folder_files(files, parsed.role.file_id)
    limits = files.settings.attachments
    described = []
    for item in listed_attachments(parsed.data):
        path = on_disk.get(item.file, "")
        facts = None
        if path and not check_name(item.file) and files.size(path) <= limits.max_file_bytes:
            facts = check_content(item.file, files.contents[path])[0]
        described.append((item, facts, path))
    return described


def show_size(size: int, exact: bool = False) -> str:
    """A size as office software writes it: `1.9 KB`, `3.2 MB` (1 KB = 1024 字节); `exact` adds the bytes."""
    if size < 1024:
        return render_message("attachment.bytes", {"size": size})
    shown = f"{size / MIB:.1f} MB" if size >= MIB else f"{size / 1024:.1f} KB"
    return render_message("attachment.size-exact", {"shown": shown, "size": size}) if exact else shown
