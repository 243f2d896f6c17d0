"""The counting rules as pure functions: each rule module called directly on plain frozen data (no files,
no git, no subprocess; milliseconds). The real-git tests of the same rules are in test_provenance,
test_runoffs, test_signed and test_sealed; the known answers over whole rounds in test_tally."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from kczy.beijing import BEIJING
from kczy.history import FileHistory, Provenance
from kczy.messages import render_message, render_param
from kczy.registries import Member
from kczy.roundmodel import TypeSettings
from kczy.tally.lateness import application_lateness, late_event
from kczy.tally.outcome import Reason, Row, iso_time
from kczy.tally.ranking import quorum, rank_type, rerank, shared_ranks, status, threshold
from kczy.tally.record import FORMAT, WRITERS
from kczy.tally.view import Application, RoundView, read_view
from kczy.tally.votes import judge_votes
from roundbuilder import make_round, round_files

YB, YH = "yiye-yibao", "yiye-yihui"


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=BEIJING)


def application(app_id: str, type_id: str = YB, *units: str) -> Application:
    return Application(app_id, type_id, f"项目{app_id}", f"u-{app_id}", frozenset({f"u-{app_id}", *units}))


ROUND = read_view(round_files(make_round({}, {}, {})))


def member(member_id: str, *affiliations: str) -> Member:
    return Member(member_id, member_id, "expert", "", (member_id,), (), affiliations, None, ("members", 0))


def view(*applications: Application, max_votes: int = 2, late: frozenset[str] = frozenset()) -> RoundView:
    return replace(
        ROUND,
        members={"m1": member("m1", "u-aa", "partner"), "m2": member("m2")},
        applications={a.id: a for a in applications},
        types={YB: TypeSettings(YB, 2, max_votes, 1), YH: TypeSettings(YH, 1, 1, 1)},
        late=late,
    )


def test_equal_votes_share_a_rank_and_the_next_rank_skips() -> None:
    assert shared_ranks([4, 3, 3, 2, 0]) == [(1, 1), (2, 2), (2, 2), (4, 1), (5, 1)]
    assert shared_ranks([2, 2], first_rank=3) == [(3, 2), (3, 2)]


@pytest.mark.parametrize(
    ("rank", "same", "quota", "expected"),
    [
        (1, 1, 2, "selected"),
        (2, 1, 2, "selected"),
        (2, 2, 2, "tie"),
        (1, 3, 2, "tie"),
        (3, 1, 2, "not-selected"),
    ],
)
def test_a_group_is_selected_when_it_fits_and_tied_when_the_quota_cuts_it(
    rank: int, same: int, quota: int, expected: str
) -> None:
    assert status(rank, same, quota) == expected


def test_quorum_majority_is_more_than_half_and_a_number_is_a_minimum() -> None:
    assert (quorum("majority", 12, 6).required, quorum("majority", 12, 6).met) == (7, False)
    assert quorum("majority", 12, 7).met
    assert quorum(3, 12, 3).met and quorum(3, 12, 3).rule == 3
    assert quorum(True, 4, 3).rule == "majority"  # a boolean is no number
    assert threshold("majority", 10).min_votes == 6 and threshold("majority", 9).min_votes == 5
    assert threshold("none", 10).min_votes is None


def test_ranking_without_quorum_below_threshold_and_with_no_vote() -> None:
    apps = [application("aa"), application("bb"), application("cc")]
    counts = {"aa": 5, "bb": 2}
    rows, zero = rank_type(apps, counts, 2, True, None)
    assert [(r.application, r.rank, r.status) for r in rows] == [
        ("aa", 1, "selected"),
        ("bb", 2, "selected"),
        ("cc", 3, "not-selected"),
    ]
    assert not zero
    rows, _ = rank_type(apps, counts, 2, True, 3)  # bb is below the threshold
    assert [r.status for r in rows] == ["selected", "not-selected", "not-selected"]
    rows, _ = rank_type(apps, counts, 2, False, None)  # no quorum: nothing selected, ranks stay
    assert [(r.rank, r.status) for r in rows] == [
        (1, "not-selected"),
        (2, "not-selected"),
        (3, "not-selected"),
    ]
    rows, zero = rank_type(apps, {"aa": 1}, 3, True, None)  # cc and bb would fit in the quota: no votes
    assert zero and [r.status for r in rows] == ["selected", "not-selected", "not-selected"]


def test_a_runoff_reranks_inside_its_group_from_the_groups_first_rank() -> None:
    tied = [Row("bb", "", "", 2, 2, "tie"), Row("cc", "", "", 2, 2, "tie"), Row("dd", "", "", 2, 2, "tie")]
    runoff = {"bb": 1, "cc": 3, "dd": 1}
    decided = rerank(tied, lambda r: runoff[r.application], 2, 2)
    assert [(r.application, r.rank, r.status) for r in decided] == [
        ("bb", 3, "not-selected"),
        ("cc", 2, "selected"),
        ("dd", 3, "not-selected"),
    ]
    assert [r.votes for r in decided] == [2, 2, 2]  # the runoff decides the order, not the votes


def test_each_vote_is_judged_alone_unless_the_member_over_votes() -> None:
    rules = view(
        application("aa"), application("pp", YB, "partner"), application("bb"), application("hh", YH)
    )
    counted, problems = judge_votes(rules, "m1", {YB: ["aa", "pp", "bb", "bb"]}, None)
    assert counted == []  # 3 distinct ids over a limit of 2: every vote of m1 for YB is void
    assert {(p.application, p.code) for p in problems} == {
        ("bb", "tally.vote.repeated"),
        ("aa", "tally.vote.over-limit"),
        ("pp", "tally.vote.over-limit"),
        ("bb", "tally.vote.over-limit"),
    }
    counted, problems = judge_votes(
        view(*rules.applications.values(), max_votes=5), "m1", {YB: ["aa", "pp", "hh", "nope", "bb"]}, None
    )
    assert counted == ["bb"]
    assert [(p.index, p.application, p.code, dict(p.params)) for p in problems] == [
        (0, "aa", "tally.vote.recused", {"units": ("u-aa",)}),
        (1, "pp", "tally.vote.recused", {"units": ("partner",)}),
        (2, "hh", "tally.vote.wrong-type", {"actual": YH, "type": YB}),
        (3, "nope", "tally.vote.unknown", {}),
    ]
    late = view(application("bb"), late=frozenset({"bb"}))
    assert [p.code for p in judge_votes(late, "m2", {YB: ["bb"]})[1]] == ["tally.vote.late-application"]
    assert [p.code for p in judge_votes(late, "m2", {"nothing": ["bb"]})[1]] == [
        "tally.vote.type-not-in-round"
    ]


def test_a_runoff_ballot_may_approve_only_the_tied_group_up_to_the_open_places() -> None:
    rules = view(application("aa"), application("bb"), application("cc"))
    group = {YB: (frozenset({"bb", "cc"}), 1)}
    assert judge_votes(rules, "m2", {YB: ["cc"]}, group) == (["cc"], [])
    assert [p.code for p in judge_votes(rules, "m2", {YB: ["aa"]}, group)[1]] == ["tally.vote.not-in-runoff"]
    assert [p.code for p in judge_votes(rules, "m2", {YB: ["bb", "cc"]}, group)[1]] == [
        "tally.vote.over-limit"
    ] * 2
    assert [p.code for p in judge_votes(rules, "m2", {YH: ["hh"]}, group)[1]] == ["tally.vote.no-runoff"]


def test_lateness_is_the_first_event_on_main_after_the_close() -> None:
    closes = at("2030-05-10T17:00")
    history = FileHistory("a" * 40, at("2030-05-09T10:00"), "c" * 40, at("2030-05-11T08:00"))
    assert late_event(history, closes) == ("changed", "2030-05-11T08:00:00+08:00", "c" * 40)
    assert late_event(history, at("2030-05-08T00:00"))[:2] == ("added", "2030-05-09T10:00:00+08:00")  # type: ignore[index]
    assert late_event(history, at("2030-05-12T00:00")) is None and late_event(history, None) is None


def test_an_attachment_added_after_the_close_makes_its_application_late() -> None:
    path = "submissions/2030/applications/yiye-yibao/aa.yaml"
    on_time = FileHistory("a" * 40, at("2030-03-20T10:00"), "a" * 40, at("2030-03-20T10:00"))
    late = FileHistory("b" * 40, at("2030-04-13T10:00"), "b" * 40, at("2030-04-13T10:00"))
    history = Provenance("checked", {path: on_time, "submissions/2030/attachments/aa/x.pdf": late})
    assert application_lateness(history, path, at("2030-04-01T17:00")) == Reason(
        "application.late-changed", {"time": "2030-04-13T10:00:00+08:00", "commit": "b" * 40}
    )
    assert application_lateness(None, path, at("2030-04-01T17:00")) is None


def test_an_attachment_deleted_after_the_close_makes_its_application_late() -> None:
    """A deleted attachment is gone from the work tree: only the history's deletions tell it."""
    path = "submissions/2030/applications/yiye-yibao/aa.yaml"
    on_time = FileHistory("a" * 40, at("2030-03-20T10:00"), "a" * 40, at("2030-03-20T10:00"))
    gone = {"submissions/2030/attachments/aa/x.pdf": ("d" * 40, at("2030-04-13T10:00"))}
    history = Provenance("checked", {path: on_time}, deleted=gone)
    assert application_lateness(history, path, at("2030-04-01T17:00")) == Reason(
        "application.late-changed", {"time": "2030-04-13T10:00:00+08:00", "commit": "d" * 40}
    )
    assert application_lateness(history, path, at("2030-04-14T17:00")) is None  # deleted in time
    other = Provenance("checked", {path: on_time}, deleted={"submissions/2030/attachments/aab/x.pdf": gone[
        "submissions/2030/attachments/aa/x.pdf"]})
    assert application_lateness(other, path, at("2030-04-01T17:00")) is None  # another application's folder


def test_the_catalog_words_the_plain_parameters_of_a_reason() -> None:
    assert render_param("units", ("a", "b")) == "a、b" and render_param("tied", []) == "无"
    assert render_param("time", iso_time(at("2030-05-11T08:00"))) == "2030-05-11 08:00:00（北京时间）"
    assert render_param("commit", "c" * 40) == "c" * 12 and render_param("commit", "abc") == "abc"
    assert render_param("time", "2030-05-11 08:00（北京时间）") == "2030-05-11 08:00（北京时间）"
    said = render_message(
        "tally.ballot.late-changed", {"time": "2030-05-11T08:00:00+08:00", "commit": "c" * 40}
    )
    assert "2030-05-11 08:00:00（北京时间），提交 cccccccccccc" in said


def test_the_current_record_format_is_one_this_kczy_can_write() -> None:
    assert FORMAT in WRITERS and FORMAT == 2
