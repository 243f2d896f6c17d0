from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from kczy.console import warn
from kczy.errors import FatalError
from kczy.findings import Finding, sorted_findings
from kczy.layout import ID_PATTERN, NOT_YAML_KINDS, SUBMISSIONS
from kczy.messages import os_reason, render_message
from kczy.newfiles import write_unless_refused
from kczy.repo import find_root, read_work_tree
from kczy.report import render_findings
from kczy.roundfiles import RoundFiles
from kczy.rounds import add_round_option
from kczy.sealed import Envelope, is_recipient, parse_envelope, render_sealed_ballot, seal
from kczy.suggest import with_id_hints
from kczy.tally.checks import check_ballot_votes
from kczy.templates import schema_url

HELP = render_message("help.seal.summary", {})
DESCRIPTION = render_message("help.seal.description", {})


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=render_message("help.seal.option.file", {}))
    parser.add_argument(
        "--member", required=True, metavar="ID", help=render_message("help.seal.option.member", {})
    )
    add_round_option(parser)
    parser.add_argument(
        "--runoff", type=int, default=0, metavar="N", help=render_message("help.seal.option.runoff", {})
    )


@dataclass(frozen=True)
class Options:
    repo: str | None
    file: str
    member: str
    round: str | None
    runoff: int


def run(options: Options) -> int:
    root = find_root(repo=options.repo)
    tree = read_work_tree(root)
    files = tree.chosen_round(options.round)
    year = files.year
    if options.runoff < 0:
        raise FatalError(render_message("stop.bad-runoff-option", {"value": options.runoff}))
    if not ID_PATTERN.fullmatch(options.member):
        raise FatalError(render_message("option.not-an-id", {"option": "--member", "value": options.member}))
    if options.member not in files.members():
        params = {"member": options.member, "path": files.record_path("committee")}
        raise FatalError(render_message("new.unknown-member", params))
    recipient = files.settings.voting.tally_recipient
    if recipient is None or not is_recipient(recipient):
        raise FatalError(render_message("stop.no-tally-recipient", {"path": files.record_path("round")}))
    source = Path(options.file)
    try:
        plaintext = source.read_bytes()
    except OSError as error:
        params = {"path": options.file, "reason": os_reason(error)}
        raise FatalError(render_message("stop.cannot-read", params)) from None
    folder = f"runoffs/{options.runoff}" if options.runoff else "ballots"
    relative = f"{SUBMISSIONS}/{year}/{folder}/{options.member}.yaml"
    findings = [
        Finding(options.file, f.line, f.column, f.code, f.params, f.pointer, f.severity)
        for f in _check_plain(files, relative, plaintext)
    ]
    if any(f.severity == "error" for f in findings):
        sys.stderr.write(render_findings(findings, 1, "text"))
        warn("note.plain-ballot-refused")
        return 1
    if findings:
        # Nobody can read the votes once sealed: the votes that will not count are shown now.
        sys.stderr.write(render_findings(findings, 1, "text"))
        warn("note.votes-will-not-count")
    armoured = seal(plaintext, recipient)
    envelope = parse_envelope(armoured)
    assert isinstance(envelope, Envelope)
    url = schema_url(relative, "ballot", files.schemas.folder)
    text = render_sealed_ballot(options.member, armoured, url)
    if write_unless_refused(root / relative, relative, text, []):
        return 1
    print(render_message("report.sealed-written", {"path": relative, "receipt": envelope.receipt}))
    if source.resolve().is_relative_to(root.resolve()):
        warn("note.plain-ballot-in-repo", {"path": options.file})
    return 0


def _check_plain(files: RoundFiles, relative: str, plaintext: bytes) -> list[Finding]:
    """The plain ballot as if it were the ballot file: schema, member, votes."""
    yaml_paths = [path for path, role in files.roles.items() if role.kind not in NOT_YAML_KINDS]
    contents = {path: files.contents[path] for path in yaml_paths}
    merged = RoundFiles(files.year, {**contents, relative: plaintext}, files.schemas)
    parsed = merged.checked(relative)
    findings = with_id_hints(merged, parsed.findings)
    if parsed.document is not None:
        if "votes" not in parsed.data:
            findings.append(Finding(relative, 1, 1, "sealed.inner-not-plain"))
        member = parsed.data.get("member")
        if isinstance(member, str) and member != merged.roles[relative].file_id:
            line, column = parsed.document.place(("member",))
            findings.append(Finding(relative, line, column, "layout.member-mismatch",
                                    {"member": member, "name": merged.roles[relative].file_id}))
        findings.extend(check_ballot_votes(merged, parsed))
    return sorted_findings(findings)
