from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from kczy.console import say
from kczy.counting import add_identity_option, count_round
from kczy.messages import render_message
from kczy.rounds import add_round_option
from kczy.verify import verify_round

HELP = render_message("help.verify.summary", {})
DESCRIPTION = render_message("help.verify.description", {})


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    add_identity_option(parser)


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    identity: str | None


def run(options: Options) -> int:
    files, result, blocked = count_round(options.repo, options.round, options.identity)
    if result is None:
        sys.stderr.write(blocked)  # why it cannot count: diagnostics; the verdict is the report
        print(render_message("verify.cannot-count", {}))
        return 1
    checks = verify_round(files, result)
    for check in checks:
        print(f"{check.mark} {check.text}")
    failed = sum(not c.ok for c in checks)
    say("verify.all-agree" if not failed else "verify.disagree", {"count": failed})
    return 1 if failed else 0
