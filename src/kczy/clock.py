"""The clock at the edge: `--now YYYY-MM-DDTHH:MM` (Beijing time) or the real time."""

from __future__ import annotations

import datetime

from kczy.errors import FatalError
from kczy.tally import BEIJING


def read_now(text: str | None) -> datetime.datetime:
    """`--now` as an aware Beijing time; without it, the machine's clock."""
    if text is None:
        return datetime.datetime.now(BEIJING)
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise FatalError(f"--now {text}：请写成北京时间 YYYY-MM-DDTHH:MM，例如 2021-09-17T17:00") from None
    return value.replace(tzinfo=BEIJING) if value.tzinfo is None else value
