"""The web form (填报助手): one page per project type of the latest round, and the data its script reads.

Pure: a round's public facts and the schemas in, Markdown pages and JSON files out. The script
(`web/form/`, bundled by esbuild into `assets/form/form.js`) renders the form from `template`, a tree
built here with the same titles, comments and order as `kczy new application` writes (the comment lines
come from `kczy.templates`, so the downloaded file reads like the template), validates with the same
schemas CI uses, and words every mistake from `messages.json`, generated here from `kczy.messages`.
Only public facts of the registered units (id, name, kind) go into the page; nothing marked `x-private`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kczy.messages import GENERAL, HINTS, KIND_NAMES, TYPE_NAMES_JSON, YAML_PROBLEMS, words
from kczy.registries import Unit
from kczy.schemas import FORMAT_NAMES, SchemaSet
from kczy.templates import (
    _criterion_header,
    _describe,
    _value_lines,
    alternatives_note,
    application_template_header,
    comment_text,
    schema_url,
)

ASSETS = "assets/form"
BUNDLE = f"{ASSETS}/form.js"
MESSAGES = f"{ASSETS}/messages.json"
GITHUB_NEW_FILE = "{repository}/new/{branch}?filename={path}"


@dataclass(frozen=True)
class FormUnit:
    """The public facts of a registered unit: what the applicant list shows."""

    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class FormRound:
    """What the form may know of the latest round beyond its public page: the registered units (public
    facts only), which unit already applied for which type, and each type's limit per unit."""

    year: str
    stage: str
    opens: str
    closes: str
    sample: bool
    types: tuple[str, ...]
    units: tuple[FormUnit, ...]
    applications: Mapping[str, Mapping[str, str]]
    """Type id → application id → applicant id (applicants are public; nothing else of a file is read)."""
    max_per_unit: Mapping[str, int]


@dataclass(frozen=True)
class Repository:
    """Where applications are submitted: the repository's web address and its main branch."""

    url: str = ""
    branch: str = "main"
    new_file: str = GITHUB_NEW_FILE


def repository_setting(extra: Mapping[str, Any]) -> Repository:
    """The repository from the site's settings (`extra` in mkdocs.yml): `repository` (its web address),
    `repository_branch` (default main), `repository_new_file` (the address of its “create a new file”
    page, with {repository}, {branch} and {path}; default GitHub's)."""
    url = extra.get("repository")
    branch = extra.get("repository_branch")
    new_file = extra.get("repository_new_file")
    return Repository(
        url=str(url).rstrip("/") if url else "",
        branch=str(branch) if branch else "main",
        new_file=str(new_file) if new_file else GITHUB_NEW_FILE,
    )


def render_messages_json() -> bytes:
    """The message catalog for the browser, generated from the one in `kczy.messages`: its general part
    (what is wrong in a file, as validate says it), not the wording of pages, documents or commands,
    which the public site must not carry (the reading room's, the dossier's)."""
    document = {
        "catalog": GENERAL,
        "typeNames": TYPE_NAMES_JSON,
        "formatNames": dict(FORMAT_NAMES),
        "kindNames": KIND_NAMES,
        "yamlProblems": YAML_PROBLEMS,
        "hints": HINTS,
    }
    return (json.dumps(document, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def form_page_path(year: str, type_id: str) -> str:
    return f"{year}/form/{type_id}.md"


def render_form_data(form: FormRound, schemas: SchemaSet, type_id: str, repository: Repository) -> bytes:
    """Everything the form page of one type needs, as one JSON file."""
    schema = schemas.type_schema(type_id)
    criteria = [
        {"id": str(c.get("id", "")), "title": str(c.get("title", "")), "text": str(c.get("text", ""))}
        for c in schema.get("x-criteria", [])
        if isinstance(c, dict)
    ]
    rule = schema.get("x-applicant", {})
    relative = f"submissions/{form.year}/applications/{type_id}"
    document = {
        "year": form.year,
        "sample": form.sample,
        "stage": form.stage,
        "opens": form.opens,
        "closes": form.closes,
        "type": {"id": type_id, "name": str(schema.get("x-type-name", type_id))},
        "criteria": criteria,
        "requiresAttachment": list(schema.get("x-requires-attachment", [])),
        "applicantKinds": list(rule.get("kinds", [])),
        "together": [list(group) for group in rule.get("together", [])],
        "units": [{"id": u.id, "name": u.name, "kind": u.kind} for u in form.units],
        "applications": {
            type_name: dict(by_id) for type_name, by_id in form.applications.items()
        },
        "maxPerUnit": form.max_per_unit.get(type_id, 1),
        "folder": relative,
        "attachmentsFolder": f"submissions/{form.year}/attachments",
        "repository": {"url": repository.url, "branch": repository.branch, "newFile": repository.new_file},
        "schemaName": type_id,
        # Only the schemas an application refers to, as written (ECMA-262 patterns, as CI reads them):
        # its type's and the shared definitions.
        "schemas": {name: schemas.sources.get(name, schemas.schemas[name]) for name in (type_id, "defs")},
        "template": render_template_tree(
            schemas, type_id, schema_url(f"{relative}/x.yaml", type_id, schemas.folder)
        ),
    }
    return (json.dumps(document, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def render_template_tree(schemas: SchemaSet, type_id: str, schema_url: str) -> dict[str, Any]:
    """The template of `kczy new application` as a tree: the form is drawn from it, and the file written
    from it in the template's order, with the template's comments, around the values filled in."""
    schema = schemas.type_schema(type_id)
    criteria = {c["id"]: c for c in schema.get("x-criteria", []) if isinstance(c, dict) and "id" in c}
    header = application_template_header(schema, type_id, schema_url)
    return {"header": header, "root": _node(schemas, type_id, schema, criteria, ())}


def _node(
    schemas: SchemaSet,
    name: str,
    node: dict[str, Any],
    criteria: Mapping[str, dict[str, Any]],
    path: tuple[str, ...],
) -> dict[str, Any]:
    resolved = schemas.resolve(name, node)
    title = str(node.get("title") or resolved.get("title", ""))
    description = str(node.get("description") or resolved.get("description", ""))
    base: dict[str, Any] = {"title": title, "description": description}
    alternatives = resolved.get("oneOf") or resolved.get("anyOf")
    if alternatives and "type" not in resolved:
        titles = [
            comment_text(schemas.resolve(name, a).get("title", "") or a.get("title", ""))
            for a in alternatives
        ]
        notes = [f"# {alternatives_note(titles, index)}" for index in range(len(titles))]
        choices = [_node(schemas, name, a, criteria, path) for a in alternatives]
        for choice, alternative_title in zip(choices, titles, strict=True):
            choice["title"] = alternative_title
        return {**base, "kind": "choice", "notes": notes, "alternatives": choices}
    if "const" in resolved:
        return {**base, "kind": "const", "value": resolved["const"]}
    if resolved.get("type") == "object" and "properties" in resolved:
        required = set(resolved.get("required", []))
        entries = []
        for key, child in resolved["properties"].items():
            comments = list(_criterion_header(child, criteria))
            comments += ["# " + line for line in _describe(schemas, name, child, key in required)]
            child_resolved = schemas.resolve(name, child)
            ids = child.get("x-criterion")
            # The template's own lines for the field left unfilled (commented out when optional): the
            # file keeps the template's shape wherever the person has not written anything.
            blank = _value_lines(schemas, name, key, child, 0, criteria)
            if key not in required:
                blank = ["# " + line for line in blank]
            entries.append(
                {
                    "key": key,
                    "required": key in required,
                    "comments": comments,
                    "blank": blank,
                    "criteria": [ids] if isinstance(ids, str) else list(ids or []),
                    "private": bool(child.get("x-private") or child_resolved.get("x-private")),
                    "node": _node(schemas, name, child, criteria, (*path, key)),
                }
            )
        return {**base, "kind": "object", "properties": entries}
    if resolved.get("type") == "array":
        item = resolved.get("items", {})
        return {
            **base,
            "kind": "array",
            "minItems": int(resolved.get("minItems", 0)),
            "item": _node(schemas, name, item, criteria, (*path, "*")),
        }
    return {**base, "kind": "scalar", **_scalar(resolved, path)}


def _scalar(resolved: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    found: dict[str, Any] = {"type": resolved.get("type", "string")}
    for keyword in ("enum", "format", "minLength", "maxLength", "minimum", "exclusiveMinimum"):
        if keyword in resolved:
            found[keyword] = resolved[keyword]
    if path == ("applicant",):
        found["widget"] = "applicant"
    elif path[-1:] == ("unit",) and path[:1] == ("partners",):
        found["widget"] = "unit"
    elif path[-1:] == ("criterion",) and path[:1] == ("attachments",):
        found["widget"] = "criterion"
    elif "enum" in resolved:
        found["widget"] = "select"
    elif resolved.get("format") == "date":
        found["widget"] = "date"
    elif found["type"] in ("number", "integer"):
        found["widget"] = "number"
    elif int(resolved.get("maxLength", 0)) >= 200:
        found["widget"] = "textarea"
    else:
        found["widget"] = "text"
    return found


def render_form_pages(
    form: FormRound, schemas: SchemaSet, type_names: Mapping[str, str], repository: Repository
) -> tuple[dict[str, tuple[str, list[str], dict[str, str]]], dict[str, bytes], list[tuple[str, str]]]:
    """Pages (path → trusted title, Markdown lines, front matter for the theme), files (path → bytes)
    and navigation entries. The theme (overrides/main.html) loads the script and the page's data for a
    page whose front matter names it in `kczy_form`: its `url` filter makes the addresses right in
    every engine (MkDocs leaves addresses in a page's HTML as written, Zensical rewrites them)."""
    pages: dict[str, tuple[str, list[str], dict[str, str]]] = {}
    files: dict[str, bytes] = {MESSAGES: render_messages_json()}
    nav: list[tuple[str, str]] = []
    for type_id in form.types:
        name = type_names.get(type_id, type_id)
        data_name = f"{form.year}-{type_id}"
        files[f"{ASSETS}/{data_name}.json"] = render_form_data(form, schemas, type_id, repository)
        title = words("form.title", year=form.year, name=name)
        body = [
            f"# {words('form.heading', name=name)}",
            "",
            '<div id="kczy-form" class="kczy-form">',
            f'<p class="kczy-form-loading">{words("form.loading")}</p>',
            f"<noscript><p>{words('form.no-script')}</p></noscript>",
            "</div>",
            "",
        ]
        pages[form_page_path(form.year, type_id)] = (title, body, {"kczy_form": data_name})
        nav.append((words("form.heading", name=name), form_page_path(form.year, type_id)))
    return pages, files, nav


def render_form_links(form: FormRound, type_names: Mapping[str, str]) -> list[str]:
    """The section the how-to-apply page gets: one link per form page."""
    lines = [f"## {words('form.links-heading')}", "", words("form.links-lead"), ""]
    lines += [f"- [{type_names.get(t, t)}](form/{t}.md)" for t in form.types]
    return [*lines, ""]


def units_for_form(units: Mapping[str, Unit]) -> tuple[FormUnit, ...]:
    """Registered units reduced to their public facts (id, name, kind), in the registry's order."""
    return tuple(FormUnit(unit.id, unit.name, unit.kind) for unit in units.values())

