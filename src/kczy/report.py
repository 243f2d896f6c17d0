"""One renderer per output format of `kczy validate` and `kczy check-pr`; each returns text. `emit` alone
writes: the findings to standard output, and in the github format also the step summary."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

from kczy.findings import Finding, one_line
from kczy.messages import words

FORMATS = ("text", "github", "json", "gitlab")


def render_findings(findings: Sequence[Finding], checked: int, output_format: str) -> str:
    if output_format == "json":
        return json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2) + "\n"
    if output_format == "gitlab":
        return json.dumps(render_code_quality(findings), ensure_ascii=False, indent=2) + "\n"
    if output_format == "github":
        return "".join(_github_line(f) for f in findings) + summary_line(findings, checked) + "\n"
    lines = [render_finding_line(f) + "\n" for f in findings]
    return "".join(lines) + summary_line(findings, checked) + "\n"


def render_finding_line(finding: Finding) -> str:
    return finding.as_line()


def summary_line(findings: Sequence[Finding], checked: int) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return words("summary.passed", checked=checked)
    if not errors:
        return words("summary.warnings", checked=checked, warnings=warnings)
    files = len({f.path for f in findings})
    return words("summary.errors", checked=checked, files=files, errors=errors, warnings=warnings)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_line(finding: Finding) -> str:
    command = "error" if finding.severity == "error" else "warning"
    properties = ",".join(
        [
            f"file={_escape_property(finding.path)}",
            f"line={finding.line}",
            f"col={finding.column}",
            f"title={_escape_property(finding.code)}",
        ]
    )
    return f"::{command} {properties}::{_escape_data(finding.message)}\n"


def emit(findings: Sequence[Finding], checked: int, output_format: str, summary_title: str) -> None:
    """Print the findings; with `--format github`, also append the full table to `$GITHUB_STEP_SUMMARY`."""
    sys.stdout.write(render_findings(findings, checked, output_format))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(render_step_summary(findings, checked, summary_title))


def render_step_summary(findings: Sequence[Finding], checked: int, title: str = "") -> str:
    """Markdown for `$GITHUB_STEP_SUMMARY`: GitHub shows only 10 annotations per step, this shows all.
    Every text is escaped (`markdown_text`): a file name is chosen by whoever opens a pull request.
    `title`: the heading (by default the catalog's `summary.title`)."""
    title = title or words("summary.title")
    lines = [f"## {markdown_text(title)}", "", markdown_text(summary_line(findings, checked)), ""]
    if findings:
        columns = [words(f"summary.column.{c}") for c in ("file", "line", "column", "code", "message")]
        lines += ["| " + " | ".join(columns) + " |", "| --- | --- | --- | --- | --- |"]
        lines += [
            f"| {markdown_text(f.path)} | {f.line} | {f.column} | {markdown_text(f.code)} "
            f"| {markdown_text(f.message)} |"
            for f in findings
        ]
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
"""Every ASCII punctuation character: CommonMark lets a backslash make each of them literal, so no
backtick, bracket, `<`, `|` or `&` in a name can open a code span, a link, an image, HTML or a cell."""


def markdown_text(text: str) -> str:
    """`text` as literal Markdown (and GitHub table cell) text, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))


# GitLab's Code Quality severities run info < minor < major < critical < blocker. An error stops the
# merge request (the job fails), a warning does not.
_CODE_QUALITY_SEVERITY = {"error": "blocker", "warning": "minor"}


def render_code_quality(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """GitLab's Code Quality report (a JSON array) for a `codequality` artifact of a merge request job.

    The fingerprint names the finding, not its line: a finding that only moved (lines added above it)
    keeps its fingerprint, so GitLab's widget does not show it as fixed and new again. Findings
    without a place inside the document (a pointer) fall back to line and column; two findings that
    would still share one are numbered, since GitLab shows only one entry per fingerprint.
    """
    report: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for finding in findings:
        place = finding.pointer or f"{finding.line}:{finding.column}"
        key = "\0".join((finding.path, finding.code, place, finding.message))
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key += f"\0{seen[key]}"
        report.append(
            {
                "description": finding.message,
                "check_name": finding.code,
                "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
                "severity": _CODE_QUALITY_SEVERITY[finding.severity],
                "location": {"path": finding.path, "lines": {"begin": finding.line}},
            }
        )
    return report
