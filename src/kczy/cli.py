"""The `kczy` command: option parsing and the one place that maps errors to exit statuses.

Every command is `run(options) -> int` in `kczy.commands.<name>`, where `options` is the command's frozen
`Options` dataclass built here from argparse's namespace (`options_for`); 0 success, 1 the input has
problems, 2 usage or environment error, or a bug (an unexpected exception: a Chinese message and a log
file, `kczy.bugreport`; with KCZY_DEBUG set the traceback as it is).
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import re
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any, NoReturn

from kczy import __version__
from kczy.commands import COMMANDS, load_command
from kczy.console import warn_text
from kczy.errors import FatalError, InputRefused
from kczy.messages import render_message

# argparse's own sentences (Python 3.11–3.13), each translated by a catalog entry (`usage.…`) that is
# filled with the pattern's named groups: the users read no English.
_ARGUMENT = r"argument (?P<argument>.*?): "
_ARGPARSE_ERRORS = [
    (re.compile(pattern), code)
    for code, pattern in (
        ("usage.required", r"the following arguments are required: (?P<arguments>.*)"),
        (
            "usage.invalid-choice",
            _ARGUMENT + r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)",
        ),
        ("usage.unrecognized", r"unrecognized arguments: (?P<arguments>.*)"),
        ("usage.expected-one", _ARGUMENT + r"expected one argument"),
        ("usage.expected-some", _ARGUMENT + r"expected at least one argument"),
        ("usage.not-allowed-with", _ARGUMENT + r"not allowed with argument (?P<other>.*)"),
        ("usage.ignored-value", _ARGUMENT + r"ignored explicit argument (?P<value>.*)"),
        ("usage.invalid-value", _ARGUMENT + r"invalid (?P<kind>.*?) value: (?P<value>.*)"),
        ("usage.ambiguous", r"ambiguous option: (?P<option>.*?) could match (?P<matches>.*)"),
        ("usage.one-required", r"one of the arguments (?P<arguments>.*) is required"),
    )
]


def translate_argparse_error(message: str) -> str:
    """argparse's error sentence in Chinese (unknown ones pass through unchanged)."""
    for pattern, code in _ARGPARSE_ERRORS:
        match = pattern.fullmatch(message)
        if match:
            params = match.groupdict()
            if code == "usage.invalid-choice" and not params["argument"].startswith("-"):
                # a positional argument's name is our dest (`what`), not a word the user typed
                code = "usage.invalid-choice-positional"
            return render_message(code, params)
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        usage_prefix = render_message("help.heading.usage", {})
        super().add_usage(usage, actions, groups, usage_prefix if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = render_message("help.heading.positionals", {})
        self._optionals.title = render_message("help.heading.options", {})
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = render_message("help.option.help", {})

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        error = render_message("usage.error", {"message": translate_argparse_error(message)})
        self.exit(2, render_message("console.diagnostic", {"message": error}) + "\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv`: only the command it names is imported and configured (all for `--help`)."""
    parser = _Parser(prog="kczy", description=render_message("help.kczy.description", {}))
    parser.add_argument(
        "--version", action="version", version=f"kczy {__version__}",
        help=render_message("help.option.version", {}),
    )
    common = _Parser(add_help=False)
    common._optionals.title = render_message("help.heading.common", {})
    common.add_argument("--repo", metavar="DIR", help=render_message("help.option.repo", {}))
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser,
        title=render_message("help.heading.commands", {}), help=render_message("help.kczy.commands", {}),
    )
    subparsers.required = True
    chosen = _chosen_command(argv)
    for name in COMMANDS:
        if chosen is not None and name != chosen:
            subparsers.add_parser(name)  # known to the parser, not imported
            continue
        command = load_command(name)
        sub = subparsers.add_parser(
            name,
            parents=[common],
            help=command.HELP,
            description=command.DESCRIPTION,
        )
        command.configure(sub)
    return parser


def options_for(command: ModuleType, namespace: argparse.Namespace) -> Any:
    """The command's `Options` from argparse's namespace, generically: each field is the namespace's
    attribute of the same name (argparse's dest); a list (`nargs`) becomes a tuple, as the options are
    frozen. `tests/test_commands.py` checks that each command's parser gives exactly its fields."""
    values = {}
    for field in dataclasses.fields(command.Options):
        value = getattr(namespace, field.name)
        values[field.name] = tuple(value) if isinstance(value, list) else value
    return command.Options(**values)


def command_dests(parser: argparse.ArgumentParser, name: str) -> set[str]:
    """The attributes the parser of command `name` puts into the namespace (its help excluded)."""
    sub = _subparser(parser, name)
    return {a.dest for a in sub._actions if not isinstance(a, argparse._HelpAction)}


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    choices = next(a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sub: argparse.ArgumentParser = choices[name]
    return sub


def _chosen_command(argv: Sequence[str] | None) -> str | None:
    """The command `argv` runs, or None when it runs none (`--help`, `--version`, a typo): the top-level
    parser has only options that end the program, so a command is always the first argument."""
    arguments = sys.argv[1:] if argv is None else argv
    first = arguments[0] if arguments else None
    return first if first in COMMANDS else None


def _bare_help(parser: argparse.ArgumentParser, arguments: Sequence[str]) -> argparse.ArgumentParser | None:
    """`kczy` alone, or a command alone that cannot run without more (`kczy keys`): the parser whose help
    to print instead of an error."""
    if not arguments:
        return parser
    if len(arguments) != 1 or arguments[0] not in COMMANDS:
        return None
    sub = _subparser(parser, arguments[0])
    needs_more = any(a.required and a.nargs not in ("*", "?") for a in sub._actions)
    return sub if needs_more else None


def main(argv: Sequence[str] | None = None) -> int:
    _escape_what_the_console_cannot_show()
    parser = build_parser(argv)
    bare = _bare_help(parser, sys.argv[1:] if argv is None else argv)
    if bare is not None:
        bare.print_help()
        return 0
    try:
        args = parser.parse_args(argv)
        command = load_command(args.command)
        status: int = command.run(options_for(command, args))
        sys.stdout.flush()  # here, so that a reader who stopped early is met below, not at exit
    except BrokenPipeError:
        # The reader closed the pipe (`kczy tally | head`): nothing is wrong with kczy or the input.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 2
    except InputRefused as error:  # the input has problems: exit 1, as when validate finds them
        warn_text(str(error))
        return 1
    except FatalError as error:
        warn_text(str(error))
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: no traceback for the user (kczy.bugreport), unless KCZY_DEBUG
        from kczy.bugreport import bug_message, debugging, write_bug_report

        if debugging():
            raise
        arguments = list(sys.argv[1:] if argv is None else argv)
        print(bug_message(error, write_bug_report(error, arguments)), file=sys.stderr)
        return 2
    return status


def _escape_what_the_console_cannot_show() -> None:
    """A character the output's encoding has no code for (an emoji in a title, written to a file in
    Windows' GBK) is written as an escape such as \\U0001f600 instead of ending kczy with an error."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")
