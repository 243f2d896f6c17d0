"""What a tally decides, as frozen data: no wording, only codes, parameters, ids and counts.

Every reason and note is a `Reason` (a message code of the catalog and its parameters). Parameters are
plain values (text, integers, booleans, tuples of text): a time is an ISO 8601 string with its offset, a
commit its full id, a list of ids a tuple. The catalog words them for people (`kczy.messages`); the
record (`kczy.tally.record`) writes them as they are, so rewording a message changes no pinned byte.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from kczy.beijing import BEIJING

Param = str | int | bool | tuple[str, ...] | None
Status = Literal["selected", "tie", "not-selected"]
CheckStatus = Literal["checked", "unavailable", "skipped-sample", "not-required"]


@dataclass(frozen=True)
class Reason:
    """Why something does not count, or a note on the whole tally: a catalog code and its parameters."""

    code: str
    params: Mapping[str, Param] = field(default_factory=dict)


def reason(code: str, **params: Param) -> Reason:
    return Reason(code, params)


def iso_time(value: datetime.datetime) -> str:
    """A moment as the record writes it: ISO 8601 in Beijing time, with its offset."""
    return value.astimezone(BEIJING).isoformat()


@dataclass(frozen=True)
class InvalidBallot:
    file: str
    member: str | None
    reason: Reason


@dataclass(frozen=True)
class InvalidVote:
    member: str
    type_id: str
    application: str
    reason: Reason


@dataclass(frozen=True)
class LateApplication:
    file: str
    application: str
    reason: Reason


@dataclass(frozen=True)
class Receipt:
    """A sealed ballot's receipt: the sha256 of its ciphertext, which its member can look for."""

    file: str
    member: str | None
    sha256: str


@dataclass(frozen=True)
class Row:
    """One application in its type's ranking; `runoff_votes` maps a runoff's number to its votes there."""

    application: str
    title: str
    applicant: str
    votes: int
    rank: int
    status: Status
    runoff_votes: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class TypeResult:
    type_id: str
    quota: int
    max_votes: int
    ranking: tuple[Row, ...]


@dataclass(frozen=True)
class Quorum:
    """Rule 3: `rule` is `majority` (more than half of the committee) or the whole number required."""

    rule: str | int
    committee: int
    required: int
    valid_ballots: int

    @property
    def met(self) -> bool:
        return self.valid_ballots >= self.required


@dataclass(frozen=True)
class Threshold:
    rule: str
    min_votes: int | None


@dataclass(frozen=True)
class Ballots:
    received: int
    valid: tuple[str, ...]
    invalid: tuple[InvalidBallot, ...]


@dataclass(frozen=True)
class RunoffGroup:
    """A type's tied group that a runoff decided on: its places and applications."""

    type_id: str
    places: int
    applications: tuple[str, ...]


@dataclass(frozen=True)
class RunoffResult:
    """Runoff `number`: `ignored` when nobody called it (then it decides nothing), else its window
    (ISO times), ballots, quorum and the groups it ordered."""

    number: int
    ballots: Ballots
    invalid_votes: tuple[InvalidVote, ...] = ()
    ignored: Reason | None = None
    opens: str | None = None
    closes: str | None = None
    quorum: Quorum | None = None
    groups: tuple[RunoffGroup, ...] = ()


@dataclass(frozen=True)
class TallyOutcome:
    """The tally of one round. The record that an approval pins is this, written by `kczy.tally.record`."""

    round: str
    title: str
    sample: bool
    inputs_sha256: str
    deadline_check: CheckStatus
    voting_closes: str | None
    signature_check: CheckStatus
    committee_size: int
    ballots: Ballots
    quorum: Quorum
    threshold: Threshold
    invalid_votes: tuple[InvalidVote, ...]
    types: tuple[TypeResult, ...]
    runoffs: tuple[RunoffResult, ...]
    late_applications: tuple[LateApplication, ...]
    receipts: tuple[Receipt, ...]
    notes: tuple[Reason, ...]

    def selected(self) -> dict[str, list[str]]:
        """The selected application ids of each type (what an approval approves)."""
        return {t.type_id: [r.application for r in t.ranking if r.status == "selected"] for t in self.types}
