"""Known answers for every counting rule of SPEC, computed by hand on tiny rounds (pure, no disk)."""

from __future__ import annotations

import datetime
from typing import Any

from kczy.beijing import BEIJING
from kczy.history import FileHistory, Provenance
from kczy.tally.count import tally_blockers, tally_round
from kczy.tally.record import render_json, tally_record
from roundbuilder import PREFIX, dump, make_round, round_files

YB = "yiye-yibao"
YH = "yiye-yihui"
M5 = {f"m{i}": [] for i in range(1, 6)}


def tally(contents: dict[str, bytes], provenance: Provenance | None = None) -> dict[str, Any]:
    files = round_files(contents)
    assert tally_blockers(files) == []
    return tally_record(tally_round(files, provenance))


def rows(result: dict[str, Any], type_id: str = YB) -> list[tuple[str, int, int, str]]:
    return [
        (r["application"], r["votes"], r["rank"], r["status"]) for r in result["types"][type_id]["ranking"]
    ]


def invalid_votes(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(v["member"], v["application"], v["reason"]["code"]) for v in result["invalid_votes"]]


def apps(*ids: str, type_id: str = YB) -> dict[str, tuple[str, str, list[str]]]:
    return {a: (type_id, f"u-{a}", []) for a in ids}


def test_shared_ranks_and_statuses_relative_to_quota() -> None:
    ballots = {
        "m1": {YB: ["aa", "bb", "cc", "dd"]},
        "m2": {YB: ["aa", "bb", "cc"]},
        "m3": {YB: ["aa", "dd"]},
        "m4": {YB: ["bb", "cc"]},
        "m5": {YB: ["aa"]},
    }
    result = tally(
        make_round(M5, apps("aa", "bb", "cc", "dd", "ee"), ballots, quota={YB: 4}, max_votes={YB: 4})
    )
    assert rows(result) == [
        ("aa", 4, 1, "selected"),
        ("bb", 3, 2, "selected"),
        ("cc", 3, 2, "selected"),
        ("dd", 2, 4, "selected"),
        ("ee", 0, 5, "not-selected"),
    ]
    assert result["ballots"]["valid"] == ["m1", "m2", "m3", "m4", "m5"]
    assert result["invalid_votes"] == []


def test_tie_at_the_cut_off_is_reported_never_broken_by_order() -> None:
    ballots = {"m1": {YB: ["aa", "bb"]}, "m2": {YB: ["aa", "cc"]}, "m3": {YB: ["aa"]}}
    result = tally(make_round(M5, apps("aa", "bb", "cc"), ballots))
    assert rows(result) == [("aa", 3, 1, "selected"), ("bb", 1, 2, "tie"), ("cc", 1, 2, "tie")]


def test_over_vote_invalidates_every_vote_of_that_member_in_that_type_only() -> None:
    ballots = {"m1": {YB: ["aa", "bb", "cc"], YH: ["hh"]}, "m2": {YB: ["aa"]}, "m3": {YB: ["bb"]}}
    result = tally(make_round(M5, apps("aa", "bb", "cc") | apps("hh", type_id=YH), ballots))
    assert invalid_votes(result) == [
        ("m1", "aa", "tally.vote.over-limit"),
        ("m1", "bb", "tally.vote.over-limit"),
        ("m1", "cc", "tally.vote.over-limit"),
    ]
    assert rows(result) == [("aa", 1, 1, "selected"), ("bb", 1, 1, "selected"), ("cc", 0, 3, "not-selected")]
    assert rows(result, YH) == [("hh", 1, 1, "selected")]
    assert result["invalid_votes"][0]["reason"]["params"] == {"count": 3, "limit": 2}


def test_max_votes_overrides_the_quota() -> None:
    ballots = {"m1": {YB: ["aa", "bb"]}, "m2": {YB: ["aa"]}, "m3": {YB: ["aa"]}}
    result = tally(make_round(M5, apps("aa", "bb"), ballots, quota={YB: 2}, max_votes={YB: 1}))
    assert invalid_votes(result) == [
        ("m1", "aa", "tally.vote.over-limit"),
        ("m1", "bb", "tally.vote.over-limit"),
    ]
    assert rows(result)[0] == ("aa", 2, 1, "selected")


def test_unknown_wrong_type_recusal_and_repeats() -> None:
    members = M5 | {"m1": ["u-aa", "partner-x"]}
    applications = apps("aa", "bb", "cc") | {"pp": (YB, "u-p", ["partner-x"])} | apps("hh", type_id=YH)
    ballots = {
        "m1": {YB: ["aa", "pp"]},  # own unit as applicant, own unit as partner
        "m2": {YB: ["nope", "hh"]},  # unknown id, an application of another type
        "m3": {YB: ["bb", "bb"]},  # repeated: counts once
    }
    result = tally(make_round(members, applications, ballots))
    assert invalid_votes(result) == [
        ("m1", "aa", "tally.vote.recused"),
        ("m1", "pp", "tally.vote.recused"),
        ("m2", "hh", "tally.vote.wrong-type"),
        ("m2", "nope", "tally.vote.unknown"),
        ("m3", "bb", "tally.vote.repeated"),
    ]
    assert rows(result)[0] == ("bb", 1, 1, "selected")
    assert all(r[1] == 0 for r in rows(result)[1:])
    assert result["invalid_votes"][0]["reason"]["params"] == {"units": ["u-aa"]}
    assert result["invalid_votes"][1]["reason"]["params"] == {"units": ["partner-x"]}


def test_invalid_ballots_as_a_whole() -> None:
    contents = make_round(M5, apps("aa"), {"m1": {YB: ["aa"]}, "m2": {YB: ["aa"]}, "m3": {YB: ["aa"]}})
    contents[PREFIX + "ballots/m4.yaml"] = dump({"member": "m5", "votes": {YB: ["aa"]}})  # not its file
    contents[PREFIX + "ballots/x9.yaml"] = dump(
        {"member": "x9", "votes": {YB: ["aa"]}}
    )  # not on the committee
    contents[PREFIX + "ballots/m5.yaml"] = dump({"member": "m5", "votes": ["aa"]})  # fails the schema
    result = tally(contents)
    invalid = {b["file"].rsplit("/", 1)[1]: b["reason"]["code"] for b in result["ballots"]["invalid"]}
    assert invalid == {
        "m4.yaml": "tally.ballot.member-mismatch",
        "x9.yaml": "tally.ballot.not-member",
        "m5.yaml": "tally.ballot.schema",
    }
    assert result["ballots"]["valid"] == ["m1", "m2", "m3"]
    assert result["ballots"]["received"] == 6
    assert rows(result) == [("aa", 3, 1, "selected")]


def test_without_quorum_nothing_is_selected_and_it_says_so() -> None:
    ballots = {"m1": {YB: ["aa"]}, "m2": {YB: ["aa"]}}  # 2 of 5: majority needs 3
    result = tally(make_round(M5, apps("aa", "bb"), ballots))
    assert result["quorum"] == {
        "rule": "majority",
        "committee": 5,
        "required": 3,
        "valid_ballots": 2,
        "met": False,
    }
    assert rows(result) == [("aa", 2, 1, "not-selected"), ("bb", 0, 2, "not-selected")]
    assert "tally.note.no-quorum" in [n["code"] for n in result["notes"]]


def test_majority_quorum_of_an_even_committee_needs_more_than_half() -> None:
    members = {f"m{i}": [] for i in range(1, 7)}
    three = tally(make_round(members, apps("aa"), {f"m{i}": {YB: ["aa"]} for i in (1, 2, 3)}))
    four = tally(make_round(members, apps("aa"), {f"m{i}": {YB: ["aa"]} for i in (1, 2, 3, 4)}))
    assert (three["quorum"]["met"], four["quorum"]["met"]) == (False, True)
    assert four["quorum"]["required"] == 4


def test_whole_number_quorum() -> None:
    ballots = {"m1": {YB: ["aa"]}, "m2": {YB: ["aa"]}}
    result = tally(make_round(M5, apps("aa"), ballots, quorum=2))
    assert result["quorum"]["met"] is True and result["quorum"]["required"] == 2
    assert rows(result) == [("aa", 2, 1, "selected")]


def test_majority_threshold_exactly_at_half_is_not_enough() -> None:
    members = {f"m{i}": [] for i in range(1, 5)}
    ballots = {"m1": {YB: ["aa", "bb"]}, "m2": {YB: ["aa", "bb"]}, "m3": {YB: ["aa"]}, "m4": {YB: ["cc"]}}
    result = tally(make_round(members, apps("aa", "bb", "cc"), ballots, threshold="majority"))
    assert result["threshold"] == {"rule": "majority", "min_votes": 3}
    assert rows(result) == [
        ("aa", 3, 1, "selected"),
        ("bb", 2, 2, "not-selected"),
        ("cc", 1, 3, "not-selected"),
    ]


def test_an_application_without_votes_is_never_selected() -> None:
    ballots = {"m1": {YB: ["aa"]}, "m2": {YB: ["aa"]}, "m3": {}}
    result = tally(make_round(M5, apps("aa", "bb", "cc"), ballots))
    assert rows(result) == [
        ("aa", 2, 1, "selected"),
        ("bb", 0, 2, "not-selected"),
        ("cc", 0, 2, "not-selected"),
    ]
    assert "tally.note.zero-votes" in [n["code"] for n in result["notes"]]


TIED = {"m1": {YB: ["aa", "bb"]}, "m2": {YB: ["aa", "cc"]}, "m3": {YB: ["aa", "dd"]}}  # a 3; b, c, d 1 each
CALL_BCD = {1: {YB: (["bb", "cc", "dd"], 1)}}  # the secretariat calls runoff 1 for the tie


def test_runoff_orders_the_tied_group_with_the_open_places_as_max_votes() -> None:
    runoff = {
        "m1": {YB: ["cc"]},
        "m2": {YB: ["cc"]},
        "m3": {YB: ["bb"]},
        "m4": {YB: ["aa"]},  # a is not in the tied group
        "m5": {YB: ["bb", "dd"]},  # one open place: over-vote
    }
    result = tally(make_round(M5, apps("aa", "bb", "cc", "dd"), TIED, runoffs={1: runoff}, calls=CALL_BCD))
    assert rows(result) == [
        ("aa", 3, 1, "selected"),
        ("cc", 1, 2, "selected"),
        ("bb", 1, 3, "not-selected"),
        ("dd", 1, 4, "not-selected"),
    ]
    ranking = {r["application"]: r for r in result["types"][YB]["ranking"]}
    assert ranking["cc"]["runoff_votes"] == {"1": 2} and ranking["aa"]["runoff_votes"] == {}
    [decided] = result["runoffs"]
    assert decided["types"] == {YB: {"places": 1, "applications": ["bb", "cc", "dd"]}}
    assert invalid_votes(decided) == [
        ("m4", "aa", "tally.vote.not-in-runoff"),
        ("m5", "bb", "tally.vote.over-limit"),
        ("m5", "dd", "tally.vote.over-limit"),
    ]


def test_a_runoff_that_ties_again_stays_a_tie_and_the_next_runoff_decides() -> None:
    first = {"m1": {YB: ["bb"]}, "m2": {YB: ["cc"]}, "m3": {YB: ["dd"]}}
    again = tally(make_round(M5, apps("aa", "bb", "cc", "dd"), TIED, runoffs={1: first}, calls=CALL_BCD))
    assert [r[3] for r in rows(again)] == ["selected", "tie", "tie", "tie"]
    first_with_d_behind = {"m1": {YB: ["bb"]}, "m2": {YB: ["cc"]}, "m3": {YB: ["bb"]}, "m4": {YB: ["cc"]}}
    second = {"m1": {YB: ["cc"]}, "m2": {YB: ["cc"]}, "m3": {YB: ["bb"]}}
    calls = {**CALL_BCD, 2: {YB: (["bb", "cc"], 1)}}
    result = tally(
        make_round(
            M5, apps("aa", "bb", "cc", "dd"), TIED, runoffs={1: first_with_d_behind, 2: second}, calls=calls
        )
    )
    assert rows(result) == [
        ("aa", 3, 1, "selected"),
        ("cc", 1, 2, "selected"),
        ("bb", 1, 3, "not-selected"),
        ("dd", 1, 4, "not-selected"),
    ]
    assert result["runoffs"][1]["types"] == {YB: {"places": 1, "applications": ["bb", "cc"]}}


def test_runoff_votes_in_a_type_without_a_tie_are_invalid() -> None:
    runoff = {"m1": {YB: ["bb"], YH: ["hh"]}, "m2": {YB: ["bb"]}, "m3": {YB: ["cc"]}}
    result = tally(
        make_round(M5, apps("aa", "bb", "cc", "dd") | apps("hh", type_id=YH), TIED, runoffs={1: runoff},
                   calls=CALL_BCD)
    )
    assert invalid_votes(result["runoffs"][0]) == [("m1", "hh", "tally.vote.no-runoff")]


def test_a_runoff_nobody_called_is_listed_and_decides_nothing() -> None:
    """Members opened runoff 1 on their own: in a real tie, and once with no tie at all."""
    runoff = {"m1": {YB: ["cc"]}, "m2": {YB: ["cc"]}, "m3": {YB: ["cc"]}}
    result = tally(make_round(M5, apps("aa", "bb", "cc", "dd"), TIED, runoffs={1: runoff}))
    assert [r[3] for r in rows(result)] == ["selected", "tie", "tie", "tie"]
    [ignored] = result["runoffs"]
    assert ignored["ignored"]["code"] == "tally.runoff.not-called"
    assert ignored["ballots"] == {"received": 3, "valid": [], "invalid": []}
    no_tie = {"m1": {YB: ["aa"]}, "m2": {YB: ["bb"]}, "m3": {YB: ["bb"]}}
    untied = tally(make_round(M5, apps("aa", "bb"), no_tie, runoffs={1: {"m1": {YB: ["aa"]}}}))
    assert untied["runoffs"][0]["ignored"]["code"] == "tally.runoff.not-called"


def test_a_call_that_is_not_the_tie_orders_nothing() -> None:
    """The call names aa and bb, but the tie is bb, cc, dd: the type is not reordered, and a note says so."""
    runoff = {"m1": {YB: ["bb"]}, "m2": {YB: ["bb"]}, "m3": {YB: ["bb"]}}
    calls = {1: {YB: (["aa", "bb"], 1)}}
    result = tally(make_round(M5, apps("aa", "bb", "cc", "dd"), TIED, runoffs={1: runoff}, calls=calls))
    assert [r[3] for r in rows(result)] == ["selected", "tie", "tie", "tie"]
    assert "tally.note.runoff-call-mismatch" in [n["code"] for n in result["notes"]]
    assert result["runoffs"][0]["types"] == {}


def _history(added: str, changed: str) -> FileHistory:
    def at(text: str) -> datetime.datetime:
        return datetime.datetime.fromisoformat(text).replace(tzinfo=BEIJING)

    return FileHistory("aa" * 40, at(added), "bb" * 40, at(changed))


def test_late_and_uncommitted_ballots_are_invalid_when_history_is_checked() -> None:
    ballots = {m: {YB: ["aa"]} for m in ("m1", "m2", "m3", "m4")}
    contents = make_round(M5, apps("aa"), ballots)
    history = {
        PREFIX + "ballots/m1.yaml": _history(
            "2030-05-09T10:00", "2030-05-10T17:00"
        ),  # on the minute: in time
        PREFIX + "ballots/m2.yaml": _history("2030-05-10T17:01", "2030-05-10T17:01"),
        PREFIX + "ballots/m3.yaml": _history("2030-05-09T10:00", "2030-05-11T08:00"),
    }
    result = tally(contents, Provenance("checked", history))
    codes = {b["member"]: b["reason"]["code"] for b in result["ballots"]["invalid"]}
    assert codes == {
        "m2": "tally.ballot.late-added",
        "m3": "tally.ballot.late-changed",
        "m4": "tally.ballot.uncommitted",
    }
    assert result["ballots"]["valid"] == ["m1"]
    assert result["deadline_check"]["status"] == "checked"
    late = next(b["reason"]["params"] for b in result["ballots"]["invalid"] if b["member"] == "m3")
    assert late == {"time": "2030-05-11T08:00:00+08:00", "commit": "bb" * 40}


def test_a_dirty_work_tree_ballot_is_not_counted() -> None:
    contents = make_round(M5, apps("aa"), {"m1": {YB: ["aa"]}})
    path = PREFIX + "ballots/m1.yaml"
    result = tally(
        contents,
        Provenance("checked", {path: _history("2030-05-02T10:00", "2030-05-02T10:00")}, frozenset({path})),
    )
    assert [b["reason"]["code"] for b in result["ballots"]["invalid"]] == ["tally.ballot.uncommitted"]


def test_without_history_the_tally_runs_and_says_the_deadline_was_not_checked() -> None:
    result = tally(make_round(M5, apps("aa"), {"m1": {YB: ["aa"]}}))
    assert result["deadline_check"]["status"] == "unavailable"
    assert result["ballots"]["valid"] == ["m1"]
    assert "tally.note.no-history" in [n["code"] for n in result["notes"]]


def test_a_sample_round_skips_the_history_check_and_says_so() -> None:
    contents = make_round(M5, apps("aa"), {"m1": {YB: ["aa"]}}, sample=True)
    result = tally(contents, Provenance("checked", {}))  # nothing committed: would all be invalid
    assert result["ballots"]["valid"] == ["m1"]
    assert result["deadline_check"]["status"] == "skipped-sample"
    assert next(n["code"] for n in result["notes"]) == "tally.note.sample"


def test_inputs_hash_covers_every_file_the_tally_reads_and_nothing_else() -> None:
    contents = make_round(M5, apps("aa"), {"m1": {YB: ["aa"]}})
    base = tally(contents)["inputs_sha256"]
    for path in (
        PREFIX + "ballots/m1.yaml",
        PREFIX + "applications/yiye-yibao/aa.yaml",
        PREFIX + "round.yaml",
        PREFIX + "committee.yaml",
    ):
        changed = dict(contents)
        changed[path] = contents[path] + b" "
        assert tally(changed)["inputs_sha256"] != base, path
    changed = dict(contents)
    changed[PREFIX + "units.yaml"] = contents[PREFIX + "units.yaml"] + b" "
    assert tally(changed)["inputs_sha256"] == base


def test_canonical_json_bytes() -> None:
    result = tally(make_round(M5, apps("aa"), {"m1": {YB: ["aa"]}}))
    data = render_json(result)
    assert data.endswith(b"}\n") and "项目aa".encode() in data and b"\\u" not in data
    assert data == render_json(dict(reversed(list(result.items()))))
    assert result["format"] == 2
