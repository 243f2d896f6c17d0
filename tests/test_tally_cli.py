"""`kczy tally` through the real command line: formats, the close of voting, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_kczy
from kczy.tally.report import display_width
from roundbuilder import PREFIX, make_round, new_repo

YB = "yiye-yibao"
MEMBERS = {f"m{i}": [] for i in range(1, 4)}
APPS = {"aa": (YB, "u-aa", []), "bb": (YB, "u-bb", []), "cc": (YB, "u-cc", [])}
BALLOTS = {"m1": {YB: ["aa", "bb"]}, "m2": {YB: ["aa"]}, "m3": {YB: ["aa", "zz"]}}
AFTER, BEFORE = "2030-05-10T17:01", "2030-05-10T16:59"


def repo(tmp_path: Path) -> Path:
    return new_repo(tmp_path / "repo", make_round(MEMBERS, APPS, BALLOTS))


def test_before_the_close_only_ballot_counts_are_shown(tmp_path: Path) -> None:
    root = repo(tmp_path)
    text = run_kczy("tally", "--now", BEFORE, cwd=root)
    assert text.returncode == 0
    assert "已收到选票 3 张，其中有效 3 张" in text.stdout and "aa" not in text.stdout
    data = json.loads(run_kczy("tally", "--format", "json", "--now", BEFORE, cwd=root).stdout)
    assert data == {
        "format": 2,
        "round": "2030",
        "partial": True,
        "ballots": {"received": 3, "valid": 3},
        "committee_size": 3,
    }
    csv = run_kczy("tally", "--format", "csv", "--now", BEFORE, cwd=root)
    assert "aa" not in csv.stdout


def test_before_voting_opens_no_ballot_is_said_to_have_arrived(tmp_path: Path) -> None:
    text = run_kczy("tally", "--now", "2030-04-30T10:00", cwd=repo(tmp_path))
    assert text.returncode == 0
    assert text.stdout.startswith("投票尚未开始（2030-05-01 09:00（北京时间）开始，")
    assert "已收到" not in text.stdout and "张" not in text.stdout


def test_show_partial_shows_the_counts_and_is_logged(tmp_path: Path) -> None:
    root = repo(tmp_path)
    result = run_kczy("tally", "--now", BEFORE, "--show-partial", cwd=root)
    assert "--show-partial" in result.stderr and "投票尚未截止" in result.stderr
    assert "项目aa" in result.stdout
    assert run_kczy("tally", "--now", AFTER, cwd=root).stderr == ""


def test_text_table_aligns_chinese_columns(tmp_path: Path) -> None:
    result = run_kczy("tally", "--now", AFTER, cwd=repo(tmp_path))
    lines = result.stdout.splitlines()
    start = lines.index("【“一业一研报”项目】名额 2 个，每票至多赞成 2 个")
    table = lines[start + 1 : start + 6]
    assert table[0].split() == ["名次", "申报编号", "项目名称", "申报单位", "得票", "结果"]
    status_column = {display_width(line) - display_width(line.split()[-1]) for line in table[2:]}
    assert len(status_column) == 1, table
    assert "单位u-aa" in table[2]  # units by their registered names
    assert "m3 → zz（“一业一研报”类）：没有这个申报书，该票无效（tally.vote.unknown）" in lines
    assert "yiye-yibao" not in result.stdout


def test_csv_is_utf8_with_bom_for_excel(tmp_path: Path) -> None:
    root = repo(tmp_path)
    import subprocess
    import sys

    raw = subprocess.run(
        [sys.executable, "-m", "kczy", "tally", "--format", "csv", "--now", AFTER],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout
    assert raw.startswith("\ufeff项目类别,名次,申报编号".encode())
    rows = raw.decode("utf-8-sig").splitlines()
    assert rows[1] == "“一业一研报”项目,1,aa,项目aa,单位u-aa,u-aa,3,,入选"  # the name, and the id beside it


def test_a_broken_committee_stops_the_tally_with_its_place(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / PREFIX / "committee.yaml").write_text("members:\n  - id: m1\n", encoding="utf-8")
    result = run_kczy("tally", "--now", AFTER, cwd=root)
    assert result.returncode == 1
    assert f"{PREFIX}committee.yaml:2:" in result.stderr and "无法计票" in result.stderr


def test_a_missing_committee_stops_the_tally_like_a_missing_round(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / PREFIX / "committee.yaml").unlink()
    for result in (run_kczy("tally", "--now", AFTER, cwd=root), run_kczy("verify", cwd=root)):
        assert result.returncode == 2 and f"{PREFIX}committee.yaml" in result.stderr, result.stdout


def test_unknown_round_is_a_usage_error(tmp_path: Path) -> None:
    result = run_kczy("tally", "--round", "1999", cwd=repo(tmp_path))
    assert result.returncode == 2 and "1999" in result.stderr


def test_runoff_folders_named_with_other_digits_are_not_runoffs(tmp_path: Path) -> None:
    root = repo(tmp_path)
    for number in ("١", "²"):
        folder = root / PREFIX / "runoffs" / number
        folder.mkdir(parents=True)
        (folder / "m1.yaml").write_text('{"member": "m1", "votes": {}}\n', encoding="utf-8")
    result = run_kczy("tally", "--format", "json", "--now", AFTER, cwd=root)
    assert result.returncode == 0 and json.loads(result.stdout)["runoffs"] == []
    validated = run_kczy("validate", "--format", "json", cwd=root)
    assert sum(f["code"] == "layout.unexpected-file" for f in json.loads(validated.stdout)) == 2


def test_an_unreadable_application_stops_the_tally(tmp_path: Path) -> None:
    """Votes for it could not be checked for recusal: the count would be wrong, so there is none."""
    root = repo(tmp_path)
    broken = next((root / PREFIX / "applications").rglob("*.yaml"))
    broken.write_text("type: [\n", encoding="utf-8")
    for result in (run_kczy("tally", "--now", AFTER, cwd=root), run_kczy("verify", cwd=root)):
        assert result.returncode == 1
        assert broken.relative_to(root).as_posix() + ":" in result.stdout + result.stderr
