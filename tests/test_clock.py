"""One time parser for `--now`, `$KCZY_NOW` and round.yaml: the documented form, anything else exit 2."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from conftest import run_kczy
from kczy.beijing import BEIJING, parse_beijing, parse_beijing_time

COMMANDS = {
    "status": ("status",),
    "tally": ("tally",),
    "check-pr": ("check-pr", "--base", "HEAD", "--head", "HEAD", "--author", "someone"),
}
REFUSED = ["9999-12-31T23:59-01:00", "2021-W40-1", "20211015", "2021-10-15T10:00Z", "2021-10-15 10:00",
           "2021-10-15", "2021-02-30T10:00", "yesterday"]


@pytest.mark.parametrize("text", REFUSED)
def test_undocumented_forms_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_beijing_time(text)
    assert parse_beijing(text) is None


def test_the_documented_forms() -> None:
    expected = datetime.datetime(2021, 9, 17, 17, 0, tzinfo=BEIJING)
    for text in ("2021-09-17T17:00", "2021-09-17T17:00+08:00", "2021-09-17T17:00:00+08:00"):
        assert parse_beijing_time(text) == expected
    assert parse_beijing_time("9999-12-31T23:59").utcoffset() == datetime.timedelta(hours=8)


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("text", ["9999-12-31T23:59-01:00", "2021-W40-1", "20211015"])
@pytest.mark.parametrize("where", ["option", "environment"])
def test_a_bad_now_is_a_usage_error_in_every_command(
    sample_repo: Path, command: str, text: str, where: str
) -> None:
    args = [*COMMANDS[command], "--now", text] if where == "option" else list(COMMANDS[command])
    env = {"KCZY_NOW": text} if where == "environment" else None
    result = run_kczy(*args, cwd=sample_repo, env=env)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    assert f"“{text}”不是北京时间 YYYY-MM-DDTHH:MM" in result.stderr
    assert ("--now" if where == "option" else "KCZY_NOW") in result.stderr


@pytest.mark.parametrize("command", ["status", "tally"])
def test_the_end_of_the_calendar_is_a_time_like_any_other(sample_repo: Path, command: str) -> None:
    result = run_kczy(command, "--now", "9999-12-31T23:59+08:00", cwd=sample_repo)
    assert result.returncode == 0, result.stderr
