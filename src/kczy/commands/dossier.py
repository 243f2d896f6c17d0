from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

from kczy.dossier import ORDER_NOTE
from kczy.errors import FatalError
from kczy.layout import ID_PATTERN, SUBMISSIONS
from kczy.messages import render_message
from kczy.rounds import add_round_option
from kczy.schemas import TYPE_IDS

HELP = "生成评委阅读的评审材料汇编（PDF）：每类项目一册，另有全部类型一册"
DESCRIPTION = f"""\
为评审委员会生成评审材料汇编（内部资料，不得公开）：
  - 每册有封面（年度、类型、按评审细则编号的评审标准、入选名额和每位评委至多赞成的项数）、
    带页码的目录和 PDF 书签；
  - 每份申报书另起一页：项目名称、申报单位、合作单位、类型，评审标准逐条“具备/不具备”及其依据，
    全部字段（按 Schema 的中文名称；联系人等不公开信息略去），随后原样附上它的附件（PDF 逐页插入，
    图片放在页面上），每个附件都有书签；
  - 每页页眉页脚印有“内部资料 注意保密”、年度和“第 x 页 / 共 y 页”（附件页也有）。
{ORDER_NOTE}
不给 --type 时写出全部类型一册和每类一册：kczy-<年度>-all.pdf、kczy-<年度>-<类型>.pdf。
--member 为一位评委生成专用册：封面列出他须回避的项目，须回避的每份申报书首页和目录都有标注
（回避：申报单位或合作单位是该评委所在单位），文件名后加“-<委员编号>”。
汇编只读申报书和附件，从不读取选票。需要 Debian 的中文字体 fonts-noto-cjk。"""


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    parser.add_argument("--type", choices=TYPE_IDS, help="只生成这一类项目的一册")
    parser.add_argument("--member", metavar="ID", help="为这位评委生成专用册（标出须回避的项目）")
    parser.add_argument(
        "--output", metavar="DIR", default="dossier", help="写到哪个目录（默认：当前目录下的 dossier/）"
    )


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    type: str | None
    member: str | None
    output: str


def run(options: Options) -> int:
    # Typst and pypdf load only when a dossier is made (`kczy --help` imports every command).
    from kczy.dossier.model import book_name, books, gather_dossier
    from kczy.dossier.typeset import typeset_books
    from kczy.repo import find_root, read_work_tree

    root = find_root(repo=options.repo)
    output = Path(options.output).resolve()
    if output.is_relative_to((root / SUBMISSIONS).resolve()):
        params = {"option": "--output", "path": options.output}
        raise FatalError(render_message("stop.output-in-submissions", params))
    tree = read_work_tree(root)
    files = tree.chosen_round(options.round)
    if options.member is not None and (
        not ID_PATTERN.fullmatch(options.member) or options.member not in files.members()
    ):
        params = {"member": options.member, "path": files.record_path("committee")}
        raise FatalError(render_message("new.unknown-member", params))
    if options.type is not None and options.type not in files.settings.types:
        params = {"year": files.year, "type": options.type}
        raise FatalError(render_message("stop.no-such-type-in-round", params))
    start = time.perf_counter()
    whole = gather_dossier(files, options.type, options.member)
    wanted = [whole] if options.type is not None else books(whole)
    output.mkdir(parents=True, exist_ok=True)
    for book, pdf in typeset_books(wanted, files.contents):
        target = output / book_name(book)
        target.write_bytes(pdf)
        print(f"已写出 {target}（{len(book.applications)} 份申报书，{len(pdf) / 1024:.0f} KB）")
    print(f"用时 {time.perf_counter() - start:.1f} 秒。汇编是内部资料，请勿公开或转发。")
    return 0
