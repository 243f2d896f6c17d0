from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

from kczy.console import say
from kczy.errors import FatalError
from kczy.layout import ID_PATTERN, SUBMISSIONS
from kczy.messages import render_message
from kczy.newfiles import output_folder
from kczy.rounds import add_round_option
from kczy.schemas import TYPE_IDS

HELP = render_message("help.dossier.summary", {})
DESCRIPTION = render_message("help.dossier.description", {"order_note": render_message("dossier.order", {})})


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    parser.add_argument("--type", choices=TYPE_IDS, help=render_message("help.dossier.option.type", {}))
    parser.add_argument("--member", metavar="ID", help=render_message("help.dossier.option.member", {}))
    parser.add_argument(
        "--output", metavar="DIR", default="dossier", help=render_message("help.dossier.option.output", {}),
    )


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    type: str | None
    member: str | None
    output: str


def run(options: Options) -> int:
    # Typst and pypdf load only when a dossier is made (`kczy --help` imports every command).
    from kczy.dossier.model import book_name, books, gather_dossier
    from kczy.dossier.typeset import typeset_books
    from kczy.repo import find_root, read_work_tree

    root = find_root(repo=options.repo)
    output = Path(options.output).resolve()
    if output.is_relative_to((root / SUBMISSIONS).resolve()):
        params = {"option": "--output", "path": options.output}
        raise FatalError(render_message("stop.output-in-submissions", params))
    tree = read_work_tree(root)
    files = tree.chosen_round(options.round)
    if options.member is not None and (
        not ID_PATTERN.fullmatch(options.member) or options.member not in files.members()
    ):
        params = {"member": options.member, "path": files.record_path("committee")}
        raise FatalError(render_message("new.unknown-member", params))
    if options.type is not None and options.type not in files.settings.types:
        params = {"year": files.year, "type": options.type}
        raise FatalError(render_message("stop.no-such-type-in-round", params))
    start = time.perf_counter()
    whole = gather_dossier(files, options.type, options.member)  # a round that cannot be read writes nothing
    output_folder(output)  # before typesetting: a path that cannot be a folder stops at once
    wanted = [whole] if options.type is not None else books(whole)
    for book, pdf in typeset_books(wanted, files.contents):
        target = output / book_name(book)
        target.write_bytes(pdf)
        size = f"{len(pdf) / 1024:.0f}"
        say("dossier.written", {"path": target, "count": len(book.applications), "kilobytes": size})
    say("dossier.done", {"seconds": f"{time.perf_counter() - start:.1f}"})
    return 0
