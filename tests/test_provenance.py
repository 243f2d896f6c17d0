"""Ballot dates from real git history: merges on main, late ballots, shallow clones, no repository."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import git, run_kczy
from gitrounds import commit_files, dated, merge_branch, origin_and_clone
from roundbuilder import PREFIX, dump, make_round, new_repo, runoff_call

YB = "yiye-yibao"
AFTER = "2030-06-01T09:00"
MEMBERS = {f"m{i}": [] for i in range(1, 6)}
APPS = {"aa": (YB, "u-aa", []), "bb": (YB, "u-bb", [])}


def ballot(member: str, *ids: str) -> dict[str, bytes]:
    return {f"{PREFIX}ballots/{member}.yaml": dump({"member": member, "votes": {YB: list(ids)}})}


def tally_json(root: Path) -> dict:  # type: ignore[type-arg]
    result = run_kczy("tally", "--format", "json", "--now", AFTER, cwd=root)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def build_history(tmp_path: Path) -> tuple[Path, Path]:
    origin, work = origin_and_clone(tmp_path, make_round(MEMBERS, APPS, {}), "2030-03-20T10:00")
    merge_branch(work, "m1-vote", ballot("m1", "aa"), "2030-05-02T10:00", "2030-05-03T10:00")
    # m2's own commit claims an in-time date; it reached main only after the close
    merge_branch(work, "m2-vote", ballot("m2", "aa", "bb"), "2030-05-09T10:00", "2030-05-11T09:00")
    merge_branch(work, "m3-vote", ballot("m3", "bb"), "2030-05-04T10:00", "2030-05-04T11:00")
    commit_files(work, ballot("m3", "aa"), "m3 changes the ballot late", "2030-05-10T17:01")
    # deleted and added again in time: counts from the new addition
    merge_branch(work, "m4-vote", ballot("m4", "bb"), "2030-05-05T10:00", "2030-05-05T11:00")
    git("rm", "-q", f"{PREFIX}ballots/m4.yaml", cwd=work)
    git("commit", "-q", "-m", "m4 withdraws", cwd=work, env=dated("2030-05-06T10:00"))
    merge_branch(work, "m4-again", ballot("m4", "aa"), "2030-05-07T10:00", "2030-05-10T16:59")
    git("push", "-q", "origin", "main", cwd=work)
    return origin, work


def test_late_ballots_by_the_date_they_reached_main(tmp_path: Path) -> None:
    origin, _ = build_history(tmp_path)
    clone = tmp_path / "fresh"
    git("clone", "-q", str(origin), str(clone), cwd=tmp_path)
    result = tally_json(clone)
    assert result["deadline_check"]["status"] == "checked"
    assert {b["member"]: b["reason"]["code"] for b in result["ballots"]["invalid"]} == {
        "m2": "tally.ballot.late-added",
        "m3": "tally.ballot.late-changed",
    }
    assert result["ballots"]["valid"] == ["m1", "m4"]
    assert [(r["application"], r["votes"]) for r in result["types"][YB]["ranking"]] == [("aa", 2), ("bb", 0)]
    late = next(b for b in result["ballots"]["invalid"] if b["member"] == "m2")
    assert late["reason"]["params"]["time"] == "2030-05-11T09:00:00+08:00"


def test_uncommitted_and_modified_ballots_are_not_counted(tmp_path: Path) -> None:
    _, work = build_history(tmp_path)
    (work / PREFIX / "ballots" / "m5.yaml").write_bytes(ballot("m5", "bb")[f"{PREFIX}ballots/m5.yaml"])
    (work / PREFIX / "ballots" / "m1.yaml").write_bytes(ballot("m1", "bb")[f"{PREFIX}ballots/m1.yaml"])
    codes = {b["member"]: b["reason"]["code"] for b in tally_json(work)["ballots"]["invalid"]}
    assert codes["m5"] == codes["m1"] == "tally.ballot.uncommitted"


def test_a_shallow_clone_fails_clearly(tmp_path: Path) -> None:
    origin, _ = build_history(tmp_path)
    shallow = tmp_path / "shallow"
    git("clone", "-q", "--depth", "1", f"file://{origin}", str(shallow), cwd=tmp_path)
    result = run_kczy("tally", cwd=shallow)
    assert result.returncode == 2
    assert "浅克隆" in result.stderr and "fetch-depth: 0" in result.stderr


def test_without_a_repository_the_tally_runs_and_says_the_deadline_was_not_checked(tmp_path: Path) -> None:
    _, work = build_history(tmp_path)
    plain = tmp_path / "plain"
    shutil.copytree(work, plain, ignore=shutil.ignore_patterns(".git"))
    result = tally_json(plain)
    assert result["deadline_check"]["status"] == "unavailable"
    assert result["ballots"]["valid"] == ["m1", "m2", "m3", "m4"]
    text = run_kczy("tally", "--now", AFTER, cwd=plain).stdout
    assert "未能核对选票是否在投票截止前提交" in text


def test_the_json_is_byte_identical_in_another_clone_and_file_order(tmp_path: Path) -> None:
    origin, work = build_history(tmp_path)
    first = run_kczy("tally", "--format", "json", "--now", AFTER, cwd=work).stdout.encode()
    clone = tmp_path / "other"
    git("clone", "-q", str(origin), str(clone), cwd=tmp_path)
    assert run_kczy("tally", "--format", "json", "--now", AFTER, cwd=clone).stdout.encode() == first
    # the same files, written to disk in the reverse order, outside git
    contents = {
        p.relative_to(work).as_posix(): p.read_bytes() for p in sorted((work / "submissions").rglob("*.yaml"))
    }
    one = new_repo(tmp_path / "one", contents)
    two = new_repo(tmp_path / "two", dict(reversed(list(contents.items()))))
    assert (
        run_kczy("tally", "--format", "json", "--now", AFTER, cwd=one).stdout
        == run_kczy("tally", "--format", "json", "--now", AFTER, cwd=two).stdout
    )


def test_a_ballot_deleted_after_the_close_is_listed_not_silently_dropped(tmp_path: Path) -> None:
    _, work = build_history(tmp_path)
    git("rm", "-q", f"{PREFIX}ballots/m1.yaml", cwd=work)
    git("commit", "-q", "-m", "m1 withdraws late", cwd=work, env=dated("2030-05-12T10:00"))
    result = tally_json(work)
    late = next(b for b in result["ballots"]["invalid"] if b["file"] == f"{PREFIX}ballots/m1.yaml")
    assert late["member"] == "m1" and late["reason"]["code"] == "tally.ballot.late-deleted"
    assert late["reason"]["params"]["time"] == "2030-05-12T10:00:00+08:00"
    assert result["ballots"]["received"] == 4 and result["ballots"]["valid"] == ["m4"]
    # a ballot withdrawn before the close (m4's first one, added again) is nothing to report
    assert sorted(b["member"] for b in result["ballots"]["invalid"]) == ["m1", "m2", "m3"]


def test_an_uncommitted_runoff_ballot_is_not_counted(tmp_path: Path) -> None:
    _, work = build_history(tmp_path)
    call = {f"{PREFIX}runoffs/1/call.yaml": runoff_call({YB: (["aa", "bb"], 1)})}
    commit_files(work, call, "the secretariat calls runoff 1", "2030-05-14T10:00")
    runoff = {f"{PREFIX}runoffs/1/m1.yaml": dump({"member": "m1", "votes": {YB: ["bb"]}})}
    commit_files(work, runoff, "m1's runoff ballot", "2030-05-20T10:00")
    (work / PREFIX / "runoffs/1/m4.yaml").write_bytes(dump({"member": "m4", "votes": {YB: ["bb"]}}))
    (runoff_result,) = tally_json(work)["runoffs"]
    assert runoff_result["ballots"]["valid"] == ["m1"]
    assert [(b["member"], b["reason"]["code"]) for b in runoff_result["ballots"]["invalid"]] == [
        ("m4", "tally.ballot.uncommitted")
    ]


def test_an_application_is_judged_by_when_it_reached_main(tmp_path: Path) -> None:
    """cc was checked before applications_close (2030-04-01T17:00) but merged twelve days later; aa was
    changed on main after the close; bb is in time. Only bb is ranked; votes for cc or aa do not count."""
    apps = {"aa": (YB, "u-aa", []), "bb": (YB, "u-bb", [])}
    contents = make_round(MEMBERS, apps, {})
    with_cc = make_round(MEMBERS, {**apps, "cc": (YB, "u-cc", [])}, {})
    contents[PREFIX + "units.yaml"] = with_cc[PREFIX + "units.yaml"]
    _, work = origin_and_clone(tmp_path, contents, "2030-03-20T10:00")
    late_app = {k: v for k, v in with_cc.items() if k.endswith("/cc.yaml")}
    merge_branch(work, "cc-apply", late_app, "2030-03-31T10:00", "2030-04-13T10:00")
    changed = {f"{PREFIX}applications/{YB}/aa.yaml": dump(
        {"type": YB, "title": "项目aa（改）", "applicant": "u-aa", "partners": []}
    )}
    merge_branch(work, "aa-edit", changed, "2030-04-02T10:00", "2030-04-02T11:00")
    for member in ("m1", "m2", "m3"):
        votes = ballot(member, "cc", "bb")
        merge_branch(work, f"{member}-vote", votes, "2030-05-02T10:00", "2030-05-03T11:00")
    merge_branch(work, "m4-vote", ballot("m4", "aa"), "2030-05-02T10:00", "2030-05-03T10:00")

    result = tally_json(work)
    assert [(r["application"], r["votes"], r["status"]) for r in result["types"][YB]["ranking"]] == [
        ("bb", 3, "selected")
    ]
    assert [(a["application"], a["reason"]["code"]) for a in result["late_applications"]] == [
        ("aa", "application.late-changed"), ("cc", "application.late-added"),
    ]
    assert result["late_applications"][1]["reason"]["params"]["time"] == "2030-04-13T10:00:00+08:00"
    assert {(v["member"], v["application"], v["reason"]["code"]) for v in result["invalid_votes"]} == {
        ("m1", "cc", "tally.vote.late-application"), ("m2", "cc", "tally.vote.late-application"),
        ("m3", "cc", "tally.vote.late-application"), ("m4", "aa", "tally.vote.late-application"),
    }
    text = run_kczy("tally", "--now", AFTER, cwd=work).stdout
    assert "【逾期的申报书】" in text and "cc.yaml" in text

    validate = run_kczy("validate", "--format", "json", cwd=work)
    found = json.loads(validate.stdout)
    late = [(f["file"], f["code"]) for f in found if f["code"].startswith("application.late")]
    assert late == [
        (f"{PREFIX}applications/{YB}/aa.yaml", "application.late-changed"),
        (f"{PREFIX}applications/{YB}/cc.yaml", "application.late-added"),
    ]

    # The secretariat extends the deadline: a change to round.yaml, in the history like any other.
    round_data = json.loads(contents[PREFIX + "round.yaml"])
    round_data["schedule"]["applications_close"] = "2030-04-15T17:00+08:00"
    commit_files(work, {PREFIX + "round.yaml": dump(round_data)}, "延长申报期", "2030-04-14T09:00")
    result = tally_json(work)
    assert result["late_applications"] == []
    assert [(r["application"], r["votes"]) for r in result["types"][YB]["ranking"]] == [
        ("bb", 3), ("cc", 3), ("aa", 1)
    ]


def test_an_attachment_replaced_on_main_after_the_close_makes_its_application_late(tmp_path: Path) -> None:
    """aa's evidence was checked before applications_close and merged after it, under the same name (the
    application's own file unchanged): aa is late like an edited application, not silently ranked."""
    apps = {"aa": (YB, "u-aa", []), "bb": (YB, "u-bb", [])}
    evidence = f"{PREFIX}attachments/aa/evidence.pdf"
    _, work = origin_and_clone(tmp_path, {**make_round(MEMBERS, apps, {}), evidence: b"%PDF-1.4\n1\n"},
                               "2030-03-20T10:00")
    merge_branch(work, "aa-evidence", {evidence: b"%PDF-1.4\n2\n"}, "2030-03-31T10:00", "2030-04-13T10:00")
    merge_branch(work, "m1-vote", ballot("m1", "aa"), "2030-05-02T10:00", "2030-05-03T10:00")
    result = tally_json(work)
    assert [(a["application"], a["reason"]["code"]) for a in result["late_applications"]] == [
        ("aa", "application.late-changed")
    ]
    assert result["late_applications"][0]["reason"]["params"]["time"] == "2030-04-13T10:00:00+08:00"


def test_an_attachment_deleted_on_main_after_the_close_makes_its_application_late(tmp_path: Path) -> None:
    """aa's second piece of evidence was removed after applications_close (the application's own file
    unchanged): the deletion is a change of aa after the close, read from git's history."""
    apps = {"aa": (YB, "u-aa", []), "bb": (YB, "u-bb", [])}
    evidence = f"{PREFIX}attachments/aa/evidence.pdf"
    _, work = origin_and_clone(tmp_path, {**make_round(MEMBERS, apps, {}), evidence: b"%PDF-1.4\n1\n"},
                               "2030-03-20T10:00")
    git("rm", "-q", evidence, cwd=work)
    git("commit", "-q", "-m", "aa removes its evidence", cwd=work, env=dated("2030-04-13T10:00"))
    merge_branch(work, "m1-vote", ballot("m1", "aa"), "2030-05-02T10:00", "2030-05-03T10:00")
    result = tally_json(work)
    assert [(a["application"], a["reason"]["code"]) for a in result["late_applications"]] == [
        ("aa", "application.late-changed")
    ]
    assert result["late_applications"][0]["reason"]["params"]["time"] == "2030-04-13T10:00:00+08:00"
