"""The one exception type: the repository or the environment is broken (exit status 2).

Problems in user input are never raised; they are `Finding` values. The one exception to that is a
round whose settings cannot be read (`RoundUnreadable`): no command can go on without them, so it stops
every command at once, with round.yaml's findings (exit status 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kczy.messages import render_message

if TYPE_CHECKING:
    from kczy.findings import Finding


class FatalError(Exception):
    """Something outside the input files is wrong: no repository, unreadable schema, bad option."""


class RoundUnreadable(FatalError):
    """round.yaml is missing or says something that cannot be read (`max_votes: two`): the findings say
    where. `kczy` exits with status 1 and lists them; the MkDocs hook fails the build with them."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        paths = "、".join(sorted({f.path for f in self.findings}))
        lines = [render_message("round.unreadable", {"path": paths}), *(f.as_line() for f in self.findings)]
        super().__init__("\n".join(lines))
