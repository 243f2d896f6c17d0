"""Typst on a prepared folder, in whatever process runs it: this module imports nothing else of kczy,
so a child process that lays out a book starts in a fraction of a second."""

from __future__ import annotations

import typst


def compile_typst(root: str) -> tuple[bytes, str]:
    """Typst on `root`/dossier.typ: the PDF, or a message why not (plain values: it may run in a child)."""
    try:
        pdf, notes = typst.compile_with_warnings(
            f"{root}/dossier.typ", root=root, format="pdf", pdf_tags=False
        )
    except typst.TypstError as error:  # a bug in the template, never the data
        return b"", f"评审材料汇编排版失败：{error.message} {error.diagnostic}"
    missing = [note.message for note in notes if "font" in note.message]
    if missing:
        return b"", "评审材料汇编需要 Noto CJK 中文字体（Debian 软件包 fonts-noto-cjk）：" + "；".join(
            missing
        )
    assert isinstance(pdf, bytes)
    return pdf, ""
