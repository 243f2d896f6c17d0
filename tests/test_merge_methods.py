"""What check-pr and the tally promise holds only for the merge methods that keep it: a merge commit
(or a squash, which commits the same tree). Rebasing replays the pull request's commits one by one and
can produce a tree that check-pr never saw; a fast-forward puts the author's own commit dates on main's
first-parent line. Both shown with real git, and OPERATIONS forbids both on every platform."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git, run_kczy
from gitrounds import commit_files, dated, merge_branch, origin_and_clone
from roundbuilder import PREFIX, dump, make_round

YB = "yiye-yibao"
BB = f"{PREFIX}applications/{YB}/bb.yaml"
OPERATIONS = (Path(__file__).resolve().parents[1] / "OPERATIONS.md").read_text("utf-8")


def application(app_id: str, unit: str, title: str) -> dict[str, bytes]:
    body = dump({"type": YB, "title": title, "applicant": unit, "partners": []})
    return {f"{PREFIX}applications/{YB}/{app_id}.yaml": body}


def test_a_rebase_merge_replays_a_revert_that_the_merge_check_never_saw(tmp_path: Path) -> None:
    apps = {"aa": (YB, "u1", []), "bb": (YB, "u2", [])}
    contents = make_round({"m1": []}, apps, {}, units={"u1": "login-u1", "u2": "login-u2"})
    _, work = origin_and_clone(tmp_path, contents, "2030-02-01T10:00")
    start = git("rev-parse", "HEAD", cwd=work).strip()
    first = (work / BB).read_bytes()
    edit = application("bb", "u2", "项目bb（修订）")
    merge_branch(work, "u2-edit", edit, "2030-03-02T10:00", "2030-03-02T11:00")
    # u1's branch from before u2's edit: the same edit (already on main, so a rebase drops it), then
    # u2's file back as it was, and u1's own application.
    git("checkout", "-q", "-b", "sneaky", start, cwd=work)
    commit_files(work, edit, "same as u2", "2030-03-03T10:00")
    commit_files(work, {BB: first, **application("dd", "u1", "项目dd")}, "u1 applies", "2030-03-03T11:00")
    git("checkout", "-q", "main", cwd=work)
    result = run_kczy("check-pr", "--base", "main", "--head", "sneaky", "--author", "login-u1",
                      "--now", "2030-03-15T10:00", cwd=work)
    assert result.returncode == 0, result.stdout  # the merge keeps u2's edit: nothing of u2's changes
    git("checkout", "-q", "-b", "rebased", "sneaky", cwd=work)
    git("rebase", "-q", "main", cwd=work, env=dated("2030-03-04T10:00"))
    assert (work / BB).read_bytes() == first  # the rebase reverts u2's edit
    # so the platforms must merge with a merge commit (or squash), never by rebasing
    assert "不允许 “Allow rebase merging”" in OPERATIONS
    assert "不允许“变基后快进”和“变基后创建合并提交”" in OPERATIONS


def test_a_fast_forward_keeps_the_members_own_date_on_main(tmp_path: Path) -> None:
    contents = make_round({"m1": []}, {"aa": (YB, "u1", [])}, {})
    _, work = origin_and_clone(tmp_path, contents, "2030-03-20T10:00")
    git("checkout", "-q", "-b", "m1-vote", "main", cwd=work)
    ballot = {f"{PREFIX}ballots/m1.yaml": dump({"member": "m1", "votes": {YB: ["aa"]}})}
    commit_files(work, ballot, "m1 votes", "2030-05-09T10:00")  # a date m1 chose
    git("checkout", "-q", "main", cwd=work)
    git("merge", "-q", "--ff-only", "m1-vote", cwd=work)  # reached main after the close, without a trace
    result = run_kczy("tally", "--format", "json", "--now", "2030-06-01T09:00", cwd=work)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ballots"]["valid"] == ["m1"]
    # the first-parent dates are the platform's only when it writes the commit: no fast-forward
    assert "“快进合并”会把合并请求自己的提交（及其自填的时间）原样放上主分支" in OPERATIONS
    assert "不允许 “Allow rebase merging”" in OPERATIONS
    assert "不允许“快进”" in OPERATIONS
