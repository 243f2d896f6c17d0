"""The draft 2020-12 vocabulary kczy accepts in `schemas/`, checked once when the schemas are loaded.

Whoever edits the rules gets, for anything kczy would not decide exactly, a problem naming the schema
file and the JSON pointer of the keyword: unknown or misspelt keywords (which JSON Schema would silently
ignore), keywords of older drafts, `$ref`s to other hosts or to places that do not exist, formats kczy
does not check, regular expressions outside the ECMA-262 subset `ecmaregex` translates. What passes is
decided exactly: by the compiled validator when every keyword a schema reaches is in `FAST_KEYWORDS` (the
subset proven on the JSON Schema Test Suite, tests/test_json_schema_suite.py), by jsonschema otherwise.

Everything here walks schema positions only: a property named `$ref` or an `enum` holding `{"$ref": …}`
is data, not a reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kczy.choices import CHOICES, choices_problems
from kczy.ecmaregex import RegexRefused, to_python
from kczy.messages import joined, render_message

BASE_URI = "https://kczy.invalid/schemas/"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
FORMATS = ("date", "date-time", "email")
"""The formats kczy asserts (draft 2020-12 lets an implementation assert `format`); others are refused."""

_SCHEMA: tuple[str, ...] = (
    "additionalProperties",
    "propertyNames",
    "items",
    "contains",
    "not",
    "if",
    "then",
    "else",
)
_SCHEMA += ("unevaluatedItems", "unevaluatedProperties")
_SCHEMA_MAP = ("properties", "patternProperties", "$defs", "dependentSchemas")
_SCHEMA_LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
_COUNT: tuple[str, ...] = ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties")
_COUNT += ("minContains", "maxContains")
_NUMBER = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
_BOOLEAN = ("uniqueItems", "deprecated", "readOnly", "writeOnly")
_STRING: tuple[str, ...] = (
    "title",
    "description",
    "$comment",
    "$anchor",
    "$dynamicAnchor",
    "$ref",
    "$dynamicRef",
)
_STRING += ("pattern", "format", "$schema")
_ANY = ("const", "default", "enum", "examples", "required", "dependentRequired", "type")
KEYWORDS = frozenset(_SCHEMA + _SCHEMA_MAP + _SCHEMA_LIST + _COUNT + _NUMBER + _BOOLEAN + _STRING + _ANY)

ANNOTATIONS = frozenset({"title", "description", "default", "examples", "$comment", "deprecated"})
ANNOTATIONS |= {"readOnly", "writeOnly"}
FAST_KEYWORDS = ANNOTATIONS | {
    "$schema", "$defs", "$ref", "type", "enum", "const", "format", "pattern",
    "properties", "required", "additionalProperties", "patternProperties", "propertyNames",
    "minProperties", "maxProperties", "items", "minItems", "maxItems", "uniqueItems", "contains",
    "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
}  # fmt: skip
"""Keywords the compiled validator decides exactly, as the suite shows; a schema reaching any other
keyword (prefixItems, dependentRequired, unevaluated*, multipleOf, $dynamicRef …) is decided by jsonschema."""

_OLD = {
    "definitions": "$defs",
    "dependencies": "schemafile.instead-dependencies",
    "additionalItems": "schemafile.instead-additional-items",
    "$recursiveRef": "$dynamicRef",
    "$recursiveAnchor": "$dynamicAnchor",
    "id": "$id",
}
_REFUSED = {
    "$id": "schemafile.id",
    "$vocabulary": "schemafile.vocabulary",
    "contentEncoding": "schemafile.content",
    "contentMediaType": "schemafile.content",
    "contentSchema": "schemafile.content",
}
_TYPES = ("null", "boolean", "object", "array", "number", "string", "integer")


@dataclass(frozen=True)
class SchemaProblem:
    """Something in a schema file kczy refuses: where (file, JSON pointer) and a catalog message."""

    file: str
    pointer: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class _File:
    name: str
    raw: Any
    anchors: set[str] = field(default_factory=set)
    # each `$ref` or `$dynamicRef`: its JSON pointer, keyword, ref qualified with the file, ref as written
    refs: list[tuple[str, str, str, str]] = field(default_factory=list)
    slow: set[str] = field(default_factory=set)  # keywords outside FAST_KEYWORDS
    problems: list[SchemaProblem] = field(default_factory=list)


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def prepare(raw: Mapping[str, Any]) -> tuple[dict[str, dict[str, Any]], list[SchemaProblem], set[str]]:
    """Check every schema file and make it ready for both validators.

    Returns the schemas by name (boolean schemas as their object equivalents, `#…` refs qualified with
    their file name so that any subschema resolves from any file, patterns in Python syntax with ECMA
    meaning), the problems, and the names of the schemas the compiled validator may decide.
    """
    files = {name: _File(name, schema) for name, schema in raw.items()}
    prepared: dict[str, dict[str, Any]] = {}
    for name, state in files.items():
        root = state.raw
        if isinstance(root, bool):
            root = {} if root else {"not": {}}
        if not isinstance(root, dict):
            state.problems.append(SchemaProblem(file_name(name), "", "schemafile.not-schema"))
            continue
        prepared[name] = _prepare_node(root, "", state, root=True)
        state.raw = prepared[name]  # refs are followed in what the validators get (patterns translated)
    for state in files.values():
        for pointer, _, ref, written in state.refs:
            problem = _ref_problem(ref, files)
            if problem is not None:
                params = {"ref": written}
                state.problems.append(SchemaProblem(file_name(state.name), pointer, problem, params))
    problems = [problem for state in files.values() for problem in state.problems]
    return prepared, problems, _fast(files) if not problems else set()


def conjoin_ref_siblings(node: Any) -> Any:
    """The same schema with keywords beside a `$ref` moved into an `allOf` with it (fastjsonschema
    ignores a `$ref`'s siblings); `$defs` and annotations stay where pointers expect them."""
    return _map_schemas(node, _conjoin)


def _conjoin(node: dict[str, Any]) -> dict[str, Any]:
    keep = ANNOTATIONS | {"$defs", "$schema", "$comment", "$ref"}
    if "$ref" not in node or not set(node) - keep:
        return node
    kept = {key: value for key, value in node.items() if key in keep and key != "$ref"}
    rest = {key: value for key, value in node.items() if key not in keep}
    return {**kept, "allOf": [{"$ref": node["$ref"]}, rest]}


def _map_schemas(node: Any, change: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    if not isinstance(node, dict):
        return node
    copy: dict[str, Any] = {}
    for key, value in node.items():
        if key in _SCHEMA:
            copy[key] = _map_schemas(value, change)
        elif key in _SCHEMA_MAP and isinstance(value, dict):
            copy[key] = {k: _map_schemas(v, change) for k, v in value.items()}
        elif key in _SCHEMA_LIST and isinstance(value, list):
            copy[key] = [_map_schemas(v, change) for v in value]
        else:
            copy[key] = value
    return change(copy)


def _prepare_node(node: Any, pointer: str, state: _File, *, root: bool = False) -> Any:
    if isinstance(node, bool):
        return node
    if not isinstance(node, dict):
        state.problems.append(SchemaProblem(file_name(state.name), pointer, "schemafile.not-schema"))
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        here = f"{pointer}/{_escape(key)}"
        if key.startswith("x-"):
            out[key] = value
            if key == CHOICES:
                for code, params in choices_problems(node):
                    state.problems.append(SchemaProblem(file_name(state.name), here, code, params))
            continue
        problem = _keyword_problem(key, value, root)
        if problem is not None:
            code, params = problem
            state.problems.append(SchemaProblem(file_name(state.name), here, code, params))
            continue
        if key not in FAST_KEYWORDS:
            state.slow.add(key)
        out[key] = _prepare_value(key, value, here, state)
    return out


def _prepare_value(key: str, value: Any, here: str, state: _File) -> Any:
    if key in _SCHEMA:
        return _prepare_node(value, here, state)
    if key in _SCHEMA_LIST:
        return [_prepare_node(v, f"{here}/{i}", state) for i, v in enumerate(value)]
    if key == "patternProperties":
        translated = {}
        for pattern, sub in value.items():
            python = _regex(pattern, f"{here}/{_escape(pattern)}", state)
            translated[python] = _prepare_node(sub, f"{here}/{_escape(pattern)}", state)
        return translated
    if key in _SCHEMA_MAP:
        return {k: _prepare_node(v, f"{here}/{_escape(k)}", state) for k, v in value.items()}
    if key == "pattern":
        return _regex(value, here, state)
    if key in ("$anchor", "$dynamicAnchor"):
        state.anchors.add(value)
    if key in ("$ref", "$dynamicRef"):
        qualified = file_name(state.name) + value if value.startswith("#") else value
        state.refs.append((here, key, qualified, value))
        return qualified
    return value


def _regex(pattern: str, here: str, state: _File) -> str:
    try:
        return to_python(pattern)
    except RegexRefused as refused:
        params = {"pattern": pattern, "position": refused.position + 1}
        state.problems.append(SchemaProblem(file_name(state.name), here, refused.reason, params))
        return pattern


def _keyword_problem(key: str, value: Any, root: bool) -> tuple[str, dict[str, Any]] | None:
    if key in _OLD:
        instead = _OLD[key]
        shown = render_message(instead, {}) if instead.startswith("schemafile.") else instead
        return "schemafile.old-keyword", {"keyword": key, "instead": shown}
    if key in _REFUSED:
        return _REFUSED[key], {"keyword": key}
    if key not in KEYWORDS:
        import difflib

        close = difflib.get_close_matches(key, sorted(KEYWORDS), n=1, cutoff=0.7)
        suggestion = render_message("suggest.close-question", {"id": close[0]}) if close else ""
        return "schemafile.unknown-keyword", {"keyword": key, "suggestion": suggestion}
    if key == "$schema":
        return None if root and value in (DRAFT, DRAFT + "#") else ("schemafile.draft", {"value": value})
    if key == "format" and value not in FORMATS:
        return "schemafile.format", {"value": value, "allowed": joined(FORMATS)}
    if not _well_typed(key, value):
        return "schemafile.value", {"keyword": key}
    return None


def _well_typed(key: str, value: Any) -> bool:
    if key in _SCHEMA:
        return isinstance(value, dict | bool)
    if key in _SCHEMA_MAP:
        return isinstance(value, dict)
    if key in _SCHEMA_LIST:
        return isinstance(value, list) and bool(value)
    if key in _COUNT:
        return _is_number(value) and value >= 0 and float(value).is_integer()
    if key in _NUMBER:
        return _is_number(value) and (key != "multipleOf" or value > 0)
    if key in _BOOLEAN:
        return isinstance(value, bool)
    if key in _STRING:
        return isinstance(value, str)
    if key in ("enum", "examples"):
        return isinstance(value, list)
    if key == "required":
        return _strings(value)
    if key == "dependentRequired":
        return isinstance(value, dict) and all(_strings(v) for v in value.values())
    if key == "type":
        names = value if isinstance(value, list) else [value]
        return bool(names) and all(n in _TYPES for n in names) and len(set(names)) == len(names)
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _strings(value: Any) -> bool:
    return (
        isinstance(value, list) and all(isinstance(v, str) for v in value) and len(set(value)) == len(value)
    )


_FILE_REF = re.compile(r"([A-Za-z0-9_.-]+)\.schema\.json(?:#(.*))?", re.S)


def _target(ref: str, files: Mapping[str, _File]) -> tuple[str | None, str]:
    """The schema file a qualified `ref` leads to (None when it is not one of ours) and its fragment."""
    plain = _FILE_REF.fullmatch(ref)  # the common case, `<file>.schema.json#…`, without urljoin's cost
    if plain is not None and "%" not in ref:
        name = plain.group(1)
        return (name if name in files else None), plain.group(2) or ""
    from urllib.parse import unquote, urljoin

    document, _, fragment = urljoin(BASE_URI, ref).partition("#")
    name = document.removeprefix(BASE_URI).removesuffix(".schema.json")
    return (name if name in files and document == BASE_URI + file_name(name) else None), unquote(fragment)


def _follow(node: Any, fragment: str) -> Any:
    """The node a JSON pointer fragment leads to, or None."""
    for step in fragment.split("/")[1:] if fragment else []:
        step = step.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return None
    return node


def _ref_problem(ref: str, files: Mapping[str, _File]) -> str | None:
    """Why `ref` (qualified) cannot be followed offline to a schema, or None."""
    name, fragment = _target(ref, files)
    if name is None:
        return "schemafile.ref-outside"
    if not fragment or fragment.startswith("/"):
        return (
            None if isinstance(_follow(files[name].raw, fragment), dict | bool) else "schemafile.ref-missing"
        )
    return None if fragment in files[name].anchors else "schemafile.ref-missing"


def _fast(files: Mapping[str, _File]) -> set[str]:
    """The schemas whose every keyword, in the file and in every file its refs reach, is in FAST_KEYWORDS,
    and whose `$ref`s all lead to object schemas by JSON pointer."""
    targets = {
        name: [(keyword, *_target(ref, files)) for _, keyword, ref, _ in state.refs]
        for name, state in files.items()
    }

    def plain(name: str) -> bool:
        for keyword, target, fragment in targets[name]:
            if keyword != "$ref" or (fragment and not fragment.startswith("/")):
                return False
            if not isinstance(_follow(files[target or name].raw, fragment), dict):
                return False
        return not files[name].slow and isinstance(files[name].raw, dict)

    plain_files = {name for name in files if plain(name)}

    def reached(name: str) -> set[str]:
        seen = {name}
        todo = [name]
        while todo:
            for _, target, _ in targets[todo.pop()]:
                if target is not None and target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    return {name for name in files if reached(name) <= plain_files}


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
