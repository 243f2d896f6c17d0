"""A whole round rehearsed on real git: a bare origin, the secretariat's clone, units' and members' clones.

Units push branches, the checks decide as CI would (`kczy validate` on the changed files and
`kczy check-pr` against the base), the secretariat merges with dated commits, members vote, and the
tally, approval, notice, an objection and the announcement follow with the clock moving through the
round. The public site is built at each stage.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import GIT_ENV, PROJECT, git, run_kczy

pytestmark = pytest.mark.slow

ROUND = "submissions/2021"
SAMPLE = PROJECT / ROUND
# Two types keep the rehearsal short; the counting rules themselves are tested elsewhere.
TYPES = ("yiye-yibao", "yiye-yihui")


def dated(when: str) -> dict[str, str]:
    """Git author and committer dates in Beijing time."""
    stamp = f"{when}:00+08:00"
    return {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}


class Rehearsal:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.origin = base / "origin.git"
        git("init", "-q", "--bare", "-b", "main", str(self.origin), cwd=base)
        self.office = base / "secretariat"
        self.office.mkdir()
        for name in ("schemas", "docs", "overrides", "scripts"):
            shutil.copytree(PROJECT / name, self.office / name)
        for name in ("mkdocs.yml", "mkdocs.internal.yml"):
            shutil.copy(PROJECT / name, self.office / name)
        # A real round's site has its address (the feed's links; validate warns without it).
        config = self.office / "mkdocs.yml"
        address = "site_url: https://kczy.example.org/\nsite_name:"
        config.write_text(config.read_text("utf-8").replace("site_name:", address, 1), "utf-8")
        target = self.office / ROUND
        target.mkdir(parents=True)
        round_config = (SAMPLE / "round.yaml").read_text("utf-8").replace("sample: true", "sample: false")
        (target / "round.yaml").write_text(round_config, "utf-8")
        for name in ("units.yaml", "committee.yaml"):
            shutil.copy(SAMPLE / name, target / name)
        git("init", "-q", "-b", "main", cwd=self.office)
        git("remote", "add", "origin", str(self.origin), cwd=self.office)
        git("add", "-A", cwd=self.office)
        git("commit", "-qm", "开启 2021 年度评审", cwd=self.office, env=dated("2021-07-01T09:00"))
        git("push", "-q", "origin", "main", cwd=self.office)

    def clone(self, name: str) -> Path:
        path = self.base / name
        if not path.exists():
            git("clone", "-q", str(self.origin), str(path), cwd=self.base)
        else:
            git("checkout", "-q", "main", cwd=path)
            git("pull", "-q", "--ff-only", cwd=path)
        return path

    def propose(self, who: str, branch: str, files: dict[str, bytes | None], when: str) -> None:
        """`who` pushes `branch` changing `files` (None deletes)."""
        work = self.clone(who)
        git("checkout", "-q", "-b", branch, "origin/main", cwd=work)
        for relative, content in files.items():
            path = work / relative
            if content is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
        git("add", "-A", cwd=work)
        git("commit", "-qm", f"{who}: {branch}", cwd=work, env=dated(when))
        git("push", "-q", "origin", branch, cwd=work)
        git("checkout", "-q", "main", cwd=work)

    def checks(self, branch: str, author: str, now: str) -> tuple[int, int, str]:
        """What CI answers on the pull request: (validate status, check-pr status, output)."""
        git("fetch", "-q", "origin", cwd=self.office)
        changed = git(
            "diff", "--name-only", "--diff-filter=AMR", f"origin/main...origin/{branch}", cwd=self.office
        ).split()
        git("checkout", "-q", "--detach", f"origin/{branch}", cwd=self.office)
        try:
            validate = run_kczy("validate", *changed, cwd=self.office) if changed else None
            check = run_kczy(
                "check-pr",
                "--base",
                "origin/main",
                "--head",
                f"origin/{branch}",
                "--author",
                author,
                "--now",
                now,
                cwd=self.office,
            )
        finally:
            git("checkout", "-q", "main", cwd=self.office)
        validate_status = validate.returncode if validate else 0
        output = (validate.stdout if validate else "") + check.stdout + check.stderr
        return validate_status, check.returncode, output

    def merge(self, branch: str, when: str) -> None:
        git("pull", "-q", "--ff-only", "origin", "main", cwd=self.office)
        git(
            "merge",
            "-q",
            "--no-ff",
            "-m",
            f"合并 {branch}",
            f"origin/{branch}",
            cwd=self.office,
            env=dated(when),
        )
        git("push", "-q", "origin", "main", cwd=self.office)

    def record(self, files: dict[str, str], message: str, when: str) -> None:
        """The secretariat commits a record (approval, objection, announcement) straight to main."""
        for relative, text in files.items():
            path = self.office / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
        git("add", "-A", cwd=self.office)
        git("commit", "-qm", message, cwd=self.office, env=dated(when))
        git("push", "-q", "origin", "main", cwd=self.office)

    def approve(self, tally_json: str) -> None:
        """党组审议 on 2021-09-24: the approval pins the exact bytes of `kczy tally --format json`."""
        digest = hashlib.sha256(tally_json.encode("utf-8")).hexdigest()
        approval = (
            "approved_on: 2021-09-24\nmeeting: 省科协党组会议（演练）\nnotice_starts: 2021-09-26\n"
            f"tally_format: 2\ntally_sha256: {digest}\n"
        )
        self.record({f"{ROUND}/approval.yaml": approval}, "记录党组审议", "2021-09-24T18:00")

    def build_site(self, now: str) -> Path:
        out = self.base / f"site-{now.replace(':', '')}"
        subprocess.run(
            [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-q", "-d", str(out)],
            cwd=self.office,
            env={**os.environ, **GIT_ENV, "KCZY_NOW": now},
            check=True,
            capture_output=True,
        )
        return out


def sample_application(type_id: str, unit: str) -> tuple[str, bytes]:
    for path in sorted((SAMPLE / "applications" / type_id).glob("*.yaml")):
        if yaml.safe_load(path.read_text("utf-8"))["applicant"] == unit:
            return f"{ROUND}/applications/{type_id}/{path.name}", path.read_bytes()
    raise AssertionError(f"no sample application of {unit} in {type_id}")


def logins(registry: str, key: str) -> dict[str, str]:
    items = yaml.safe_load((SAMPLE / registry).read_text("utf-8"))[key]
    return {item["id"]: item["logins"][0] for item in items}


def ballot(member: str, votes: dict[str, list[str]]) -> bytes:
    return yaml.safe_dump({"member": member, "votes": votes}, allow_unicode=True, sort_keys=False).encode()


def test_a_round_from_applications_to_announcement(tmp_path: Path) -> None:
    rehearsal = Rehearsal(tmp_path)
    unit_logins = logins("units.yaml", "units")
    member_logins = logins("committee.yaml", "members")
    applications: dict[str, list[str]] = {t: [] for t in TYPES}

    # 申报: every applicant of the two types opens a pull request with its application.
    for type_id in TYPES:
        for path in sorted((SAMPLE / "applications" / type_id).glob("*.yaml")):
            unit = yaml.safe_load(path.read_text("utf-8"))["applicant"]
            relative, content = sample_application(type_id, unit)
            branch = f"apply-{path.stem}"
            rehearsal.propose(unit, branch, {relative: content}, "2021-08-10T10:00")
            assert rehearsal.checks(branch, unit_logins[unit], "2021-08-10T10:00")[:2] == (0, 0)
            rehearsal.merge(branch, "2021-08-11T09:00")
            applications[type_id].append(path.stem)

    # A unit's second attempt with mistakes: validation fails on its lines.
    broken_path, content = sample_application("yiye-yihui", "zz-kx")
    broken = content.replace(b"type: yiye-yihui", b"type: yiye-yihui\nsummery: x", 1)
    rehearsal.propose("zz-kx", "fix-with-typo", {broken_path: broken}, "2021-08-20T10:00")
    validate_status, check_status, output = rehearsal.checks("fix-with-typo", "zz-kx", "2021-08-20T10:00")
    assert (validate_status, check_status) == (1, 0)
    assert "schema.additionalProperties" in output and "summery" in output

    # Another unit touching zz-kx's application is refused by check-pr.
    rehearsal.propose(
        "ly-kx", "edit-others", {broken_path: content + b"# \xe6\x94\xb9\n"}, "2021-08-20T11:00"
    )
    assert rehearsal.checks("edit-others", unit_logins["ly-kx"], "2021-08-20T11:00")[1] == 1

    # After applications close, even the owner cannot change its application.
    rehearsal.propose("zz-kx", "too-late", {broken_path: content + b"# late\n"}, "2021-09-02T10:00")
    assert rehearsal.checks("too-late", "zz-kx", "2021-09-02T10:00")[1] == 1

    # 投票: members vote within the window; one votes for someone else (refused); one is merged late.
    members = sorted(member_logins)
    voters, late_voter = members[:8], members[8]
    for index, member in enumerate(voters):
        votes = {type_id: ids[:2] if index % 3 else ids[1:3] for type_id, ids in applications.items()}
        branch = f"ballot-{member}"
        rehearsal.propose(
            member, branch, {f"{ROUND}/ballots/{member}.yaml": ballot(member, votes)}, "2021-09-12T10:00"
        )
        assert rehearsal.checks(branch, member_logins[member], "2021-09-12T10:00")[:2] == (0, 0)
        rehearsal.merge(branch, "2021-09-13T10:00")
    other = members[9]
    rehearsal.propose(
        late_voter, "vote-for-other", {f"{ROUND}/ballots/{other}.yaml": ballot(other, {})}, "2021-09-14T10:00"
    )
    assert rehearsal.checks("vote-for-other", member_logins[late_voter], "2021-09-14T10:00")[1] == 1
    late = {
        f"{ROUND}/ballots/{late_voter}.yaml": ballot(
            late_voter, {"yiye-yihui": applications["yiye-yihui"][:1]}
        )
    }
    rehearsal.propose(late_voter, "late-ballot", late, "2021-09-18T10:00")
    assert rehearsal.checks("late-ballot", member_logins[late_voter], "2021-09-18T10:00")[1] == 1
    rehearsal.merge("late-ballot", "2021-09-18T11:00")  # merged anyway: the tally must not count it

    office = rehearsal.office
    during = run_kczy("tally", "--now", "2021-09-15T10:00", cwd=office)
    assert during.returncode == 0 and "截止前不显示" in during.stdout  # no partial results before the close
    assert not any(app in during.stdout for ids in applications.values() for app in ids)

    # 计票 after the close, from the real history.
    tally = run_kczy("tally", "--format", "json", "--now", "2021-09-20T10:00", cwd=office)
    assert tally.returncode == 0, tally.stderr
    result = json.loads(tally.stdout)
    assert result["ballots"]["valid"] == sorted(voters)
    assert [item["file"] for item in result["ballots"]["invalid"]] == [f"{ROUND}/ballots/{late_voter}.yaml"]
    selected = {
        t: [r["application"] for r in result["types"][t]["ranking"] if r["status"] == "selected"]
        for t in TYPES
    }
    assert all(selected[t] for t in TYPES)
    again = run_kczy("tally", "--format", "json", "--now", "2021-09-20T10:00", cwd=office)
    assert again.stdout == tally.stdout

    before_approval = rehearsal.build_site("2021-09-20T10:00")
    assert (before_approval / "2021" / "rules" / "index.html").exists()
    assert not (before_approval / "2021" / "notice" / "index.html").exists()

    # 党组审议: the approval pins the exact tally bytes.
    rehearsal.approve(tally.stdout)
    assert run_kczy("validate", cwd=office).returncode == 0
    assert_tampering_is_caught(office, f"{ROUND}/ballots/{voters[0]}.yaml")
    status = json.loads(
        run_kczy("status", "--format", "json", "--now", "2021-09-27T10:00", cwd=office).stdout
    )
    assert status["stage"] == "notice"
    assert (status["notice"]["first_day"], status["notice"]["last_day"]) == ("2021-09-26", "2021-09-28")
    site = rehearsal.build_site("2021-09-27T10:00")
    notice = (site / "2021" / "notice" / "index.html").read_text("utf-8")
    assert "2021-09-26" in notice and "2021-09-28" in notice
    assert not (site / "2021" / "announcement" / "index.html").exists()

    # 异议: one objection against a selected project, pending; the announcement must wait for it.
    target = selected["yiye-yihui"][0]
    objection = (
        f"received_on: 2021-09-27\napplication: {target}\nsummary: 反映申报材料中的合作单位未实际参与。\n"
        "submitter:\n  name: 演练实名\n  phone: '13800000000'\nadmissible: true\nstatus: pending\n"
    )
    rehearsal.record({f"{ROUND}/objections/o2021-01.yaml": objection}, "登记异议", "2021-09-27T15:00")
    announcement = "published_on: 2021-10-08\ndocument_number: 豫科协〔2021〕99号\ntitle: 演练结果公布\n"
    (office / ROUND / "announcement.yaml").write_text(announcement, "utf-8")
    refused = run_kczy("validate", "--format", "json", cwd=office)
    assert refused.returncode == 1
    assert "announcement.objection-pending" in {f["code"] for f in json.loads(refused.stdout)}
    (office / ROUND / "announcement.yaml").unlink()

    # The objection is upheld: the project leaves the announcement.
    decided = (
        objection.replace("status: pending", "status: upheld")
        + "decision: 经调查属实，取消入选资格。\ndecided_on: 2021-09-30\n"
    )
    rehearsal.record({f"{ROUND}/objections/o2021-01.yaml": decided}, "异议处理决定", "2021-09-30T17:00")
    rehearsal.record({f"{ROUND}/announcement.yaml": announcement}, "发布结果", "2021-10-08T09:00")
    assert run_kczy("validate", cwd=office).returncode == 0
    verify = run_kczy("verify", cwd=office)
    assert verify.returncode == 0, verify.stdout
    status = json.loads(
        run_kczy("status", "--format", "json", "--now", "2021-10-09T10:00", cwd=office).stdout
    )
    assert status["stage"] == "announced"
    site = rehearsal.build_site("2021-10-09T10:00")
    published = (site / "2021" / "announcement" / "index.html").read_text("utf-8")
    titles = {r["application"]: r["title"] for t in TYPES for r in result["types"][t]["ranking"]}
    for type_id in TYPES:
        for application in selected[type_id]:
            assert (titles[application] in published) == (application != target), application


def assert_tampering_is_caught(office: Path, ballot_path: str) -> None:
    """A ballot changed on main after the approval: validation and the site refuse (on a throwaway branch)."""
    git("checkout", "-q", "-b", "tamper", cwd=office)
    path = office / ballot_path
    path.write_text(path.read_text("utf-8") + "# 审议后修改\n", "utf-8")
    git("commit", "-qam", "审议后修改选票", cwd=office, env=dated("2021-09-25T10:00"))
    try:
        result = run_kczy("validate", "--format", "json", cwd=office)
        assert result.returncode == 1
        errors = [f["code"] for f in json.loads(result.stdout) if f["severity"] == "error"]
        assert errors == ["approval.hash-mismatch"]
        build = subprocess.run(
            [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-q", "-d", str(office / "t")],
            cwd=office,
            env={**os.environ, **GIT_ENV, "KCZY_NOW": "2021-09-27T10:00"},
            capture_output=True,
            text=True,
            check=False,
        )
        assert build.returncode != 0 and "approval.hash-mismatch" in build.stdout + build.stderr
    finally:
        git("checkout", "-q", "main", cwd=office)
        git("branch", "-qD", "tamper", cwd=office)
