from __future__ import annotations

import argparse
import datetime
import sys
from dataclasses import dataclass

from kczy.clock import read_day, read_now
from kczy.console import say
from kczy.counting import add_identity_option, count_round
from kczy.findings import Finding
from kczy.messages import render_message, show_beijing
from kczy.newfiles import refusal, refuse, write_unless_refused
from kczy.records import approval_refusals, render_approval
from kczy.repo import find_root
from kczy.roundfiles import RoundFiles
from kczy.rounds import add_round_option
from kczy.tally.record import tally_sha256
from kczy.workdays import Period, notice_period

HELP = render_message("help.approve.summary", {})
DESCRIPTION = render_message("help.approve.description", {})


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    parser.add_argument("--meeting", required=True, metavar="TEXT",
                        help=render_message("help.approve.option.meeting", {}))
    parser.add_argument(
        "--date", required=True, metavar="YYYY-MM-DD", help=render_message("help.approve.option.date", {})
    )
    parser.add_argument("--notice-starts", required=True, metavar="YYYY-MM-DD",
                        help=render_message("help.approve.option.notice_starts", {}))
    parser.add_argument("--now", metavar="YYYY-MM-DDTHH:MM",
                        help=render_message("help.approve.option.now", {}))
    add_identity_option(parser)


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    meeting: str
    date: str
    notice_starts: str
    now: str | None
    identity: str | None


def run(options: Options) -> int:
    approved_on = read_day("--date", options.date)
    notice_starts = read_day("--notice-starts", options.notice_starts)
    files, result, blocked = count_round(options.repo, options.round, options.identity)
    path = files.record_path("approval")
    if path in files.roles:
        return refuse(path, [refusal(path, "new.exists")])
    if result is None:
        sys.stderr.write(blocked + render_message("approve.tally-blocked", {}) + "\n")
        return 1
    digest = tally_sha256(result)
    relative, text = render_approval(files, options.meeting.strip(), approved_on, notice_starts, digest)
    refusals = [*_clock_refusals(files, relative, read_now(options.now), approved_on),
                *approval_refusals(files, relative, text)]
    if write_unless_refused(find_root(repo=options.repo) / relative, relative, text, refusals):
        return 1
    period = _period(files, notice_starts)
    say("new.written", {"path": relative})
    say("approve.written", {
        "digest": digest, "first_day": period.first_day.isoformat(), "last_day": period.last_day.isoformat(),
    })
    return 0


def _clock_refusals(
    files: RoundFiles, relative: str, now: datetime.datetime, approved_on: datetime.date
) -> list[Finding]:
    """What the day of running refuses (validate, which reads no clock, cannot): voting still open, an
    approval dated in the future."""
    found = []
    closes = files.settings.schedule.voting_closes
    if now < closes:
        found.append(Finding(relative, 1, 1, "approve.voting-open", {"time": show_beijing(closes)}))
    if approved_on > now.date():
        name = render_message("approve.field.approved_on", {})
        params = {"name": name, "day": approved_on.isoformat(), "today": now.date().isoformat()}
        found.append(Finding(relative, 1, 1, "new.after-today", params))
    return found


def _period(files: RoundFiles, notice_starts: datetime.date) -> Period:
    rule = files.settings.notice
    return notice_period(notice_starts, rule.days, rule.count, rule.calendar)

