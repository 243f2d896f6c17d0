"""The catalog's part for commands: what a command prints as its result, and its `--help` texts.

A plain dict merged into `kczy.messages.CATALOG`; codes are dotted and stable (`area.what`).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {}
