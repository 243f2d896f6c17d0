"""Beijing time, in which every date of a round is written (pure: no clock here, see `kczy.clock`).

One parser for every time the project reads: round.yaml's schedule (`2021-09-17T17:00+08:00`), `--now`
and `$KCZY_NOW` (`2021-09-17T17:00`). The form is `YYYY-MM-DDTHH:MM`, optionally with seconds and with
an explicit `+08:00`; nothing else (no other offset, no week dates, no compact forms), so no value can
fall outside the calendar when it is compared or shown in Beijing time.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

BEIJING = datetime.timezone(datetime.timedelta(hours=8), "Asia/Shanghai")

_FORM = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\+08:00)?", re.ASCII)


def parse_beijing_time(text: str) -> datetime.datetime:
    """`YYYY-MM-DDTHH:MM[:SS][+08:00]` (Beijing time) as an aware datetime. Raises ValueError."""
    match = _FORM.fullmatch(text)
    if match is None:
        raise ValueError(f"not YYYY-MM-DDTHH:MM: {text!r}")
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=BEIJING)


def parse_beijing(value: Any) -> datetime.datetime | None:
    """A date-time of round.yaml, or None when it is not one (the schema reports that)."""
    if not isinstance(value, str):
        return None
    try:
        return parse_beijing_time(value)
    except ValueError:
        return None

