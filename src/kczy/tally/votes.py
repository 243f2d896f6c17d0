"""Rule 2: within a valid ballot, each type's votes.

More approvals than the type's `max_votes` void every vote of that member for that type (over-voting);
otherwise each vote is judged alone: an unknown application, one that is late, one of another type, one
outside a runoff's tied group, or one the member is recused from does not count; a repeated id counts once
and the repetition is reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kczy.tally.ballots import Ballot
from kczy.tally.outcome import InvalidVote, Param, reason
from kczy.tally.view import RoundView

RunoffGroups = Mapping[str, tuple[frozenset[str], int]]
"""A runoff's limits: type id → its tied group and the open places (the runoff's max_votes)."""


@dataclass(frozen=True)
class VoteProblem:
    """One vote (or one repetition) that does not count: where it was written and why."""

    type_id: str
    index: int
    application: str
    code: str
    params: Mapping[str, Param] = field(default_factory=dict)


def judge_votes(
    view: RoundView, member: str, votes: Mapping[str, Sequence[str]], runoff: RunoffGroups | None = None
) -> tuple[list[str], list[VoteProblem]]:
    """The application ids that count, and every vote that does not. `runoff` limits each type to its
    tied group, with the open places as the limit."""
    entry = view.members.get(member)
    affiliations = set(entry.affiliations) if entry is not None else set()
    counted: list[str] = []
    problems: list[VoteProblem] = []
    for type_id, written in sorted(votes.items()):
        first_index: dict[str, int] = {}
        for index, app_id in enumerate(written):
            if app_id in first_index:
                problems.append(VoteProblem(type_id, index, app_id, "tally.vote.repeated"))
            first_index.setdefault(app_id, index)
        whole = _whole_type_problem(view, type_id, len(first_index), runoff)
        if whole is not None:
            code, params = whole
            problems += [VoteProblem(type_id, index, a, code, params) for a, index in first_index.items()]
            continue
        group = runoff[type_id][0] if runoff is not None else None
        for app_id, index in first_index.items():
            problem = _vote_problem(view, type_id, app_id, group, affiliations)
            if problem is None:
                counted.append(app_id)
            else:
                problems.append(VoteProblem(type_id, index, app_id, *problem))
    return counted, problems


def _whole_type_problem(
    view: RoundView, type_id: str, count: int, runoff: RunoffGroups | None
) -> tuple[str, dict[str, Param]] | None:
    """Why none of a member's votes for `type_id` counts: no such type, no runoff for it, over the limit."""
    if type_id not in view.types:
        return "tally.vote.type-not-in-round", {"type": type_id}
    if runoff is not None and type_id not in runoff:
        return "tally.vote.no-runoff", {"type": type_id}
    limit = runoff[type_id][1] if runoff is not None else view.types[type_id].max_votes
    if count > limit:
        return "tally.vote.over-limit", {"count": count, "limit": limit}
    return None


def _vote_problem(
    view: RoundView, type_id: str, app_id: str, group: frozenset[str] | None, affiliations: set[str]
) -> tuple[str, dict[str, Param]] | None:
    application = view.applications.get(app_id)
    if application is None:
        return "tally.vote.unknown", {}
    if app_id in view.late:
        return "tally.vote.late-application", {}
    if application.type_id != type_id:
        return "tally.vote.wrong-type", {"actual": application.type_id, "type": type_id}
    if group is not None and app_id not in group:
        return "tally.vote.not-in-runoff", {}
    recused = sorted(application.units & affiliations)
    if recused:
        return "tally.vote.recused", {"units": tuple(recused)}
    return None


def count_votes(
    view: RoundView, ballots: Sequence[Ballot], runoff: RunoffGroups | None = None
) -> tuple[dict[str, int], tuple[InvalidVote, ...]]:
    """Votes per application over the valid ballots, and every vote that does not count (sorted)."""
    counts: dict[str, int] = {}
    invalid: list[InvalidVote] = []
    for ballot in ballots:
        counted, problems = judge_votes(view, ballot.member, ballot.votes, runoff)
        for app_id in counted:
            counts[app_id] = counts.get(app_id, 0) + 1
        invalid += [
            InvalidVote(ballot.member, p.type_id, p.application, reason(p.code, **p.params)) for p in problems
        ]
    order = sorted(invalid, key=lambda v: (v.member, v.type_id, v.application, v.reason.code))
    return counts, tuple(order)
