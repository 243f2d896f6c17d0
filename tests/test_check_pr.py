"""`kczy check-pr` on real branches: ownership, deadlines, symlinks, layout, rules from the base revision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import finding_codes, git, parse_finding_line, run_kczy
from gitrounds import dated, origin_and_clone
from kczy.messages import render_message
from roundbuilder import PREFIX, dump, make_round

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
    refusals = finding_codes(result.stdout)
    return result.returncode, refusals


def application(app_id: str, unit: str) -> dict[str, bytes | None]:
    body = dump({"type": YB, "title": f"项目{app_id}", "applicant": unit, "partners": []})
    return {f"{PREFIX}applications/{YB}/{app_id}.yaml": body}


def ballot(member: str, *ids: str) -> dict[str, bytes | None]:
    return {f"{PREFIX}ballots/{member}.yaml": dump({"member": member, "votes": {YB: list(ids)}})}


def test_taking_over_another_units_application_is_refused(work: Path) -> None:
    pull_request(work, "steal", application("bb", "u1"))  # bb belongs to u2 in the base
    assert check(work, "steal", "login-u1", IN_APPLICATIONS) == (1, ["checkpr.other-unit"])


def test_joining_the_committee_and_voting_in_the_same_change_is_refused(work: Path) -> None:
    committee = json.loads((work / PREFIX / "committee.yaml").read_text("utf-8"))
    committee["members"].append(
        {"id": "intruder", "name": "某人", "role": "expert", "logins": ["intruder"], "affiliations": []}
    )
    pull_request(work, "join", {f"{PREFIX}committee.yaml": dump(committee), **ballot("intruder", "bb")})
    code, refusals = check(work, "join", "intruder", IN_VOTING)
    assert code == 1
    assert refusals == ["checkpr.not-member", "checkpr.secretariat-only"]


    # the member check still reads m2.yaml's content: member m1 in m2.yaml fails validate, not check-pr


def test_github_and_json_formats(work: Path) -> None:
    pull_request(work, "vote", ballot("m2", "aa"))
    args = ("check-pr", "--base", "main", "--head", "vote", "--now", IN_VOTING)
    github = run_kczy(*args, "--author", "m1", "--format", "github", cwd=work)
    assert github.stdout.startswith(
        f"::error file={PREFIX}ballots/m2.yaml,line=1,col=1,title=checkpr.other-ballot::"
    )
    # --format json: validate's shape (one emitter), every refusal an object, nothing else on stdout
    refused = run_kczy(*args, "--author", "m1", "--format", "json", cwd=work)
    assert refused.returncode == 1 and refused.stderr == ""
    assert json.loads(refused.stdout) == [{
        "file": f"{PREFIX}ballots/m2.yaml", "line": 1, "column": 1, "code": "checkpr.other-ballot",
        "message": render_message("checkpr.other-ballot", {"member": "m2"}), "severity": "error",
        "pointer": "",
    }]
    passed = run_kczy(*args, "--author", "m2", "--format", "json", cwd=work)
    assert (passed.returncode, json.loads(passed.stdout)) == (0, [])
    help_text = run_kczy("check-pr", "--help", cwd=work).stdout
    assert "{text,github,json,gitlab}" in help_text and "json    JSON 数组" in help_text


def test_an_unknown_revision_is_an_environment_error(work: Path) -> None:
    result = run_kczy("check-pr", "--base", "main", "--head", "nope", "--author", "m1", cwd=work)
    assert result.returncode == 2 and "nope" in result.stderr


# The merge that will really happen. With criss-cross history a pull request has two merge bases;
# `git diff main...head` compares with one of them, `git merge` (ort) with a virtual base made of both.


def branch_commit(work: Path, branch: str, start: str, files: dict[str, bytes | None], when: str) -> None:
    git("checkout", "-q", "-b", branch, start, cwd=work)
    for path, body in files.items():
        if body is None:
            (work / path).unlink()
        else:
            (work / path).parent.mkdir(parents=True, exist_ok=True)
            (work / path).write_bytes(body)
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", branch, cwd=work, env=dated(when))
    git("checkout", "-q", "main", cwd=work)


def merge_into_main(work: Path, branch: str, when: str) -> None:
    git("merge", "-q", "--no-ff", "-m", f"merge {branch}", branch, cwd=work, env=dated(when))


def remerge(work: Path, branch: str, keep: str, other: str, when: str) -> None:
    """A branch at `keep` that merges `other` but keeps `keep`'s tree (`git merge -s ours`)."""
    git("checkout", "-q", "-b", branch, keep, cwd=work)
    git("merge", "-q", "-s", "ours", "-m", branch, other, cwd=work, env=dated(when))
    git("checkout", "-q", "main", cwd=work)


def really_merged(work: Path, branch: str) -> set[str]:
    """The application files main holds after really merging `branch` (in a throwaway branch)."""
    git("checkout", "-q", "-b", f"try-{branch}", "main", cwd=work)
    git("merge", "-q", "--no-edit", branch, cwd=work)
    held = {p.name for p in (work / PREFIX / "applications" / YB).glob("*.yaml")}
    git("checkout", "-q", "main", cwd=work)
    return held


CC = f"{PREFIX}applications/{YB}/cc.yaml"


def test_re_merging_the_parents_of_anothers_merge_is_judged_by_the_real_merge(work: Path) -> None:
    start = git("rev-parse", "HEAD", cwd=work).strip()
    branch_commit(work, "u2-cc", start, application("cc", "u2"), "2030-03-02T10:00")  # u2's application
    branch_commit(work, "u1-dd", start, application("dd", "u1"), "2030-03-03T10:00")
    merge_into_main(work, "u1-dd", "2030-03-04T10:00")
    merge_into_main(work, "u2-cc", "2030-03-05T10:00")
    # u1 merges the two parents of the merge of u2's application again, keeping the side without it.
    remerge(work, "sneaky", "main^1", "u2-cc", "2030-03-06T10:00")
    assert "cc.yaml" not in really_merged(work, "sneaky")  # the merge deletes u2's application
    assert check(work, "sneaky", "login-u1", IN_APPLICATIONS) == (1, ["checkpr.other-unit"])


def test_a_branch_dated_newer_than_anothers_work_is_judged_by_the_real_merge(work: Path) -> None:
    start = git("rev-parse", "HEAD", cwd=work).strip()
    # u1's own earlier pull request, its commit dated in the future; merged before u2's.
    branch_commit(work, "u1-dd", start, application("dd", "u1"), "2030-03-28T10:00")
    branch_commit(work, "u2-cc", start, application("cc", "u2"), "2030-03-02T10:00")
    merge_into_main(work, "u1-dd", "2030-03-04T10:00")
    merge_into_main(work, "u2-cc", "2030-03-05T10:00")
    remerge(work, "sneaky", "u1-dd", "u2-cc", "2030-03-06T10:00")
    assert "cc.yaml" not in really_merged(work, "sneaky")
    result = run_kczy(
        "check-pr", "--base", "main", "--head", "sneaky", "--author", "login-u1", "--now", IN_APPLICATIONS,
        cwd=work,
    )
    assert result.returncode == 1
    assert parse_finding_line(result.stdout.splitlines()[0])[:2] == (f"{CC}:1:1", "checkpr.other-unit")


def test_a_pull_request_that_cannot_merge_cleanly_is_refused(work: Path) -> None:
    start = git("rev-parse", "HEAD", cwd=work).strip()
    body = dump({"type": YB, "title": "项目aa（第二稿）", "applicant": "u1", "partners": []})
    branch_commit(work, "first", start, {f"{PREFIX}applications/{YB}/aa.yaml": body}, "2030-03-02T10:00")
    merge_into_main(work, "first", "2030-03-03T10:00")
    third = body.replace("第二稿".encode(), "第三稿".encode())  # written on the old base: both changed aa
    branch_commit(work, "stale", start, {f"{PREFIX}applications/{YB}/aa.yaml": third}, "2030-03-04T10:00")
    result = run_kczy(
        "check-pr", "--base", "main", "--head", "stale", "--author", "login-u1", "--now",
        IN_APPLICATIONS, cwd=work,
    )
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{PREFIX}applications/{YB}/aa.yaml:1:1: 合并请求")
    assert first.endswith("（checkpr.merge-conflict）")


def test_a_pull_request_without_common_history_is_refused(work: Path) -> None:
    git("checkout", "-q", "--orphan", "alien", cwd=work)
    git("commit", "-q", "-m", "alien", cwd=work)
    git("checkout", "-q", "main", cwd=work)
    assert check(work, "alien", "login-u1", IN_APPLICATIONS) == (1, ["checkpr.unrelated-histories"])
    result = run_kczy("check-pr", "--base", "main", "--head", "alien", "--author", "login-u1",
                      "--format", "json", cwd=work)
    found = [(f["file"], f["code"]) for f in json.loads(result.stdout)]
    assert (result.returncode, found) == (1, [(".", "checkpr.unrelated-histories")])


def test_a_stop_under_format_json_or_gitlab_is_still_json(work: Path) -> None:
    """An unknown revision or a --now that is no time stops the check (exit 2, said on stderr); a machine
    reading --format json or gitlab still gets a JSON array: one error naming the stop."""
    for args in (("--base", "nope", "--head", "main"), ("--base", "main", "--head", "main", "--now", "noon")):
        for output_format in ("json", "gitlab"):
            result = run_kczy("check-pr", *args, "--author", "login-u1", "--format", output_format, cwd=work)
            assert result.returncode == 2, result.stderr
            (entry,) = json.loads(result.stdout)
            said = entry["message"] if output_format == "json" else entry["description"]
            stop = result.stderr.strip().removeprefix("kczy：")
            assert said.startswith("未能完成核对：") and said.endswith(stop), (said, stop)
        text = run_kczy("check-pr", *args, "--author", "login-u1", cwd=work)
        assert (text.returncode, text.stdout) == (2, "")


def test_a_submodule_is_refused_and_once_on_main_validate_reports_it(work: Path) -> None:
    link = f"{PREFIX}attachments/aa/vendor"
    commit = git("rev-parse", "HEAD", cwd=work).strip()
    git("checkout", "-q", "-b", "submodule", "main", cwd=work)
    git("update-index", "--add", "--cacheinfo", f"160000,{commit},{link}", cwd=work)
    git("commit", "-q", "-m", "submodule", cwd=work)
    git("checkout", "-q", "main", cwd=work)
    result = run_kczy(
        "check-pr", "--base", "main", "--head", "submodule", "--author", "login-u1", "--now", IN_APPLICATIONS,
        cwd=work,
    )
    assert (result.returncode, result.stdout.splitlines()[0]) == (
        1, f"{link}:1:1: 不允许提交子模块（submodule）（checkpr.submodule）"
    )
    git("merge", "-q", "submodule", cwd=work)  # merged anyway (say, by a direct push)
    validated = run_kczy("validate", cwd=work)
    assert validated.returncode == 1
    assert f"{link}:1:1: " in validated.stdout and "（file.submodule）" in validated.stdout


def commit_on_main(work: Path, files: dict[str, bytes]) -> None:
    for path, body in files.items():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_bytes(body)
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "secretariat", cwd=work)


def place_of(work: Path, path: str, text: str) -> str:
    """`path:line:` of the first line holding `text`."""
    lines = (work / path).read_text("utf-8").splitlines()
    return f"{path}:{next(i for i, line in enumerate(lines, 1) if text in line)}:"


def test_one_account_listed_for_two_entries_is_reported_where_each_is_written(work: Path) -> None:
    """validate names every place; check-pr's refusal of such a login: test_check_pr_rules."""
    units = json.loads((work / PREFIX / "units.yaml").read_text("utf-8"))
    units["units"][1]["logins"].append("Login-U1")  # u2 lists u1's login, in another case
    committee = json.loads((work / PREFIX / "committee.yaml").read_text("utf-8"))
    committee["members"][1]["emails"] = ["Shared@Example.org"]
    committee["members"][0]["emails"] = ["shared@example.org"]  # two members, one commit e-mail
    committee["members"][1]["logins"].append("MISHU")  # a member who is also the secretariat
    commit_on_main(work, {f"{PREFIX}units.yaml": dump(units), f"{PREFIX}committee.yaml": dump(committee)})
    result = run_kczy("validate", cwd=work)
    assert result.returncode == 1
    shared = [line for line in result.stdout.splitlines() if "cross.identity-shared" in line]
    assert sorted(":".join(line.split(":")[:2]) + ":" for line in shared) == sorted([
        place_of(work, f"{PREFIX}committee.yaml", '"Shared@Example.org"'),
        place_of(work, f"{PREFIX}committee.yaml", '"MISHU"'),
        place_of(work, f"{PREFIX}units.yaml", '"Login-U1"'),
    ])
    text = "\n".join(shared)
    assert "登录账号“login-u1”已登记给单位“u1”，这里又登记给单位“u2”" in text
    assert "登录账号“mishu”已登记给秘书处，这里又登记给评委“m2”" in text
    assert "提交邮箱“shared@example.org”已登记给评委“m1”，这里又登记给评委“m2”" in text


def test_with_only_a_sample_round_nobody_holds_machinery_rights(sample_repo: Path) -> None:
    git("checkout", "-q", "-b", "machinery", cwd=sample_repo)
    (sample_repo / "schemas" / "ballot.schema.json").write_text("{}\n", "utf-8")
    git("commit", "-q", "-am", "relax", cwd=sample_repo)
    git("checkout", "-q", "main", cwd=sample_repo)
    for login in ("hnkx-secretariat", "zz-kx"):
        result = run_kczy(
            "check-pr", "--base", "main", "--head", "machinery", "--author", login, "--now", IN_APPLICATIONS,
            cwd=sample_repo,
        )
        assert (result.returncode, finding_codes(result.stdout)[:1]) == (1, ["checkpr.secretariat-only"])


def test_github_format_writes_an_escaped_step_summary(work: Path, tmp_path: Path) -> None:
    name = f"{PREFIX}attachments/aa/x`|<img src=https:y>.pdf"
    pull_request(work, "odd-name", {name: b"%PDF-1.4\n"})
    summary = tmp_path / "summary.md"
    result = run_kczy(
        "check-pr", "--base", "main", "--head", "odd-name", "--author", "login-u2", "--now", IN_APPLICATIONS,
        "--format", "github", cwd=work, env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 1
    text = summary.read_text("utf-8")
    assert text.startswith("## 修改权限与截止时间核对结果\n")
    row = next(line for line in text.splitlines() if "other\\-unit" in line)
    escaped = "submissions\\/2030\\/attachments\\/aa\\/x\\`\\|\\<img src\\=https\\:y\\>\\.pdf"
    assert row.startswith(f"| {escaped} | 1 | 1 |")


def test_a_registered_partner_is_named_only_with_its_own_confirmation(work: Path) -> None:
    # u1's application aa names u2 as partner; u2 has not confirmed.
    body = dump({"type": YB, "title": "项目aa", "applicant": "u1", "partners": [{"unit": "u2"}]})
    app = f"{PREFIX}applications/{YB}/aa.yaml"
    commit_on_main(work, {app: body})
    unconfirmed = [line for line in run_kczy("validate", cwd=work).stdout.splitlines() if "partner" in line]
    assert [parse_finding_line(line)[:2] for line in unconfirmed] == [
        (place_of(work, app, '"unit": "u2"') + "12", "cross.partner-unconfirmed")
    ]
    assert "须由该单位用自己登记的账号提交 partners/u2.yaml" in unconfirmed[0]
    # who may write the confirmation, and until when: test_check_pr_rules
    commit_on_main(work, {f"{PREFIX}partners/u2.yaml": dump({"unit": "u2", "confirms": ["aa"]})})
    validated = run_kczy("validate", cwd=work).stdout
    assert "partner-unconfirmed" not in validated and "confirms-unnamed" not in validated


def test_a_registered_unit_named_as_an_outside_organisation_needs_its_consent_too(work: Path) -> None:
    # u1 writes u2's registered name (with a full-width letter and a space) as an outside organisation
    body = dump({"type": YB, "title": "项目aa", "applicant": "u1",
                 "partners": [{"name": "单位 ｕ2", "kind": "enterprise"}]})
    app = f"{PREFIX}applications/{YB}/aa.yaml"
    commit_on_main(work, {app: body})
    found = [line for line in run_kczy("validate", cwd=work).stdout.splitlines() if "partner" in line]
    assert [parse_finding_line(line)[:2] for line in found] == [
        (place_of(work, app, '"name": "单位 ｕ2"') + "12", "cross.partner-registered-by-name")
    ]
    assert "{unit: u2}" in found[0]


def test_validate_and_check_pr_give_a_ballot_one_verdict(work: Path) -> None:
    """A member checking their own ballot before the deadline learns what check-pr and the tally will do."""
    pull_request(work, "own", {**ballot("m1", "aa", "project-bb"), **ballot("m2", "项目bb")})
    git("checkout", "-q", "own", cwd=work)
    validated = run_kczy("validate", f"{PREFIX}ballots", cwd=work)
    git("checkout", "-q", "main", cwd=work)
    refused = run_kczy(
        "check-pr", "--base", "main", "--head", "own", "--author", "m1", "--now", IN_VOTING, cwd=work
    )
    assert validated.returncode == refused.returncode == 1
    lines = validated.stdout.splitlines()[:-1]
    # m1 may not submit m2's ballot: that refusal is check-pr's own; everything else is the same verdict.
    assert [line for line in refused.stdout.splitlines()[:-1] if "checkpr.other-ballot" not in line] == lines
    codes = [parse_finding_line(line)[1] for line in lines]
    assert codes == ["tally.vote.recused", "tally.vote.unknown", "schema.pattern"]
    assert "投给“aa”的一票：" in lines[0] and "提醒" not in lines[0]
    assert "投给“project-bb”的一票：没有这个申报书，该票无效，是否想写“bb”（项目bb）" in lines[1]
    assert "“项目bb”" in lines[2] and "这里要写编号而不是名称，例如“bb”（项目bb）" in lines[2]
    assert "3 个错误" in validated.stdout.splitlines()[-1]
