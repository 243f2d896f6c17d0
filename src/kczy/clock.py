"""The clock at the edge: `--now YYYY-MM-DDTHH:MM` (Beijing time), else `$KCZY_NOW`, else the real time."""

from __future__ import annotations

import datetime
import os

from kczy.beijing import BEIJING, parse_beijing_time
from kczy.errors import FatalError
from kczy.messages import render_message
from kczy.workdays import parse_date

NOW_VARIABLE = "KCZY_NOW"


def read_now(text: str | None = None) -> datetime.datetime:
    """`--now` as an aware Beijing time (the one form of `kczy.beijing`; anything else is a usage error);
    without it `$KCZY_NOW` (so that CI steps and site builds can be
    replayed on any day), and without that the machine's clock."""
    source = "--now"
    if text is None:
        text, source = os.environ.get(NOW_VARIABLE) or None, NOW_VARIABLE
    if text is None:
        return datetime.datetime.now(BEIJING)
    try:
        return parse_beijing_time(text)
    except ValueError:
        raise FatalError(render_message("stop.not-a-time", {"source": source, "text": text})) from None


def read_day(option: str, text: str) -> datetime.date:
    """A day given on the command line (`--date 2022-09-24`): YYYY-MM-DD and nothing else, or a usage
    error."""
    day = parse_date(text)
    if day is None:
        raise FatalError(render_message("option.not-a-day", {"option": option, "text": text}))
    return day
