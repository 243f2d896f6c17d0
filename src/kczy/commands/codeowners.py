from __future__ import annotations

import argparse
import sys

from kczy.codeowners import render_codeowners
from kczy.repo import find_root, read_work_tree

HELP = "根据单位和评委名单生成 .github/CODEOWNERS"
DESCRIPTION = """\
写出 .github/CODEOWNERS：秘书处负责全部文件，每份申报书由申报单位的账号负责，每张选票由评委本人负责，
使 GitHub 的评审规则与 kczy check-pr 一致。--check 只比较，不写文件：不一致时退出状态为 1。"""

PATH = ".github/CODEOWNERS"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="只检查现有文件是否最新")


def run(args: argparse.Namespace) -> int:
    root = find_root(repo=args.repo)
    tree = read_work_tree(root)
    text = render_codeowners(tree.round_files(year) for year in tree.years)
    target = root / PATH
    current = target.read_text("utf-8") if target.is_file() else None
    if args.check:
        if current == text:
            print(f"{PATH} 是最新的。")
            return 0
        print(f"{PATH} 与名单不一致，请运行 kczy codeowners 重新生成。", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"已写出 {PATH}")
    return 0
