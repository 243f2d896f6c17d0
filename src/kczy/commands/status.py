from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass

from kczy.clock import read_now
from kczy.console import warn_text
from kczy.messages import render_message, show_beijing
from kczy.repo import find_root, read_work_tree
from kczy.rounds import add_round_option
from kczy.stages import (
    SCHEDULE_NAMES,
    StageError,
    Timeline,
    compute_timeline,
    render_notice_problem,
    stage_line,
)
from kczy.workdays import NoticeUncomputable

HELP = render_message("help.status.summary", {})
DESCRIPTION = render_message("help.status.description", {})

FORMATS = ("text", "json")


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    parser.add_argument(
        "--now", metavar="YYYY-MM-DDTHH:MM", help=render_message("help.status.option.now", {})
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help=render_message("help.status.option.format", {})
    )


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    now: str | None
    format: str


def run(options: Options) -> int:
    now = read_now(options.now)
    tree = read_work_tree(find_root(repo=options.repo))
    files = tree.chosen_round(options.round)
    year = files.year
    try:
        timeline = compute_timeline(files, now)
    except StageError as error:
        warn_text(str(error))
        return 1
    except NoticeUncomputable as error:
        warn_text(render_notice_problem(error, year))
        return 1
    if options.format == "json":
        sys.stdout.write(json.dumps(timeline.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_status_text(timeline))
    return 0


def render_status_text(timeline: Timeline) -> str:
    lines = [
        render_message("status.round", {"year": timeline.year, "today": timeline.today.isoformat()}),
        render_message("status.stage", {"stage": stage_line(timeline)}),
    ]
    for key, value in timeline.schedule.items():
        params = {"name": SCHEDULE_NAMES[key], "when": show_beijing(value)}
        lines.append(render_message("status.schedule", params))
    if timeline.approved_on is not None:
        params = {"day": timeline.approved_on.isoformat(), "meeting": timeline.meeting}
        lines.append(render_message("status.approved", params))
    else:
        lines.append(render_message("status.not-approved", {}))
    if timeline.notice is not None:
        notice = timeline.notice
        lines.append(render_message(f"status.notice.{notice.count}", {
            "first_day": notice.first_day.isoformat(),
            "last_day": notice.last_day.isoformat(),
            "days": notice.days,
        }))
    if timeline.objections:
        lines.append(render_message("status.objections", {
            "count": len(timeline.objections),
            "pending": len(timeline.pending),
            "upheld": sum(o.status == "upheld" for o in timeline.objections),
        }))
    if timeline.announcement is not None:
        announcement = timeline.announcement
        published = {"day": announcement.get("published_on"), "number": announcement.get("document_number")}
        lines.append(render_message("status.announced", published))
    return "\n".join(lines) + "\n"
