from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from kczy.counting import add_identity_option, count_round
from kczy.messages import render_message
from kczy.rounds import add_round_option
from kczy.verify import verify_round

HELP = "核对已公布的结果：重新计票，与党组审议锁定的哈希值和公示、公布名单比对"
DESCRIPTION = """\
从仓库中的文件重新计算公布结果所依据的一切，并逐行说明是否一致：
  - 重新计票（与 kczy tally --format json 相同），与 approval.yaml 的 tally_sha256 比对；
  - 公示名单（计票入选的项目）；
  - 公布名单（公示名单减去异议成立的项目）。
每行开头：✓ 一致，✗ 不一致，· 还没有可核对的记录（如尚未审议、尚未公布）。
有任何不一致时退出状态为 1。需要完整的 git 历史（示例轮次除外）。"""


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    add_identity_option(parser)


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    identity: str | None


def run(options: Options) -> int:
    files, result, blocked = count_round(options.repo, options.round, options.identity)
    if result is None:
        sys.stderr.write(blocked)  # why it cannot count: diagnostics; the verdict is the report
        print(render_message("verify.cannot-count", {}))
        return 1
    checks = verify_round(files, result)
    for check in checks:
        print(f"{check.mark} {check.text}")
    failed = sum(not c.ok for c in checks)
    print("全部一致。" if not failed else f"有 {failed} 项不一致。")
    return 1 if failed else 0
