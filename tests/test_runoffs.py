"""Runoffs exist only when the secretariat calls them (runoffs/<n>/call.yaml), with real git and commands."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_kczy
from gitrounds import commit_files, merge_branch, origin_and_clone
from roundbuilder import PREFIX, dump, make_round, runoff_call

YB, YH = "yiye-yibao", "yiye-yihui"
MEMBERS = {f"m{i}": [] for i in range(1, 6)}
APPS = {"aa": (YB, "u-aa", []), "bb": (YB, "u-bb", []), "cc": (YB, "u-cc", []), "dd": (YB, "u-dd", []),
        "hh": (YH, "u-hh", [])}
TIED = {"m1": {YB: ["aa", "bb"]}, "m2": {YB: ["aa", "cc"]}, "m3": {YB: ["aa", "dd"]}}  # aa 3; bb, cc, dd 1
# The secretariat's call for that tie, open 2030-05-15 09:00 to 2030-05-20 17:00.
CALL = {f"{PREFIX}runoffs/1/call.yaml": runoff_call({YB: (["bb", "cc", "dd"], 1)})}
AFTER = "2030-06-01T09:00"


def runoff_ballot(member: str, *ids: str) -> dict[str, bytes | None]:
    return {f"{PREFIX}runoffs/1/{member}.yaml": dump({"member": member, "votes": {YB: list(ids)}})}


def voted(tmp_path: Path) -> Path:
    """A round whose vote ended in a three-way tie for the second place of yiye-yibao."""
    contents = make_round(MEMBERS, APPS, {})
    work = origin_and_clone(tmp_path, contents, "2030-03-20T10:00")[1]
    for member, votes in TIED.items():
        ballot = {f"{PREFIX}ballots/{member}.yaml": dump({"member": member, "votes": votes})}
        merge_branch(work, f"{member}-vote", ballot, "2030-05-02T10:00", "2030-05-03T10:00")
    return work


def tally(work: Path) -> dict:  # type: ignore[type-arg]
    result = run_kczy("tally", "--format", "json", "--now", AFTER, cwd=work)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_members_cannot_open_a_runoff_on_their_own(tmp_path: Path) -> None:
    work = voted(tmp_path)
    for member in ("m1", "m2", "m3"):  # seven weeks later, no call: a self-made runoff for cc
        own = runoff_ballot(member, "cc")
        merge_branch(work, f"{member}-runoff", own, "2030-06-20T10:00", "2030-06-21T10:00")
    result = tally(work)
    assert [r["status"] for r in result["types"][YB]["ranking"]] == ["selected", "tie", "tie", "tie"]
    [runoff] = result["runoffs"]
    assert runoff["ignored"]["code"] == "tally.runoff.not-called" and runoff["ballots"]["received"] == 3
    assert "tally.runoff.not-called" in run_kczy("tally", "--now", AFTER, cwd=work).stdout
    validate = run_kczy("validate", "--format", "json", cwd=work)
    uncalled = {f["file"] for f in json.loads(validate.stdout) if f["code"] == "runoff.not-called"}
    assert uncalled == {f"{PREFIX}runoffs/1/{m}.yaml" for m in ("m1", "m2", "m3")}


def test_runoff_ballots_are_judged_by_the_calls_window_on_main(tmp_path: Path) -> None:
    work = voted(tmp_path)
    commit_files(work, CALL, "秘书处召集第 1 轮决选", "2030-05-14T10:00")
    merge_branch(work, "m1-early", runoff_ballot("m1", "bb"), "2030-05-14T11:00", "2030-05-14T12:00")
    merge_branch(work, "m2-runoff", runoff_ballot("m2", "cc"), "2030-05-16T10:00", "2030-05-16T11:00")
    merge_branch(work, "m4-runoff", runoff_ballot("m4", "cc"), "2030-05-17T10:00", "2030-05-17T11:00")
    # m3's own commit claims a time inside the window; it reached main after the runoff closed
    merge_branch(work, "m3-late", runoff_ballot("m3", "bb"), "2030-05-19T10:00", "2030-05-21T10:00")
    merge_branch(work, "m5-runoff", runoff_ballot("m5", "dd"), "2030-05-18T10:00", "2030-05-18T11:00")
    result = tally(work)
    [runoff] = result["runoffs"]
    assert runoff["ballots"]["valid"] == ["m2", "m4", "m5"]
    assert [(b["member"], b["reason"]["code"]) for b in runoff["ballots"]["invalid"]] == [
        ("m1", "tally.ballot.runoff-early"), ("m3", "tally.ballot.late-added"),
    ]
    assert [(r["application"], r["status"]) for r in result["types"][YB]["ranking"]] == [
        ("aa", "selected"), ("cc", "selected"), ("dd", "not-selected"), ("bb", "not-selected"),
    ]


def test_validate_checks_the_call_against_the_round(tmp_path: Path) -> None:
    work = voted(tmp_path)
    call = runoff_call({YB: (["bb", "zz", "hh"], 3)}, ("2030-05-09T09:00+08:00", "2030-05-08T17:00+08:00"))
    commit_files(work, {f"{PREFIX}runoffs/1/call.yaml": call}, "a careless call", "2030-05-14T10:00")
    validate = run_kczy("validate", "--format", "json", cwd=work)
    found = {f["code"] for f in json.loads(validate.stdout) if f["file"].endswith("call.yaml")}
    assert found == {
        "runoff.unknown-application", "runoff.wrong-type", "runoff.places", "runoff.window-order",
        "runoff.before-voting-closes",
    }
