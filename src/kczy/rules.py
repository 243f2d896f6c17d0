"""Which rules judge a round: its own copy of the schemas (`submissions/<year>/schemas/`), or, for a round
without one, the default set kczy ships (`schemas/`).

A round keeps the rules it was opened with for ever: changing next year's copy changes nothing about
this year's validation, pages or tally. `round_schema_set` is the one place that decides which folder a
round's schemas come from; the edges only say how to list a folder (the work tree, or a git revision).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

from kczy.errors import FatalError
from kczy.layout import RULES_FOLDER, SCHEMA_SUFFIX, SUBMISSIONS, TYPE_IDS
from kczy.messages import joined, render_message
from kczy.schemas import SchemaSet

DEFAULT_RULES = "schemas"
"""kczy's default rule set: judges a round without its own copy, and is what `kczy new round` copies
when there is no earlier round."""

RECORDS_AFTER_TALLY = frozenset({"approval", "objection", "announcement"})
"""Schemas of the records written after the tally: the tally does not read them, so they are neither
pinned by the approval nor locked by it (an objection still has to be recorded after approval)."""

SCHEMAS_KCZY_USES = frozenset(
    {"round", "units", "committee", "ballot", "confirmation", "runoff-call", *RECORDS_AFTER_TALLY, *TYPE_IDS}
)
"""Every schema the commands look up by name: a rule set without one of them would let that kind of
file pass unchecked (or stop a command with a traceback), so it is refused as a whole."""

ListFolder = Callable[[str], Mapping[str, bytes]]
"""A folder's `*.schema.json` files: repository-relative folder → {file name: bytes}."""


def round_rules_folder(year: str) -> str:
    return f"{SUBMISSIONS}/{year}/{RULES_FOLDER}"


def read_by_tally(schema_name: str) -> bool:
    """Whether the schema named so (a round's rules file) is among what the tally reads."""
    return schema_name not in RECORDS_AFTER_TALLY


def round_schema_set(
    year: str, list_folder: ListFolder, code_cache: MutableMapping[str, str] | None = None
) -> SchemaSet:
    """The schemas that judge round `year`: its own copy when it has one, else the default set.

    The result's `folder` says which (`SchemaSet.own_rules_of`); a schema kczy cannot decide exactly is
    refused (`SchemaRefused`) with that folder in every line, as for the default set."""
    folder = round_rules_folder(year)
    files = list_folder(folder)
    if not files:
        folder, files = DEFAULT_RULES, list_folder(DEFAULT_RULES)
    return parse_schema_files(folder, files, code_cache)


def parse_schema_files(
    folder: str, files: Mapping[str, bytes], code_cache: MutableMapping[str, str] | None = None
) -> SchemaSet:
    """`{file name: bytes}` of one folder as a SchemaSet; a file that is not JSON, or a set missing a
    schema kczy uses, is fatal (the rules themselves are broken, not a person's submission)."""
    schemas: dict[str, Any] = {}
    for name, body in sorted(files.items()):
        try:
            schemas[name.removesuffix(SCHEMA_SUFFIX)] = json.loads(body)
        except ValueError as error:
            params = {"path": f"{folder}/{name}", "reason": _json_problem(error)}
            raise FatalError(render_message("stop.schema-unreadable", params)) from error
    missing = sorted(SCHEMAS_KCZY_USES - schemas.keys())
    if missing:
        names = joined(name + SCHEMA_SUFFIX for name in missing)
        raise FatalError(render_message("stop.rules-incomplete", {"folder": folder + "/", "names": names}))
    return SchemaSet.from_files(schemas, code_cache, folder=folder)


def schema_files_in(contents: Mapping[str, bytes], folder: str) -> dict[str, bytes]:
    """From repository-relative path → bytes (a git revision's files), those directly in `folder`."""
    prefix = folder + "/"
    return {
        path.removeprefix(prefix): body
        for path, body in contents.items()
        if path.startswith(prefix) and "/" not in path.removeprefix(prefix) and path.endswith(SCHEMA_SUFFIX)
    }


def _json_problem(error: ValueError) -> str:
    """Why a rules file is no JSON, in Chinese, with the place `kczy validate FILE` reports it at."""
    if isinstance(error, json.JSONDecodeError):
        return render_message("rulesfile.not-json-at", {"line": error.lineno, "column": error.colno})
    return render_message("rulesfile.not-utf8", {})
