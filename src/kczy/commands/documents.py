"""`kczy documents`: the notice and the announcement as official documents (Word, PDF) for the secretariat."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from kczy.clock import read_now
from kczy.repo import find_root, read_work_tree
from kczy.rounds import add_round_option

HELP = "生成公示和结果公布的正式文件（Word 和 PDF，党政机关公文格式）"
DESCRIPTION = """\
把本轮的公示（关于……拟入选项目名单的公示）和结果公布（关于公布……名单的通知）生成为
Word（.docx）和 PDF 文件，版式依照 GB/T 9704-2012《党政机关公文格式》：A4 纸，版心 156×225 毫米，
每页 22 行、每行 28 字，红色发文机关标志和分隔线，发文字号，2 号小标宋标题，3 号仿宋正文，附件名单，
落款和成文日期，页码“— 1 —”。文字与网站上的公示、公布页面出自同一处。

Word 文件写明了公文字体（方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312），在装有这些字体的电脑上
按公文字体显示，可以修改、盖章、存档；PDF 用本机已安装的中文字体代替。

只生成到 --now 这一天已经发布的文件：公示开始后才有公示文件，公布后才有公布文件。
网站构建（mkdocs build）也会生成同样的文件，放在公示和公布页面的“下载”处。"""


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    parser.add_argument("--now", metavar="YYYY-MM-DDTHH:MM", help="按这一北京时间判断（默认：当前时间）")
    parser.add_argument(
        "--output", metavar="DIR", default="公文", help="写入的目录（默认：当前目录下的“公文”）"
    )


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    now: str | None
    output: str


def run(options: Options) -> int:
    from kczy.documents.content import build_announcement, build_notice
    from kczy.documents.pdf import render_pdf
    from kczy.documents.word import render_docx
    from kczy.errors import FatalError
    from kczy.site.read import read_public_rounds

    now = read_now(options.now)
    tree = read_work_tree(find_root(repo=options.repo))
    year = tree.chosen_round(options.round).year
    try:
        rounds = read_public_rounds(tree, now, years=[year], refusal="refusal.documents")
    except FatalError as error:
        print(f"kczy：{error}", file=sys.stderr)
        return 1
    public = rounds[0] if rounds else None
    if public is None or not public.timeline.notice_published:
        print(
            f"kczy：{year} 年度还没有开始公示，没有可生成的公文（--now 可指定公示开始以后的日期）",
            file=sys.stderr,
        )
        return 1
    documents = [build_notice(public)]
    if public.timeline.announced:
        documents.append(build_announcement(public))
    output = Path(options.output)
    output.mkdir(parents=True, exist_ok=True)
    for document in documents:
        for suffix, data in ((".docx", render_docx(document)), (".pdf", render_pdf(document))):
            path = output / f"{document.file_stem}{suffix}"
            path.write_bytes(data)
            print(f"{path}：{document.title}")
    if not public.timeline.announced:
        print(f"{year} 年度尚未公布，只生成了公示文件。")
    return 0
