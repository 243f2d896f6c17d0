"""The tally record: the JSON of `kczy tally --format json`, the bytes an approval pins by sha256.

The record is versioned and holds no wording: a format number, codes with their parameters, ids, counts
and the titles written in the round's own files. No sentence of the message catalog and no type name
read from a schema reaches it, so rewording a message or editing another year's rules changes no byte.

The contract (README, 核对): for a round approved under format N (`tally_format` in approval.yaml), a
later kczy either writes the same bytes under format N, or, knowing no such format, refuses in Chinese
(never reports a mismatch). A change to what the record holds is a new format number and a new writer
in `WRITERS`; the writers of earlier formats stay.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from kczy.tally.outcome import (
    Ballots,
    InvalidBallot,
    InvalidVote,
    LateApplication,
    Quorum,
    Reason,
    Row,
    RunoffResult,
    TallyOutcome,
)

FORMAT = 2
"""The format `kczy tally --format json` writes and `kczy approve` records. Format 1 (before this module)
held rendered sentences and schema type names; no kczy reproduces it."""


def record_v2(outcome: TallyOutcome) -> dict[str, Any]:
    return {
        "format": 2,
        "round": outcome.round,
        "title": outcome.title,
        "sample": outcome.sample,
        "inputs_sha256": outcome.inputs_sha256,
        "deadline_check": {"status": outcome.deadline_check, "voting_closes": outcome.voting_closes},
        "signature_check": {"status": outcome.signature_check},
        "committee_size": outcome.committee_size,
        "ballots": _ballots(outcome.ballots),
        "quorum": _quorum(outcome.quorum),
        "threshold": {"rule": outcome.threshold.rule, "min_votes": outcome.threshold.min_votes},
        "invalid_votes": [_vote(v) for v in outcome.invalid_votes],
        "types": {
            t.type_id: {"quota": t.quota, "max_votes": t.max_votes, "ranking": [_row(r) for r in t.ranking]}
            for t in outcome.types
        },
        "runoffs": [_runoff(r) for r in outcome.runoffs],
        "late_applications": [_late(a) for a in outcome.late_applications],
        "receipts": [{"file": r.file, "member": r.member, "sha256": r.sha256} for r in outcome.receipts],
        "notes": [_reason(n) for n in outcome.notes],
    }


WRITERS: Mapping[int, Callable[[TallyOutcome], dict[str, Any]]] = {2: record_v2}
"""Every format this kczy can write, by number: what it can verify an approval under."""


def tally_record(outcome: TallyOutcome, tally_format: int = FORMAT) -> dict[str, Any]:
    """The record of `outcome` under `tally_format` (one of `WRITERS`), as plain data."""
    return WRITERS[tally_format](outcome)


def render_json(record: Mapping[str, Any]) -> bytes:
    """Canonical bytes: sorted keys, UTF-8 text, two-space indent, final newline."""
    return (json.dumps(record, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def render_record(outcome: TallyOutcome, tally_format: int = FORMAT) -> bytes:
    """The record of `outcome` under `tally_format` (one of `WRITERS`), as its canonical bytes."""
    return render_json(tally_record(outcome, tally_format))


def tally_sha256(outcome: TallyOutcome, tally_format: int = FORMAT) -> str:
    return hashlib.sha256(render_record(outcome, tally_format)).hexdigest()


def partial_record(outcome: TallyOutcome) -> dict[str, Any]:
    """What may be shown before voting closes: how many ballots arrived and are valid, nothing more."""
    return {
        "format": FORMAT,
        "round": outcome.round,
        "partial": True,
        "ballots": {"received": outcome.ballots.received, "valid": len(outcome.ballots.valid)},
        "committee_size": outcome.committee_size,
    }


def _reason(reason: Reason) -> dict[str, Any]:
    params = {k: list(v) if isinstance(v, tuple) else v for k, v in reason.params.items()}
    return {"code": reason.code, "params": params}


def _ballots(ballots: Ballots) -> dict[str, Any]:
    return {
        "received": ballots.received,
        "valid": list(ballots.valid),
        "invalid": [_ballot(b) for b in ballots.invalid],
    }


def _ballot(ballot: InvalidBallot) -> dict[str, Any]:
    return {"file": ballot.file, "member": ballot.member, "reason": _reason(ballot.reason)}


def _vote(vote: InvalidVote) -> dict[str, Any]:
    return {
        "member": vote.member,
        "type": vote.type_id,
        "application": vote.application,
        "reason": _reason(vote.reason),
    }


def _late(late: LateApplication) -> dict[str, Any]:
    return {"file": late.file, "application": late.application, "reason": _reason(late.reason)}


def _quorum(quorum: Quorum) -> dict[str, Any]:
    return {
        "rule": quorum.rule,
        "committee": quorum.committee,
        "required": quorum.required,
        "valid_ballots": quorum.valid_ballots,
        "met": quorum.met,
    }


def _row(row: Row) -> dict[str, Any]:
    return {
        "application": row.application,
        "title": row.title,
        "applicant": row.applicant,
        "votes": row.votes,
        "rank": row.rank,
        "status": row.status,
        "runoff_votes": {str(n): v for n, v in row.runoff_votes},
    }


def _runoff(runoff: RunoffResult) -> dict[str, Any]:
    found: dict[str, Any] = {
        "number": runoff.number,
        "ballots": _ballots(runoff.ballots),
        "invalid_votes": [_vote(v) for v in runoff.invalid_votes],
    }
    if runoff.ignored is not None:
        return found | {"ignored": _reason(runoff.ignored)}
    assert runoff.quorum is not None
    return found | {
        "window": {"opens": runoff.opens, "closes": runoff.closes},
        "quorum": _quorum(runoff.quorum),
        "types": {
            g.type_id: {"places": g.places, "applications": list(g.applications)} for g in runoff.groups
        },
    }
