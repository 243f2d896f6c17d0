"""`kczy documents`: the notice and the announcement as official documents (Word, PDF) for the secretariat."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from kczy.clock import read_now
from kczy.console import say, warn
from kczy.messages import render_message
from kczy.newfiles import output_folder
from kczy.repo import find_root, read_work_tree
from kczy.rounds import add_round_option

HELP = render_message("help.documents.summary", {})
DESCRIPTION = render_message("help.documents.description", {})


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    parser.add_argument(
        "--now", metavar="YYYY-MM-DDTHH:MM", help=render_message("help.documents.option.now", {})
    )
    parser.add_argument(
        "--output", metavar="DIR", default=render_message("documents.default-output", {}),
        help=render_message("help.documents.option.output", {}),
    )


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    now: str | None
    output: str


def run(options: Options) -> int:
    from kczy.documents.content import build_announcement, build_notice
    from kczy.documents.pdf import render_pdf
    from kczy.documents.word import render_docx
    from kczy.site.read import read_public_rounds

    now = read_now(options.now)
    tree = read_work_tree(find_root(repo=options.repo))
    year = tree.chosen_round(options.round).year
    # A round with errors stops here with its findings (InputRefused: exit 1, as validate), a missing
    # tally identity as an environment problem (exit 2), as they stop kczy site.
    rounds = read_public_rounds(tree, now, years=[year], refusal="refusal.documents")
    public = rounds[0] if rounds else None
    if public is None or not public.timeline.notice_published:
        warn("documents.no-notice-yet", {"year": year})
        return 1
    documents = [build_notice(public)]
    if public.timeline.announced:
        documents.append(build_announcement(public))
    output = output_folder(Path(options.output))
    for document in documents:
        for suffix, data in ((".docx", render_docx(document)), (".pdf", render_pdf(document))):
            path = output / f"{document.file_stem}{suffix}"
            path.write_bytes(data)
            say("documents.written", {"path": path, "title": document.title})
    if not public.timeline.announced:
        say("documents.notice-only", {"year": year})
    return 0
