"""The history of a round's files in git, as plain data: produced by `kczy.provenance` and
`kczy.gitobjects` (the only modules that run git), consumed by the pure core (`kczy.tally`,
`kczy.signing`, `kczy.checkpr`).

Its own module so that the round's files (`kczy.roundfiles`) can name these types without importing the
tally: no import cycles.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class SignedCommit:
    """One commit that added or changed a ballot: its signature status (git's `%G?`), the signing key's
    fingerprint (`%GK`, empty when unsigned) and the blob it wrote for the ballot."""

    commit: str
    status: str
    fingerprint: str
    blob: str


@dataclass(frozen=True)
class BallotCommits:
    """The commits that wrote one ballot file, and the blob the file holds at the tip now."""

    commits: tuple[SignedCommit, ...] = ()
    blob: str | None = None


Action = Literal["add", "modify", "delete"]


@dataclass(frozen=True)
class Change:
    """One file a pull request adds, modifies or deletes (a rename is a delete and an add)."""

    action: Action
    path: str
    mode: str = "100644"
    blob: str = ""
    """The object id of the new content (git's), when the change has one."""


ProvenanceStatus = Literal["checked", "unavailable"]


@dataclass(frozen=True)
class FileHistory:
    """When a file reached the main branch: the commit that added it and the one that last changed it."""

    added_commit: str
    added_at: datetime.datetime
    changed_commit: str
    changed_at: datetime.datetime


@dataclass(frozen=True)
class Provenance:
    """The git history of the round's ballots, as plain data.

    `checked`: `files` holds every ballot path committed on the main branch; `dirty` the paths whose
    work-tree bytes differ from the last commit. `unavailable`: no repository, `detail` (a catalog code)
    says why.
    """

    status: ProvenanceStatus
    files: Mapping[str, FileHistory] = field(default_factory=dict)
    dirty: frozenset[str] = frozenset()
    detail: str = ""
    signatures: Mapping[str, BallotCommits] | None = None
    """Only when the round requires signed ballots: every ballot path → the commits that wrote it."""
    deleted: Mapping[str, tuple[str, datetime.datetime]] = field(default_factory=dict)
    """`checked`: the paths whose last commit deleted them → that commit and its date."""


NO_HISTORY = Provenance("unavailable", detail="history.not-a-git-repo")
