"""Rules 3 and 4: the quorum, the threshold, shared ranks and the quota's cut.

Every number is an integer: the quorum and the majority threshold are compared with exact integer
arithmetic (`2 * votes > valid`, written as `votes >= valid // 2 + 1`), never with fractions or floats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from kczy.tally.outcome import Quorum, Row, Status, Threshold
from kczy.tally.view import Application


def quorum(rule: Any, committee: int, valid: int) -> Quorum:
    """Rule 3: `majority` (the default) means more than half of the committee; a whole number is a minimum."""
    if isinstance(rule, int) and not isinstance(rule, bool):
        return Quorum(rule, committee, rule, valid)
    return Quorum("majority", committee, committee // 2 + 1, valid)


def threshold(rule: Any, valid: int) -> Threshold:
    """Rule 4's threshold: `majority` means more than half of the valid ballots; anything else, none."""
    if rule == "majority":
        return Threshold("majority", valid // 2 + 1)
    return Threshold(str(rule) if isinstance(rule, str) else "none", None)


def status(rank: int, same: int, quota: int) -> Status:
    """Selected when the whole group of equal votes fits in the quota, a tie when the quota cuts it."""
    last = rank + same - 1
    return "selected" if last <= quota else "tie" if rank <= quota else "not-selected"


def shared_ranks(values: Sequence[int], first_rank: int = 1) -> list[tuple[int, int]]:
    """For each value, its rank (descending, equal values share: 1, 2, 2, 4) and the size of its group."""
    return [
        (first_rank + sum(v > value for v in values), sum(v == value for v in values)) for value in values
    ]


def rank_type(
    applications: Iterable[Application],
    counts: Mapping[str, int],
    quota: int,
    quorum_met: bool,
    min_votes: int | None,
) -> tuple[tuple[Row, ...], bool]:
    """One type's ranking, and whether an application that would have been selected or tied was left out
    only for having no votes (the tally then says so in a note).

    Without the quorum nothing is selected; below the threshold, or with no vote, an application is
    `not-selected` whatever its rank.
    """
    apps = list(applications)
    votes = [counts.get(app.id, 0) for app in apps]
    rows = []
    zero = False
    for app, count, (rank, same) in zip(apps, votes, shared_ranks(votes), strict=True):
        cut = status(rank, same, quota)
        below = min_votes is not None and count < min_votes
        zero |= quorum_met and not below and count == 0 and cut != "not-selected"
        final: Status = "not-selected" if not quorum_met or below or count == 0 else cut
        rows.append(Row(app.id, app.title, app.applicant, count, rank, final))
    return ordered(rows), zero


def rerank(rows: Sequence[Row], key: Callable[[Row], int], first_rank: int, quota: int) -> list[Row]:
    """A group's rows ranked again by `key` from `first_rank` on (a runoff inside a tied group)."""
    values = [key(row) for row in rows]
    ranked = shared_ranks(values, first_rank)
    return [
        replace(row, rank=rank, status=status(rank, same, quota))
        for row, (rank, same) in zip(rows, ranked, strict=True)
    ]


def ordered(rows: Iterable[Row]) -> tuple[Row, ...]:
    return tuple(sorted(rows, key=lambda r: (r.rank, r.application)))
