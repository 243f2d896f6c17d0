from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from kczy.console import say
from kczy.messages import render_message

HELP = render_message("help.codeowners.summary", {})
DESCRIPTION = render_message("help.codeowners.description", {})


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check", action="store_true", help=render_message("help.codeowners.option.check", {})
    )


@dataclass(frozen=True)
class Options:
    repo: str | None
    check: bool


def run(options: Options) -> int:
    from kczy.codeowners import owner_rules
    from kczy.codeowners_syntax import PLATFORMS
    from kczy.repo import find_root, read_work_tree

    root = find_root(repo=options.repo)
    tree = read_work_tree(root)
    owners = owner_rules(tree.round_files(year) for year in tree.years)
    stale = []
    for path, render in PLATFORMS.values():
        text = render(owners)
        target = root / path
        current = target.read_text("utf-8") if target.is_file() else None
        if options.check:
            if current != text:
                stale.append(path)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        say("codeowners.written", {"path": path})
    if not options.check:
        return 0
    if stale:
        for path in stale:
            print(render_message("codeowners.stale", {"path": path}), file=sys.stderr)
        return 1
    say("codeowners.current", {"paths": [path for path, _ in PLATFORMS.values()]})
    return 0
