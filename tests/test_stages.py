"""The round's stages and the rules of the last step, on the sample round with records added."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from conftest import PROJECT, SAMPLE_YEAR, copy_project_data, run_kczy
from kczy.beijing import BEIJING
from kczy.publication import check_announcement, check_objection
from kczy.repo import read_schemas
from kczy.roundfiles import RoundFiles
from kczy.stages import StageError, compute_timeline
from kczy.validate import check_round

PREFIX = f"submissions/{SAMPLE_YEAR}/"
QUOTE = '"'
APPROVAL = """\
approved_on: "2021-09-28"
meeting: 省科协党组会议（2021年第16次）
notice_starts: "2021-09-30"
tally_format: 2
tally_sha256: "0000000000000000000000000000000000000000000000000000000000000000"
"""
ANNOUNCEMENT = """\
published_on: "2021-10-15"
document_number: 豫科协〔2021〕58号
title: 关于公布2021年度“科创中原”科技经济融合行动项目名单的通知
"""


def objection(
    received: str, status: str = "pending", decided: str | None = None, admissible: str = "true"
) -> str:
    text = f"""\
received_on: "{received}"
application: ysyp-luoyang-zhuangbei
summary: 对项目所报的合作单位情况提出异议，请求核实。
admissible: {admissible}
status: {status}
"""
    if decided:
        text += f'decision: 经核实，合作单位情况属实，异议不成立。\ndecided_on: "{decided}"\n'
    return text


def sample_contents() -> dict[str, bytes]:
    base = PROJECT / "submissions" / SAMPLE_YEAR
    contents = {
        path.relative_to(PROJECT).as_posix(): path.read_bytes()
        for path in sorted(base.rglob("*.yaml"))
    }
    for kind in ("approval", "announcement"):
        contents.pop(f"{PREFIX}{kind}.yaml", None)
    return {path: data for path, data in contents.items() if "/objections/" not in path}


def round_files(extra: dict[str, str], count: str = "calendar") -> RoundFiles:
    contents = sample_contents()
    if count != "calendar":
        contents[f"{PREFIX}round.yaml"] = contents[f"{PREFIX}round.yaml"].replace(
            b"count: calendar", f"count: {count}".encode()
        )
    contents |= {PREFIX + path: text.encode() for path, text in extra.items()}
    return RoundFiles(SAMPLE_YEAR, contents, read_schemas(PROJECT))


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=BEIJING)


RECORDS = {
    "approval.yaml": APPROVAL,
    "objections/yy-001.yaml": objection("2021-10-01", "rejected", "2021-10-12"),
    "announcement.yaml": ANNOUNCEMENT,
}


@pytest.mark.parametrize(
    ("now", "stage"),
    [
        ("2021-07-15T08:59", "upcoming"),
        ("2021-07-15T09:00", "applications"),
        ("2021-08-01T09:00", "applications"),
        ("2021-09-01T09:00", "review"),
        ("2021-09-12T09:00", "voting"),
        ("2021-09-20T09:00", "tally"),
        ("2021-09-29T09:00", "approved"),
        ("2021-09-30T00:00", "notice"),
        ("2021-10-02T23:59", "notice"),
        ("2021-10-03T00:00", "objections"),
        ("2021-10-15T08:00", "announced"),
    ],
)
def test_stage_on_each_day(now: str, stage: str) -> None:
    timeline = compute_timeline(round_files(RECORDS), at(now))
    assert timeline.stage == stage


@pytest.mark.parametrize(
    ("record", "old", "new"),
    [
        ("approval.yaml", 'approved_on: "2021-09-28"', 'approved_on: "20210928"'),
        ("announcement.yaml", 'published_on: "2021-10-15"', 'published_on: "2021-W41-5"'),
    ],
)
def test_a_record_date_not_written_yyyy_mm_dd_stops_the_timeline_in_chinese(
    record: str, old: str, new: str
) -> None:
    """fromisoformat reads 20210928 and 2021-W41-5 as dates: the stage must not rest on a date validate
    refuses (schema.format). An unquoted 20210928 is a number, refused as such (kczy.shapes)."""
    records = {**RECORDS, record: RECORDS[record].replace(old, new)}
    with pytest.raises(StageError) as raised:
        compute_timeline(round_files(records), at("2021-10-20T10:00"))
    key, value = new.split(": ")
    said = f"“{value.strip(QUOTE)}”不是日期：请写作 YYYY-MM-DD（例如 2022-09-24）"
    assert str(raised.value) == f"{PREFIX}{record}：{key}：{said}"
    found = [f.code for f in check_round(round_files(records)) if f.path == PREFIX + record]
    assert found == ["schema.format"]


# What `kczy status` says on each day of the sample round: the stage with the date of its own event.
STATUS_LINES = [
    ("2021-07-01T09:00", "upcoming", "当前阶段：申报尚未开始，2021-07-15 09:00（北京时间）开始申报"),
    ("2021-08-01T09:00", "applications", "当前阶段：申报，2021-08-31 17:30（北京时间）截止"),
    ("2021-09-01T09:00", "review",
     "当前阶段：形式审查与评审阅读，申报已于 2021-08-31 17:30（北京时间）截止，"
     "2021-09-10 09:00（北京时间）开始投票"),
    ("2021-09-12T09:00", "voting", "当前阶段：投票，2021-09-17 17:00（北京时间）截止"),
    ("2021-09-20T09:00", "tally", "当前阶段：计票与党组审议，投票已于 2021-09-17 17:00（北京时间）截止"),
    ("2026-01-01T09:00", "announced", "当前阶段：结果已公布，2021-10-15 公布"),
]


@pytest.mark.parametrize(("now", "stage", "line"), STATUS_LINES, ids=[s[1] for s in STATUS_LINES])
def test_status_says_the_stage_in_chinese_with_its_own_date(now: str, stage: str, line: str) -> None:
    text = run_kczy("status", "--now", now, cwd=PROJECT)
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[1] == line
    assert "开始申报：2021-07-15 09:00（北京时间）" in text.stdout and ":00:00" not in text.stdout
    data = json.loads(run_kczy("status", "--now", now, "--format", "json", cwd=PROJECT).stdout)
    assert data["stage"] == stage


def test_a_decision_counts_only_from_its_day() -> None:
    timeline = compute_timeline(round_files(RECORDS), at("2021-10-05T09:00"))
    assert [o.status for o in timeline.objections] == ["pending"]
    later = compute_timeline(round_files(RECORDS), at("2021-10-12T09:00"))
    assert [o.status for o in later.objections] == ["rejected"]


def test_working_days_span_national_day() -> None:
    timeline = compute_timeline(round_files(RECORDS, count="workdays"), at("2021-10-08T09:00"))
    assert timeline.stage == "notice"
    assert timeline.as_json()["notice"] | {"days": 0} == {
        "first_day": "2021-09-30", "last_day": "2021-10-09", "days": 0, "count": "workdays",
    }


PUBLICATION_CODES = ("objection.", "announcement.", "approval.notice-", "notice.")


def codes(files: RoundFiles) -> list[tuple[str, str]]:
    """The errors of the publication rules (the tally pin and attachments are checked elsewhere)."""
    return [
        (f.path.removeprefix(PREFIX), f.code)
        for f in check_round(files)
        if f.severity == "error" and f.code.startswith(PUBLICATION_CODES)
    ]


def test_the_records_of_a_clean_round_pass() -> None:
    assert codes(round_files(RECORDS)) == []


def test_a_late_objection_must_be_marked_late() -> None:
    files = round_files({"approval.yaml": APPROVAL, "objections/yy-002.yaml": objection("2021-10-03")})
    assert codes(files) == [("objections/yy-002.yaml", "objection.late")]
    late = objection("2021-10-03", admissible="late")
    assert codes(round_files({"approval.yaml": APPROVAL, "objections/yy-002.yaml": late})) == []
    not_late = objection("2021-10-02", admissible="late")
    wrongly = round_files({"approval.yaml": APPROVAL, "objections/yy-002.yaml": not_late})
    assert codes(wrongly) == [("objections/yy-002.yaml", "objection.not-late")]


def test_an_objection_needs_a_notice() -> None:
    files = round_files({"objections/yy-002.yaml": objection("2021-10-01")})
    assert codes(files) == [("objections/yy-002.yaml", "objection.no-notice")]


def test_the_announcement_waits_for_the_period_and_the_objections() -> None:
    early = ANNOUNCEMENT.replace("2021-10-15", "2021-10-02")
    files = round_files({"approval.yaml": APPROVAL, "announcement.yaml": early})
    assert codes(files) == [("announcement.yaml", "announcement.notice-not-over")]
    pending = round_files({**RECORDS, "objections/yy-001.yaml": objection("2021-10-01")})
    assert codes(pending) == [("announcement.yaml", "announcement.objection-pending")]
    upheld_late = objection("2021-10-01", "upheld", "2021-10-20")
    decided_late = round_files({**RECORDS, "objections/yy-001.yaml": upheld_late})
    assert codes(decided_late) == [("announcement.yaml", "announcement.decided-after")]
    alone = round_files({"announcement.yaml": ANNOUNCEMENT})
    assert codes(alone) == [("announcement.yaml", "announcement.no-approval")]


def test_an_unknown_calendar_year_is_a_finding_not_a_guess() -> None:
    approval = APPROVAL.replace("2021-09-28", "2030-09-28").replace("2021-09-30", "2030-09-30")
    files = round_files({"approval.yaml": approval, "announcement.yaml": ANNOUNCEMENT}, count="workdays")
    found = [f for f in check_round(files) if f.code == "notice.calendar-unknown"]
    assert [(f.path.removeprefix(PREFIX), f.params["year"]) for f in found] == [
        ("announcement.yaml", 2030), ("approval.yaml", 2030),
    ]
    assert check_objection and check_announcement  # the checks are importable on their own


def test_status_command_json_and_errors(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    for name, text in RECORDS.items():
        path = root / PREFIX / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = run_kczy("status", "--now", "2021-10-01T10:00", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert status["stage"] == "notice"
    assert (status["notice"]["first_day"], status["notice"]["last_day"]) == ("2021-09-30", "2021-10-02")
    text = run_kczy("status", "--now", "2021-10-01T10:00", cwd=root)
    assert "当前阶段：公示，公示期 2021-09-30 至 2021-10-02\n" in text.stdout
    assert "notice" not in text.stdout  # stage names in Chinese; the codes are for --format json
    assert "2021-09-30 至 2021-10-02" in text.stdout
    bad = run_kczy("status", "--now", "yesterday", cwd=root)
    assert bad.returncode == 2 and "--now" in bad.stderr
    round_yaml = root / PREFIX / "round.yaml"
    round_yaml.write_text(
        round_yaml.read_text("utf-8").replace("count: calendar", "count: workdays"), encoding="utf-8"
    )
    approval = APPROVAL.replace("2021-09-30", "2031-09-30")
    (root / PREFIX / "approval.yaml").write_text(approval, encoding="utf-8")
    unknown = run_kczy("status", "--now", "2021-10-01T10:00", cwd=root)
    assert unknown.returncode == 1 and "2031" in unknown.stderr and "notice.calendar" in unknown.stderr


@pytest.mark.parametrize(
    ("old", "new", "code", "line"),
    [
        ("days: 3", "days: 100000", "schema.maximum", "round.yaml:34:"),
        ("notice_starts: 2021-09-26", "notice_starts: 9999-12-31", "", ""),
    ],
    ids=["notice-too-long", "notice-at-the-end-of-time"],
)
def test_an_impossible_notice_period_is_an_error_not_a_traceback(
    sample_repo: Path, old: str, new: str, code: str, line: str
) -> None:
    for name in ("round.yaml", "approval.yaml"):
        path = sample_repo / PREFIX / name
        path.write_text(path.read_text("utf-8").replace(old, new), encoding="utf-8")
    validate = run_kczy("validate", "--format", "json", cwd=sample_repo)
    found = {
        (f["file"].removeprefix(PREFIX) + f":{f['line']}:", f["code"]) for f in json.loads(validate.stdout)
    }
    assert not code or (line, code) in found
    status = run_kczy("status", "--now", "2021-09-27T10:00", cwd=sample_repo)
    assert status.returncode == 1 and "notice" in status.stderr


def test_whole_numbers_written_with_a_decimal_point_mean_the_same_everywhere(sample_repo: Path) -> None:
    # JSON Schema counts 3.0 as an integer, so validate accepts it: status and tally must read it alike.
    path = sample_repo / PREFIX / "round.yaml"
    text = path.read_text("utf-8").replace("days: 3", "days: 3.0").replace("quota: 2", "quota: 2.0", 1)
    path.write_text(text, encoding="utf-8")
    tally = run_kczy("tally", "--format", "json", cwd=sample_repo)
    assert json.loads(tally.stdout)["types"]["yishi-yipin"]["quota"] == 2
    status = run_kczy("status", "--now", "2021-09-27T10:00", "--format", "json", cwd=sample_repo)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["notice"]["last_day"] == "2021-09-28"


def test_a_notice_period_past_the_calendar_has_one_verdict_in_every_command(sample_repo: Path) -> None:
    """validate, verify, status and the site build all refuse the notice period status cannot compute."""
    path = sample_repo / PREFIX / "approval.yaml"
    path.write_text(path.read_text("utf-8").replace("notice_starts: 2021-09-26", "notice_starts: 9999-12-30"),
                    encoding="utf-8")
    validate = run_kczy("validate", "--format", "json", cwd=sample_repo)
    assert validate.returncode == 1
    found = [(f["file"], f["line"], f["code"]) for f in json.loads(validate.stdout)]
    assert (PREFIX + "approval.yaml", 6, "notice.beyond-calendar") in found
    verify = run_kczy("verify", cwd=sample_repo)
    assert verify.returncode == 1 and "✗ 公示期无法计算" in verify.stdout and "9999-12-30" in verify.stdout
    status = run_kczy("status", "--now", "2021-09-27T10:00", cwd=sample_repo)
    assert status.returncode == 1 and "approval.yaml" in status.stderr and "9999-12-30" in status.stderr
    for result in (validate, verify, status):
        assert "Traceback" not in result.stderr
