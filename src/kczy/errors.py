"""The one exception type: the repository or the environment is broken (exit status 2).

Problems in user input are never raised; they are `Finding` values. The exceptions to that stop a
command because of its input (`InputRefused`, exit status 1): a round whose settings cannot be read
(`RoundUnreadable`), which no command can go on without, and a site or documents refused for a round
with errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kczy.messages import joined, render_message

if TYPE_CHECKING:
    from kczy.findings import Finding


class FatalError(Exception):
    """Something outside the input files is wrong: no repository, unreadable schema, bad option."""


class InputRefused(FatalError):
    """The input files have problems, told as findings in the message: `kczy` exits with status 1, as
    when `kczy validate` finds them (a site or a document is not made from a round with errors)."""


class RoundUnreadable(InputRefused):
    """round.yaml is missing or says something that cannot be read (`max_votes: two`): the findings say
    where. `kczy` exits with status 1 and lists them; the MkDocs hook fails the build with them."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        paths = joined(sorted({f.path for f in self.findings}))
        lines = [render_message("round.unreadable", {"path": paths}), *(f.as_line() for f in self.findings)]
        super().__init__("\n".join(lines))


class FilesUnreadable(InputRefused):
    """Files of the round that are not of the shape kczy reads (`kczy.shapes`), whatever the year's rules
    say: a command that reads them without validating the round (status, the dossier, the reading room)
    stops with their findings (exit status 1) rather than read them."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        lines = [render_message("round.files-unreadable", {}), *(f.as_line() for f in self.findings)]
        super().__init__("\n".join(lines))


class RegistryUnreadable(InputRefused):
    """units.yaml or committee.yaml is missing or cannot be read (`kczy.registries`): a command that needs
    it stops with the findings that say where (exit status 1)."""

    def __init__(self, path: str, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        stop = render_message("round.registry-unreadable", {"path": path})
        lines = [stop, *(f.as_line() for f in findings)]
        super().__init__("\n".join(lines))
