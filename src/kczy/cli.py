"""The `kczy` command: option parsing and the one place that maps errors to exit statuses.

Every command is `run(args) -> int` in `kczy.commands.<name>`; 0 success, 1 the input has
problems, 2 usage or environment error, or a bug (an unexpected exception: a Chinese message and a log
file, `kczy.bugreport`; with KCZY_DEBUG set the traceback as it is).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from typing import NoReturn

from kczy import __version__
from kczy.commands import COMMANDS, load_command
from kczy.errors import FatalError

DESCRIPTION = """\
“科创中原”科技经济融合行动项目评审仓库的命令行工具。

在评审仓库内任意目录运行（或用 --repo 指定仓库）。退出状态：0 成功或校验通过；
1 输入有问题（错误已逐条列出）；2 用法或环境错误，或程序内部出错（详细信息写入日志文件）。"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"kczy：用法错误：{message}\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv`: only the command it names is imported and configured (all for `--help`)."""
    parser = _Parser(
        prog="kczy", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"kczy {__version__}")
    common = _Parser(add_help=False)
    common.add_argument("--repo", metavar="DIR", help="评审仓库的目录（默认：包含当前目录的仓库）")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
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
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


def _chosen_command(argv: Sequence[str] | None) -> str | None:
    """The command `argv` runs, or None when it runs none (`--help`, `--version`, a typo): the top-level
    parser has only options that end the program, so a command is always the first argument."""
    arguments = sys.argv[1:] if argv is None else argv
    first = arguments[0] if arguments else None
    return first if first in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    _escape_what_the_console_cannot_show()
    try:
        args = build_parser(argv).parse_args(argv)
        status: int = args.run(args)
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
