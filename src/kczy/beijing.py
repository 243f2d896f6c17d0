"""Beijing time, in which every date of a round is written (pure: no clock here, see `kczy.clock`)."""

from __future__ import annotations

import datetime

BEIJING = datetime.timezone(datetime.timedelta(hours=8), "Asia/Shanghai")


def parse_beijing_time(text: str) -> datetime.datetime:
    """`YYYY-MM-DDTHH:MM` (Beijing time, offset optional) as an aware datetime. Raises ValueError."""
    value = datetime.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=BEIJING)
    return value.astimezone(BEIJING)
