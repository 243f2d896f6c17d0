from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

HELP = "根据单位和评委名单生成 GitHub、Gitea/Forgejo、GitLab 的 CODEOWNERS"
DESCRIPTION = """\
写出三个平台各自位置和写法的 CODEOWNERS：.github/CODEOWNERS（GitHub）、.gitea/CODEOWNERS
（Gitea 和 Forgejo，正则表达式写法）、.gitlab/CODEOWNERS（GitLab，分小节）。当前轮次（最新的非示例年度）
的秘书处负责全部文件，每份申报书由申报单位的账号负责，每张选票由评委本人负责，使平台的评审规则与
kczy check-pr 一致；示例年度（sample: true）中的账号没有任何权限。
仓库根目录和 docs/ 中不要再放 CODEOWNERS：Gitea、Forgejo 和 GitLab 会先读那里。
--check 只比较，不写文件：任何一个不一致时退出状态为 1。"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="只检查现有文件是否最新")


@dataclass(frozen=True)
class Options:
    repo: str | None
    check: bool


def run(options: Options) -> int:
    from kczy.codeowners import owner_rules
    from kczy.codeowners_syntax import PLATFORMS
    from kczy.repo import find_root, read_work_tree

    root = find_root(repo=options.repo)
    tree = read_work_tree(root)
    owners = owner_rules(tree.round_files(year) for year in tree.years)
    stale = []
    for path, render in PLATFORMS.values():
        text = render(owners)
        target = root / path
        current = target.read_text("utf-8") if target.is_file() else None
        if options.check:
            if current != text:
                stale.append(path)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"已写出 {path}")
    if not options.check:
        return 0
    if stale:
        for path in stale:
            print(f"{path} 与名单不一致，请运行 kczy codeowners 重新生成。", file=sys.stderr)
        return 1
    print("、".join(path for path, _ in PLATFORMS.values()) + " 都是最新的。")
    return 0
