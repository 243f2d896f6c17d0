"""A whole round rehearsed on real git: a bare origin, the secretariat's clone, units' and members' clones.

Units push branches, the checks decide as CI would (`kczy validate` on the changed files and
`kczy check-pr` against the base), the secretariat merges with dated commits, members vote, and the
tally, approval, notice, an objection and the announcement follow with the clock moving through the
round. The public site is built at each stage.

Then year after year (issue 12): the shipped sample retired, 2022 opened by `kczy new round` and run to its
announcement with the commands OPERATIONS' walkthrough gives, 2023 opened the same way; every message of
the catalog reworded and a 2023 criterion changed, and nothing about 2021 and 2022 moves.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
import yaml

from conftest import GIT_ENV, PROJECT, Result, git, run_kczy
from reworded import REWORDED
from test_operations_walkthrough import block_commands, walkthrough

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
    """A bare origin and the secretariat's clone; `submissions` writes the rounds of the first commit
    (by default the sample's settings and people as a real round 2021, with nothing submitted yet)."""

    def __init__(
        self, base: Path, submissions: Callable[[Path], None] | None = None, when: str = "2021-07-01T09:00"
    ) -> None:
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
        (submissions or real_2021_round)(self.office)
        git("init", "-q", "-b", "main", cwd=self.office)
        git("remote", "add", "origin", str(self.origin), cwd=self.office)
        git("add", "-A", cwd=self.office)
        git("commit", "-qm", "评审仓库", cwd=self.office, env=dated(when))
        git("push", "-q", "origin", "main", cwd=self.office)

    def clone(self, name: str) -> Path:
        path = self.base / name
        if not path.exists():
            git("clone", "-q", str(self.origin), str(path), cwd=self.base)
        else:
            git("checkout", "-q", "main", cwd=path)
            git("pull", "-q", "--ff-only", cwd=path)
        return path

    def propose(self, who: str, branch: str, files: Mapping[str, bytes | None], when: str) -> None:
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
        changed = [path for path in changed if path.startswith("submissions/")]  # not CODEOWNERS
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


def real_2021_round(office: Path) -> None:
    """The sample's settings and registries as a real round, with no application, ballot or record yet."""
    target = office / ROUND
    target.mkdir(parents=True)
    round_config = (SAMPLE / "round.yaml").read_text("utf-8").replace("sample: true", "sample: false")
    (target / "round.yaml").write_text(round_config, "utf-8")
    for name in ("units.yaml", "committee.yaml"):
        shutil.copy(SAMPLE / name, target / name)


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
    rehearsal = Rehearsal(tmp_path, real_2021_round, "2021-07-01T09:00")
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


# --- Year after year: three rounds on one repository (issue 12) ---------------------------------------

OFFICE = "hnkx-office"  # the real secretariat's account (the sample's accounts grant nothing)
Y22, Y23 = "submissions/2022", "submissions/2023"
REWORDING_KCZY = Path(__file__).with_name("reworded.py")  # `kczy` with every catalog message reworded


def documented(*words: str) -> list[str]:
    """The one `kczy` line of OPERATIONS' walkthrough that starts with `words`, as the secretary types it:
    the rehearsal runs the year with the walkthrough's own commands (adding only `--now`)."""
    found = [argv[1:] for argv in block_commands(walkthrough()) if argv[1 : 1 + len(words)] == list(words)]
    assert len(found) == 1, (words, found)
    return found[0]


def shipped_sample(office: Path) -> None:
    """The repository as kczy ships it: the sample round 2021 and nothing else."""
    shutil.copytree(SAMPLE, office / ROUND)


def typed(path: Path, lines: dict[str, str]) -> None:
    """The secretariat types into a file kczy wrote: each line `old` (there once) becomes `new`."""
    text = path.read_text("utf-8")
    for old, new in lines.items():
        assert text.count(f"\n{old}\n") == 1, old
        text = text.replace(f"\n{old}\n", f"\n{new}\n")
    path.write_text(text, "utf-8")


def schedule_and_contact(year: int) -> dict[str, str]:
    """round.yaml's blanks left by `kczy new round` for the new year, filled in."""
    return {
        "  applications_open:": f'  applications_open: "{year}-07-15T09:00+08:00"',
        "  applications_close:": f'  applications_close: "{year}-08-31T17:30+08:00"',
        "  voting_opens:": f'  voting_opens: "{year}-09-10T09:00+08:00"',
        "  voting_closes:": f'  voting_closes: "{year}-09-17T17:00+08:00"',
        "    office:": "    office: 河南省科协机关纪委",
        "    phone:": '    phone: "0371-65950001"',
        "    email:": "    email: jiwei@kczy.example.org",
        "    address:": "    address: 郑州市金水区政七街 4 号",
        "    postcode:": '    postcode: "450003"',
    }


def registered(name: str, key: str) -> str:
    """A registry of round 2022 written by the secretariat (the people of the sample, as real ones)."""
    items = yaml.safe_load((SAMPLE / name).read_text("utf-8"))[key]
    return yaml.safe_dump({key: items}, allow_unicode=True, sort_keys=False).rstrip("\n")


def at_least(schema: Path, times: int) -> None:
    """A criterion of one type made stricter: at least `times` 协同创新活动 (its text and its constraint)."""
    rules = json.loads(schema.read_text("utf-8"))
    (criterion,) = (c for c in rules["x-criteria"] if c["id"] == "yiye-yihui.5")
    criterion["text"] = f"积极组织产业之间、企业之间的协同创新活动，每年至少 {times} 次。"
    activities = rules["properties"]["activities"]
    activities["minItems"] = times
    activities["description"] = f"已开展或已排定的产业、企业协同创新活动，至少 {times} 次。"
    schema.write_text(json.dumps(rules, ensure_ascii=False, indent=2) + "\n", "utf-8")


def one_more_activity(application: bytes) -> bytes:
    activity = (
        "  - date: 2022-06-18\n    title: 产业技术研究会协同创新座谈会\n    place: 市科技馆报告厅\n"
        "    participants: 40\n    summary: 研究会与 12 家企业座谈，梳理共性技术需求 6 项。\n"
    )
    return application.replace(b"activities:\n", b"activities:\n" + activity.encode("utf-8"), 1)


class Year:
    """The secretariat's steps in a year: real commands, in pull requests it checks and merges."""

    def __init__(self, rehearsal: Rehearsal) -> None:
        self.rehearsal = rehearsal
        self.office = rehearsal.office

    def kczy(self, *args: str, reworded: bool = False) -> Result:
        if not reworded:
            return run_kczy(*args, cwd=self.office)
        completed = subprocess.run(
            [sys.executable, str(REWORDING_KCZY), *args],
            cwd=self.office,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, **GIT_ENV},
            timeout=300,
            check=False,
        )
        assert "Traceback" not in completed.stderr, completed.stderr
        return Result(completed.returncode, completed.stdout, completed.stderr)

    def change(self, branch: str, when: str, work: Callable[[], None], author: str = OFFICE) -> str:
        """The secretariat's pull request: `work` on a branch of main, checked as CI does, merged."""
        git("switch", "-q", "-c", branch, "main", cwd=self.office)
        work()
        git("add", "-A", cwd=self.office)
        git("commit", "-qm", branch, cwd=self.office, env=dated(when))
        git("push", "-q", "origin", branch, cwd=self.office)
        git("switch", "-q", "main", cwd=self.office)
        validate_status, check_status, output = self.rehearsal.checks(branch, author, when)
        assert (validate_status, check_status) == (0, 0), output
        self.rehearsal.merge(branch, when)
        return output

    def written(self, *args: str) -> Callable[[], None]:
        """A step that runs one `kczy` command that writes a file."""

        def step() -> None:
            result = self.kczy(*args)
            assert result.returncode == 0, result.stdout + result.stderr

        return step

    def snapshot(self, now: str) -> tuple[dict[str, bytes], str]:
        """What must never change for the rounds 2021 and 2022 (their validation, tally record and built
        pages), and 2023's rules page, which follows 2023's rules."""
        taken: dict[str, bytes] = {}
        for year in ("2021", "2022"):
            validated = self.kczy("validate", "--round", year, "--format", "json")
            assert validated.returncode == 0, validated.stdout
            taken[f"validate {year}"] = validated.stdout.encode("utf-8")
            tally = self.kczy("tally", "--round", year, "--format", "json", "--now", now)
            assert tally.returncode == 0, tally.stderr
            taken[f"tally {year}"] = tally.stdout.encode("utf-8")
        site = self.rehearsal.build_site(now)
        assert not (site / "2021").exists()  # retired: neither published nor listed
        pages = sorted(p for p in (site / "2022").rglob("*") if p.is_file())
        assert len(pages) > 5
        taken.update({str(p.relative_to(site)): p.read_bytes() for p in pages})
        rules_2023 = (site / "2023" / "rules" / "index.html").read_text("utf-8")
        shutil.rmtree(site)
        return taken, rules_2023


def test_three_rounds_year_after_year(tmp_path: Path) -> None:
    """The sample retired, 2022 run from its opening to its announcement, 2023 opened; then every message
    reworded and a 2023 criterion changed: 2021 and 2022 verify, validate, count and publish as before."""
    rehearsal = Rehearsal(tmp_path, shipped_sample, "2022-06-20T09:00")
    year = Year(rehearsal)
    unit_logins = logins("units.yaml", "units")
    member_logins = logins("committee.yaml", "members")

    # 开启 2022 年度: the rules copied from 2021, blanks that validate reports until they are filled.
    def open_2022() -> None:
        opened = year.kczy(*documented("new", "round", "2022"))
        assert opened.returncode == 0 and "评审规则复制自 2021 年度" in opened.stdout, opened.stderr
        blanks = year.kczy("validate", "--round", "2022")
        assert blanks.returncode == 1 and "（schedule.voting_closes）还没有填写" in blanks.stdout
        typed(
            year.office / Y22 / "round.yaml",
            schedule_and_contact(2022)
            | {
                "  name:": "  name: 河南省科协学会学术部",
                "  logins:": f"  logins:\n    - {OFFICE}",
            },
        )
        for name, key in (("units.yaml", "units"), ("committee.yaml", "members")):
            typed(year.office / Y22 / name, {f"{key}: []": registered(name, key)})
        at_least(year.office / Y22 / "schemas/yiye-yihui.schema.json", 2)
        assert year.kczy("validate", "--round", "2022").returncode == 0
        assert year.kczy("codeowners").returncode == 0

    # The first real round is opened by the maintainers: nobody holds rights while only the sample exists.
    git("switch", "-q", "-c", "open-2022", "main", cwd=year.office)
    open_2022()
    git("add", "-A", cwd=year.office)
    git("commit", "-qm", "开启 2022 年度评审", cwd=year.office, env=dated("2022-07-01T09:00"))
    git("push", "-q", "origin", "open-2022", cwd=year.office)
    git("switch", "-q", "main", cwd=year.office)
    rehearsal.merge("open-2022", "2022-07-01T10:00")
    assert "ysyp-" not in (year.office / Y22 / "units.yaml").read_text("utf-8")
    year.change("retire-2021", "2022-07-02T09:00", year.written(*documented("retire")))
    status = json.loads(year.kczy("status", "--format", "json", "--now", "2022-07-02T10:00").stdout)
    assert status["round"] == "2022" and status["stage"] == "upcoming"

    # 申报: every applicant of two types opens a pull request; 2022's own rule turns one away until mended.
    applications: dict[str, list[str]] = {t: [] for t in TYPES}
    refused_once: list[str] = []
    for type_id in TYPES:
        for path in sorted((SAMPLE / "applications" / type_id).glob("*.yaml")):
            written = yaml.safe_load(path.read_text("utf-8"))
            unit = written["applicant"]
            relative = f"{Y22}/applications/{type_id}/{path.name}"
            content = path.read_bytes()
            branch = f"apply-{path.stem}"
            rehearsal.propose(unit, branch, {relative: content}, "2022-07-20T10:00")
            checked = rehearsal.checks(branch, unit_logins[unit], "2022-07-20T10:00")
            if type_id == "yiye-yihui" and len(written["activities"]) < 2:  # enough in 2021, not in 2022
                assert checked[:2] == (1, 0) and "（activities）至少需要 2 项，现有 1 项" in checked[2]
                branch = f"mend-{path.stem}"
                mended = {relative: one_more_activity(content)}
                rehearsal.propose(unit, branch, mended, "2022-07-21T10:00")
                checked = rehearsal.checks(branch, unit_logins[unit], "2022-07-21T10:00")
                refused_once.append(path.stem)
            assert checked[:2] == (0, 0), checked
            rehearsal.merge(branch, "2022-07-22T09:00")
            applications[type_id].append(path.stem)
    assert refused_once == ["yyyh-jiaozuo", "yyyh-zhumadian"]

    # 投票: eight members vote within the window.
    voters = sorted(member_logins)[:8]
    for index, member in enumerate(voters):
        votes = {type_id: ids[:2] if index % 3 else ids[1:3] for type_id, ids in applications.items()}
        branch = f"ballot-{member}"
        ballot_path = f"{Y22}/ballots/{member}.yaml"
        rehearsal.propose(member, branch, {ballot_path: ballot(member, votes)}, "2022-09-12T10:00")
        assert rehearsal.checks(branch, member_logins[member], "2022-09-12T10:00")[:2] == (0, 0)
        rehearsal.merge(branch, "2022-09-13T10:00")

    # 计票, 党组审议: the approval written by kczy approve pins the record.
    tally = year.kczy("tally", "--format", "json", "--now", "2022-09-20T10:00")
    assert tally.returncode == 0, tally.stderr
    result = json.loads(tally.stdout)
    assert result["ballots"]["valid"] == voters
    selected = {
        t: [r["application"] for r in result["types"][t]["ranking"] if r["status"] == "selected"]
        for t in TYPES
    }
    assert all(selected[t] for t in TYPES), selected
    approve = (*documented("approve"), "--now", "2022-09-23T18:00")
    year.change("approve-2022", "2022-09-23T18:00", year.written(*approve))
    status = json.loads(year.kczy("status", "--format", "json", "--now", "2022-09-27T10:00").stdout)
    assert status["stage"] == "notice"
    assert (status["notice"]["first_day"], status["notice"]["last_day"]) == ("2022-09-26", "2022-09-28")

    # 异议: written by kczy new objection, filled in, then decided (upheld: the project leaves the list).
    receipt = documented("new", "objection")
    target = receipt[receipt.index("--application") + 1]
    assert target in selected["yiye-yihui"]
    objection = year.office / Y22 / "objections/o2022-01.yaml"

    def receive() -> None:
        year.written(*receipt, "--now", "2022-09-27T15:00")()
        typed(
            objection,
            {
                "summary:": "summary: 来信反映申报材料所列协同创新活动未实际举办。",
                "  name:": "  name: 实名来信人",
                "  # phone:": '  phone: "13800009902"',
                "admissible:": "admissible: 受理",
            },
        )

    year.change("objection-2022-01", "2022-09-27T15:00", receive)
    early = year.kczy("new", "announcement", "--date", "2022-10-14", "--now", "2022-10-14T09:00")
    assert early.returncode == 1 and "announcement" not in {p.stem for p in (year.office / Y22).iterdir()}

    def decide() -> None:
        typed(
            objection,
            {
                "status: 待处理": "status: 成立",
                "# decision:": "decision: 经实地核实，异议成立，该项目不列入公布名单。",
                "# decided_on:": "decided_on: 2022-09-30",
            },
        )

    year.change("objection-2022-01-decided", "2022-09-30T17:00", decide)

    # 公布, 核对.
    announce = (*documented("new", "announcement"), "--now", "2022-10-14T09:00")
    year.change("announce-2022", "2022-10-14T09:00", year.written(*announce))
    verified = year.kczy(*documented("verify"))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert f"公示名单减去异议成立的 1 个：{target}" in verified.stdout
    assert year.kczy("validate").returncode == 0

    # 开启 2023 年度 the same way: from 2022, with its rules (the stricter criterion), secretariat, people.
    def open_2023() -> None:
        assert year.kczy(*documented("new", "round", "2023")).returncode == 0
        typed(year.office / Y23 / "round.yaml", schedule_and_contact(2023))
        assert year.kczy("validate", "--round", "2023").returncode == 0
        assert year.kczy("codeowners").returncode == 0

    year.change("open-2023", "2023-07-01T09:00", open_2023)
    for name in ("units.yaml", "committee.yaml", "schemas/yiye-yihui.schema.json"):
        assert (year.office / Y23 / name).read_bytes() == (year.office / Y22 / name).read_bytes(), name

    # Years later, every message of the catalog reworded: the approved rounds still verify, their records
    # are the same bytes, and only the words for people changed.
    now = "2023-07-02T10:00"
    before, rules_before = year.snapshot(now)
    for past in ("2021", "2022"):
        again = year.kczy("verify", "--round", past, reworded=True)
        assert again.returncode == 0, again.stdout + again.stderr
        record = year.kczy("tally", "--round", past, "--format", "json", "--now", now, reworded=True)
        assert record.stdout.encode("utf-8") == before[f"tally {past}"]
    told = year.kczy("tally", "--round", "2021", "--now", now, reworded=True)
    assert told.returncode == 0 and REWORDED in told.stdout  # the rewording reached the command

    # A 2023 criterion changes: nothing about 2021 and 2022 changes, while 2023's pages follow its rules.
    year.change(
        "stricter-2023",
        "2023-07-03T09:00",
        lambda: at_least(year.office / Y23 / "schemas/yiye-yihui.schema.json", 3),
    )
    after, rules_after = year.snapshot(now)
    assert sorted(after) == sorted(before)
    assert [name for name in before if before[name] != after[name]] == []
    assert "每年至少 2 次" in rules_before and "每年至少 3 次" in rules_after
