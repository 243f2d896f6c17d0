"""A dossier laid out as PDF: Typst sets the pages, pypdf inserts the attachments' own pages.

Why Typst (the `typst` wheel ships the compiler, no other program is needed): it shapes Chinese text
with the installed Noto CJK fonts and embeds them as subsets, numbers pages and builds the table of
contents and the PDF bookmarks itself, and it lays out a 1,000-application round in seconds. The
submitted texts reach it as JSON strings, never as markup.

Every page of an attachment in PDF is first a blank page of the same size in the Typst document, with
the running header and footer (so the contents, the bookmarks and “第 x 页 / 共 y 页” count it);
pypdf then lays the attachment's page under that stamp. Images are placed on pages by Typst itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import multiprocessing
import tempfile
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from kczy.attachments import quiet_pypdf
from kczy.dossier.compile import compile_typst
from kczy.dossier.model import Dossier
from kczy.errors import FatalError
from kczy.messages import CATALOG, render_message, words

_IMAGE_SUFFIX = {"png": ".png", "jpeg": ".jpg"}


ISOLATE_ABOVE = 100
"""Books of more applications are laid out in child processes, one per book, one at a time: Typst keeps
its caches for the life of its process, so each book's memory is returned before the next one starts,
and the attachments of one book are inserted here while the next one is laid out there."""


def typeset_books(dossiers: list[Dossier], contents: Mapping[str, bytes]) -> Iterator[tuple[Dossier, bytes]]:
    """Each dossier with its PDF, in order."""
    template = package_files("kczy.dossier").joinpath("dossier.typ").read_bytes()
    isolate = max((len(d.applications) for d in dossiers), default=0) > ISOLATE_ABOVE
    with contextlib.ExitStack() as stack:
        temporary = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kczy-dossier-")))
        pool = (
            stack.enter_context(
                ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"), max_tasks_per_child=1
                )
            )
            if isolate
            else None
        )
        jobs = []
        for number, dossier in enumerate(dossiers):
            root = temporary / str(number)
            root.mkdir()
            data, inserts = _document_data(dossier, contents, root)
            (root / "data.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
            (root / "dossier.typ").write_bytes(template)
            job = pool.submit(compile_typst, str(root)) if pool is not None else None
            jobs.append((dossier, root, inserts, job))
        for dossier, root, inserts, job in jobs:
            pdf, problem, params = job.result() if job is not None else compile_typst(str(root))
            if problem:
                raise FatalError(render_message(problem, params))
            yield dossier, _insert_attachments(pdf, inserts)


BOOK_WORDS = "dossier.book."


def book_words() -> dict[str, str]:
    """The catalog's wording of the book (dossier.book.*) by its key in dossier.typ, unfilled: the template
    fills the parameters that only Typst knows, such as page numbers."""
    return {
        code.removeprefix(BOOK_WORDS): text for code, text in CATALOG.items() if code.startswith(BOOK_WORDS)
    }


def _document_data(
    dossier: Dossier, contents: Mapping[str, bytes], root: Path
) -> tuple[dict[str, Any], list[PdfReader | None]]:
    """The JSON the template reads, and the attachments in the order they appear (None: an image)."""
    inserts: list[PdfReader | None] = []
    sections = []
    count = 0
    for section in dossier.sections:
        applications = []
        for app in section.applications:
            attachments = []
            for attachment in app.attachments:
                entry: dict[str, Any] = {
                    **dataclasses.asdict(attachment),
                    "label": attachment.label,
                    "n": None,
                }
                if attachment.kind == "pdf":
                    reader = _quiet_reader(contents[attachment.path])
                    entry["sizes"] = [_size(page) for page in reader.pages]
                    inserts.append(reader)
                    entry["n"] = count
                elif attachment.kind in _IMAGE_SUFFIX:
                    name = f"images/{count}{_IMAGE_SUFFIX[attachment.kind]}"
                    (root / "images").mkdir(exist_ok=True)
                    (root / name).write_bytes(contents[attachment.path])
                    entry["image"] = "/" + name
                    inserts.append(None)
                    entry["n"] = count
                if entry["n"] is not None:
                    count += 1
                attachments.append(entry)
            applications.append({**dataclasses.asdict(app), "attachments": attachments})
        sections.append({**dataclasses.asdict(section), "applications": applications})
    running = words("dossier.running", year=dossier.year, scope=dossier.scope)
    if dossier.member is not None:
        running += words("dossier.running-member", name=dossier.member.name)
    data = {
        "mark": words("dossier.mark"),
        "attachmentPrefix": words("dossier.attachment-prefix"),
        "name": dossier.name,
        "title": dossier.title,
        "year": dossier.year,
        "sample": dossier.sample,
        "scope": dossier.scope,
        "running": running,
        "type_id": dossier.type_id,
        "member": dataclasses.asdict(dossier.member) if dossier.member is not None else None,
        "organisers": list(dossier.organisers),
        "order": words("dossier.order"),
        "words": book_words(),
        "separator": words("common.separator"),
        "applications": len(dossier.applications),
        "attachments": count,
        "sections": sections,
    }
    return data, inserts


def _size(page: PageObject) -> list[float]:
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    return [height, width] if (page.rotation or 0) % 180 == 90 else [width, height]


def _quiet_reader(data: bytes) -> PdfReader:
    # The attachment passed validation (kczy.attachments); pypdf's repair notes are not the reader's concern.
    with quiet_pypdf():
        return PdfReader(io.BytesIO(data), strict=False)


def _insert_attachments(pdf: bytes, inserts: list[PdfReader | None]) -> bytes:
    """Lay each attachment page under the stamp page Typst reserved for it (found by its bookmark)."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    starts = [
        number
        for item in _walk(reader.outline)
        if str(item.title).startswith(words("dossier.attachment-prefix"))
        and (number := reader.get_destination_page_number(item)) is not None
    ]
    if len(starts) != len(inserts):  # a bug in the template: never a silently shifted attachment
        params = {"bookmarks": len(starts), "attachments": len(inserts)}
        raise FatalError(render_message("stop.book-bookmarks", params))
    with quiet_pypdf():
        for start, attachment in zip(starts, inserts, strict=True):
            if attachment is None:
                continue
            for offset, page in enumerate(attachment.pages):
                writer.pages[start + offset].merge_transformed_page(page, _upright(page), over=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _upright(page: PageObject) -> Transformation:
    """Moves the page's media box to the origin and turns its content as /Rotate would show it."""
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    move = Transformation().translate(-float(box.left), -float(box.bottom))
    rotation = (page.rotation or 0) % 360
    if rotation == 90:
        return move.rotate(-90).translate(0, width)
    if rotation == 180:
        return move.rotate(180).translate(width, height)
    if rotation == 270:
        return move.rotate(90).translate(height, 0)
    return move


def _walk(outline: Any) -> Iterator[Any]:
    for item in outline:
        if isinstance(item, list):
            yield from _walk(item)
        else:
            yield item
