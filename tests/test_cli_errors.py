"""A bug in kczy (an unexpected exception) reaches the user as one Chinese sentence and a log file, exit
status 2, never as a traceback; with KCZY_DEBUG set (as the tests set it) the traceback is shown."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GIT_ENV, copy_project_data
from kczy import cli
from kczy.commands import load_command


def fail(args: argparse.Namespace) -> int:
    raise ZeroDivisionError("一个缺陷")


@pytest.fixture
def broken_status(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """`kczy status` with a bug, and the cache folder the log goes to."""
    monkeypatch.setattr(load_command("status"), "run", fail)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "kczy" / "logs"


def test_a_bug_is_a_message_and_a_log_file(
    broken_status: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KCZY_DEBUG")
    assert cli.main(["status", "--now", "2021-10-20T10:00"]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.out == ""
    logs = list(broken_status.glob("kczy-*.log"))
    assert len(logs) == 1
    assert captured.err.strip() == (
        f"kczy：程序内部出错（ZeroDivisionError）。这是 kczy 的缺陷，不是您的文件有问题。"
        f"详细信息已写入 {logs[0]}，请把它和所运行的命令一起发给仓库维护者。"
    )
    details = logs[0].read_text("utf-8")
    assert "命令：kczy status --now 2021-10-20T10:00" in details
    assert "Traceback" in details and "ZeroDivisionError: 一个缺陷" in details and "in fail" in details


def test_an_unwritable_cache_falls_back_to_the_temporary_folder(
    broken_status: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv("KCZY_DEBUG")
    (tmp_path / "cache").write_text("not a folder", "utf-8")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr("tempfile.tempdir", None)
    assert cli.main(["status"]) == 2
    logs = list((tmp_path / "tmp").glob("kczy-*.log"))
    assert len(logs) == 1 and str(logs[0]) in capsys.readouterr().err


def test_with_kczy_debug_the_traceback_is_shown(broken_status: Path) -> None:
    with pytest.raises(ZeroDivisionError):
        cli.main(["status"])
    assert not broken_status.exists()


def test_a_console_that_cannot_show_a_character_gets_it_escaped(sample_repo: Path) -> None:
    """Windows writes a redirected output in GBK, where an emoji in a title has no code: kczy's output
    is never the reason kczy fails (ascii here, so that the sample round's own text shows it)."""
    from conftest import run_kczy

    env = {"PYTHONIOENCODING": "ascii"}
    result = run_kczy("status", "--now", "2021-10-20T10:00", cwd=sample_repo, env=env)
    assert result.returncode == 0, result.stderr
    assert "\\u" in result.stdout and result.stdout.isascii()


def test_a_reader_that_stops_early_is_no_bug(tmp_path: Path) -> None:
    """`kczy tally | head`: the pipe closes before kczy writes; no bug report, no traceback."""
    root = copy_project_data(tmp_path / "repo")
    with subprocess.Popen(
        [sys.executable, "-m", "kczy", "tally"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, **GIT_ENV},
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        errors = process.stderr.read().decode("utf-8")
        assert process.wait(timeout=120) == 2, errors
    assert errors == ""


def test_an_output_folder_that_cannot_be_made_is_a_stop_not_a_bug(sample_repo: Path) -> None:
    """`kczy site`, `documents` and `dossier` given a file (or a path under one) where their folder goes:
    a Chinese stop naming the path (exit 2), not a bug report of NotADirectoryError or FileExistsError."""
    from conftest import PROJECT, run_kczy

    shutil.copy(PROJECT / "mkdocs.yml", sample_repo / "mkdocs.yml")
    taken = sample_repo.parent / "taken"
    taken.write_text("x\n", encoding="utf-8")
    for command in (
        ("site", "--now", "2021-10-20T10:00", str(taken)),
        ("site", "--now", "2021-10-20T10:00", str(taken / "site")),
        ("documents", "--now", "2021-10-20T10:00", "--output", str(taken)),
        ("dossier", "--type", "yiye-yibao", "--output", str(taken / "dossier")),
    ):
        result = run_kczy(*command, cwd=sample_repo)
        assert result.returncode == 2, (command, result.stderr)
        assert "无法写入" in result.stderr and str(taken) in result.stderr, (command, result.stderr)
        assert "程序内部出错" not in result.stderr and "Traceback" not in result.stderr, command
    assert taken.read_text(encoding="utf-8") == "x\n"
