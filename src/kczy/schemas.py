"""The JSON Schemas: the single source of truth for every file's fields and every type's criteria.

`SchemaSet` holds the parsed schemas; `schema_findings` turns jsonschema's errors into findings that
name the field by its Chinese title, at the line and column where the person wrote it.
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import importlib.util
import json
import marshal
import re
import types
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kczy import choices, ecmaregex, schemavocab
from kczy.choices import allowed_text
from kczy.errors import FatalError
from kczy.findings import Finding
from kczy.layout import TYPE_IDS as TYPE_IDS
from kczy.messages import HINTS, TYPE_LABELS, TYPE_NAMES_JSON, CatalogNames, joined, render_message
from kczy.schemavocab import BASE_URI, SchemaProblem, conjoin_ref_siblings, prepare
from kczy.workdays import parse_date
from kczy.yamlload import Document, NodePath

if TYPE_CHECKING:  # jsonschema, referencing and fastjsonschema are imported only when a file fails
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

RECORD_SCHEMAS = (
    "round", "units", "committee", "ballot", "runoff-call", "approval", "objection", "announcement",
    "confirmation",
)

_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_FULLWIDTH_DIGITS = re.compile(r"[\uff10-\uff19]")  # ０-９
FORMAT_NAMES: Mapping[str, str] = CatalogNames("schema.format-name.", ("date", "date-time", "email"))
"""Each format the schemas use, as a message names it (the catalog's `schema.format-name.<format>`)."""


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return parse_date(value) is not None


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.fullmatch(value):
        return False
    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_email(value: object) -> bool:
    return not isinstance(value, str) or bool(_EMAIL.fullmatch(value))


_FORMATS = {"date": _is_date, "date-time": _is_date_time, "email": _is_email}


@functools.cache
def format_checker() -> FormatChecker:
    """jsonschema's checker for the formats kczy asserts (`schemavocab.FORMATS`)."""
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    for name, check in _FORMATS.items():
        checker.checks(name)(check)
    return checker


class SchemaRefused(FatalError):
    """The schemas use something kczy would not decide exactly; each problem names file and pointer."""

    def __init__(self, problems: list[SchemaProblem], folder: str = "schemas") -> None:
        self.problems = problems
        lines = [
            render_message(
                "schemafile.refused-line",
                {
                    "path": f"{folder}/{p.file}",
                    "pointer": p.pointer or render_message("schema.top-level", {}),
                    "message": render_message(p.code, p.params),
                },
            )
            for p in problems
        ]
        heading = render_message("schemafile.refused", {"count": len(problems), "folder": folder})
        super().__init__(heading + "\n" + "\n".join(lines))


@dataclass(frozen=True)
class SchemaSet:
    """All schemas of a repository, by name (`yishi-yipin`, `round`, `defs` …)."""

    schemas: Mapping[str, dict[str, Any]]
    _validators: dict[str, Draft202012Validator] = field(default_factory=dict, repr=False, compare=False)
    code_cache: MutableMapping[str, str] | None = field(default=None, repr=False, compare=False)
    """Generated validator code by key, kept between runs by the edge (compiling costs ~40 ms a schema)."""
    _compiled: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    fast: frozenset[str] = frozenset()
    """The schemas the compiled validator decides exactly (`schemavocab.FAST_KEYWORDS`); jsonschema
    decides the others."""
    digest: str = field(default="", repr=False, compare=False)
    sources: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """The schemas as written (ECMA-262 patterns, refs as in the files): what a browser validates with."""
    folder: str = "schemas"
    """The repository-relative folder they were read from: a round's own copy
    (`submissions/<year>/schemas`, see `kczy.rules`) or kczy's default set (`schemas`)."""

    @classmethod
    def from_files(
        cls,
        schemas: Mapping[str, Any],
        code_cache: MutableMapping[str, str] | None = None,
        folder: str = "schemas",
    ) -> SchemaSet:
        """Schemas by name, checked against the vocabulary kczy decides exactly (`SchemaRefused` names
        every problem) and prepared for validation: refs inside a file made explicit (`#/…` →
        `<file>#/…`), so that any subschema can be resolved from any file (all schemas are siblings in
        one folder), and patterns read as ECMA-262 regular expressions.

        Schemas that passed once are kept prepared in `code_cache`, keyed by their content and by the
        code that prepares them, so that a run does not check them again."""
        content = json.dumps([_prepare_version(), schemas], sort_keys=True)
        digest = hashlib.sha256(content.encode()).hexdigest()
        key = f"prepared-{digest}"
        cached = code_cache.get(key) if code_cache is not None else None
        if cached is not None:
            try:
                kept = json.loads(cached)
                fast = frozenset(kept["fast"])
                return cls(
                    kept["schemas"], code_cache=code_cache, fast=fast, digest=digest, sources=schemas,
                    folder=folder,
                )
            except (ValueError, KeyError, TypeError):
                pass
        prepared, problems, decided_fast = prepare(schemas)
        if problems:
            raise SchemaRefused(problems, folder)
        if code_cache is not None:
            code_cache[key] = json.dumps({"schemas": prepared, "fast": sorted(decided_fast)})
        return cls(
            prepared, code_cache=code_cache, fast=frozenset(decided_fast), digest=digest, sources=schemas,
            folder=folder,
        )

    @cached_property
    def _digest(self) -> str:
        """What the compiled validators' cache keys cover: every schema (refs reach across files)."""
        if self.digest:
            return self.digest
        return hashlib.sha256(json.dumps(self.schemas, sort_keys=True).encode()).hexdigest()

    @cached_property
    def registry(self) -> Registry:
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012

        resources = [
            (BASE_URI + f"{name}.schema.json", DRAFT202012.create_resource(schema))
            for name, schema in self.schemas.items()
        ]
        return Registry().with_resources(resources)

    def validator(self, name: str) -> Draft202012Validator:
        if name not in self._validators:
            from jsonschema import Draft202012Validator

            schema = {**self.schemas[name], "$id": BASE_URI + f"{name}.schema.json"}
            self._validators[name] = Draft202012Validator(
                schema, registry=self.registry, format_checker=format_checker()
            )
        return self._validators[name]

    def passes(self, name: str, data: Any) -> bool:
        """The verdict: from a compiled validator for the schemas in the proven subset, from jsonschema
        for the others; `schema_findings` explains failures with jsonschema.

        fastjsonschema ignores keywords beside a `$ref`, so those are rewritten into an `allOf` first;
        tests check that both validators agree on every example file and on the JSON Schema Test Suite.
        """
        if name not in self._compiled:
            self._compiled[name] = self._compile(name) if name in self.fast else None
        compiled = self._compiled[name]
        if compiled is None:
            return bool(self.validator(name).is_valid(data))
        try:
            compiled(data)
        except CompiledInvalid:
            return False
        return True

    def _compile(self, name: str) -> Any:
        """The compiled validator of `name`, from the cache when it holds it (then fastjsonschema is not
        even imported), or None when the generated code cannot run without fastjsonschema's exceptions."""
        uri = BASE_URI + f"{name}.schema.json"
        # The key covers every schema (refs reach across files) and the generator's version.
        key = hashlib.sha256(json.dumps([_generator_version(), name, self._digest]).encode()).hexdigest()
        function_name = "validate_" + re.sub(r"\W", "_", uri)
        bytecode_key = f"{key}-bytecode-{importlib.util.MAGIC_NUMBER.hex()}-{_RUNS_VERSION}"
        cache = self.code_cache if self.code_cache is not None else {}
        cached = cache.get(bytecode_key)
        if cached is not None:
            try:
                return _validator(_unmarshal(cached, name), function_name)
            except Exception:
                pass
        code = cache.get(key)
        compiled = _compile_source(code, name) if code is not None else None
        if compiled is None:
            code = self._generate(name)
            compiled = _compile_source(code, name) if code is not None else None
            if code is None or compiled is None:
                return None
            cache[key] = code  # the source, for reading
        cache[bytecode_key] = base64.b64encode(marshal.dumps(compiled)).decode("ascii")  # what runs
        return _validator(compiled, function_name)

    def _generate(self, name: str) -> str | None:
        """fastjsonschema's code for schema `name`, or None when it has not the form `_validator` runs."""
        import fastjsonschema

        uri = BASE_URI + f"{name}.schema.json"
        code = fastjsonschema.compile_to_code(
            {**conjoin_ref_siblings(self.schemas[name]), "$id": uri},
            handlers={"https": self._compiled_resource},
            formats=_FORMATS,
            use_default=False,
        )
        return code if _GENERATED_IMPORT in code else None

    def _compiled_resource(self, uri: str) -> dict[str, Any]:
        name = uri.removeprefix(BASE_URI).removesuffix(".schema.json")
        return {**conjoin_ref_siblings(self.schemas[name]), "$id": uri}

    def type_schema(self, type_id: str) -> dict[str, Any]:
        return self.schemas[type_id]

    def type_name(self, type_id: str) -> str:
        """What people call a type: its schema's x-type-name, else the catalog's name (rules loosened to
        `{}` name none), else its id."""
        schema = self.schemas.get(type_id)
        named = schema.get("x-type-name") if isinstance(schema, dict) else None
        return str(named) if named else TYPE_LABELS.get(type_id, type_id)

    def resolve(self, name: str, node: dict[str, Any]) -> dict[str, Any]:
        """Follow `$ref` (relative to schema `name`) until a schema without one."""
        resolver = self.registry.resolver(BASE_URI + f"{name}.schema.json")
        merged = dict(node)
        seen: set[str] = set()
        while "$ref" in merged and merged["$ref"] not in seen:
            seen.add(merged["$ref"])
            resolved = resolver.lookup(merged.pop("$ref"))
            target: dict[str, Any] = resolved.contents if isinstance(resolved.contents, dict) else {}
            resolver = resolved.resolver
            # Keywords beside a $ref (a title, a tighter maxLength, more required fields) refine the target.
            required = [*target.get("required", []), *merged.get("required", [])]
            merged = {**target, **merged}
            if required:
                merged["required"] = list(dict.fromkeys(required))
        return merged

    def subschema(self, name: str, node_path: NodePath) -> dict[str, Any] | None:
        """The schema of the node at `node_path`, keeping the titles written beside a `$ref`."""
        node: dict[str, Any] = self.schemas[name]
        for step in node_path:
            resolved = self.resolve(name, node)
            child = self._child(name, resolved, step)
            if child is None:
                return None
            node = child
        return node

    def _child(self, name: str, resolved: dict[str, Any], step: str | int) -> dict[str, Any] | None:
        if isinstance(step, int):
            child = resolved.get("items")
        else:
            child = resolved.get("properties", {}).get(step)
            if child is None and isinstance(resolved.get("additionalProperties"), dict):
                child = resolved["additionalProperties"]
        if isinstance(child, dict):
            return child
        for alternative in [
            *resolved.get("oneOf", []),
            *resolved.get("anyOf", []),
            *resolved.get("allOf", []),
        ]:
            found = self._child(name, self.resolve(name, alternative), step)
            if found is not None:
                return found
        return None

    def title(self, name: str, node_path: NodePath) -> str:
        node = self.subschema(name, node_path)
        if node is None:
            return str(node_path[-1]) if node_path else name
        title = node.get("title") or self.resolve(name, node).get("title")
        return str(title) if title else (str(node_path[-1]) if node_path else name)

    def properties(self, name: str, node_path: NodePath) -> dict[str, dict[str, Any]]:
        node = self.subschema(name, node_path)
        return {} if node is None else dict(self.resolve(name, node).get("properties", {}))


class CompiledInvalid(Exception):
    """What the compiled validators raise for invalid data: stands in for fastjsonschema's exceptions,
    whose import (the whole code generator, ~15 ms) a run that finds its validators cached never pays."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args)


_GENERATED_IMPORT = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"
_NAMED_AT_EVERY_STEP = ".format(**locals())"
"""The generated code names every item it descends into (`data.items[3]`) before it knows of any error:
only for the message of an exception whose message kczy never reads (jsonschema explains a failure), so
the names stay unformatted, at no cost."""
_RUNS_VERSION = "1"
"""Part of the bytecode's cache key: what `_compile_source` changes in the generated code."""


@functools.cache
def _prepare_version() -> str:
    """The code that checks and prepares schemas (`schemavocab`, `ecmaregex`, `choices`), as a digest."""
    sources = [Path(module.__file__ or "").read_bytes() for module in (schemavocab, ecmaregex, choices)]
    return hashlib.sha256(b"\0".join(sources)).hexdigest()


@functools.cache
def _generator_version() -> str:
    """fastjsonschema's version.py, read without importing the generator."""
    spec = importlib.util.find_spec("fastjsonschema")
    if spec is None or spec.origin is None:
        return ""
    return Path(spec.origin).with_name("version.py").read_text("utf-8")


def _compile_source(code: str, name: str) -> types.CodeType | None:
    """Generated code as a code object, its fastjsonschema import left out (`_validator` supplies it);
    None for code of another form, or damaged."""
    if _GENERATED_IMPORT not in code:
        return None
    try:
        runs = code.replace(_GENERATED_IMPORT, "").replace(_NAMED_AT_EVERY_STEP, "")
        return compile(runs, f"<kczy validator {name}>", "exec")
    except (SyntaxError, ValueError):
        return None


def _unmarshal(text: str, name: str) -> types.CodeType:
    """A code object cached by `_compile` (compiling the source costs more than the validation itself);
    the cache key names the interpreter's bytecode version."""
    code = marshal.loads(base64.b64decode(text))
    if not isinstance(code, types.CodeType):
        raise ValueError(f"cached validator {name} is not code")
    return code


def _validator(code: types.CodeType, function_name: str) -> Any:
    namespace: dict[str, Any] = {
        "JsonSchemaValueException": CompiledInvalid,
        "JsonSchemaValuesException": CompiledInvalid,
    }
    exec(code, namespace)
    return functools.partial(namespace[function_name], custom_formats=_FORMATS)


def schema_findings(document: Document, name: str, schemas: SchemaSet) -> list[Finding]:
    """Every way `document` fails schema `name`, as findings with places and Chinese messages."""
    if schemas.passes(name, document.data):
        return []
    findings: list[Finding] = []
    for error in schemas.validator(name).iter_errors(document.data):
        for explained in _closest_alternative(error):
            found = list(_explain(explained, document, name, schemas))
            findings.extend(found or _explain(explained, document, name, schemas, plain=True))
    return one_per_value(findings)


# One mistake, one message: of the complaints about one value, the one that says most plainly what to do
# (an empty value is "not filled in yet", not also "not one of the choices"; a bad date is "not a valid
# date", not also "does not match the pattern" spelling the same rule).
_VALUE_CODES = (
    "schema.empty", "schema.type", "schema.const", "schema.enum", "schema.format", "schema.pattern",
    "schema.minLength", "schema.maxLength",
)


def one_per_value(findings: list[Finding]) -> list[Finding]:
    """Keep, for each value (pointer), only its first complaint in `_VALUE_CODES` order; other codes stay."""
    best: dict[str, Finding] = {}
    for finding in findings:
        if finding.code in _VALUE_CODES:
            kept = best.get(finding.pointer)
            if kept is None or _VALUE_CODES.index(finding.code) < _VALUE_CODES.index(kept.code):
                best[finding.pointer] = finding
    return [f for f in findings if f.code not in _VALUE_CODES or best[f.pointer] is f]


def _closest_alternative(error: ValidationError) -> list[ValidationError]:
    """For oneOf/anyOf, the errors of the alternative that came closest, so that the messages are about
    real fields; the plain error when no alternative stands out.

    Closest means first the fewest errors about the node's own shape (a missing or unknown key, a wrong
    type, a wrong constant at the node itself: the person meant another alternative), then the fewest errors.
    """
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return [error]
    depth = len(error.absolute_path)
    by_alternative: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        alternative = sub.relative_schema_path[0] if sub.relative_schema_path else None  # None: `false`
        by_alternative.setdefault(alternative, []).append(sub)

    def distance(errors: list[ValidationError]) -> tuple[int, int]:
        return sum(_is_shape_error(e, depth) for e in errors), len(errors)

    ranked = sorted(by_alternative.values(), key=distance)
    if len(ranked) > 1 and distance(ranked[0]) == distance(ranked[1]):
        return [error]
    return [explained for sub in ranked[0] for explained in _closest_alternative(sub)]


def _is_shape_error(error: ValidationError, depth: int) -> bool:
    """An error saying the node has another shape altogether: a key missing or unknown at the node, the
    node of another type, or a discriminating constant (such as `route`) of another value."""
    level = len(error.absolute_path) - depth
    own_shape = level == 0 and error.validator in ("required", "additionalProperties", "type")
    return own_shape or (level <= 1 and error.validator == "const")


def _explain(
    error: ValidationError, document: Document, name: str, schemas: SchemaSet, *, plain: bool = False
) -> Iterator[Finding]:
    """The findings of one error; `plain` gives the general one (`schema.invalid`) whatever the keyword."""
    node_path: NodePath = tuple(error.absolute_path)
    keyword = "plain" if plain else str(error.validator)
    base = {"field": _quoted(schemas.title(name, node_path)), "key": _key_text(node_path)}
    pointer = "/" + "/".join(str(step) for step in node_path)
    line, column = document.place(node_path)

    def at(code: str, place: tuple[int, int], params: dict[str, Any], where: str = pointer) -> Finding:
        return Finding(document.path, place[0], place[1], code, params, where)

    if keyword == "required":
        parent = _quoted(schemas.title(name, node_path)) if node_path else _this_file()
        place = document.place(node_path, key=True)
        for missing in error.validator_value:
            if missing in error.instance or repr(missing) not in error.message:
                continue
            field_title = _quoted(schemas.title(name, (*node_path, missing)))
            params = {"field": field_title, "key": missing, "parent": parent}
            yield at("schema.required", place, params, f"{pointer.rstrip('/')}/{missing}")
        return
    if keyword == "additionalProperties":
        known = schemas.properties(name, node_path)
        parent = _quoted(schemas.title(name, node_path)) if node_path else _this_file()
        for extra in _additional(error.instance, error.schema):
            place = document.place((*node_path, extra), key=True)
            params = {"key": extra, "parent": parent, "suggestion": _suggest(extra, known)}
            yield at("schema.additionalProperties", place, params, f"{pointer.rstrip('/')}/{extra}")
        return
    typed = document.plain_text.get(node_path, _show(error.instance))
    params = {**base, "typed": typed}
    if keyword == "type" and error.instance is None:
        keyword = "empty"
    elif keyword == "type":
        expected = (
            error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        )
        params |= {
            "expected": _expected_text(expected),
            "actual": _json_type_name(error.instance),
            "hint": _type_hint(expected, error.instance, typed),
        }
    elif keyword == "enum":
        schema_node = error.schema if isinstance(error.schema, dict) else {}
        params["allowed"] = allowed_text(schema_node) or joined(f"“{v}”" for v in error.validator_value)
    elif keyword == "const":
        params["expected"] = error.validator_value
    elif keyword == "format":
        params["format"] = FORMAT_NAMES.get(str(error.validator_value), str(error.validator_value))
    elif keyword == "pattern":
        params["hint"] = _pattern_hint(str(error.instance))
    elif keyword in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"):
        params |= {"limit": error.validator_value, "actual": len(error.instance)}
    elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"):
        params["limit"] = error.validator_value
    elif keyword == "dependentRequired":
        yield from _dependent_required(error, document, name, schemas)
        return
    elif keyword in ("contains", "minContains", "maxContains"):
        bounds = error.schema if isinstance(error.schema, dict) else {}
        keyword = "maxContains" if keyword == "maxContains" else "contains"
        params["limit"] = bounds.get(keyword if keyword == "maxContains" else "minContains", 1)
    elif keyword == "items" and error.validator_value is False:
        keyword = "maxItems"
        params |= {"limit": len(error.schema.get("prefixItems", [])), "actual": len(error.instance)}
    elif keyword in ("unevaluatedItems", "unevaluatedProperties"):
        what = "schema.what-items" if keyword == "unevaluatedItems" else "schema.what-fields"
        params["what"] = render_message(what, {})
        keyword = "unevaluated"
    elif keyword in ("not", "None"):
        keyword = "not" if keyword == "not" else "false"
    elif keyword == "propertyNames":
        keyword = "propertyNames"
        allowed = schemas.resolve(name, error.validator_value).get("enum", [])
        params |= {"key": error.instance, "allowed": joined(allowed)}
        line, column = document.place((*node_path, error.instance), key=True)
    elif keyword == "uniqueItems":
        pass
    elif keyword in ("oneOf", "anyOf"):
        keyword = "oneOf"
        params["detail"] = schemas.resolve(name, schemas.subschema(name, node_path) or {}).get(
            "description", ""
        )
    else:
        params["detail"] = render_message("schema.see-keyword", {"keyword": error.validator})
        keyword = "invalid"
    yield at(f"schema.{keyword}", (line, column), params)


def _dependent_required(
    error: ValidationError, document: Document, name: str, schemas: SchemaSet
) -> Iterator[Finding]:
    """One finding per field that a filled-in field requires and that is missing."""
    node_path: NodePath = tuple(error.absolute_path)
    for present, needed in error.validator_value.items():
        if present not in error.instance:
            continue
        for missing in needed:
            if missing in error.instance:
                continue
            params = {
                "field": _quoted(schemas.title(name, (*node_path, missing))),
                "missing": missing,
                "present_field": _quoted(schemas.title(name, (*node_path, present))),
                "present": present,
            }
            line, column = document.place((*node_path, present), key=True)
            pointer = "/" + "/".join(str(step) for step in (*node_path, missing))
            yield Finding(document.path, line, column, "schema.dependentRequired", params, pointer)


def _additional(instance: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """The keys of `instance` that neither `properties` nor `patternProperties` of `schema` allow."""
    patterns = [re.compile(pattern) for pattern in schema.get("patternProperties", {})]
    return [
        key
        for key in instance
        if key not in schema.get("properties", {}) and not any(p.search(key) for p in patterns)
    ]


def mismatch_params(
    document: Document, name: str, node_path: NodePath, expected: list[str], schemas: SchemaSet
) -> dict[str, Any]:
    """The parameters of a value that is not of the `expected` JSON types, worded as the schema's own
    type errors are (the field's title from the schema `name` when it has one)."""
    value: Any = document.data
    for step in node_path:
        value = value[step]
    typed = document.plain_text.get(node_path, _show(value))
    return {
        "field": _quoted(schemas.title(name, node_path)),
        "key": _key_text(node_path),
        "typed": typed,
        "expected": _expected_text(expected),
        "actual": _json_type_name(value),
        "hint": _type_hint(expected, value, typed),
    }


def _this_file() -> str:
    return render_message("schema.this-file", {})


def _expected_text(expected: list[Any]) -> str:
    return joined((TYPE_NAMES_JSON.get(str(t), str(t)) for t in expected), "common.or")


def _quoted(title: str) -> str:
    """A field's title in quotation marks, unless it carries its own (“一市一品”产业技术发展大会项目)."""
    return title if "“" in title or "”" in title else f"“{title}”"


def _key_text(node_path: NodePath) -> str:
    text = "".join(f".{step}" if isinstance(step, str) else f"[{step + 1}]" for step in node_path)
    return text.removeprefix(".") or render_message("schema.top-level", {})


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return render_message("common.empty", {})
    if isinstance(value, dict | list):
        return "…"
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _json_type_name(value: Any) -> str:
    if isinstance(value, bool):
        return TYPE_NAMES_JSON["boolean"]
    if isinstance(value, int):
        return TYPE_NAMES_JSON["integer"]
    if isinstance(value, float):
        return TYPE_NAMES_JSON["number"]
    if isinstance(value, str):
        return TYPE_NAMES_JSON["string"]
    if isinstance(value, list):
        return TYPE_NAMES_JSON["array"]
    if isinstance(value, dict):
        return TYPE_NAMES_JSON["object"]
    return TYPE_NAMES_JSON["null"]


def _type_hint(expected: list[Any], value: Any, typed: str) -> str:
    if "string" in expected and isinstance(value, int | float) and not isinstance(value, bool):
        return HINTS["quote-number"].format(typed=typed)
    if (
        "boolean" in expected
        and isinstance(value, str)
        and value.lower() in {"yes", "no", "on", "off", "y", "n", "是", "否"}
    ):
        return HINTS["boolean"]
    if {"integer", "number"} & set(expected) and isinstance(value, str):
        if _FULLWIDTH_DIGITS.search(value):
            return HINTS["halfwidth-digits"]
        if value[:1] == "0" and value.isdigit():
            return HINTS["leading-zero"]
        return HINTS["digits-only"]
    if "object" in expected and isinstance(value, str) and "：" in value:
        return HINTS["fullwidth-colon"]
    if "array" in expected and not isinstance(value, list):
        return HINTS["list-items"]
    return ""


def _pattern_hint(value: str) -> str:
    if _FULLWIDTH_DIGITS.search(value):
        return HINTS["halfwidth-digits"]
    if value != value.strip() or "\u3000" in value:
        return HINTS["spaces"]
    return ""


def _suggest(extra: str, known: Mapping[str, dict[str, Any]]) -> str:
    by_title = {str(spec.get("title", "")): key for key, spec in known.items() if spec.get("title")}
    if extra in by_title:
        return HINTS["key-of-title"].format(title=extra, key=by_title[extra])
    import difflib

    close = difflib.get_close_matches(extra, list(known), n=1, cutoff=0.6)
    if close:
        title = known[close[0]].get("title", close[0])
        return HINTS["close-key"].format(key=close[0], title=title)
    return HINTS["allowed-keys"].format(keys=joined(known)) if known else ""
