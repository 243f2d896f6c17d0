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
from kczy.errors import FatalError, RoundUnreadable

DESCRIPTION = """\
“科创中原”科技经济融合行动项目评审仓库的命令行工具。

在评审仓库内任意目录运行（或用 --repo 指定仓库）。退出状态：0 成功或校验通过；
1 输入有问题（错误已逐条列出）；2 用法或环境错误，或程序内部出错（详细信息写入日志文件）。"""


# argparse's own sentences (Python 3.11–3.13), in Chinese: the users read no English.
_ARGPARSE_ERRORS = [
    (re.compile(r"the following arguments are required: (.*)"), "缺少必需的参数：{0}"),
    (
        re.compile(r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)"),
        "参数 {0} 的值 {1} 无效，可选：{2}",
    ),
    (re.compile(r"unrecognized arguments: (.*)"), "无法识别的参数：{0}"),
    (re.compile(r"argument (.*?): expected one argument"), "参数 {0} 后面需要写一个值"),
    (re.compile(r"argument (.*?): expected at least one argument"), "参数 {0} 后面至少需要写一个值"),
    (re.compile(r"argument (.*?): not allowed with argument (.*)"), "参数 {0} 不能与 {1} 同时使用"),
    (re.compile(r"argument (.*?): ignored explicit argument (.*)"), "参数 {0} 不接受值 {1}"),
    (re.compile(r"argument (.*?): invalid (.*?) value: (.*)"), "参数 {0} 的值 {2} 无效"),
    (re.compile(r"ambiguous option: (.*?) could match (.*)"), "选项 {0} 有歧义，可能是：{1}"),
    (re.compile(r"one of the arguments (.*) is required"), "须给出以下参数之一：{0}"),
]


def translate_argparse_error(message: str) -> str:
    """argparse's error sentence in Chinese (unknown ones pass through unchanged)."""
    for pattern, chinese in _ARGPARSE_ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return chinese.format(*match.groups())
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "显示本帮助并退出"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"kczy：用法错误：{translate_argparse_error(message)}\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv`: only the command it names is imported and configured (all for `--help`)."""
    parser = _Parser(prog="kczy", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"kczy {__version__}", help="显示版本号并退出")
    common = _Parser(add_help=False)
    common._optionals.title = "通用选项"
    common.add_argument("--repo", metavar="DIR", help="评审仓库的目录（默认：包含当前目录的仓库）")
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, title="命令",
        help="运行 kczy COMMAND --help 查看用法",
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
    except RoundUnreadable as error:  # the input has problems: exit 1, as when validate finds them
        print(f"kczy：{error}", file=sys.stderr)
        return 1
    except FatalError as error:
        print(f"kczy：{error}", file=sys.stderr)
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
