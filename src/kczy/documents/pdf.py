"""An official document as PDF in the GB/T 9704-2012 layout, compiled by Typst (the `typst` wheel).

Pure: bytes out.

The document reaches Typst as JSON in `sys.inputs`, never spliced into markup: the template places each
value as a string, so a submitted `#set`, `]` or `\\` is text. Fonts: the official names first, then
the CJK fonts installed on the machine (layout.FALLBACKS); Typst's own embedded fonts are not used for
Chinese. The creation date is the document's date, so two builds give the same bytes.
"""

from __future__ import annotations

import datetime
import functools
import json
from importlib import resources
from typing import Any

import typst

from kczy.documents import layout
from kczy.documents.content import (
    OfficialDocument,
    annex_label,
    attachment_heads,
    chinese_date,
    signature_pads,
    text_width,
)
from kczy.errors import FatalError
from kczy.messages import joined, render_message, words


def render_pdf(document: OfficialDocument) -> bytes:
    """The document as PDF bytes."""
    template = resources.files("kczy.documents").joinpath("official.typ").read_bytes()
    moment = datetime.datetime.combine(
        document.date, datetime.time(9, 0), datetime.timezone(datetime.timedelta(hours=8))
    )
    try:
        pdf, _warnings = typst.compile_with_warnings(
            template,
            font_paths=_fonts(),
            sys_inputs={
                "document": json.dumps(document_json(document), ensure_ascii=False),
                "fonts": json.dumps(_font_lists(), ensure_ascii=False),
            },
            timestamp=moment,
        )
    except typst.TypstError as error:  # a bug in the template, never in the data: the data is a string
        raise FatalError(render_message("stop.pdf-failed", {"reason": error.message})) from None
    assert isinstance(pdf, bytes)
    return pdf


@functools.cache
def _fonts() -> typst.Fonts:
    """The machine's fonts, scanned once per process."""
    return typst.Fonts(include_system_fonts=True, include_embedded_fonts=True)


def _font_lists() -> dict[str, list[str]]:
    lists = {name: [name, *fallbacks] for name, fallbacks in layout.FALLBACKS.items()}
    return {
        "title": lists[layout.FONT_TITLE],
        "body": lists[layout.FONT_BODY],
        "hei": lists[layout.FONT_HEI],
        "kai": lists[layout.FONT_KAI],
        "song": lists[layout.FONT_SONG],
        **{f"level{level}": lists[font] for level, font in layout.LEVEL_FONTS.items()},
    }


def _mark_tracking(issuers: tuple[str, ...]) -> list[float]:
    """A joint mark's names spread to the widest name's width (分散对齐): the extra space between
    characters, in em."""
    widest = max(text_width(name) for name in issuers)
    return [
        (widest - text_width(name)) / (len(name) - 1) if len(name) > 1 else 0.0 for name in issuers
    ]


def _labelled(label: str, text: str) -> str:
    """A paragraph's text after its label, as the Word document writes it (document.field)."""
    return words("document.field", label=label, text=text) if label else text


def document_json(document: OfficialDocument) -> dict[str, Any]:
    """The document as plain JSON data for the template (every text made one line)."""
    line = layout.one_line
    date = chinese_date(document.date)
    pads = signature_pads(document)
    return {
        "sample": document.sample,
        "sampleMark": words("document.sample-mark"),
        "issuers": [line(i) for i in document.issuers],
        "author": joined(line(i) for i in document.issuers),
        "tracking": _mark_tracking(document.issuers),
        "mark": document.mark,
        "number": line(document.number),
        "title": line(document.title),
        "addressees": line(document.addressees),
        "body": [
            {"lead": line(p.lead), "level": p.level, "text": line(_labelled(p.label, p.text))}
            for p in document.body
        ],
        "attachments": [line(a) for a in document.attachments],
        "attachmentHeads": attachment_heads(len(document.attachments)),
        "signature": [
            {"text": line(text), "pad": pad}
            for text, pad in zip([*document.issuers, date], pads, strict=True)
        ],
        "annexes": [
            {
                "number": annex.number,
                "label": annex_label(annex, len(document.annexes) > 1),
                "title": line(annex.title),
                "notes": [line(n) for n in annex.notes],
                "tables": [
                    {
                        "heading": line(t.heading),
                        "headers": list(t.headers),
                        "columns": list(t.columns),
                        "rows": [[line(c) for c in row.cells] for row in t.rows],
                        "note": line(t.note),
                    }
                    for t in annex.tables
                ],
            }
            for annex in document.annexes
        ],
    }
