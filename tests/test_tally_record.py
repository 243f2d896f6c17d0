"""The tally record (issue 12, D3): versioned and wording-free, so an approval stays verifiable.

Every message of the catalog is reworded by a fixture: the record's bytes (the sample's and those of a
round with invalid ballots, invalid votes and notes) do not change and `kczy verify` still passes, while
the text for people does change (its wording comes from the catalog). An approval that names a record
format this kczy does not know is refused in Chinese, never reported as altered.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import PROJECT, copy_project_data, run_kczy
from kczy import messages
from kczy.beijing import BEIJING
from kczy.cli import main
from kczy.tally.count import tally_round
from kczy.tally.report import render_tally_text
from reworded import REWORDED, reworded_catalog
from roundbuilder import PREFIX, dump, make_round, new_repo, round_files

YB, YH = "yiye-yibao", "yiye-yihui"
AFTER = "2030-05-10T17:01"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]")


def messy_round() -> dict[str, bytes]:
    """Invalid ballots, invalid votes of every kind that needs no history, a runoff nobody called, notes."""
    members = {"m1": ["u-aa"], "m2": [], "m3": [], "m4": [], "m5": []}
    applications = {a: (YB, f"u-{a}", []) for a in ("aa", "bb", "cc", "dd")} | {"hh": (YH, "u-hh", [])}
    ballots = {
        "m1": {YB: ["aa", "bb"]},  # aa is m1's own unit: recused
        "m2": {YB: ["aa", "bb", "cc", "dd"]},  # over the limit of 3
        "m3": {YB: ["nope", "hh", "bb", "bb"]},  # unknown, another type's, repeated
    }
    runoff = {1: {"m1": {YB: ["bb"]}}}  # nobody called it
    contents = make_round(members, applications, ballots, runoffs=runoff, max_votes={YB: 3})
    contents[PREFIX + "ballots/m4.yaml"] = dump({"member": "m5", "votes": {YB: ["aa"]}})  # not its file
    contents[PREFIX + "ballots/m5.yaml"] = dump({"member": "m5", "votes": ["aa"]})  # fails the schema
    contents[PREFIX + "ballots/x9.yaml"] = dump({"member": "x9", "votes": {YB: ["aa"]}})  # not a member
    return contents


def kczy(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, str]:
    """The real command line, in this process (so that the patched catalog is the one it reads)."""
    capsysbinary.readouterr()
    status = main(list(argv))
    captured = capsysbinary.readouterr()
    return status, captured.out, captured.err.decode("utf-8")


def reword(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every message of the catalog says the same thing in other words."""
    for code, text in reworded_catalog(messages.CATALOG).items():
        monkeypatch.setitem(messages.CATALOG, code, text)


@pytest.fixture
def reworded(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    reword(monkeypatch)
    yield


def wording_in(record: Any, key: str = "") -> list[str]:
    """Every string of the record with a Chinese character, but the titles written in the round's files."""
    if isinstance(record, dict):
        return [text for k, value in record.items() for text in wording_in(value, k)]
    if isinstance(record, list):
        return [text for value in record for text in wording_in(value, key)]
    return [record] if isinstance(record, str) and key != "title" and CJK.search(record) else []


def test_rewording_every_message_changes_no_byte_of_a_messy_rounds_record(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = new_repo(tmp_path / "repo", messy_round())
    status, record, _ = kczy(capsysbinary, "tally", "--repo", str(root), "--format", "json", "--now", AFTER)
    assert status == 0
    data = json.loads(record)
    assert data["format"] == 2 and wording_in(data) == []
    assert {b["reason"]["code"] for b in data["ballots"]["invalid"]} == {
        "tally.ballot.member-mismatch", "tally.ballot.schema", "tally.ballot.not-member",
    }
    assert {v["reason"]["code"] for v in data["invalid_votes"]} == {
        "tally.vote.recused", "tally.vote.over-limit", "tally.vote.unknown", "tally.vote.wrong-type",
        "tally.vote.repeated",
    }
    assert data["runoffs"][0]["ignored"] == {"code": "tally.runoff.not-called", "params": {"number": 1}}
    assert [n["code"] for n in data["notes"]] == ["tally.note.no-history", "tally.note.zero-votes"]
    text = kczy(capsysbinary, "tally", "--repo", str(root), "--now", AFTER)[1].decode("utf-8")
    (root / PREFIX / "approval.yaml").write_text(
        "approved_on: 2030-05-15\nmeeting: 党组会议（测试）\nnotice_starts: 2030-05-16\n"
        f'tally_format: 2\ntally_sha256: "{hashlib.sha256(record).hexdigest()}"\n',
        encoding="utf-8",
    )

    reword(monkeypatch)
    assert kczy(capsysbinary, "tally", "--repo", str(root), "--format", "json", "--now", AFTER)[1] == record
    reworded_text = kczy(capsysbinary, "tally", "--repo", str(root), "--now", AFTER)[1].decode("utf-8")
    assert reworded_text != text
    assert f"{REWORDED}本类赞成了 4 个项目；超过每票上限 3 个" in reworded_text
    assert f"{REWORDED}选票中的评委标识符“m5”与文件名“m4”不一致" in reworded_text
    assert f"- {REWORDED}没有获得任何有效赞成票的项目不入选" in reworded_text
    status, out, err = kczy(capsysbinary, "verify", "--repo", str(root))
    assert status == 0, out.decode() + err
    assert "计票结果与党组审议锁定的哈希值一致" in out.decode("utf-8")


@pytest.mark.usefixtures("reworded")
def test_the_sample_approval_still_verifies_with_every_message_reworded(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    approval = (PROJECT / "submissions" / "2021" / "approval.yaml").read_text(encoding="utf-8")
    pinned = re.search(r'tally_sha256: "([0-9a-f]{64})"', approval)
    assert pinned is not None and "tally_format: 2\n" in approval
    status, record, _ = kczy(capsysbinary, "tally", "--repo", str(PROJECT), "--format", "json")
    assert status == 0 and hashlib.sha256(record).hexdigest() == pinned[1]
    assert wording_in(json.loads(record)) == []
    text = kczy(capsysbinary, "tally", "--repo", str(PROJECT))[1].decode("utf-8")
    assert f"- {REWORDED}本轮是示例数据" in text
    status, out, err = kczy(capsysbinary, "verify", "--repo", str(PROJECT))
    assert status == 0, out.decode() + err


def test_an_approval_of_an_unknown_record_format_is_refused_not_called_altered(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    approval = root / "submissions" / "2021" / "approval.yaml"
    approval.write_text(approval.read_text("utf-8").replace("tally_format: 2", "tally_format: 3"), "utf-8")
    verified = run_kczy("verify", cwd=root)
    assert verified.returncode == 2
    assert "submissions/2021/approval.yaml：审议记录写明计票记录的格式是 3（tally_format）" in verified.stderr
    assert "只会计算格式 2 的计票记录" in verified.stderr and "这不表示计票结果被改动" in verified.stderr
    assert "不一致" not in verified.stdout + verified.stderr
    validated = run_kczy("validate", "--format", "json", cwd=root)
    found = [(f["file"], f["line"], f["column"], f["code"]) for f in json.loads(validated.stdout)
             if f["severity"] == "error"]
    assert found == [("submissions/2021/approval.yaml", 7, 15, "approval.tally-format-unknown")]
    assert validated.returncode == 1


@pytest.mark.parametrize("written", ['"2"', "true", "[2]"])
def test_a_format_that_is_no_number_is_unreadable_not_an_unknown_format(tmp_path: Path, written: str) -> None:
    """`tally_format: "2"` is a mistake in approval.yaml (exit 1, ✗), not a format a later kczy would know:
    verify said 格式是 2 … 只会计算格式 2 … 请用认识格式 2 的 kczy 版本 and stopped with exit 2."""
    root = copy_project_data(tmp_path / "repo")
    approval = root / "submissions" / "2021" / "approval.yaml"
    text = approval.read_text("utf-8").replace("tally_format: 2", f"tally_format: {written}")
    approval.write_text(text, "utf-8")
    verified = run_kczy("verify", cwd=root)
    assert verified.returncode == 1, verified.stderr
    assert "✗ 党组审议记录（approval.yaml）无法读取或缺少 tally_sha256、tally_format" in verified.stdout
    assert "tally-format" not in verified.stderr and "格式是" not in verified.stdout + verified.stderr


def test_an_approval_written_by_kczy_approve_names_its_record_format(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo", messy_round())
    approved = run_kczy("approve", "--meeting", "党组会议（测试）", "--date", "2030-05-15",
                        "--notice-starts", "2030-05-16", "--now", "2030-05-15T10:00", cwd=root)
    assert approved.returncode == 0, approved.stderr
    written = (root / PREFIX / "approval.yaml").read_text("utf-8")
    assert "\ntally_format: 2\n" in written
    assert run_kczy("verify", cwd=root).returncode == 0


def test_a_sealed_rounds_public_text_keeps_the_code_but_not_the_place_of_a_schema_problem() -> None:
    """The public text of a sealed round names no place inside an opened ballot (it would hint at what
    was written there); the code is the record's own, so text and record still read alike."""
    contents = messy_round()
    outcome = tally_round(round_files(contents))
    public = render_tally_text(outcome, detail=False)
    full = render_tally_text(outcome)
    line = f"{PREFIX}ballots/m5.yaml：选票（打开后的）内容不符合格式，整张无效（tally.ballot.schema）"
    assert line in public.splitlines()
    assert f"{PREFIX}ballots/m5.yaml：选票不符合格式要求（第 3 行第 11 列：schema.type；" in full
    assert "m2 → aa" in full and "m2 → aa" not in public


def test_rewording_every_message_rewords_the_sites_pages_but_not_the_record(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages' own wording (headings, the timeline, the how-to, the lists' columns, the feed) comes from
    the catalog (D7): reworded, every page of the public site says it in other words, and the record the
    approval pins stays the same bytes."""
    from kczy.site.read import build_site

    now = datetime.datetime(2021, 10, 20, 10, 0, tzinfo=BEIJING)
    before = build_site(PROJECT, "public", now)
    record = kczy(capsysbinary, "tally", "--repo", str(PROJECT), "--format", "json")[1]
    reword(monkeypatch)
    after = build_site(PROJECT, "public", now)
    assert sorted(after.pages) == sorted(before.pages)
    banner = f"{REWORDED}本轮是随软件发布的演示数据"
    for path, page in after.pages.items():
        assert page != before.pages[path] and banner in page, path
        assert page.replace(banner, "").count(REWORDED) > 0, path
    home, notice = after.pages["index.md"], after.pages["2021/notice.md"]
    assert f"## {REWORDED}时间安排" in home and f"| {REWORDED}环节 |" in home
    assert f"**{REWORDED}公示期：" in notice and f"## {REWORDED}拟入选项目名单" in notice
    assert after.nav != before.nav and after.footer != before.footer
    assert after.files["2021/notice.csv"] != before.files["2021/notice.csv"]
    for document in ("2021/2021-notice", "2021/2021-announcement"):  # the official documents' sentences
        for suffix in (".docx", ".pdf"):
            assert after.files[document + suffix] != before.files[document + suffix], document + suffix
    assert f"<title>{REWORDED}“科创中原”".encode() in after.files["feed.xml"]
    assert kczy(capsysbinary, "tally", "--repo", str(PROJECT), "--format", "json")[1] == record


def test_rewording_every_message_rewords_every_page_of_the_reading_room(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reading room's wording (banner, checklist, evidence, ballot page) is the catalog's."""
    from kczy.repo import read_work_tree
    from kczy.site.reading import render_reading_room

    before = render_reading_room([read_work_tree(PROJECT).round_files("2021")])
    reword(monkeypatch)
    after = render_reading_room([read_work_tree(PROJECT).round_files("2021")])
    assert sorted(after.pages) == sorted(before.pages)
    for path, page in after.pages.items():
        assert page != before.pages[path] and f"{REWORDED}本站仅供评审委员会阅读" in page, path
    assert f"## {REWORDED}佐证材料" in "".join(after.pages.values())
    assert f"## {REWORDED}评审标准核对" in after.pages["2021/applications/yqdj-muye-dianchi.md"]
    assert after.nav != before.nav
