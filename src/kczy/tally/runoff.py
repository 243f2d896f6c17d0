"""Rule 5: a runoff called by the secretariat orders each type's current tied group, with the open places
as max_votes; its counts decide the order inside the group and nothing else. Its ballots are judged by
the call's window as ballots are by voting's.

A runoff without a call is listed with the reason and decides nothing. A type of the call whose
applications or places are not the current tied group is not ordered (a note says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from kczy.history import Provenance
from kczy.runoffs import read_call
from kczy.sealed import TallyKey
from kczy.tally.ballots import BallotVerdicts, Signatures, judge_ballots, sealed_receipts
from kczy.tally.outcome import Ballots, Reason, Row, RunoffGroup, RunoffResult, TypeResult, iso_time, reason
from kczy.tally.ranking import ordered, quorum, rerank
from kczy.tally.view import RoundView
from kczy.tally.votes import count_votes


@dataclass(frozen=True)
class RunoffStep:
    """What one runoff did: its result, the rankings after it, its notes and its ballots' verdicts."""

    result: RunoffResult
    types: tuple[TypeResult, ...]
    notes: tuple[Reason, ...]
    verdicts: BallotVerdicts


def apply_runoff(
    view: RoundView,
    number: int,
    types: tuple[TypeResult, ...],
    history: Provenance | None,
    key: TallyKey | None,
    signatures: Signatures | None,
) -> RunoffStep:
    files = view.files
    paths = files.paths_of("ballot", runoff=number)
    call = read_call(files, number)
    if call is None:
        # not judged, only read: each member can still see by the receipt that the ballot arrived
        ignored = RunoffResult(
            number, Ballots(len(paths), (), ()), ignored=reason("tally.runoff.not-called", number=number)
        )
        return RunoffStep(ignored, types, (), BallotVerdicts((), (), sealed_receipts(files, paths), 0))
    notes: list[Reason] = []
    groups: dict[str, tuple[frozenset[str], int]] = {}
    by_type = {t.type_id: t for t in types}
    for type_id, (called, called_places) in sorted(call.groups.items()):
        current = by_type.get(type_id)
        tied = [row for row in current.ranking if row.status == "tie"] if current is not None else []
        group = frozenset(row.application for row in tied)
        places = current.quota - (tied[0].rank - 1) if current is not None and tied else 0
        if not tied or (group, places) != (called, called_places):
            notes.append(
                reason(
                    "tally.note.runoff-call-mismatch",
                    number=number,
                    type=type_id,
                    tied=tuple(sorted(group)),
                    places=places,
                )
            )
            continue
        groups[type_id] = (group, places)
    verdicts = judge_ballots(view, paths, history, call.closes, key=key, signatures=signatures, call=call)
    counts, invalid_votes = count_votes(view, verdicts.valid, groups)
    count = quorum(view.settings.voting.quorum, len(view.members), len(verdicts.valid))
    if count.met:
        types = tuple(_ordered_by_runoff(t, groups, counts, number) for t in types)
    if paths and not count.met:
        notes.append(
            reason(
                "tally.note.runoff-no-quorum",
                number=number,
                valid=count.valid_ballots,
                required=count.required,
            )
        )
    result = RunoffResult(
        number,
        verdicts.ballots(len(paths)),
        invalid_votes,
        opens=iso_time(call.opens),
        closes=iso_time(call.closes),
        quorum=count,
        groups=tuple(
            RunoffGroup(t, places, tuple(sorted(group))) for t, (group, places) in sorted(groups.items())
        ),
    )
    return RunoffStep(result, types, tuple(notes), verdicts)


def _ordered_by_runoff(
    current: TypeResult,
    groups: Mapping[str, tuple[frozenset[str], int]],
    counts: Mapping[str, int],
    number: int,
) -> TypeResult:
    if current.type_id not in groups:
        return current
    group = groups[current.type_id][0]
    inside = [row for row in current.ranking if row.application in group]
    voted = [
        replace(row, runoff_votes=(*row.runoff_votes, (number, counts.get(row.application, 0))))
        for row in inside
    ]
    decided: dict[str, Row] = {
        row.application: row
        for row in rerank(voted, lambda r: counts.get(r.application, 0), inside[0].rank, current.quota)
    }
    return replace(current, ranking=ordered(decided.get(row.application, row) for row in current.ranking))
