"""Templates generated from the schemas: every field with its Chinese title and description as a comment,
grouped under the criterion it gives evidence for. Pure: returns text."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

from kczy.choices import template_text
from kczy.messages import words
from kczy.roundfiles import RoundFiles
from kczy.schemas import TYPE_IDS, SchemaSet

_UNSAFE_IN_COMMENT = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def comment_text(text: Any) -> str:
    """Untrusted or multi-line text made safe to stand after `# ` on one line."""
    return _UNSAFE_IN_COMMENT.sub(" ", str(text)).strip()


def schema_url(relative: str, schema: str, folder: str) -> str:
    """The `$schema` path for a file at repository-relative `relative`, to schema `schema` in `folder`
    (the round's own rules, `SchemaSet.folder`): the editor resolves it from the file's place."""
    return posixpath.relpath(f"{folder}/{schema}.schema.json", posixpath.dirname(relative) or ".")


def render_application_template(schemas: SchemaSet, type_id: str, unit_id: str, schema_url: str) -> str:
    schema = schemas.type_schema(type_id)
    criteria = {c["id"]: c for c in schema.get("x-criteria", [])}
    lines = [*application_template_header(schema, type_id, schema_url), ""]
    presets = {"type": type_id, "applicant": unit_id}
    lines += _object_lines(schemas, type_id, schema, 0, presets, criteria)
    return "\n".join(lines) + "\n"


def application_template_header(schema: Mapping[str, Any], type_id: str, schema_url: str) -> list[str]:
    """The comment lines that open an application template (`kczy new`, the site's and the web form's)."""
    return [
        f"# yaml-language-server: $schema={schema_url}",
        "# " + words("template.application-title", type=comment_text(schema.get("x-type-name", type_id))),
        "# " + words("template.application-how"),
        "# " + words("template.application-quotes"),
        "# " + words("template.application-optional"),
    ]


def alternatives_note(titles: Sequence[str], chosen: int = 0) -> str:
    """Which of a field's alternative shapes the template shows (the first, or `chosen`), and the others."""
    listed = words("template.names-separator").join(titles)
    if chosen == 0:
        return words("template.first-alternative", title=titles[0], titles=listed)
    return words("template.chosen-alternative", title=titles[chosen], titles=listed)


def render_record_template(
    schemas: SchemaSet,
    name: str,
    schema_url: str,
    header: Sequence[str],
    presets: Mapping[str, str],
    to_fill: Collection[str] = (),
) -> str:
    """A record of the secretariat (`objection`, `announcement`) from its schema: the `header` lines as
    comments, each field with its title, description and choices; `presets` are the values already known,
    written as given (quote them with `yaml_quoted`); required fields and the optional ones of `to_fill`
    left blank, the other optional ones commented out, so that `kczy validate` names every blank until it
    is filled."""
    lines = [f"# yaml-language-server: $schema={schema_url}", *(f"# {comment_text(h)}" for h in header), ""]
    lines += _object_lines(schemas, name, schemas.schemas[name], 0, presets, {}, frozenset(to_fill))
    return "\n".join(lines) + "\n"


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar: whatever `text` holds, it stays one string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else _escape(c) for c in escaped) + '"'


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def render_ballot_template(
    schema_url: str,
    member_id: str,
    member_name: str,
    choices: Mapping[str, tuple[str, int, list[tuple[str, str]]]],
    recusals: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """`choices`: type id → (type name, how many may be approved, [(application id, title)]);
    `recusals`: application id → the names of the member's units it involves (回避), for one member."""
    recusals = recusals or {}
    lines = [
        f"# yaml-language-server: $schema={schema_url}",
        "# " + words("template.ballot-title", name=comment_text(member_name), id=member_id),
        "# " + words("template.ballot-how"),
        "# " + words("template.ballot-limits"),
        "# " + words("template.ballot-writing"),
    ]
    if recusals:
        lines.append("# " + words("template.ballot-recusals", count=len(recusals)))
    lines += [f"member: {member_id}", "votes:"]
    for type_id, (type_name, limit, applications) in choices.items():
        lines.append("  # " + words("template.ballot-type", type=comment_text(type_name), limit=limit))
        for app_id, title in applications:
            line = f"  #   {app_id}  {comment_text(title)}"
            if app_id in recusals:
                units = words("template.names-separator").join(comment_text(u) for u in recusals[app_id])
                line += "  " + words("template.ballot-recused", units=units)
            lines.append(line)
        lines.append(f"  {type_id}: []")
    return "\n".join(lines) + "\n"


def ballot_choices(files: RoundFiles) -> dict[str, tuple[str, int, list[tuple[str, str]]]]:
    """Type id → (type name, how many may be approved, [(application id, title)]), for the ballot
    template of `kczy new ballot` and of the reading room."""
    choices = {}
    for type_id, settings in files.settings.types.items():
        if type_id not in TYPE_IDS:  # a mistake in round.yaml, which validate reports
            continue
        type_name = files.schemas.type_name(type_id)
        limit = settings.max_votes
        applications = []
        for path in files.paths_of("application", type_id):
            document = files.parse(path)
            title = document.data.get("title", "") if document is not None else ""
            applications.append((files.roles[path].file_id, str(title)))
        choices[type_id] = (type_name, limit, applications)
    return choices


def _object_lines(
    schemas: SchemaSet,
    name: str,
    node: dict[str, Any],
    indent: int,
    presets: Mapping[str, str],
    criteria: Mapping[str, dict[str, Any]],
    to_fill: frozenset[str] = frozenset(),
) -> list[str]:
    resolved = schemas.resolve(name, node)
    required = set(resolved.get("required", [])) | to_fill
    pad = " " * indent
    lines: list[str] = []
    for key, child in resolved.get("properties", {}).items():
        lines += [pad + line for line in _criterion_header(child, criteria)]
        lines += [pad + "# " + line for line in _describe(schemas, name, child, key in required - to_fill)]
        if key in presets:
            lines.append(f"{pad}{key}: {presets[key]}")
        elif key in required:
            lines += _value_lines(schemas, name, key, child, indent, criteria)
        else:
            # Optional fields stay commented out: left empty they would read as null and fail.
            value_lines = _value_lines(schemas, name, key, child, indent, criteria)
            lines += [pad + "# " + line[indent:] for line in value_lines]
        if indent == 0:
            lines.append("")
    return lines


def _criterion_header(node: dict[str, Any], criteria: Mapping[str, dict[str, Any]]) -> Iterator[str]:
    ids = node.get("x-criterion")
    for criterion_id in [ids] if isinstance(ids, str) else ids or []:
        criterion = criteria.get(criterion_id)
        if criterion is not None:
            title = comment_text(criterion.get("title", ""))
            yield "# " + words("template.criterion", id=criterion_id, title=title)
            yield f"# {comment_text(criterion.get('text', ''))}"


def _describe(schemas: SchemaSet, name: str, node: dict[str, Any], required: bool) -> Iterator[str]:
    resolved = schemas.resolve(name, node)
    title = node.get("title") or resolved.get("title", "")
    description = node.get("description") or resolved.get("description", "")
    need = words("template.required" if required else "template.optional")
    described = comment_text(description)
    code = "template.field" if described else "template.field-untold"
    yield words(code, title=comment_text(title), required=need, description=described)
    if node.get("x-private") or resolved.get("x-private"):
        yield words("template.private")
    constraints = _constraints(resolved)
    if constraints:
        yield constraints


def _constraints(node: dict[str, Any]) -> str:
    parts = []
    if "enum" in node:
        listed = words("template.names-separator").join(map(str, node["enum"]))
        parts.append(template_text(node) or words("template.choices", values=listed))
    if node.get("format") == "date":
        parts.append(words("template.date"))
    if node.get("minItems"):
        parts.append(words("template.min-items", count=node["minItems"]))
    if node.get("minLength", 0) > 1:
        parts.append(words("template.min-length", count=node["minLength"]))
    if "maxLength" in node:
        parts.append(words("template.max-length", count=node["maxLength"]))
    if "minimum" in node:
        parts.append(words("template.minimum", value=node["minimum"]))
    if "exclusiveMinimum" in node:
        parts.append(words("template.exclusive-minimum", value=node["exclusiveMinimum"]))
    return words("template.constraints-separator").join(parts)


def _value_lines(
    schemas: SchemaSet,
    name: str,
    key: str,
    node: dict[str, Any],
    indent: int,
    criteria: Mapping[str, dict[str, Any]],
) -> list[str]:
    pad = " " * indent
    resolved = schemas.resolve(name, node)
    alternatives = resolved.get("oneOf") or resolved.get("anyOf")
    if alternatives and "type" not in resolved:
        titles = [
            comment_text(schemas.resolve(name, a).get("title", "") or a.get("title", ""))
            for a in alternatives
        ]
        note = f"{pad}# {alternatives_note(titles)}"
        return [note, *_value_lines(schemas, name, key, alternatives[0], indent, criteria)]
    if "const" in resolved:
        return [f"{pad}{key}: {json.dumps(resolved['const'], ensure_ascii=False)}"]
    if resolved.get("type") == "object" and "properties" in resolved:
        return [f"{pad}{key}:", *_object_lines(schemas, name, resolved, indent + 2, {}, criteria)]
    if resolved.get("type") == "array":
        item = resolved.get("items", {})
        item_resolved = schemas.resolve(name, item)
        for alternative in item_resolved.get("oneOf", item_resolved.get("anyOf", [])):
            item_resolved = schemas.resolve(name, alternative)
            break
        count = max(1, int(resolved.get("minItems", 1)))
        lines = [f"{pad}{key}:"]
        for _ in range(count):
            if item_resolved.get("type") == "object":
                body = _object_lines(schemas, name, item_resolved, indent + 4, {}, criteria)
                first = next(i for i, line in enumerate(body) if not line.lstrip().startswith("#"))
                body[first] = f"{pad}  - {body[first].lstrip()}"
                lines += body
            else:
                lines.append(f"{pad}  -")
        return lines
    return [f"{pad}{key}:"]
