"""Typst on a prepared folder, in whatever process runs it: this module imports nothing else of kczy,
so a child process that lays out a book starts in a fraction of a second."""

from __future__ import annotations

import typst


def compile_typst(root: str) -> tuple[bytes, str, dict[str, object]]:
    """Typst on `root`/dossier.typ: the PDF, or the catalog code and parameters of why not (plain values:
    it may run in a child)."""
    try:
        pdf, notes = typst.compile_with_warnings(
            f"{root}/dossier.typ", root=root, format="pdf", pdf_tags=False
        )
    except typst.TypstError as error:  # a bug in the template, never the data
        return b"", "stop.dossier-typeset-failed", {"reason": f"{error.message} {error.diagnostic}"}
    missing = [note.message for note in notes if "font" in note.message]
    if missing:
        return b"", "stop.dossier-fonts-missing", {"fonts": missing}
    assert isinstance(pdf, bytes)
    return pdf, "", {}
