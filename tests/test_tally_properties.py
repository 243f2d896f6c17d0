"""Properties of the tally over generated rounds (hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kczy.tally.count import tally_round as count_round
from kczy.tally.record import render_json, tally_record
from roundbuilder import make_round, round_files

YB = "yiye-yibao"
APPS = [f"ap{i}" for i in range(6)]
MEMBERS = [f"m{i}" for i in range(1, 8)]

votes_strategy = st.lists(st.sampled_from([*APPS, "nope"]), max_size=5)
ballots_strategy = st.dictionaries(st.sampled_from(MEMBERS), votes_strategy, max_size=len(MEMBERS))
affiliations_strategy = st.dictionaries(st.sampled_from(MEMBERS), st.sampled_from(["u-ap0", "u-ap1"]))


def tally_round(files: Any) -> dict[str, Any]:
    return tally_record(count_round(files))


def build(
    ballots: dict[str, list[str]], affiliations: dict[str, str], quota: int, max_votes: int
) -> dict[str, bytes]:
    members = {m: [affiliations[m]] if m in affiliations else [] for m in MEMBERS}
    applications = {a: (YB, f"u-{a}", []) for a in APPS}
    return make_round(
        members,
        applications,
        {m: {YB: v} for m, v in ballots.items()},
        quota={YB: quota},
        max_votes={YB: max_votes},
        quorum=1,
    )


@settings(max_examples=60, deadline=None)
@given(ballots_strategy, affiliations_strategy, st.integers(1, 4), st.integers(1, 5), st.randoms())
def test_file_order_and_vote_order_never_change_the_json(
    ballots, affiliations, quota, max_votes, rnd
) -> None:  # type: ignore[no-untyped-def]
    contents = build(ballots, affiliations, quota, max_votes)
    items = list(contents.items())
    rnd.shuffle(items)
    shuffled_votes = {m: rnd.sample(v, len(v)) for m, v in ballots.items()}
    other = build(shuffled_votes, affiliations, quota, max_votes)
    first = render_json(tally_round(round_files(contents)))
    assert render_json(tally_round(round_files(dict(items)))) == first
    # the ballots' bytes differ, so only the hash of the inputs may change
    a, b = tally_round(round_files(contents)), tally_round(round_files(other))
    a.pop("inputs_sha256"), b.pop("inputs_sha256")
    assert render_json(a) == render_json(b)


@settings(max_examples=60, deadline=None)
@given(
    ballots_strategy,
    affiliations_strategy,
    st.integers(1, 4),
    st.sampled_from(MEMBERS),
    st.sampled_from(APPS),
)
def test_adding_a_valid_approving_vote_never_lowers_a_rank(
    ballots, affiliations, quota, member, target
) -> None:  # type: ignore[no-untyped-def]
    before = tally_round(round_files(build(ballots, affiliations, quota, 6)))
    if f"u-{target}" == affiliations.get(member) or target in ballots.get(member, []):
        return
    after_ballots = {**ballots, member: [*ballots.get(member, []), target]}
    if len(set(after_ballots[member])) > 6:
        return
    after = tally_round(round_files(build(after_ballots, affiliations, quota, 6)))
    rank = {r["application"]: r["rank"] for r in before["types"][YB]["ranking"]}
    new_rank = {r["application"]: r["rank"] for r in after["types"][YB]["ranking"]}
    assert new_rank[target] <= rank[target]


@settings(max_examples=60, deadline=None)
@given(ballots_strategy, affiliations_strategy, st.integers(1, 4), st.integers(1, 5))
def test_counts_never_exceed_valid_ballots_and_selection_never_exceeds_quota(  # type: ignore[no-untyped-def]
    ballots, affiliations, quota, max_votes
) -> None:
    result = tally_round(round_files(build(ballots, affiliations, quota, max_votes)))
    valid = len(result["ballots"]["valid"])
    ranking = result["types"][YB]["ranking"]
    assert all(0 <= r["votes"] <= valid for r in ranking)
    assert sum(r["status"] == "selected" for r in ranking) <= quota
    assert sum(r["votes"] for r in ranking) <= valid * max_votes
