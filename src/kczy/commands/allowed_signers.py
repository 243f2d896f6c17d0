from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from kczy.errors import FatalError
from kczy.layout import SUBMISSIONS
from kczy.messages import os_reason, render_message
from kczy.repo import find_root, read_work_tree
from kczy.rounds import add_round_option

HELP = "由 committee.yaml 生成 git 的 allowed-signers 文件（核对签名选票用）"
DESCRIPTION = """\
kczy allowed-signers [--round YEAR] [--output FILE]
    把 committee.yaml 中每位评委的签名公钥（signing_key）写成 git 的 allowed-signers 格式：
        <评委的第一个提交邮箱> namespaces="git" ssh-ed25519 AAAA…
    （没有登记邮箱的评委以评委标识符代替邮箱）。不给 --output 时打印到标准输出；
    FILE 不能在 submissions/ 之中。没有登记签名公钥的评委列在标准错误输出中。

用它在本地核对一张选票的提交：
    git -c gpg.ssh.allowedSignersFile=FILE verify-commit <提交>
kczy tally 和 kczy check-pr 自己生成同样的内容，不需要事先运行本命令。"""


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    parser.add_argument("--output", metavar="FILE", help="写到这个文件（默认：标准输出）")


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    output: str | None


def run(options: Options) -> int:
    from kczy.signing import allowed_signers

    root = find_root(repo=options.repo)
    tree = read_work_tree(root)
    files = tree.chosen_round(options.round)
    if files.record_path("committee") not in files.roles:
        raise FatalError(render_message("stop.missing-record", {"path": files.record_path("committee")}))
    text, missing = allowed_signers(files)
    for member in missing:
        note = render_message("note.member-without-signing-key", {"member": member})
        print(f"kczy：{note}", file=sys.stderr)
    if not text:
        note = render_message("note.no-signing-keys", {"path": files.record_path("committee")})
        print(f"kczy：{note}", file=sys.stderr)
        return 1
    if options.output is None:
        sys.stdout.write(text)
        return 0
    target = Path(options.output).expanduser().resolve()
    if target.is_relative_to((root / SUBMISSIONS).resolve()):
        params = {"option": "--output", "path": options.output}
        raise FatalError(render_message("stop.output-in-submissions", params))
    try:
        target.write_text(text, "utf-8")
    except OSError as error:
        params = {"path": options.output, "reason": os_reason(error)}
        raise FatalError(render_message("new.unwritable", params)) from None
    print(render_message("report.signers-written", {"path": options.output, "count": text.count("\n")}))
    return 0
