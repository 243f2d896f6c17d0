"""JSON Schema's `pattern` is an ECMA-262 regular expression (unicode mode); Python's `re` reads some of the
same text differently (`\\d` matches Arabic-Indic digits, `$` matches before a final newline, `.` matches a
carriage return). `to_python` rewrites a pattern into a Python pattern with the ECMA meaning, or raises
`RegexRefused` for what it does not translate (Unicode property escapes, back-references, lookbehind), so
that both validators read the schema's patterns alike and as the standard says.
"""

from __future__ import annotations

import re

_WORD = "a-zA-Z0-9_"
# ECMA-262 WhiteSpace and LineTerminator: the characters `\s` matches.
_SPACE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_CLASS_ESCAPES = {"d": "0-9", "w": _WORD, "s": _SPACE}
_ESCAPES = {
    **{letter: f"[{body}]" for letter, body in _CLASS_ESCAPES.items()},
    **{letter.upper(): f"[^{body}]" for letter, body in _CLASS_ESCAPES.items()},
    "b": f"(?:(?<=[{_WORD}])(?![{_WORD}])|(?<![{_WORD}])(?=[{_WORD}]))",
    "B": f"(?:(?<=[{_WORD}])(?=[{_WORD}])|(?<![{_WORD}])(?![{_WORD}]))",
}
_CONTROL = {"t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r"}
_SYNTAX = set("^$\\.*+?()[]{}|/-")
_QUANTIFIER = re.compile(r"\{\d+(?:,\d*)?\}")


class RegexRefused(ValueError):
    """A pattern outside the translated subset; `reason` is a message-catalog code."""

    def __init__(self, reason: str, position: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.position = position


def to_python(pattern: str) -> str:
    """The Python pattern that matches exactly what the ECMA-262 (unicode mode) `pattern` matches."""
    out: list[str] = []
    i = 0
    quantified = False  # the previous token was a quantifier: `+` after it would be possessive in Python
    while i < len(pattern):
        char = pattern[i]
        if quantified and char == "+":
            raise RegexRefused("regex.invalid", i)
        quantified = char in "*+?" and not (quantified and char == "?")
        if char == "\\":
            text, i = _escape(pattern, i, in_class=False)
            out.append(text)
            continue
        if char == "[":
            text, i = _class(pattern, i)
            out.append(text)
            continue
        if char == "(":
            text, i = _group(pattern, i)
            out.append(text)
            continue
        if char == ".":
            out.append("[^\\n\\r\\u2028\\u2029]")
        elif char == "$":
            out.append("\\Z")
        elif char == "{":
            quantifier = _QUANTIFIER.match(pattern, i)
            if quantifier is None:
                raise RegexRefused("regex.brace", i)
            out.append(quantifier.group())
            i = quantifier.end()
            quantified = True
            continue
        elif char == "}":
            raise RegexRefused("regex.brace", i)
        else:
            out.append(char)
        i += 1
    python = "".join(out)
    try:
        re.compile(python)
    except re.error as error:
        raise RegexRefused("regex.invalid", error.pos or 0) from None
    return python


def _group(pattern: str, i: int) -> tuple[str, int]:
    for opening in ("(?:", "(?=", "(?!"):
        if pattern.startswith(opening, i):
            return opening, i + len(opening)
    if pattern.startswith("(?<=", i) or pattern.startswith("(?<!", i):
        raise RegexRefused("regex.lookbehind", i)
    if pattern.startswith("(?<", i):
        end = pattern.find(">", i)
        name = pattern[i + 3 : end]
        if end < 0 or not name.isidentifier():
            raise RegexRefused("regex.invalid", i)
        return f"(?P<{name}>", end + 1
    if pattern.startswith("(?", i):
        raise RegexRefused("regex.invalid", i)
    return "(", i + 1


def _class(pattern: str, i: int) -> tuple[str, int]:
    start = i
    i += 1
    negated = pattern.startswith("^", i)
    if negated:
        i += 1
    body: list[str] = []
    while i < len(pattern) and pattern[i] != "]":
        char = pattern[i]
        if char == "\\":
            text, i = _escape(pattern, i, in_class=True)
            body.append(text)
            continue
        # `[`, `&`, `~`, `|` are plain in ECMA classes; Python reserves doubled ones for set operations.
        body.append("\\" + char if char in "[&~|" else char)
        i += 1
    if i >= len(pattern):
        raise RegexRefused("regex.invalid", start)
    if not body:
        return ("[\\s\\S]" if negated else "(?!)"), i + 1
    return "[" + ("^" if negated else "") + "".join(body) + "]", i + 1


def _escape(pattern: str, i: int, *, in_class: bool) -> tuple[str, int]:
    if i + 1 >= len(pattern):
        raise RegexRefused("regex.invalid", i)
    char = pattern[i + 1]
    if in_class and char in _CLASS_ESCAPES:
        return _CLASS_ESCAPES[char], i + 2
    if in_class and char == "b":
        return "\\x08", i + 2
    if in_class and char in "DWS":
        raise RegexRefused("regex.negated-class-in-class", i)
    if char in _ESCAPES:
        return _ESCAPES[char], i + 2
    if char in _CONTROL:
        return re.escape(_CONTROL[char]), i + 2
    if char in "pP":
        raise RegexRefused("regex.property", i)
    if char == "c" and i + 2 < len(pattern) and pattern[i + 2].isascii() and pattern[i + 2].isalpha():
        return re.escape(chr(ord(pattern[i + 2]) % 32)), i + 3
    if char == "0" and not pattern[i + 2 : i + 3].isdigit():
        return "\\x00", i + 2
    if char == "x" and re.fullmatch(r"[0-9A-Fa-f]{2}", pattern[i + 2 : i + 4]):
        return re.escape(chr(int(pattern[i + 2 : i + 4], 16))), i + 4
    if char == "u":
        return _unicode_escape(pattern, i)
    if char.isdigit() or char == "k":
        raise RegexRefused("regex.backreference", i)
    if char in _SYNTAX:
        return "\\" + char, i + 2
    raise RegexRefused("regex.invalid", i)


def _unicode_escape(pattern: str, i: int) -> tuple[str, int]:
    braced = re.match(r"\\u\{([0-9A-Fa-f]{1,6})\}", pattern[i:])
    if braced is not None and int(braced.group(1), 16) <= 0x10FFFF:
        return re.escape(chr(int(braced.group(1), 16))), i + braced.end()
    plain = re.match(r"\\u([0-9A-Fa-f]{4})", pattern[i:])
    if plain is None:
        raise RegexRefused("regex.invalid", i)
    code = int(plain.group(1), 16)
    if 0xD800 <= code <= 0xDFFF:  # a surrogate half, which unicode mode pairs up with the next escape
        raise RegexRefused("regex.surrogate", i)
    return re.escape(chr(code)), i + 6
