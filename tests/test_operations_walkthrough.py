"""OPERATIONS walks a secretary through one year (issue 12) with kczy's own commands only.

Every `kczy` line of the walkthrough is parsed by the real command line: the command exists, `--help`
works, every option is spelled exactly as the command defines it (argparse would also take an
abbreviation) and the values are ones it accepts. So the document cannot drift from the code. The
walkthrough names every step of the year and asks for no hand-copied file and no `sha256sum`.
"""

from __future__ import annotations

import argparse
import re
import shlex

import pytest

from conftest import PROJECT
from kczy.cli import build_parser, main

HEADING = "## 一年的工作：从开启年度到公布结果"


def walkthrough() -> str:
    text = (PROJECT / "OPERATIONS.md").read_text("utf-8")
    start = text.index(HEADING)
    end = text.find("\n## ", start + len(HEADING))
    return text[start:] if end < 0 else text[start:end]


def block_commands(section: str) -> list[list[str]]:
    """The `kczy` lines of the section's shell blocks, as the shell splits them (comments dropped)."""
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    return [
        shlex.split(line, comments=True)
        for block in blocks
        for line in block.splitlines()
        if line.lstrip().startswith("kczy ")
    ]


def inline_commands(section: str) -> list[list[str]]:
    """The commands the text names in passing (`kczy validate`), which may leave out required options."""
    return [shlex.split(span) for span in re.findall(r"`(kczy [^`]+)`", section)]


def command_parser(argv: list[str]) -> argparse.ArgumentParser:
    """The parser of the command `argv` runs (`new`, `approve`, ...)."""
    parser = build_parser(argv)
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    chosen: argparse.ArgumentParser = subparsers.choices[argv[0]]
    return chosen


def options_not_defined(argv: list[str]) -> list[str]:
    defined = command_parser(argv)._option_string_actions
    return [t for t in argv if t.startswith("-") and t.split("=", 1)[0] not in defined]


def test_the_walkthrough_names_every_step_of_the_year_with_commands() -> None:
    section = walkthrough()
    commands = [" ".join(argv[1:3]) for argv in block_commands(section)]
    for step in (
        "new round",
        "validate --round",
        "codeowners",
        "retire 2021",
        "status",
        "dossier --output",
        "tally",
        "approve --meeting",
        "documents --output",
        "new objection",
        "new announcement",
        "verify --round",
    ):
        assert any(command.startswith(step) for command in commands), step
    # A year after the first: opened the same way.
    assert [argv[3] for argv in block_commands(section) if argv[1:3] == ["new", "round"]] == ["2022", "2023"]
    # Nothing by hand: no copying of last year's files, no hash computed outside kczy.
    assert "sha256sum" not in section and "certutil" not in section
    assert not re.search(r"^\s*(cp|copy|xcopy|Copy-Item)\s", section, flags=re.M)


def test_every_kczy_line_of_the_walkthrough_parses_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    commands = block_commands(walkthrough())
    assert len(commands) >= 15
    for argv in (command[1:] for command in commands):
        try:
            command_parser(argv).parse_args(argv[1:])
        except SystemExit as stop:
            pytest.fail(f"kczy {shlex.join(argv)}：{stop.code}；{capsys.readouterr().err}")
        assert options_not_defined(argv) == [], argv


def test_every_command_the_walkthrough_names_has_help_and_the_options_it_uses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    section = walkthrough()
    named = block_commands(section) + inline_commands(section)
    assert {argv[1] for argv in inline_commands(section)} >= {"validate", "check-pr", "verify", "tally"}
    for command in sorted({argv[1] for argv in named}):
        with pytest.raises(SystemExit) as stop:
            main([command, "--help"])
        assert stop.value.code == 0, command
        assert capsys.readouterr().out.startswith("用法："), command
    for argv in named:
        assert options_not_defined(argv[1:]) == [], argv


def test_an_option_the_command_does_not_have_is_caught() -> None:
    """The check itself can fail: a misspelt or abbreviated option, a command that does not exist."""
    assert options_not_defined(["approve", "--meet", "x"]) == ["--meet"]
    assert options_not_defined(["new", "objection", "--received", "2022-09-27"]) == ["--received"]
    with pytest.raises(SystemExit):
        command_parser(["tally"]).parse_args(["--format", "pdf"])
    with pytest.raises(KeyError):
        command_parser(["publish"])
