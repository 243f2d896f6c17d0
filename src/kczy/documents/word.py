"""An official document as a Word file (.docx) in the GB/T 9704-2012 layout, with python-docx.

Pure: bytes out.

python-docx writes every value as a text node (XML-escaped), so a submitted title that looks like a
field code (`{ MERGEFIELD x }`) or a template tag stays text: no field, no template is ever built from
submitted strings. The file is byte-identical for identical content (fixed zip dates and properties).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from kczy.documents import layout
from kczy.documents.content import (
    Annex,
    OfficialDocument,
    Paragraph,
    annex_label,
    attachment_heads,
    chinese_date,
    signature_pads,
)
from kczy.messages import words

BODY_INDENT = Pt(layout.SIZE_BODY * 2)
"""每个自然段左空二字."""


def render_docx(document: OfficialDocument) -> bytes:
    """The document as .docx bytes."""
    doc = Document()
    _page_setup(doc)
    _styles(doc)
    body = _Writer(doc)
    if document.sample:
        body.line(words("document.sample-mark"), font=layout.FONT_HEI, color=layout.RED, indent=False)
    body.mark(document)
    if document.number:
        body.blank(2)
        body.line(document.number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    body.separator()
    body.blank(2)
    body.title(document.title)
    body.blank()
    if document.addressees:
        body.line(document.addressees, indent=False)
    for paragraph in document.body:
        body.paragraph(paragraph)
    if document.attachments:
        body.blank()
        body.attachments(document.attachments)
    body.blank()
    body.signature(document)
    for annex in document.annexes:
        body.annex(annex, len(document.annexes) > 1)
    _page_numbers(doc)
    _properties(doc, document)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip(buffer.getvalue(), document.date)


def _page_setup(doc: Any) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(layout.PAGE_WIDTH_MM), Mm(layout.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(layout.TOP_MM), Mm(layout.BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(layout.LEFT_MM), Mm(layout.RIGHT_MM)
    section.header_distance = Mm(15)
    # The page number's dash 7 mm below the text block: the footer's bottom edge ~ one 4号 line lower.
    section.footer_distance = Mm(layout.BOTTOM_MM - layout.PAGE_NUMBER_GAP_MM - 5)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # 22 lines of 28 characters: Word's document grid (line pitch in twentieths of a point).
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(layout.LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), "0")


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    _set_font(normal.font, normal.element.get_or_add_rPr(), layout.FONT_BODY, layout.SIZE_BODY)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(layout.LINE_PITCH_PT)
    fmt.widow_control = False


def _set_font(font: Any, rpr: Any, name: str, size: float, bold: bool = False, color: str = "") -> None:
    font.name = name
    font.size = Pt(size)
    font.bold = bold
    if color:
        font.color.rgb = RGBColor.from_string(color)
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), name)
    fonts.set(qn("w:hAnsi"), name)


class _Writer:
    def __init__(self, doc: Any) -> None:
        self.doc = doc

    def run(
        self,
        paragraph: Any,
        text: str,
        font: str = layout.FONT_BODY,
        size: float = layout.SIZE_BODY,
        bold: bool = False,
        color: str = "",
    ) -> Any:
        run = paragraph.add_run(layout.one_line(text))
        _set_font(run.font, run._element.get_or_add_rPr(), font, size, bold, color)
        return run

    def line(
        self,
        text: str,
        font: str = layout.FONT_BODY,
        size: float = layout.SIZE_BODY,
        align: Any = WD_ALIGN_PARAGRAPH.LEFT,
        indent: bool = True,
        bold: bool = False,
        color: str = "",
    ) -> Any:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = BODY_INDENT
        self.run(paragraph, text, font, size, bold, color)
        return paragraph

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self.doc.add_paragraph()

    def mark(self, document: OfficialDocument) -> None:
        """发文机关标志: the organs' names in red 小标宋, "文件" to the right of a joint mark."""
        spacer = self.doc.add_paragraph()
        spacer.paragraph_format.line_spacing = Mm(layout.MARK_TOP_MM - 8)
        if len(document.issuers) == 1 or not document.mark:
            for issuer in document.issuers:
                self._mark_line(self.doc.add_paragraph(), issuer + document.mark)
            return
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        names, word = table.rows[0].cells
        names.width, word.width = Mm(layout.TEXT_WIDTH_MM - 40), Mm(40)
        for index, issuer in enumerate(document.issuers):
            paragraph = names.paragraphs[0] if index == 0 else names.add_paragraph()
            self._mark_line(paragraph, issuer, WD_ALIGN_PARAGRAPH.DISTRIBUTE)
        word.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        self._mark_line(word.paragraphs[0], document.mark, WD_ALIGN_PARAGRAPH.CENTER)

    def _mark_line(self, paragraph: Any, text: str, align: Any = WD_ALIGN_PARAGRAPH.CENTER) -> None:
        paragraph.alignment = align
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph.paragraph_format.first_line_indent = Pt(0)
        self.run(paragraph, text, layout.FONT_TITLE, layout.SIZE_MARK, color=layout.RED)

    def separator(self) -> None:
        """The red line as wide as the text block, 4 mm under the document number."""
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.line_spacing = Mm(4)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "12"), ("space", "1"), ("color", layout.RED)):
            bottom.set(qn(f"w:{key}"), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)

    def title(self, text: str) -> None:
        paragraph = self.line(text, layout.FONT_TITLE, layout.SIZE_TITLE, WD_ALIGN_PARAGRAPH.CENTER, False)
        paragraph.paragraph_format.line_spacing = Pt(layout.SIZE_TITLE * 1.6)

    def paragraph(self, item: Paragraph) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.first_line_indent = BODY_INDENT
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if item.lead:
            font = layout.LEVEL_FONTS.get(item.level, layout.FONT_BODY)
            self.run(paragraph, item.lead, font, bold=layout.LEVEL_BOLD.get(item.level, False))
        if item.label:
            self.run(paragraph, words("document.field", label=item.label, text=item.text))
        elif item.text:
            self.run(paragraph, item.text)

    def attachments(self, titles: tuple[str, ...]) -> None:
        """附件说明: a second line of an attachment's name aligns with the name, not with 附件."""
        numbered = len(titles) > 1
        for head, title in zip(attachment_heads(len(titles)), titles, strict=True):
            paragraph = self.line(head + title)
            hanging = 4 if numbered else 3
            paragraph.paragraph_format.left_indent = Pt(layout.SIZE_BODY * (2 + hanging))
            paragraph.paragraph_format.first_line_indent = Pt(-layout.SIZE_BODY * hanging)

    def signature(self, document: OfficialDocument) -> None:
        """落款 without a seal (content.signature_pads says how far from the right each line ends)."""
        lines = [*document.issuers, chinese_date(document.date)]
        for text, pad in zip(lines, signature_pads(document), strict=True):
            paragraph = self.line(text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
            paragraph.paragraph_format.right_indent = Pt(layout.SIZE_BODY * pad)

    def annex(self, annex: Annex, numbered: bool) -> None:
        """An attachment starts on a new page: 附件 in 黑体 at the top left, its title on the third line."""
        paragraph = self.doc.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        self.run(paragraph, annex_label(annex, numbered), layout.FONT_HEI)
        self.blank()
        self.title(annex.title)
        self.blank()
        for part in annex.tables:
            self.line(part.heading, font=layout.FONT_HEI)
            if part.rows:
                self._table(part.headers, part.columns, [row.cells for row in part.rows])
            if part.note:
                self.line(part.note)
        for note in annex.notes:
            self.line(note, size=layout.SIZE_TABLE)

    def _table(self, headers: tuple[str, ...], columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = _column_widths(columns)
        for cell, header, width in zip(table.rows[0].cells, headers, widths, strict=True):
            cell.width = Mm(width)
            self._cell(cell, header, layout.FONT_HEI)
        for row in rows:
            cells = table.add_row().cells
            for index, (cell, text, width) in enumerate(zip(cells, row, widths, strict=True)):
                cell.width = Mm(width)
                centered = columns[index] in ("number", "votes")
                self._cell(cell, text, layout.FONT_BODY, centered)

    def _cell(self, cell: Any, text: str, font: str, centered: bool = True) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centered else WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.line_spacing = Pt(layout.SIZE_TABLE * 1.5)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        self.run(paragraph, text, font, layout.SIZE_TABLE)


def _column_widths(columns: tuple[str, ...]) -> list[float]:
    """Millimetres per column (by what it holds), together the text block's width."""
    fixed = {"number": 14.0, "votes": 16.0}
    rest = layout.TEXT_WIDTH_MM - sum(fixed.get(c, 0) for c in columns)
    flexible = [c for c in columns if c not in fixed]
    share = {"title": 0.55, "applicant": 0.45} if len(flexible) == 2 else {}
    return [fixed.get(c) or rest * share.get(c, 1 / len(flexible)) for c in columns]


def _page_numbers(doc: Any) -> None:
    """“— 1 —” in 4号宋体: odd pages one character from the right, even pages one from the left."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        indent = Pt(layout.SIZE_PAGE_NUMBER)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = indent
        else:
            paragraph.paragraph_format.left_indent = indent
        paragraph.paragraph_format.first_line_indent = Pt(0)
        _page_run(paragraph, "— ")
        _field(paragraph, "PAGE")
        _page_run(paragraph, " —")


def _page_run(paragraph: Any, text: str) -> Any:
    run = paragraph.add_run(text)
    _set_font(run.font, run._element.get_or_add_rPr(), layout.FONT_SONG, layout.SIZE_PAGE_NUMBER)
    return run


def _field(paragraph: Any, code: str) -> None:
    """A Word field (the page number): only ever a fixed code, never submitted text."""
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = _page_run(paragraph, "1" if kind == "result" else "")
        if kind == "instr":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = f" {code} "
            run._r.append(instruction)
        elif kind != "result":
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _properties(doc: Any, document: OfficialDocument) -> None:
    props = doc.core_properties
    props.title = layout.one_line(document.title)
    props.author = layout.one_line(words("document.issuers-separator").join(document.issuers))
    props.last_modified_by = props.author
    props.comments = ""
    props.revision = 1
    moment = datetime.datetime.combine(document.date, datetime.time(9, 0))
    props.created = props.modified = moment


def _fixed_zip(data: bytes, day: datetime.date) -> bytes:
    """The same zip with every member dated `day`: two builds of one document give the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
