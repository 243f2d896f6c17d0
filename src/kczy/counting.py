"""Reading and counting one round for the commands that count it (tally, verify, approve): the edge they
share, so that no command imports another (kczy.commands.tally used to be imported by verify and
approve). Reads the work tree, the git history and the tally identity; the counting itself is
`kczy.tally`'s, over plain data.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kczy.errors import FatalError
from kczy.findings import sorted_findings
from kczy.history import Provenance
from kczy.messages import os_reason, render_message
from kczy.repo import find_root, read_work_tree
from kczy.report import render_findings
from kczy.roundfiles import RoundFiles
from kczy.sealed import IDENTITY_ENV, TallyKey, parse_identity
from kczy.tally.count import tally_blockers, tally_round
from kczy.tally.outcome import TallyOutcome


def add_identity_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--identity", metavar="FILE",
        help=render_message("help.option.identity", {"variable": IDENTITY_ENV}),
    )


def read_round(repo: str | None, year: str | None) -> tuple[RoundFiles, Provenance | None]:
    """The round's files (`--repo`, `--round`) with, unless it is the sample, their git history (read
    here, at the edge, and handed to the tally as data)."""
    root = find_root(repo=repo)
    tree = read_work_tree(root)
    files = tree.chosen_round(year)
    for kind in ("round", "committee"):
        if files.record_path(kind) not in files.roles:
            missing = {"path": files.record_path(kind)}
            raise FatalError(render_message("stop.tally-missing-record", missing))
    files = tree.with_history(files)
    return files, files.provenance


def count_round(
    repo: str | None, year: str | None, identity: str | None
) -> tuple[RoundFiles, TallyOutcome | None, str]:
    """Read and count the round (`--repo`, `--round`, `--identity`): the result, or None and the report
    of the files whose errors make counting impossible."""
    files, provenance = read_round(repo, year)
    blockers = tally_blockers(files)
    if blockers:
        findings = sorted_findings(f for parsed in blockers for f in parsed.findings)
        return files, None, render_findings(findings, len(blockers), "text")
    return files, tally_round(files, provenance, read_tally_key(identity, find_root(repo=repo))), ""


def inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def read_tally_key(identity: str | None, root: Path) -> TallyKey | None:
    """The identity from `--identity FILE`, else from the environment variable, else None."""
    if identity:
        path = Path(identity).expanduser()
        if inside(path, root):
            raise FatalError(render_message("stop.identity-in-repo", {"path": identity}))
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            unreadable = render_message("stop.not-a-text-file", {})
            reason = os_reason(error) if isinstance(error, OSError) else unreadable
            params = {"path": identity, "reason": reason}
            raise FatalError(render_message("stop.identity-unreadable", params)) from None
    else:
        text = os.environ.get(IDENTITY_ENV, "")
        if not text.strip():
            return None
    try:
        return parse_identity(text)
    except ValueError as error:
        raise FatalError(str(error)) from None
