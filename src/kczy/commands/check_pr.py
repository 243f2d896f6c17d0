from __future__ import annotations

import argparse
from dataclasses import dataclass

from kczy.checkpr import check_pull_request, merge_refusals, parse_base_rounds, signed_ballot_paths
from kczy.clock import read_now
from kczy.errors import FatalError
from kczy.findings import Finding
from kczy.gitobjects import REGULAR_MODES, read_blobs, read_changes, read_merge, read_tree_files
from kczy.layout import SUBMISSIONS
from kczy.messages import render_message
from kczy.provenance import read_signatures
from kczy.repo import SCHEMA_DIR, find_root
from kczy.report import FORMATS, emit
from kczy.signing import BallotCommits, allowed_signers

HELP = render_message("help.check-pr.summary", {})
DESCRIPTION = render_message("help.check-pr.description", {})


SUMMARY_TITLE = render_message("check-pr.summary-title", {})
JSON_FORMATS = ("json", "gitlab")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base", required=True, metavar="REV", help=render_message("help.check-pr.option.base", {})
    )
    parser.add_argument(
        "--head", required=True, metavar="REV", help=render_message("help.check-pr.option.head", {})
    )
    parser.add_argument(
        "--author", required=True, metavar="LOGIN", help=render_message("help.check-pr.option.author", {})
    )
    parser.add_argument(
        "--now", metavar="YYYY-MM-DDTHH:MM", help=render_message("help.check-pr.option.now", {})
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text",
        help=render_message("help.check-pr.option.format", {}),
    )


@dataclass(frozen=True)
class Options:
    repo: str | None
    base: str
    head: str
    author: str
    now: str | None
    format: str


def run(options: Options) -> int:
    try:
        return _check(options)
    except FatalError as error:
        # The stop is said on stderr as always (exit 2); a machine reading --format json or gitlab still
        # gets JSON: one error naming the stop, no file.
        if options.format in JSON_FORMATS:
            stop = Finding(".", 1, 1, "check-pr.stopped", {"reason": str(error)})
            emit([stop], 0, options.format, SUMMARY_TITLE)
        raise


def _check(options: Options) -> int:
    root = find_root(repo=options.repo)
    now = read_now(options.now)
    merge = read_merge(root, options.base, options.head)
    if merge.tree is None:
        findings = merge_refusals(merge.conflicts, merge.unrelated)
        emit(findings, len(findings), options.format, SUMMARY_TITLE)
        return 1
    changes = read_changes(root, merge.base, merge.tree)
    # Each round is judged by the base revision's copy of its own rules (or the base's default set).
    base_rounds = parse_base_rounds(read_tree_files(root, merge.base, [SUBMISSIONS, SCHEMA_DIR]))
    # What is judged is what the merge holds: the merged tree's blobs, not the pull request's own.
    merged = {c.path: c.blob for c in changes if c.action != "delete" and c.mode in REGULAR_MODES}
    head = read_blobs(root, merged)
    signatures: dict[str, BallotCommits] = {}
    for year, paths in signed_ballot_paths(changes, base_rounds).items():
        signers = allowed_signers(base_rounds[year])[0]
        revisions = [f"{merge.base}..{merge.head}"]
        signatures |= read_signatures(root, revisions, merge.tree, paths, signers)
    findings = check_pull_request(changes, base_rounds, head, options.author, now, signatures)
    emit(findings, len(changes), options.format, SUMMARY_TITLE)
    return 1 if any(f.severity == "error" for f in findings) else 0
