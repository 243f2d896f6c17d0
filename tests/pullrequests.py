"""check-pr's rules as the pure function they are (`kczy.checkpr.check_pull_request`): a base revision
and a pull request's change given as plain bytes, judged in process without git, in milliseconds.

The real-git edge (merge-tree, diff-tree, cat-file, signatures from `git log`) keeps its own tests in
test_check_pr.py, one per rule family; here only the decisions are tested."""

from __future__ import annotations

from collections.abc import Mapping

from conftest import PROJECT
from kczy.beijing import parse_beijing_time
from kczy.checkpr import check_pull_request, parse_base_rounds
from kczy.findings import Finding
from kczy.history import BallotCommits, Change

DEFAULT_RULES = {
    f"schemas/{path.name}": path.read_bytes()
    for path in sorted((PROJECT / "schemas").iterdir())
    if path.is_file()
}
"""The base revision's top-level `schemas/` (kczy's default rule set), as the command reads it."""
SYMLINK, SUBMODULE = "120000", "160000"
_CODE_CACHE: dict[str, str] = {}
"""Prepared schemas and compiled validators shared by every judgement of the session (kept in memory)."""


def changes_of(
    base: Mapping[str, bytes], change: Mapping[str, bytes | None], modes: Mapping[str, str]
) -> list[Change]:
    """The changes git would report for `change` (path → new bytes, None deletes) against `base`:
    `--no-renames`, so a rename is a delete and an add."""
    found = []
    for path, body in sorted(change.items()):
        mode = modes.get(path, "100644")
        if body is None:
            found.append(Change("delete", path, mode))
        else:
            found.append(Change("modify" if path in base else "add", path, mode))
    return found


def judge(
    base: Mapping[str, bytes],
    change: Mapping[str, bytes | None],
    author: str,
    now: str,
    modes: Mapping[str, str] | None = None,
    signatures: Mapping[str, BallotCommits] | None = None,
) -> list[Finding]:
    """check-pr's verdict on `change` by `author` at Beijing time `now`, against `base` (a round's files,
    with kczy's default rules beside them unless `base` brings its own)."""
    modes = modes or {}
    base = {**DEFAULT_RULES, **base}
    rounds = parse_base_rounds(base, _CODE_CACHE)
    changes = changes_of(base, change, modes)
    merged = {path: body for path, body in change.items() if body is not None and path not in modes}
    return check_pull_request(changes, rounds, merged, author, parse_beijing_time(now), signatures)


def codes(
    base: Mapping[str, bytes], change: Mapping[str, bytes | None], author: str, now: str, **extra: object
) -> list[str]:
    """The codes of `judge`'s findings, in check-pr's order (an empty list: the change may be merged)."""
    return [finding.code for finding in judge(base, change, author, now, **extra)]  # type: ignore[arg-type]
