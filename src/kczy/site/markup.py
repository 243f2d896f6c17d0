"""Untrusted text made inert in Markdown, HTML, CSV and RSS. Pure.

Every character that Markdown, one of its extensions or HTML could read as syntax becomes a numeric
character reference. Python-Markdown passes references through untouched and the browser shows
them as the characters they stand for, so `[x](javascript:…)`, `<script>`, `**`, `|` in a table
cell and `{: onclick=…}` all arrive as text. Line breaks and control characters become spaces:
one value never starts a new block.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape as xml_escape

_SYNTAX = set("\\`*_{}[]()#+-.!|~^=<>&\"':;@$%/")
_BREAKS = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
_TITLE_SAFE = str.maketrans({char: chr(ord(char) + 0xFEE0) for char in '<>&"'})  # their full-width forms
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def md(value: Any) -> str:
    """Any value as inline Markdown text that renders exactly as written, on one line."""
    text = _BREAKS.sub(" ", "" if value is None else str(value)).strip()
    return "".join(f"&#{ord(char)};" if char in _SYNTAX else char for char in text)


def page_title(value: Any) -> str:
    """A submitted string as a page's title (front matter): MkDocs and Material put it into `<title>`,
    the header and the search index without escaping it, so `<`, `>` and `&` become their full-width
    forms there (the page's body shows the exact text)."""
    text = _BREAKS.sub(" ", "" if value is None else str(value)).strip()
    return text.translate(_TITLE_SAFE)


def tel_link(phone: str) -> str:
    """A phone number as a `tel:` link (the number's digits, + and - only) showing the number as written."""
    target = "".join(char for char in phone if char.isascii() and (char.isdigit() or char in "+-"))
    return f'<a href="tel:{target}">{md(phone)}</a>' if any(c.isdigit() for c in target) else md(phone)


def mailto_link(address: str) -> str:
    """An e-mail address as a `mailto:` link, when it looks like one; otherwise plain text."""
    if not _EMAIL.fullmatch(address):
        return md(address)
    return f'<a href="mailto:{address}">{md(address)}</a>'


def md_paragraphs(value: Any) -> str:
    """Multi-line text as paragraphs (blank lines separate them), each escaped with `md`."""
    text = "" if value is None else str(value)
    paragraphs = [md(part) for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "\n\n".join(paragraphs)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table; cells must already be escaped (or be trusted fixed text)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], note: str = "") -> bytes:
    """CSV in UTF-8 with a byte-order mark (so spreadsheet programs on Windows read the Chinese).

    A cell that a spreadsheet would run as a formula gets a leading apostrophe. `note` (trusted fixed
    text), when given, is the first line, above the headers: what the whole table is.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if note:
        writer.writerow([note])
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_CSV_FORMULA) else text


def xml_text(value: Any) -> str:
    """Text for an XML element or attribute value."""
    text = _BREAKS.sub(" ", "" if value is None else str(value))
    return xml_escape(text, {'"': "&quot;", "'": "&apos;"})
