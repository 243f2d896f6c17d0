from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

from kczy.console import say, warn
from kczy.counting import inside
from kczy.errors import FatalError
from kczy.messages import os_reason, render_message
from kczy.newfiles import refusal, refuse
from kczy.repo import find_root, read_work_tree
from kczy.rounds import add_round_option
from kczy.sealed import IDENTITY_ENV, new_identity

HELP = render_message("help.keys.summary", {})
DESCRIPTION = render_message("help.keys.description", {})


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=("new",), help=render_message("help.keys.option.what", {}))
    add_round_option(parser)
    parser.add_argument(
        "--identity-out", metavar="FILE", help=render_message("help.keys.option.identity_out", {})
    )


@dataclass(frozen=True)
class Options:
    repo: str | None
    what: str
    round: str | None
    identity_out: str | None


def run(options: Options) -> int:
    root = find_root(repo=options.repo)
    tree = read_work_tree(root)
    year = tree.chosen_year(options.round)
    target = Path(options.identity_out or Path.home() / f"kczy-{year}-tally-identity.txt").expanduser()
    if inside(target, root):
        raise FatalError(render_message("stop.identity-in-repo-new", {"path": target}))
    identity, recipient = new_identity()
    header = render_message("keys.identity-header", {"year": year})
    text = f"{header}\n# public key: {recipient}\n{identity}\n"
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return refuse(str(target), [refusal(str(target), "new.exists")])
    except OSError as error:
        params = {"path": target, "reason": os_reason(error)}
        raise FatalError(render_message("new.unwritable", params)) from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    # A round being set up may not be readable yet: the key is written all the same.
    settings = tree.round_files(year).reading.settings
    existing = settings.voting.tally_recipient if settings is not None else None
    say("keys.written", {"path": target, "recipient": recipient, "year": year})
    if existing is not None:
        warn("note.recipient-replaced", {"existing": existing})
    say("keys.ci-secret", {"variable": IDENTITY_ENV})
    return 0
