from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from kczy.clock import read_now
from kczy.console import warn
from kczy.counting import add_identity_option, count_round
from kczy.errors import FatalError
from kczy.messages import os_reason, render_message, show_beijing
from kczy.repo import find_root
from kczy.roundfiles import RoundFiles
from kczy.rounds import add_round_option
from kczy.suggest import unit_names
from kczy.tally.outcome import TallyOutcome
from kczy.tally.record import partial_record, render_json, render_record
from kczy.tally.report import render_not_open_text, render_partial_text, render_tally_csv, render_tally_text

HELP = render_message("help.tally.summary", {})
DESCRIPTION = render_message("help.tally.description", {})


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text",
        help=render_message("help.tally.option.format", {}),
    )
    parser.add_argument("--now", metavar="YYYY-MM-DDTHH:MM", help=render_message("help.tally.option.now", {}))
    parser.add_argument(
        "--show-partial", action="store_true", help=render_message("help.tally.option.show_partial", {})
    )
    parser.add_argument(
        "--detail-to", metavar="FILE",
        help=render_message("help.tally.option.detail_to", {}),
    )
    add_identity_option(parser)


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    format: str
    now: str | None
    show_partial: bool
    detail_to: str | None
    identity: str | None


def run(options: Options) -> int:
    files, result, blocked = count_round(options.repo, options.round, options.identity)
    if result is None:
        sys.stderr.write(blocked + render_message("tally.blocked", {}) + "\n")
        return 1
    now = read_now(options.now)
    schedule = files.settings.schedule
    closes, opens = schedule.voting_closes, schedule.voting_opens
    if now < closes:
        if not options.show_partial:
            if options.format == "json":
                sys.stdout.buffer.write(render_json(partial_record(result)))
            elif now < opens:
                sys.stdout.write(render_not_open_text(show_beijing(opens), show_beijing(closes)))
            else:
                sys.stdout.write(render_partial_text(result, show_beijing(closes)))
            return 0
        params = {"closes": show_beijing(closes), "user": getpass.getuser(), "now": show_beijing(now)}
        warn("tally.partial-shown", params)
    if options.detail_to is not None:
        detail = render_tally_text(result, unit_names=unit_names(files), type_names=type_names(files))
        write_detail(Path(options.detail_to), find_root(repo=options.repo), detail)
    if options.format == "json":
        sys.stdout.buffer.write(render_record(result))
    elif options.format == "csv":
        text = render_tally_csv(result, unit_names(files), type_names(files))
        sys.stdout.buffer.write("\ufeff".encode() + text.encode("utf-8"))
    else:
        open_round = not is_sealed_round(files, result)
        text = render_tally_text(result, open_round, unit_names(files), type_names(files))
        sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def type_names(files: RoundFiles) -> dict[str, str]:
    """Each type's name as the round's own rules write it (`x-type-name`): the text and the CSV show it;
    the record keeps only the id."""
    names = {}
    for type_id in files.settings.types:
        name = files.schemas.schemas.get(type_id, {}).get("x-type-name")
        if isinstance(name, str):
            names[type_id] = name
    return names


def is_sealed_round(files: RoundFiles, result: TallyOutcome) -> bool:
    """`voting.sealed: true`, or any sealed ballot: no printed report then links a member to a vote."""
    return files.settings.voting.sealed or bool(result.receipts)


def write_detail(path: Path, root: Path, text: str) -> None:
    """The full report, readable by its owner only, never inside the repository (it could be committed)."""
    if path.resolve().is_relative_to(root.resolve()):
        raise FatalError(render_message("stop.detail-in-repo", {"path": path}))
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        params = {"path": path, "reason": os_reason(error)}
        raise FatalError(render_message("stop.detail-unwritable", params)) from None
    warn("tally.detail-written", {"path": path})
