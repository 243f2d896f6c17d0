"""Problems found in user input, as plain values that are gathered and sorted, never raised."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from kczy.messages import render_finding_message

Severity = Literal["error", "warning"]


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


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Sort by place then code, dropping exact repeats (the same code at the same place)."""
    unique: dict[tuple[str, int, int, str, str], Finding] = {}
    for finding in findings:
        key = (finding.path, finding.line, finding.column, finding.code, finding.message)
        unique.setdefault(key, finding)
    return sorted(unique.values(), key=lambda f: (f.path, f.line, f.column, f.code, f.message))
