"""YAML for people: every value with its place, and every trap turned into a finding.

The only module that parses YAML. It reads the event stream of libyaml's C parser and builds plain
data itself, so that it controls what PyYAML would otherwise decide silently:

- values keep their line and column (1-based), keys too;
- duplicate keys, anchors, aliases, unknown tags and multiple documents are findings;
- scalars follow the YAML 1.2 core schema, except that nothing becomes a date and numbers with a
  leading zero stay text (a postal code `010020` is text, not 4112 or 10020);
- text encodings, tabs, full-width colons and spaces, zero-width and bidirectional control characters
  get a precise hint.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events

from kczy.findings import Finding
from kczy.messages import YAML_PROBLEMS

try:  # libyaml is part of every PyYAML wheel; the pure-Python parser is the fallback.
    from yaml import CBaseLoader as _EventLoader
except ImportError:  # pragma: no cover
    from yaml import BaseLoader as _EventLoader  # type: ignore[assignment]

Key = str | int
NodePath = tuple[Key, ...]
Position = tuple[int, int]

MAX_BYTES = 1_000_000
MAX_DEPTH = 40

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_NUMBER_START = frozenset("+-0123456789")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# Bidirectional controls (embeddings, overrides, isolates, marks) reorder what a reader of the pages,
# the CSV or the JSON sees without changing the bytes (“Trojan Source”): never part of a title.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_INVISIBLE = ((_ZERO_WIDTH, "text.zero-width"), (_BIDI, "text.bidi-control"))
# What a double-quoted escape (`"\0"`, `"\e"`, `"\uffff"`) can put into a value that the reader
# would refuse as written (and XML, for the feed); tab and line breaks are ordinary text.
_ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_BAD_INDENT = re.compile(r"^ *([\t\u3000])", re.MULTILINE)
# \uff1a is the full-width colon (：), \u3000 the ideographic space.
_FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[^\s#:\uff1a'\"][^:\uff1a#]*?\s*(\uff1a)")
_FULLWIDTH_AFTER_COLON = re.compile(r"^\s*(?:-\s+)?[^\s#:'\"][^:#]*?:([\u3000\u00a0])")
_TAG_PREFIX = "tag:yaml.org,2002:"


@dataclass(frozen=True)
class Document:
    """One parsed file: its data and where each part of it was written."""

    path: str
    data: dict[str, Any]
    positions: Mapping[NodePath, Position] = field(repr=False)
    key_positions: Mapping[NodePath, Position] = field(repr=False)
    plain_text: Mapping[NodePath, str] = field(repr=False)
    """Source text of plain scalars that did not become text (numbers, booleans, null)."""

    def place(self, node_path: NodePath, *, key: bool = False) -> Position:
        """The place of a node, or of its nearest written ancestor (a missing key has no place)."""
        if key and node_path in self.key_positions:
            return self.key_positions[node_path]
        for end in range(len(node_path), -1, -1):
            found = self.positions.get(node_path[:end])
            if found is not None:
                return found
        return (1, 1)


def parse_yaml(
    content: bytes, path: str, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> tuple[Document | None, list[Finding]]:
    """Parse one file. Returns the document (None when it cannot be read) and its findings."""
    if len(content) > max_bytes:
        return None, [Finding(path, 1, 1, "yaml.too-large", {"size": len(content), "limit": max_bytes})]
    text, finding = _decode(content, path)
    if finding is not None:
        return None, [finding]
    findings = list(_scan_text(text, path))
    if findings:
        return None, findings
    builder = _Builder(path, max_depth)
    try:
        builder.run(text)
    except yaml.YAMLError as error:
        return None, [*builder.findings, _syntax_finding(error, text, path)]
    except _Stop:
        return None, builder.findings
    if builder.root is None:
        return None, [*builder.findings, Finding(path, 1, 1, "yaml.empty")]
    if not isinstance(builder.root, dict):
        return None, [*builder.findings, _not_mapping(builder, text, path)]
    document = Document(path, builder.root, builder.positions, builder.key_positions, builder.plain_text)
    return document, builder.findings


def peek_top_level(content: bytes, key: str) -> Any:
    """The scalar value of one top-level key, reading only as far as that key.

    For context from other files (who applied for what), where building every document would make
    checking one file as slow as checking the whole round. None when absent or unreadable.
    """
    try:
        loader = _EventLoader(content.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
    except UnicodeDecodeError:
        return None
    depth, expecting_key, found = 0, True, False
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, events.CollectionStartEvent):
                if depth == 1 and not expecting_key and found:
                    return None
                depth += 1
                if depth == 2:
                    expecting_key = not expecting_key
            elif isinstance(event, events.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, events.ScalarEvent | events.AliasEvent) and depth == 1:
                if found:
                    return (
                        resolve_plain(event.value)
                        if isinstance(event, events.ScalarEvent) and _is_plain(event)
                        else getattr(event, "value", None)
                    )
                found = expecting_key and isinstance(event, events.ScalarEvent) and event.value == key
                expecting_key = not expecting_key
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _decode(content: bytes, path: str) -> tuple[str, Finding | None]:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", Finding(path, 1, 1, "encoding.utf16")
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line, column = _place_of_offset(content, error.start)
        try:
            content.decode("gb18030")
        except UnicodeDecodeError:
            return "", Finding(path, line, column, "encoding.not-utf8")
        return "", Finding(path, line, column, "encoding.gbk")


def _place_of_offset(content: bytes, offset: int) -> Position:
    before = content[:offset]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return before.count(b"\n") + 1, column


def _scan_text(text: str, path: str) -> list[Finding]:
    """Characters that YAML would reject cryptically or, worse, accept as part of a value.

    Whole-text searches, so that a clean file (the usual case) costs no per-line work.
    """
    findings = []
    for match in _BAD_INDENT.finditer(text):
        line, column = _place_in_text(text, match.end() - 1)
        code = "yaml.tab" if match.group(1) == "\t" else "text.fullwidth-space"
        findings.append(Finding(path, line, column, code))
    for pattern, code in _INVISIBLE:
        for match in pattern.finditer(text):
            line, column = _place_in_text(text, match.start())
            char = f"U+{ord(match.group()):04X}"
            findings.append(Finding(path, line, column, code, {"char": char}))
    return sorted(findings)


def _place_in_text(text: str, offset: int) -> Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


class _Stop(Exception):
    """The file cannot be read further; the builder's findings say why."""


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    node_path: NodePath
    pending_key: str | None = None
    key_is_bad: bool = False


class _Builder:
    def __init__(self, path: str, max_depth: int) -> None:
        self.path = path
        self.max_depth = max_depth
        self.findings: list[Finding] = []
        self.positions: dict[NodePath, Position] = {}
        self.key_positions: dict[NodePath, Position] = {}
        self.plain_text: dict[NodePath, str] = {}
        self.root: Any = None
        self.stack: list[_Frame] = []
        self.documents = 0

    def finding(self, mark: Any, code: str, **params: Any) -> None:
        self.findings.append(Finding(self.path, mark.line + 1, mark.column + 1, code, params))

    def run(self, text: str) -> None:
        loader = _EventLoader(text)
        get_event, handle, add_scalar = loader.get_event, self.handle, self.add_scalar
        try:
            while (event := get_event()) is not None:
                # Most events are scalars without an anchor (the common case, kept to few calls).
                if type(event) is events.ScalarEvent and event.anchor is None:
                    add_scalar(event)
                else:
                    handle(event)
        finally:
            loader.dispose()

    def add_scalar(self, event: events.ScalarEvent) -> None:
        """`handle` of a scalar without an anchor; a value inside a mapping or a list inline."""
        tag, style = event.tag, event.style
        if tag is None and not style:  # plain: libyaml reports the style as "", the Python parser None
            text = event.value
            value = resolve_plain(text)
            if type(value) is str and text[:1] in _NUMBER_START and _looks_numeric(text):
                self.finding(event.start_mark, "yaml.number-range", text=text[:20])
        else:
            value = self.scalar_value(event)
        stack = self.stack
        if not stack:
            self.add(event, value)
            return
        frame = stack[-1]
        container = frame.container
        if isinstance(container, list):
            node_path: NodePath = (*frame.node_path, len(container))
            container.append(value)
        elif frame.pending_key is not None:
            key = frame.pending_key
            node_path = (*frame.node_path, key)
            container[key] = value
            frame.pending_key = None
        else:
            self.add(event, value)
            return
        mark = event.start_mark
        assert mark is not None  # both parsers always set marks
        self.positions[node_path] = (mark.line + 1, mark.column + 1)
        if tag is None and not style and type(value) is not str:
            self.plain_text[node_path] = event.value

    def handle(self, event: events.Event) -> None:
        if isinstance(event, events.ScalarEvent):
            self.check_anchor(event)
            self.add(event, self.scalar_value(event))
        elif isinstance(event, events.MappingStartEvent | events.SequenceStartEvent):
            self.check_anchor(event)
            if len(self.stack) >= self.max_depth:
                self.finding(event.start_mark, "yaml.too-deep", limit=self.max_depth)
                raise _Stop
            self.check_collection_tag(event)
            container: dict[str, Any] | list[Any] = {} if isinstance(event, events.MappingStartEvent) else []
            node_path = self.add(event, container)
            self.stack.append(_Frame(container, node_path))
        elif isinstance(event, events.MappingEndEvent | events.SequenceEndEvent):
            self.stack.pop()
        elif isinstance(event, events.AliasEvent):
            self.finding(event.start_mark, "yaml.alias", name=event.anchor)
            self.add(event, None)
        elif isinstance(event, events.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.finding(event.start_mark, "yaml.multiple-documents")
                raise _Stop

    def check_anchor(self, event: events.NodeEvent) -> None:
        if event.anchor is not None:
            self.finding(event.start_mark, "yaml.anchor", name=event.anchor)

    def check_collection_tag(self, event: events.CollectionStartEvent) -> None:
        expected = "map" if isinstance(event, events.MappingStartEvent) else "seq"
        if event.tag is not None and event.tag != _TAG_PREFIX + expected:
            self.finding(event.start_mark, "yaml.tag", tag=event.tag)

    def add(self, event: events.NodeEvent, value: Any) -> NodePath:
        """Place a finished value (or a new, still empty container) into its parent."""
        mark = event.start_mark
        assert mark is not None  # both parsers always set marks
        position = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.root = value
            self.positions[()] = position
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            node_path = (*frame.node_path, len(frame.container))
            frame.container.append(value)
        elif frame.pending_key is None and not frame.key_is_bad:
            return self.add_key(frame, event, value, position)
        elif frame.key_is_bad:
            frame.key_is_bad = False
            return (*frame.node_path, "<dropped>")
        else:
            assert frame.pending_key is not None and isinstance(frame.container, dict)
            node_path = (*frame.node_path, frame.pending_key)
            frame.container[frame.pending_key] = value
            frame.pending_key = None
        self.positions[node_path] = position
        if isinstance(event, events.ScalarEvent) and not isinstance(value, str) and _is_plain(event):
            self.plain_text[node_path] = event.value
        return node_path

    def add_key(self, frame: _Frame, event: events.NodeEvent, value: Any, position: Position) -> NodePath:
        if not isinstance(event, events.ScalarEvent):
            self.finding(event.start_mark, "yaml.complex-key")
            frame.key_is_bad = True
            # A collection used as a key still gets built (and then dropped) so the stream stays in step.
            return (*frame.node_path, "<key>")
        key = event.value
        node_path = (*frame.node_path, key)
        assert isinstance(frame.container, dict)
        if key in frame.container:
            first_line = self.key_positions[node_path][0]
            self.finding(event.start_mark, "yaml.duplicate-key", key=key, first_line=first_line)
            frame.key_is_bad = True
        else:
            frame.pending_key = key
            self.key_positions[node_path] = position
        return node_path

    def scalar_value(self, event: events.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            if not _is_plain(event):
                self.check_escapes(event)
                return event.value
            value = resolve_plain(event.value)
            if isinstance(value, str) and _looks_numeric(value):
                self.finding(event.start_mark, "yaml.number-range", text=value[:20])
            return value
        if tag == _TAG_PREFIX + "str":
            return event.value
        resolved = resolve_plain(event.value)
        expected = {"int": int, "float": float, "bool": bool, "null": type(None)}
        wanted = expected.get(tag.removeprefix(_TAG_PREFIX)) if tag.startswith(_TAG_PREFIX) else None
        if wanted is None or type(resolved) is not wanted:
            self.finding(event.start_mark, "yaml.tag", tag=tag)
        return resolved

    def check_escapes(self, event: events.ScalarEvent) -> None:
        if event.style != '"':
            return
        for pattern, code in ((_ESCAPED_CONTROL, "text.control-char"), *_INVISIBLE):
            match = pattern.search(event.value)
            if match:
                self.finding(event.start_mark, code, char=f"U+{ord(match.group()):04X}")


def _is_plain(event: events.ScalarEvent) -> bool:
    # libyaml reports the plain style as "" where the pure-Python parser reports None.
    return not event.style and event.tag is None


def _looks_numeric(text: str) -> bool:
    return text[:1] in _NUMBER_START and bool(_INT.fullmatch(text) or _FLOAT.fullmatch(text))


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar: the YAML 1.2 core schema, without dates or leading zeros."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if text[:1] not in _NUMBER_START:  # most values are words: skip the number patterns
        return text
    if _INT.fullmatch(text):
        return int(text) if len(text) <= 4000 else text  # Python refuses longer digit strings
    if _FLOAT.fullmatch(text):
        number = float(text)
        if not math.isfinite(number):
            return text  # 1e999 would be infinity
        # JSON Schema counts 3.0 as an integer; reading it as 3 makes every command agree with it.
        return int(number) if number.is_integer() else number
    return text


def _syntax_finding(error: yaml.YAMLError, text: str, path: str) -> Finding:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    colon = _fullwidth_colon_near(text, line)
    if colon is not None:
        return Finding(path, colon[0], colon[1], "yaml.fullwidth-colon", {"text": colon[2]})
    lines = text.splitlines()
    for number in (line - 1, line):  # `key:　value` is no key at all; the parser stumbles a line later
        match = _FULLWIDTH_AFTER_COLON.match(lines[number - 1]) if 1 <= number <= len(lines) else None
        if match:
            params = {"char": f"U+{ord(match.group(1)):04X}"}
            return Finding(path, number, match.start(1) + 1, "yaml.fullwidth-space-after-colon", params)
    if isinstance(error, yaml.reader.ReaderError):
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        char = error.character if isinstance(error.character, int) else ord(error.character)
        return Finding(path, line, column, "text.control-char", {"char": f"U+{char:04X}"})
    cause = _real_cause(lines, line)
    if cause is not None:
        return Finding(path, cause[0], cause[1], cause[2], cause[3])
    problem = getattr(error, "problem", None) or str(error)
    return Finding(path, line, column, "yaml.syntax", {"problem": YAML_PROBLEMS.get(problem, problem)})


_KEY_WITH_VALUE = re.compile(r"^( *(?:- +)?)[^\s#:][^:#]*: +(\S.*)$")
_OPEN_QUOTE = re.compile(r"""^ *(?:- +)?(?:[^\s#:"'][^:#]*: +)?(["'])""")
_EMPTY_FLOW = re.compile(r"^ *(?:- +)?[^\s#:][^:#]*: *(\[\]|\{\}) *(?:#.*)?$")


def _real_cause(lines: list[str], line: int) -> tuple[int, int, str, dict[str, Any]] | None:
    """Where libyaml stumbles is often lines after the mistake. The three mistakes people make most:
    a quotation mark never closed (the parser reads on to the next one), a line indented under a key that
    already has its value, and list items under the template's `key: []`."""
    for number in range(1, min(line, len(lines)) + 1):
        quote = _unclosed_quote(lines[number - 1])
        if quote is not None:
            return number, quote[0] + 1, "yaml.unclosed-quote", {"quote": quote[1]}
    if not 2 <= line <= len(lines):
        return None
    written = [n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and lines[n - 1].lstrip()[0] != "#"]
    previous = written[0] if written else None
    if previous is None:
        return None
    above, here = lines[previous - 1], lines[line - 1]
    indent = len(here) - len(here.lstrip(" "))
    empty = _EMPTY_FLOW.match(above)
    if empty and here.lstrip().startswith("-"):
        params = {"empty": empty.group(1), "line": previous}
        return previous, empty.start(1) + 1, "yaml.empty-then-items", params
    valued = _KEY_WITH_VALUE.match(above)
    if valued and indent > len(valued.group(1)) and not valued.group(2).startswith(("|", ">", "&", "!")):
        key = above.strip().split(":", 1)[0].lstrip("- ")
        return line, 1, "yaml.over-indented", {"extra": indent - len(valued.group(1)), "key": key}
    return None


def _unclosed_quote(text: str) -> tuple[int, str] | None:
    """The column and mark of a value that opens a quotation on this line and does not close it."""
    match = _OPEN_QUOTE.match(text)
    if match is None:
        return None
    quote, start = match.group(1), match.end(1)
    rest = text[start:]
    if quote == "'":
        closed = "'" in rest.replace("''", "")
    else:
        closed = re.search(r'(?<!\\)"', rest.replace("\\\\", "")) is not None
    return None if closed else (match.start(1), quote)


def _fullwidth_colon_near(text: str, line: int) -> tuple[int, int, str] | None:
    """A key followed by `：` instead of `:`, on the line of a syntax error or the one before it."""
    lines = text.splitlines()
    for number in (line - 1, line):
        if 1 <= number <= len(lines):
            match = _FULLWIDTH_KEY.match(lines[number - 1])
            if match:
                return number, match.start(1) + 1, lines[number - 1].strip()
    return None


def _not_mapping(builder: _Builder, text: str, path: str) -> Finding:
    colon = _fullwidth_colon_near(text, 1)
    if colon is not None:
        return Finding(path, colon[0], colon[1], "yaml.fullwidth-colon", {"text": colon[2]})
    line, column = builder.positions.get((), (1, 1))
    return Finding(path, line, column, "yaml.not-mapping", {"kind": type(builder.root).__name__})
