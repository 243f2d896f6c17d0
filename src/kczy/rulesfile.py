"""A round's rules file checked as what it is, a JSON Schema of that year (`kczy validate
submissions/<year>/schemas/X.schema.json`): valid JSON, and a draft 2020-12 schema in the vocabulary
kczy decides exactly, every keyword's value well formed (`kczy.schemavocab`, judged with the other
schemas of the same folder, as the round's `$ref`s reach across them). Each problem is a finding at its
file:line:column; loading the rules for the whole round stops at the same problems (`kczy.rules`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kczy.findings import Finding
from kczy.layout import SCHEMA_SUFFIX
from kczy.schemavocab import prepare
from kczy.yamlload import NodePath, parse_yaml


def rules_file_findings(folder: str, files: Mapping[str, bytes], targets: list[str]) -> list[Finding]:
    """The findings of the rules files `targets` (file names in `folder`, whose `*.schema.json` files are
    `files`): each target's own, never another file's."""
    parsed: dict[str, Any] = {}
    findings: list[Finding] = []
    for name, body in sorted(files.items()):
        data, unreadable = _parse(f"{folder}/{name}", body)
        if unreadable is None:
            parsed[name] = data
        elif name in targets:
            findings.append(unreadable)
    _, problems, _ = prepare({name.removesuffix(SCHEMA_SUFFIX): data for name, data in parsed.items()})
    for problem in problems:
        if problem.file in targets and problem.file in parsed:
            path = f"{folder}/{problem.file}"
            line, column = _place(path, files[problem.file], parsed[problem.file], problem.pointer)
            findings.append(Finding(path, line, column, problem.code, problem.params, problem.pointer))
    return findings


def _parse(path: str, body: bytes) -> tuple[Any, Finding | None]:
    try:
        return json.loads(body), None  # as kczy.rules reads it
    except UnicodeDecodeError:
        return None, Finding(path, 1, 1, "rulesfile.not-utf8")
    except json.JSONDecodeError as error:
        return None, Finding(path, error.lineno, error.colno, "rulesfile.not-json")


def _place(path: str, body: bytes, data: Any, pointer: str) -> tuple[int, int]:
    """Where the JSON pointer's node is written (the file read as YAML, of which JSON is a part), or 1:1."""
    document, _ = parse_yaml(body, path)
    if document is None:
        return 1, 1
    node_path: NodePath = ()
    node = data
    for part in pointer.split("/")[1:] if pointer else ():
        step: str | int = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and isinstance(step, str) and step.isdigit():
            step = int(step)
        node_path = (*node_path, step)
        node = _child(node, step)
    return document.place(node_path, key=True)


def _child(node: Any, step: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(str(step))
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return None
