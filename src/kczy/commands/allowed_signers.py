from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from kczy.console import say, warn
from kczy.errors import FatalError
from kczy.layout import SUBMISSIONS
from kczy.messages import os_reason, render_message
from kczy.repo import find_root, read_work_tree
from kczy.rounds import add_round_option

HELP = render_message("help.allowed-signers.summary", {})
DESCRIPTION = render_message("help.allowed-signers.description", {})


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    parser.add_argument(
        "--output", metavar="FILE", help=render_message("help.allowed-signers.option.output", {})
    )


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    output: str | None


def run(options: Options) -> int:
    from kczy.signing import allowed_signers

    root = find_root(repo=options.repo)
    tree = read_work_tree(root)
    files = tree.chosen_round(options.round)
    if files.record_path("committee") not in files.roles:
        raise FatalError(render_message("stop.missing-record", {"path": files.record_path("committee")}))
    text, missing = allowed_signers(files)
    for member in missing:
        warn("note.member-without-signing-key", {"member": member})
    if not text:
        warn("note.no-signing-keys", {"path": files.record_path("committee")})
        return 1
    if options.output is None:
        sys.stdout.write(text)
        return 0
    target = Path(options.output).expanduser().resolve()
    if target.is_relative_to((root / SUBMISSIONS).resolve()):
        params = {"option": "--output", "path": options.output}
        raise FatalError(render_message("stop.output-in-submissions", params))
    try:
        target.write_text(text, "utf-8")
    except OSError as error:
        params = {"path": options.output, "reason": os_reason(error)}
        raise FatalError(render_message("new.unwritable", params)) from None
    say("report.signers-written", {"path": options.output, "count": text.count("\n")})
    return 0
