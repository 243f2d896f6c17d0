from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from kczy.layout import RETIRED_FILE
from kczy.messages import render_message
from kczy.repo import find_root, read_work_tree
from kczy.report import render_finding_line
from kczy.rounds import default_year, render_retired

HELP = "撤下示例年度：网站不再发布、不再列出它，各命令也不再默认使用它（只能撤下示例年度）"
DESCRIPTION = f"""\
正式的第一轮开始后，秘书处运行一次：

  kczy retire 2021

它把示例年度写进 {RETIRED_FILE}（以 pull request 提交）。合并后：
  - 公开网站和评委阅览室不再有该年度：没有它的页面，首页不列出它，RSS 订阅、站点地图和站内搜索中也没有它；
  - kczy status、tally、verify、site 等命令不带 --round 时使用最新的、未撤下的年度。
该年度的文件原样留在仓库中，计票所依据的文件一个字节也不变，所以
kczy verify --round 2021 照常通过；kczy validate 也照常校验它。

只有示例年度（round.yaml 中 sample: true）可以撤下：正式轮次的评审结果永久公布，
拒绝撤下（退出状态 1）。年度不存在时列出仓库中的年度（退出状态 2）。已经撤下时什么也不改。
恢复发布：从 {RETIRED_FILE} 中删去该年度（或删去整个文件）。"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("year", metavar="YEAR", help="要撤下的示例年度，如 2021")


@dataclass(frozen=True)
class Options:
    repo: str | None
    year: str


def run(options: Options) -> int:
    root = find_root(repo=options.repo)
    tree = read_work_tree(root)
    broken = [finding for finding in tree.findings if finding.path == RETIRED_FILE]
    if broken:
        print(f"kczy：{render_message('retire.broken-file', {})}", file=sys.stderr)
        for finding in broken:
            print(render_finding_line(finding), file=sys.stderr)
        return 1
    year = tree.chosen_year(options.year)
    if not tree.is_sample(year):
        print(f"kczy：{render_message('retire.not-sample', {'year': year})}", file=sys.stderr)
        return 1
    if year in tree.retired:
        print(render_message("retire.already", {"year": year}))
        return 0
    retired = [*tree.retired, year]
    (root / RETIRED_FILE).write_bytes(render_retired(retired))
    default = default_year(tree.years, retired)
    print(render_message("retire.done", {"year": year}))
    if default is None:
        print(render_message("retire.done-no-default", {}))
    else:
        print(render_message("retire.done-default", {"default": default}))
    return 0
