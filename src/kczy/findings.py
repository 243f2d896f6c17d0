"""Problems found in user input, as plain values that are gathered and sorted, never raised."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from kczy.messages import render_finding_message, render_message

Severity = Literal["error", "warning"]
_CONTROL = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. `path` is relative to the repository root, with `/`."""

    path: str
    line: int
    column: int
    code: str
    params: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    pointer: str = field(default="", compare=False)
    severity: Severity = field(default="error", compare=False)

    @property
    def message(self) -> str:
        return render_finding_message(self.code, self.params)

    def as_line(self) -> str:
        """`PATH:LINE:COLUMN: MESSAGE（CODE）`: the place first (editors jump to it), then what a person
        reads, the code last for whoever looks it up; on one line whatever the file name holds."""
        warning = render_message("common.warning", {}) if self.severity == "warning" else ""
        place = f"{self.path}:{self.line}:{self.column}"
        params = {"place": place, "warning": warning, "message": self.message, "code": self.code}
        return one_line(render_message("common.finding-line", params))

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "message": self.message,
            "severity": self.severity,
            "pointer": self.pointer,
        }


@dataclass(frozen=True)
class Problem:
    """A problem before it gets a place (of a file's bytes, a name, an envelope): a catalog code and its
    parameters; the caller knows where it was written."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


def one_line(text: str) -> str:
    """A file name may hold a newline or a terminal escape: show such characters, never act on them."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Sort by place then code, dropping exact repeats (the same code at the same place)."""
    unique: dict[tuple[str, int, int, str, str], Finding] = {}
    for finding in findings:
        key = (finding.path, finding.line, finding.column, finding.code, finding.message)
        unique.setdefault(key, finding)
    return sorted(unique.values(), key=lambda f: (f.path, f.line, f.column, f.code, f.message))
