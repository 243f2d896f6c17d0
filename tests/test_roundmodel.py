"""The round's settings read once (kczy.roundmodel): one set of defaults, and a round.yaml that cannot be
read stops every command with its findings (file:line:column, Chinese), never a traceback."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import PROJECT, SAMPLE_YEAR, copy_project_data, git, run_kczy
from kczy.findings import Finding
from kczy.repo import read_schemas
from kczy.roundfiles import RoundFiles
from kczy.roundmodel import DEFAULT_MAX_APPLICATION_BYTES, DEFAULT_MAX_FILE_BYTES
from test_site import build, site_repo

ROUND = f"submissions/{SAMPLE_YEAR}/round.yaml"
SAMPLE_ROUND = (PROJECT / ROUND).read_text("utf-8")


def round_files(text: str | None) -> RoundFiles:
    contents = {} if text is None else {ROUND: text.encode("utf-8")}
    return RoundFiles(SAMPLE_YEAR, contents, read_schemas(PROJECT))


def with_line(after: str, line: str, text: str = SAMPLE_ROUND) -> str:
    """The sample's round.yaml with `line` inserted after the first line that is `after`."""
    lines = text.splitlines(keepends=True)
    index = next(i for i, each in enumerate(lines) if each.rstrip("\n") == after)
    return "".join([*lines[: index + 1], line + "\n", *lines[index + 1 :]])


def places(findings: tuple[Finding, ...]) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.code) for f in findings]


def test_the_sample_rounds_settings_with_their_one_set_of_defaults() -> None:
    settings = round_files(SAMPLE_ROUND).settings
    assert settings.year == SAMPLE_YEAR and settings.sample is True
    assert list(settings.types) == ["yishi-yipin", "yiye-yibao", "yiqi-yiduijie", "yiye-yihui", "yiye-yituan"]
    yibao = settings.types["yiye-yibao"]
    assert (yibao.quota, yibao.max_votes, yibao.max_per_unit) == (2, 2, 1)  # max_votes defaults to the quota
    assert settings.schedule.voting_closes.isoformat() == "2021-09-17T17:00:00+08:00"
    assert settings.schedule.written["voting_closes"] == "2021-09-17T17:00+08:00"
    assert list(settings.schedule.as_dict()) == [
        "applications_open", "applications_close", "voting_opens", "voting_closes"
    ]
    assert (settings.notice.days, settings.notice.count) == (3, "calendar")
    assert settings.notice.contact.postcode == "450000"
    assert (settings.voting.quorum, settings.voting.threshold, settings.voting.show_counts) == (
        "majority", "majority", True
    )
    assert not settings.voting.sealed and not settings.voting.signed
    assert settings.voting.tally_recipient is None
    assert (settings.attachments.max_file_bytes, settings.attachments.max_application_bytes) == (
        DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_APPLICATION_BYTES
    )
    assert settings.secretariat.logins == ("hnkx-secretariat", "hnkx-xueshu")
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.types["yiye-yibao"].quota = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        settings.types["new"] = yibao  # type: ignore[index]


def test_written_settings_win_over_the_defaults() -> None:
    text = with_line("    quota: 2", "    max_votes: 1\n    max_per_unit: 3")
    text += "attachments:\n  max_file_bytes: 1000\n"
    settings = round_files(text).settings
    first = settings.types["yishi-yipin"]
    assert (first.quota, first.max_votes, first.max_per_unit) == (2, 1, 3)
    assert settings.types["yiye-yibao"].max_votes == 2
    assert settings.attachments.max_file_bytes == 1000
    assert settings.attachments.max_application_bytes == DEFAULT_MAX_APPLICATION_BYTES


BROKEN = {
    "max-votes-in-words": (with_line("    quota: 2", "    max_votes: two"), [(20, 16, "schema.type")]),
    "negative-quota": (SAMPLE_ROUND.replace("quota: 2", "quota: -1", 1), [(19, 12, "schema.minimum")]),
    "schedule-not-a-time": (
        SAMPLE_ROUND.replace('voting_opens: "2021-09-10T09:00+08:00"', "voting_opens: 九月十日"),
        [(31, 17, "schema.pattern")],
    ),
    "schedule-not-on-the-calendar": (
        SAMPLE_ROUND.replace("2021-09-10T09:00", "2021-09-31T09:00"),
        [(31, 17, "round.schedule-no-such-time")],
    ),
    "schedule-out-of-order": (
        SAMPLE_ROUND.replace("2021-09-10T09:00", "2021-09-20T09:00"),
        [(32, 18, "round.schedule-order")],
    ),
    "not-a-mapping": ("- year: 2021\n", [(1, 1, "yaml.not-mapping")]),
    "types-not-a-mapping": (
        SAMPLE_ROUND.replace("types:\n", "types: 五类\nold_types:\n", 1), None
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_round_yaml_that_cannot_be_read_gives_findings_and_no_settings(case: str) -> None:
    text, expected = BROKEN[case]
    reading = round_files(text).reading
    assert reading.settings is None
    assert reading.findings and all(f.path == ROUND and f.severity == "error" for f in reading.findings)
    for finding in reading.findings:
        assert "\n" not in finding.message and any("\u4e00" <= c <= "\u9fff" for c in finding.message)
    if expected is not None:
        assert places(reading.findings)[: len(expected)] == expected


def test_a_missing_round_yaml_is_a_finding() -> None:
    reading = round_files(None).reading
    assert reading.settings is None
    assert places(reading.findings) == [(1, 1, "cross.missing-registry")]


def test_max_votes_has_one_default_in_the_code() -> None:
    """`max_votes` is read in kczy.roundmodel only: every other module asks the settings."""
    readers = sorted(
        path.relative_to(PROJECT / "src").as_posix()
        for path in (PROJECT / "src" / "kczy").rglob("*.py")
        if 'get("max_votes"' in path.read_text("utf-8")
    )
    assert readers == ["kczy/roundmodel.py"]


# ------------------------------------------------------------------------------------- every command

COMMANDS = {
    "validate": ["validate"],
    "status": ["status"],
    "tally": ["tally"],
    "verify": ["verify"],
    "approve": ["approve", "--meeting", "省科协党组会议（2021年第16次）", "--date", "2021-09-28",
                "--notice-starts", "2021-09-30", "--now", "2021-09-29T10:00"],
    "site": ["site", "{out}"],
    "site-reading-room": ["site", "{out}", "-f", "mkdocs.internal.yml"],
    "dossier": ["dossier", "--output", "{out}"],
    "documents": ["documents", "--output", "{out}"],
    "new-application": ["new", "application", "--type", "yiye-yihui", "--unit", "ly-kx", "--id", "yyyh-x"],
    "new-ballot": ["new", "ballot", "--member", "zhang-weimin"],
    "codeowners": ["codeowners"],
}


@pytest.fixture(scope="module")
def broken_round(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample round in a git repository whose round.yaml says `max_votes: two` (line 20, column 16)."""
    root = site_repo(tmp_path_factory.mktemp("broken") / "repo")
    (root / ROUND).write_text(BROKEN["max-votes-in-words"][0], "utf-8")
    (root / f"submissions/{SAMPLE_YEAR}/approval.yaml").unlink()  # so that approve gets as far as reading
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "broken round", cwd=root)
    return root


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_stops_at_a_round_that_cannot_be_read(
    broken_round: Path, tmp_path: Path, command: str
) -> None:
    args = [arg.replace("{out}", str(tmp_path / "out")) for arg in COMMANDS[command]]
    result = run_kczy(*args, "--repo", str(broken_round), cwd=broken_round)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"{ROUND}:20:16: “每票可选上限”（types.yishi-yipin.max_votes）应为整数" in output
    assert "Traceback" not in output and "程序内部出错" not in output
    if command != "validate":
        assert "无法读取本轮的设置" in result.stderr
    assert not (tmp_path / "out").exists() or command == "validate"
    assert not (broken_round / f"submissions/{SAMPLE_YEAR}/applications/yiye-yihui/yyyh-x.yaml").exists()


def test_the_reading_rooms_mkdocs_build_reports_the_findings(broken_round: Path, tmp_path: Path) -> None:
    completed = build(broken_round, tmp_path / "site", "2021-09-20T10:00", "mkdocs.internal.yml")
    assert completed.returncode == 1
    assert f"{ROUND}:20:16:" in completed.stderr and "无法读取本轮的设置" in completed.stderr
    assert "Traceback" not in completed.stderr


@pytest.mark.parametrize("case", ["negative-quota", "schedule-not-a-time", "not-a-mapping"])
def test_status_names_the_place_of_each_kind_of_unreadable_setting(tmp_path: Path, case: str) -> None:
    root = copy_project_data(tmp_path / "repo")
    text, expected = BROKEN[case]
    (root / ROUND).write_text(text, "utf-8")
    result = run_kczy("status", "--repo", str(root), cwd=root)
    assert result.returncode == 1
    assert expected is not None
    line, column, code = expected[0]
    assert f"{ROUND}:{line}:{column}:" in result.stderr and f"（{code}）" in result.stderr
    assert "Traceback" not in result.stderr
