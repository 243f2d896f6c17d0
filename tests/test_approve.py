"""`kczy approve` through the real command: the approval record written with the right hash, or refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from conftest import git, run_kczy
from gitrounds import origin_and_clone
from roundbuilder import PREFIX, make_round

EXISTS = "文件已经存在，不会覆盖（new.exists）"

YB = "yiye-yibao"
MEMBERS = {f"m{i}": [] for i in range(1, 4)}
APPS = {"aa": (YB, "u-aa", []), "bb": (YB, "u-bb", [])}
BALLOTS = {"m1": {YB: ["aa"]}, "m2": {YB: ["aa", "bb"]}, "m3": {YB: ["bb"]}}
MEETING = "省科协党组会议（2030年第9次）"
AFTER_CLOSE = "2030-05-20T10:00"


def repo(tmp_path: Path, apps: dict[str, tuple[str, str, list[str]]] = APPS) -> Path:
    """A clone of a real origin whose main holds the round, its applications and ballots in time."""
    return origin_and_clone(tmp_path, make_round(MEMBERS, apps, BALLOTS), "2030-05-05T10:00")[1]


def approve(root: Path, *extra: str, date: str = "2030-05-15", starts: str = "2030-05-18",
            now: str = AFTER_CLOSE, meeting: str = MEETING) -> tuple[int, str, str]:
    result = run_kczy("approve", "--meeting", meeting, "--date", date, "--notice-starts", starts,
                      "--now", now, *extra, cwd=root)
    return result.returncode, result.stdout, result.stderr


def test_approve_writes_the_hash_that_tally_json_has_and_verify_agrees(tmp_path: Path) -> None:
    root = repo(tmp_path)
    status, out, err = approve(root)
    assert status == 0, err
    tally_json = run_kczy("tally", "--format", "json", "--now", AFTER_CLOSE, cwd=root).stdout
    digest = hashlib.sha256(tally_json.encode("utf-8")).hexdigest()
    written = (root / PREFIX / "approval.yaml").read_text(encoding="utf-8")
    assert f'tally_sha256: "{digest}"' in written
    assert f'meeting: "{MEETING}"' in written and "approved_on: 2030-05-15" in written
    assert digest in out and "2030-05-18 至 2030-05-20" in out
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "审议", cwd=root)
    assert "approval.yaml" not in run_kczy("validate", cwd=root).stdout
    checked = run_kczy("verify", cwd=root)
    assert checked.returncode == 0, checked.stdout
    assert "计票结果与党组审议锁定的哈希值一致" in checked.stdout
    # No announcement yet: verify says the list is still to be published, never "公布名单" as done.
    assert "尚未公布" in checked.stdout and "✓ 公布名单" not in checked.stdout


def test_the_tally_text_leads_with_the_hash_the_approval_needs(tmp_path: Path) -> None:
    root = repo(tmp_path)
    tally_json = run_kczy("tally", "--format", "json", "--now", AFTER_CLOSE, cwd=root).stdout
    text = run_kczy("tally", "--now", AFTER_CLOSE, cwd=root).stdout
    digest = hashlib.sha256(tally_json.encode("utf-8")).hexdigest()
    assert f"计票结果的 SHA-256：{digest}" in text
    assert "不是审议要填的值" in text


def test_approve_refuses_wrong_dates_and_writes_nothing(tmp_path: Path) -> None:
    root = repo(tmp_path)
    target = root / PREFIX / "approval.yaml"
    # Validate's own rules of the approval, with its codes; the clock's refusals beside them.
    cases = {
        "投票尚未截止：2030-05-10 17:00（北京时间）截止，截止后才能记录审议（approve.voting-open）":
            dict(now="2030-05-10T16:59", date="2030-05-10", starts="2030-05-10"),
        "早于投票截止（2030-05-10 17:00，北京时间）": dict(date="2030-05-09", starts="2030-05-12"),
        "早于党组审议通过日期 2030-05-15（approval.notice-before-approval）":
            dict(date="2030-05-15", starts="2030-05-14"),
        "审议日期 2030-05-21 晚于今天（2030-05-20）（new.after-today）":
            dict(date="2030-05-21", starts="2030-05-22"),
        "“审议会议”（meeting）太短": dict(meeting="党组"),
    }
    for expected, options in cases.items():
        status, _, err = approve(root, **options)
        assert status == 1, (expected, err)
        assert expected in err and f"kczy：不能新建 {PREFIX}approval.yaml：" in err, err
        assert not target.exists()


def test_approve_refuses_bad_options_and_an_existing_approval(tmp_path: Path) -> None:
    root = repo(tmp_path)
    status, _, err = approve(root, date="2030-5-15")
    assert status == 2 and "不是日期 YYYY-MM-DD" in err
    for form in ("2030-W20-3", "2030-05-1５"):  # a week date, a full-width digit: not the form
        status, _, err = approve(root, date=form)
        assert status == 2 and "不是日期 YYYY-MM-DD" in err
    assert approve(root)[0] == 0
    before = (root / PREFIX / "approval.yaml").read_bytes()
    status, _, err = approve(root)
    # a file there: the same refusal (and entry) as kczy new, seal and keys
    assert status == 1 and err == f"kczy：不能新建 {PREFIX}approval.yaml：{EXISTS}\n"
    assert (root / PREFIX / "approval.yaml").read_bytes() == before


def test_approve_refuses_when_the_tally_cannot_be_counted(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / PREFIX / "committee.yaml").write_text("members: [\n", encoding="utf-8")
    status, _, err = approve(root)
    assert status == 1 and "无法计票" in err
    assert not (root / PREFIX / "approval.yaml").exists()


def test_a_meeting_name_with_yaml_syntax_stays_one_string(tmp_path: Path) -> None:
    root = repo(tmp_path)
    hostile = '党组会议: "x" # 注释 \\ {a: b}'
    result = run_kczy("approve", "--meeting", hostile, "--date", "2030-05-15", "--notice-starts",
                      "2030-05-18", "--now", AFTER_CLOSE, cwd=root)
    assert result.returncode == 0, result.stderr
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "审议", cwd=root)
    assert "approval.yaml" not in run_kczy("validate", cwd=root).stdout
    data = yaml.safe_load((root / PREFIX / "approval.yaml").read_text(encoding="utf-8"))
    assert data["meeting"] == hostile


def test_validate_refuses_an_approval_dated_before_voting_closed(tmp_path: Path) -> None:
    root = repo(tmp_path)
    assert approve(root)[0] == 0
    path = root / PREFIX / "approval.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("approved_on: 2030-05-15",
                                                             "approved_on: 2030-05-08"), encoding="utf-8")
    result = run_kczy("validate", cwd=root)
    assert result.returncode == 1
    assert "approval.yaml:4:" in result.stdout and "早于投票截止（2030-05-10 17:00" in result.stdout
    assert "approval.before-voting-closed" in result.stdout


def test_verify_remarks_an_admitted_objection_against_a_project_not_on_the_notice(tmp_path: Path) -> None:
    apps = {**APPS, "cc": (YB, "u-cc", [])}  # no vote for cc: never selected, not on the notice
    root = repo(tmp_path, apps)
    assert approve(root)[0] == 0
    (root / PREFIX / "objections").mkdir()
    objection = root / PREFIX / "objections" / "o2030-01.yaml"
    objection.write_text(
        "received_on: 2030-05-19\napplication: cc\nform: 信函\nsummary: 来信反映该项目材料与事实不符。\n"
        "submitter:\n  name: 实名来信人\n  phone: \"13800000000\"\nadmissible: true\nstatus: pending\n",
        encoding="utf-8")
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "审议与异议", cwd=root)
    checked = run_kczy("verify", cwd=root)
    assert checked.returncode == 1
    assert "异议 o2030-01 针对的项目“cc”不在公示名单中，却登记为受理" in checked.stdout
    objection.write_text(objection.read_text(encoding="utf-8").replace("admissible: true",
                                                                       "admissible: out-of-scope"),
                         encoding="utf-8")
    assert run_kczy("verify", cwd=root).returncode == 0


def test_a_meeting_name_with_a_character_beyond_the_basic_plane_is_kept(tmp_path: Path) -> None:
    root = repo(tmp_path)
    meeting = "省科协党组会议\U000e0001（第9次）\u0007"  # invisible characters are written as escapes
    result = run_kczy("approve", "--meeting", meeting, "--date", "2030-05-15", "--notice-starts",
                      "2030-05-18", "--now", AFTER_CLOSE, cwd=root)
    assert result.returncode == 0, result.stderr
    text = (root / PREFIX / "approval.yaml").read_text(encoding="utf-8")
    assert "\\U000e0001" in text and "\\u0007" in text
    assert yaml.safe_load(text)["meeting"] == meeting
