"""`kczy check-pr` on real branches: ownership, deadlines, symlinks, layout, rules from the base revision."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import git, run_kczy
from gitrounds import origin_and_clone
from roundbuilder import PREFIX, SECRETARIAT, dump, make_round

YB = "yiye-yibao"
MEMBERS = {"m1": ["u1"], "m2": []}
APPS = {"aa": (YB, "u1", []), "bb": (YB, "u2", [])}
IN_APPLICATIONS, IN_VOTING, AFTER_VOTING = "2030-03-15T10:00", "2030-05-05T10:00", "2030-05-11T10:00"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    contents = make_round(MEMBERS, APPS, {}, units={"u1": "login-u1", "u2": "login-u2"})
    return origin_and_clone(tmp_path, contents, "2030-02-01T10:00")[1]


def pull_request(work: Path, branch: str, files: dict[str, bytes | None]) -> None:
    """A branch from main changing `files` (None deletes)."""
    git("checkout", "-q", "-b", branch, "main", cwd=work)
    for path, body in files.items():
        target = work / path
        if body is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", branch, cwd=work)
    git("checkout", "-q", "main", cwd=work)


def check(work: Path, branch: str, author: str, now: str, *extra: str) -> tuple[int, list[str]]:
    result = run_kczy(
        "check-pr", "--base", "main", "--head", branch, "--author", author, "--now", now, *extra, cwd=work
    )
    assert result.returncode in (0, 1), result.stderr
    refusals = [line.split(": ")[1] for line in result.stdout.splitlines()[:-1]]
    return result.returncode, refusals


def application(app_id: str, unit: str) -> dict[str, bytes | None]:
    body = dump({"type": YB, "title": f"项目{app_id}", "applicant": unit, "partners": []})
    return {f"{PREFIX}applications/{YB}/{app_id}.yaml": body}


def ballot(member: str, *ids: str) -> dict[str, bytes | None]:
    return {f"{PREFIX}ballots/{member}.yaml": dump({"member": member, "votes": {YB: list(ids)}})}


def test_a_unit_may_apply_for_itself_before_the_close(work: Path) -> None:
    pull_request(work, "apply", application("cc", "u2"))
    assert check(work, "apply", "login-u2", IN_APPLICATIONS) == (0, [])
    assert check(work, "apply", "LOGIN-U2", IN_APPLICATIONS) == (0, [])  # logins ignore case
    assert check(work, "apply", "login-u1", IN_APPLICATIONS) == (1, ["checkpr.other-unit"])
    assert check(work, "apply", "login-u2", "2030-04-01T17:01") == (1, ["checkpr.applications-closed"])
    assert check(work, "apply", "login-u2", "2030-02-28T10:00") == (1, ["checkpr.applications-not-open"])


def test_taking_over_another_units_application_is_refused(work: Path) -> None:
    pull_request(work, "steal", application("bb", "u1"))  # bb belongs to u2 in the base
    assert check(work, "steal", "login-u1", IN_APPLICATIONS) == (1, ["checkpr.other-unit"])


def test_a_member_votes_only_for_themselves_inside_the_window(work: Path) -> None:
    pull_request(work, "vote", ballot("m2", "aa"))
    assert check(work, "vote", "m2", IN_VOTING) == (0, [])
    assert check(work, "vote", "m1", IN_VOTING) == (1, ["checkpr.other-ballot"])
    assert check(work, "vote", "login-u1", IN_VOTING) == (1, ["checkpr.not-member"])
    assert check(work, "vote", "m2", AFTER_VOTING) == (1, ["checkpr.voting-closed"])
    assert check(work, "vote", "m2", "2030-04-30T10:00") == (1, ["checkpr.voting-not-open"])


def test_vote_problems_are_refused_on_their_line(work: Path) -> None:
    pull_request(work, "own", ballot("m1", "aa", "zz"))  # m1 is affiliated with u1, the applicant of aa
    result = run_kczy(
        "check-pr", "--base", "main", "--head", "own", "--author", "m1", "--now", IN_VOTING, cwd=work
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{PREFIX}ballots/m1.yaml:5:") and "tally.vote.recused" in lines[0]
    assert lines[1].startswith(f"{PREFIX}ballots/m1.yaml:6:") and "tally.vote.unknown" in lines[1]


def test_joining_the_committee_and_voting_in_the_same_change_is_refused(work: Path) -> None:
    committee = json.loads((work / PREFIX / "committee.yaml").read_text("utf-8"))
    committee["members"].append(
        {"id": "intruder", "name": "某人", "role": "expert", "logins": ["intruder"], "affiliations": []}
    )
    pull_request(work, "join", {f"{PREFIX}committee.yaml": dump(committee), **ballot("intruder", "bb")})
    code, refusals = check(work, "join", "intruder", IN_VOTING)
    assert code == 1
    assert refusals == ["checkpr.not-member", "checkpr.secretariat-only"]


def test_records_belong_to_the_secretariat(work: Path) -> None:
    round_yaml = (work / PREFIX / "round.yaml").read_bytes().replace(b'"quota": 2', b'"quota": 3', 1)
    pull_request(work, "quota", {f"{PREFIX}round.yaml": round_yaml, "schemas/ballot.schema.json": b"{}\n"})
    assert check(work, "quota", SECRETARIAT, IN_VOTING) == (0, [])
    assert check(work, "quota", "m1", IN_VOTING) == (
        1,
        ["checkpr.secretariat-only", "checkpr.secretariat-only"],
    )


def test_a_rename_is_a_delete_and_an_add(work: Path) -> None:
    pull_request(work, "first", ballot("m1", "bb"))
    git("merge", "-q", "first", cwd=work)
    git("checkout", "-q", "-b", "rename", "main", cwd=work)
    git("mv", f"{PREFIX}ballots/m1.yaml", f"{PREFIX}ballots/m2.yaml", cwd=work)
    git("commit", "-q", "-m", "rename", cwd=work)
    git("checkout", "-q", "main", cwd=work)
    result = run_kczy(
        "check-pr", "--base", "main", "--head", "rename", "--author", "m1", "--now", IN_VOTING, cwd=work
    )
    assert result.returncode == 1
    assert [line.split(": ")[:2] for line in result.stdout.splitlines()[:-1]] == [
        [f"{PREFIX}ballots/m2.yaml:1:1", "checkpr.other-ballot"]
    ]
    # the member check still reads m2.yaml's content: member m1 in m2.yaml fails validate, not check-pr


def test_symlinks_and_files_outside_the_layout_are_refused(work: Path) -> None:
    git("checkout", "-q", "-b", "odd", "main", cwd=work)
    (work / PREFIX / "ballots").mkdir()
    os.symlink("../round.yaml", work / PREFIX / "ballots" / "m2.yaml")
    (work / PREFIX / "notes.txt").write_text("x", encoding="utf-8")
    (work / "tool.py").write_text("x", encoding="utf-8")
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "odd", cwd=work)
    git("checkout", "-q", "main", cwd=work)
    code, refusals = check(work, "odd", "m2", IN_VOTING)
    assert code == 1
    assert refusals == ["checkpr.symlink", "checkpr.outside-layout", "checkpr.outside-layout"]


def test_after_the_approval_the_tally_inputs_are_locked(work: Path) -> None:
    approval = {
        "approved_on": "2030-05-20",
        "meeting": "党组会议（测试）",
        "notice_starts": "2030-05-21",
        "tally_sha256": "0" * 64,
    }
    pull_request(work, "approve", {f"{PREFIX}approval.yaml": dump(approval)})
    git("merge", "-q", "approve", cwd=work)
    pull_request(work, "late", ballot("m2", "aa"))
    assert check(work, "late", SECRETARIAT, "2030-05-22T10:00") == (1, ["checkpr.locked-after-approval"])


def test_github_format(work: Path) -> None:
    pull_request(work, "vote", ballot("m2", "aa"))
    result = run_kczy(
        "check-pr",
        "--base",
        "main",
        "--head",
        "vote",
        "--author",
        "m1",
        "--now",
        IN_VOTING,
        "--format",
        "github",
        cwd=work,
    )
    assert result.stdout.startswith(
        f"::error file={PREFIX}ballots/m2.yaml,line=1,col=1,title=checkpr.other-ballot::"
    )


def test_an_unknown_revision_is_an_environment_error(work: Path) -> None:
    result = run_kczy("check-pr", "--base", "main", "--head", "nope", "--author", "m1", cwd=work)
    assert result.returncode == 2 and "nope" in result.stderr


def test_runoff_folders_named_with_other_digits_are_outside_the_layout(work: Path) -> None:
    # "١" and "۱" are digits to Python and int() makes them 1: a second and third runoff-1 ballot of m2.
    body = dump({"member": "m2", "votes": {YB: ["aa"]}})
    files = {f"{PREFIX}runoffs/{number}/m2.yaml": body for number in ("1", "١", "۱", "²")}
    pull_request(work, "runoff", files)
    code, refusals = check(work, "runoff", "m2", AFTER_VOTING)
    assert (code, refusals) == (1, ["checkpr.outside-layout"] * 3)
