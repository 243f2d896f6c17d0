"""What a command says, worded by the message catalog, on the stream it belongs to: results (reports, the
files written, verdicts) on stdout; why it stops or what it warns of on stderr, after `kczy：`
(`tests/test_streams.py`)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

from kczy.messages import render_message


def say(code: str, params: Mapping[str, Any] | None = None) -> None:
    """A line of the command's result, on stdout."""
    print(render_message(code, params or {}))


def warn(code: str, params: Mapping[str, Any] | None = None) -> None:
    """A diagnostic (a note, a refusal, why the command stops), on stderr."""
    warn_text(render_message(code, params or {}))


def warn_text(message: str) -> None:
    """A message already worded (an error's text), as a diagnostic on stderr."""
    print(render_message("console.diagnostic", {"message": message}), file=sys.stderr)
