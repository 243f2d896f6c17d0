"""Commands are functions of their options (issue 11, D8): each command module has a frozen dataclass
`Options` and `run(options) -> int`; the CLI builds the options from argparse's namespace generically."""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import json
import shutil
import typing
from pathlib import Path

import pytest

from conftest import PROJECT, copy_project_data, run_kczy
from kczy.cli import build_parser, command_dests, options_for
from kczy.commands import COMMANDS, load_command
from kczy.messages import CATALOG, render_message
from kczy.sealed import IDENTITY_ENV

COMMAND_FILES = sorted((PROJECT / "src" / "kczy" / "commands").glob("*.py"))


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_commands_parser_produces_exactly_its_options_fields(name: str) -> None:
    """A renamed or added option cannot silently drop: the parser's dests are the dataclass's fields."""
    module = load_command(name)
    fields = {field.name for field in dataclasses.fields(module.Options)}
    assert command_dests(build_parser([name]), name) == fields


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_is_run_of_a_frozen_options_dataclass(name: str) -> None:
    module = load_command(name)
    assert module.Options.__dataclass_params__.frozen
    assert dataclasses.is_dataclass(module.Options)
    hints = typing.get_type_hints(module.run)
    assert hints == {"options": module.Options, "return": int}
    for field, hint in typing.get_type_hints(module.Options).items():
        assert hint is not typing.Any, f"{name}: {field} has no type"


@pytest.mark.parametrize("path", COMMAND_FILES, ids=lambda path: path.name)
def test_no_command_reads_an_argparse_namespace(path: Path) -> None:
    """argparse's namespace stops at the CLI: a command's code names no Namespace (configure takes the
    parser, run takes Options)."""
    assert "Namespace" not in path.read_text("utf-8")


def test_the_options_are_built_from_the_parsed_command_line() -> None:
    arguments = ["validate", "--repo", "/here", "--round", "2022", "--format", "json", "a.yaml", "b.yaml"]
    command = load_command("validate")
    options = options_for(command, build_parser(arguments).parse_args(arguments))
    assert options == command.Options(
        repo="/here", paths=("a.yaml", "b.yaml"), round="2022", format="json"
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.round = "2023"


def test_argparse_dests_with_other_names_reach_their_fields() -> None:
    """`--from` is stored as `source`, `--show-partial` as `show_partial`: the field names are the dests."""
    arguments = ["new", "round", "2023", "--from", "2021"]
    new = load_command("new")
    options = options_for(new, build_parser(arguments).parse_args(arguments))
    assert (options.what, options.year, options.source) == ("round", "2023", "2021")
    arguments = ["tally", "--show-partial", "--format", "csv"]
    tally = load_command("tally")
    options = options_for(tally, build_parser(arguments).parse_args(arguments))
    assert options.show_partial is True and options.format == "csv" and options.identity is None


def test_a_command_runs_in_process_from_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    status = load_command("status")
    options = status.Options(repo=str(PROJECT), round="2021", now="2021-09-01T10:00", format="json")
    assert status.run(options) == 0
    assert json.loads(capsys.readouterr().out)["stage"] == "review"


def test_run_has_one_parameter_in_every_command() -> None:
    for name in COMMANDS:
        parameters = inspect.signature(load_command(name).run).parameters
        assert list(parameters) == ["options"], name


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_help_text_of_a_command_comes_from_the_catalog(name: str) -> None:
    """`kczy X --help` is worded by the catalog (D7): the summary, the description and each option's
    help are entries `help.X.…` (or shared ones), and no `help.X.option.…` entry outlives its option."""
    module = load_command(name)
    parser = build_parser([name])
    sub = next(a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))[name]
    texts = {*CATALOG.values(), render_message("help.option.identity", {"variable": IDENTITY_ENV})}
    assert render_message(f"help.{name}.summary", {}) == module.HELP
    assert sub.description == module.DESCRIPTION
    assert module.DESCRIPTION.startswith(CATALOG[f"help.{name}.description"][:20])
    for action in sub._actions:
        assert action.help is None or action.help in texts, action.dest
    dests = command_dests(parser, name)
    prefix = f"help.{name}.option."
    assert {code.removeprefix(prefix) for code in CATALOG if code.startswith(prefix)} <= dests


@pytest.mark.parametrize(
    ("command", "refusal"),
    [
        (["site", "out"], "kczy：网站未生成：2021 年度有 2 个校验错误"),
        (["documents", "--output", "out"], "kczy：公文未生成：2021 年度有 2 个校验错误"),
    ],
)
def test_site_and_documents_stop_with_the_findings_and_exit_1_on_a_round_with_errors(
    tmp_path: Path, command: list[str], refusal: str
) -> None:
    """A round with validation errors is an input problem, as in validate: exit 1, the findings listed."""
    root = copy_project_data(tmp_path / "repo")
    shutil.copy(PROJECT / "mkdocs.yml", root)
    application = root / "submissions/2021/applications/yiye-yibao/yb-jxgc-zhuangbei.yaml"
    application.write_text(application.read_text("utf-8") + "title: [\n", encoding="utf-8")
    result = run_kczy(*command, "--now", "2021-10-20T10:00", cwd=root)
    assert result.returncode == 1, result.stderr
    assert result.stdout == "" and result.stderr.startswith(refusal)
    assert "yb-jxgc-zhuangbei.yaml:" in result.stderr and "（yaml.duplicate-key）" in result.stderr
    assert not (root / "out").exists()
