"""The command line itself speaks Chinese: help, usage errors, and bare commands that print their help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import PROJECT, run_kczy

ENGLISH = re.compile(r"usage:|options:|positional arguments|invalid choice|arguments are required|"
                     r"unrecognized arguments|expected one argument|show this help|choose from")


def test_bare_kczy_prints_its_help_in_chinese() -> None:
    result = run_kczy(cwd=PROJECT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("用法：kczy")
    assert "validate" in result.stdout and "显示本帮助并退出" in result.stdout
    assert not ENGLISH.search(result.stdout + result.stderr)


@pytest.mark.parametrize("command", ["keys", "new", "check-pr"])
def test_a_command_that_cannot_run_alone_prints_its_help(command: str) -> None:
    result = run_kczy(command, cwd=PROJECT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"用法：kczy {command}") and "选项" in result.stdout
    assert not ENGLISH.search(result.stdout + result.stderr)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["validate", "--format", "xml"], "kczy：用法错误：参数 --format 的值 'xml' 无效，可选："),
        (["new", "application", "--type", "yiye"], "kczy：用法错误：参数 --type 的值 'yiye' 无效，可选："),
        (["check-pr", "--base", "main"], "kczy：用法错误：缺少必需的参数：--head, --author"),
        (["status", "--round"], "kczy：用法错误：参数 --round 后面需要写一个值"),
        (["status", "--bogus"], "kczy：用法错误：无法识别的参数：--bogus"),
        (["nosuch"], "kczy：用法错误：值 'nosuch' 无效，可选：'validate'"),
        (["new", "bogus"], "kczy：用法错误：值 'bogus' 无效，可选：'application'"),
        (["keys", "old"], "kczy：用法错误：值 'old' 无效，可选：'new'"),
    ],
)
def test_usage_errors_are_chinese_with_exit_2(tmp_path: Path, args: list[str], said: str) -> None:
    result = run_kczy(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert said in result.stderr, result.stderr
    assert result.stderr.startswith("用法：kczy")
    assert not ENGLISH.search(result.stderr)
