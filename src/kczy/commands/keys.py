from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from kczy.counting import inside
from kczy.errors import FatalError
from kczy.messages import os_reason, render_message
from kczy.repo import find_root, read_work_tree
from kczy.rounds import add_round_option
from kczy.sealed import IDENTITY_ENV, new_identity

HELP = "生成本轮的计票密钥对（密封选票用）：私钥写到仓库之外，并给出要写进 round.yaml 的公钥"
DESCRIPTION = """\
kczy keys new [--round YEAR] [--identity-out FILE]
    生成一对 age X25519 密钥：
      - 计票私钥（identity）写到 FILE（默认：主目录下的 kczy-<年度>-tally-identity.txt），
        权限 0600；FILE 必须在评审仓库之外，已存在时拒绝覆盖。私钥由秘书处保管
        （例如存为 CI 的机密变量 KCZY_TALLY_IDENTITY），绝不能提交到仓库；
      - 计票公钥（recipient，age1 开头）打印出来，请手工写入 round.yaml 的 voting 中：
            tally_recipient: age1…
            sealed: true
    本命令不修改 round.yaml。"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=("new",), help="new：生成新的密钥对")
    add_round_option(parser)
    parser.add_argument("--identity-out", metavar="FILE", help="计票私钥写到哪里（须在仓库之外）")


@dataclass(frozen=True)
class Options:
    repo: str | None
    what: str
    round: str | None
    identity_out: str | None


def run(options: Options) -> int:
    root = find_root(repo=options.repo)
    tree = read_work_tree(root)
    year = tree.chosen_year(options.round)
    target = Path(options.identity_out or Path.home() / f"kczy-{year}-tally-identity.txt").expanduser()
    if inside(target, root):
        raise FatalError(render_message("stop.identity-in-repo-new", {"path": target}))
    identity, recipient = new_identity()
    text = f"# kczy {year} 年度计票私钥：秘书处保管，不得提交到仓库\n# public key: {recipient}\n{identity}\n"
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise FatalError(render_message("stop.exists", {"path": target})) from None
    except OSError as error:
        params = {"path": target, "reason": os_reason(error)}
        raise FatalError(render_message("new.unwritable", params)) from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    # A round being set up may not be readable yet: the key is written all the same.
    settings = tree.round_files(year).reading.settings
    existing = settings.voting.tally_recipient if settings is not None else None
    print(f"计票私钥已写到 {target}（权限 0600），请妥善保管，不要提交到仓库。")
    print(f"计票公钥：{recipient}")
    print(f"请在 submissions/{year}/round.yaml 的 voting 下写入这两行：")
    print(f"  tally_recipient: {recipient}")
    print("  sealed: true")
    if existing is not None:
        note = render_message("note.recipient-replaced", {"existing": existing})
        print(f"kczy：{note}", file=sys.stderr)
    print(f"在 CI 中计票时，把私钥文件的全部内容存为机密变量 {IDENTITY_ENV}。")
    return 0
