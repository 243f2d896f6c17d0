from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from kczy.console import warn
from kczy.layout import RETIRED_FILE
from kczy.messages import render_message
from kczy.repo import find_root, read_work_tree
from kczy.report import render_finding_line
from kczy.rounds import default_year, render_retired

HELP = render_message("help.retire.summary", {})
DESCRIPTION = render_message("help.retire.description", {"retired_file": RETIRED_FILE})


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("year", metavar="YEAR", help=render_message("help.retire.option.year", {}))


@dataclass(frozen=True)
class Options:
    repo: str | None
    year: str


def run(options: Options) -> int:
    root = find_root(repo=options.repo)
    tree = read_work_tree(root)
    broken = [finding for finding in tree.findings if finding.path == RETIRED_FILE]
    if broken:
        warn("retire.broken-file")
        for finding in broken:
            print(render_finding_line(finding), file=sys.stderr)
        return 1
    year = tree.chosen_year(options.year)
    if not tree.is_sample(year):
        warn("retire.not-sample", {"year": year})
        return 1
    if year in tree.retired:
        print(render_message("retire.already", {"year": year}))
        return 0
    retired = [*tree.retired, year]
    (root / RETIRED_FILE).write_bytes(render_retired(retired))
    default = default_year(tree.years, retired)
    print(render_message("retire.done", {"year": year}))
    if default is None:
        print(render_message("retire.done-no-default", {}))
    else:
        print(render_message("retire.done-default", {"default": default}))
    return 0
