"""One renderer per output format of `kczy validate`; each returns text, none prints."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from kczy.findings import Finding

FORMATS = ("text", "github", "json")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def render_findings(findings: Sequence[Finding], checked: int, output_format: str) -> str:
    if output_format == "json":
        return json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2) + "\n"
    if output_format == "github":
        return "".join(_github_line(f) for f in findings) + summary_line(findings, checked) + "\n"
    lines = [_one_line(f"{f.path}:{f.line}:{f.column}: {f.code}: {f.message}") + "\n" for f in findings]
    return "".join(lines) + summary_line(findings, checked) + "\n"


def _one_line(text: str) -> str:
    """A file name may hold a newline or a terminal escape: show such characters, never act on them."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def summary_line(findings: Sequence[Finding], checked: int) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return f"已检查 {checked} 个文件，全部通过。"
    if not errors:
        return f"已检查 {checked} 个文件，没有错误，全部通过；另有 {warnings} 个提醒。"
    files = len({f.path for f in findings})
    return f"已检查 {checked} 个文件：{files} 个文件中有 {errors} 个错误、{warnings} 个提醒。"


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


def render_step_summary(findings: Sequence[Finding], checked: int) -> str:
    """Markdown for `$GITHUB_STEP_SUMMARY`: GitHub shows only 10 annotations per step, this shows all."""
    lines = ["## 申报材料校验结果", "", summary_line(findings, checked), ""]
    if findings:
        lines += ["| 文件 | 行 | 列 | 代码 | 说明 |", "| --- | --- | --- | --- | --- |"]
        lines += [
            f"| `{f.path}` | {f.line} | {f.column} | `{f.code}` | {_escape_cell(f.message)} |"
            for f in findings
        ]
    return "\n".join(lines) + "\n"


def _escape_cell(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\n", " ")
    )
