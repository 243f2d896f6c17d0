from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from kczy.beijing import show_beijing
from kczy.clock import read_now
from kczy.counting import add_identity_option, count_round
from kczy.errors import FatalError
from kczy.messages import os_reason, render_message
from kczy.repo import find_root
from kczy.roundfiles import RoundFiles
from kczy.rounds import add_round_option
from kczy.suggest import unit_names
from kczy.tally.outcome import TallyOutcome
from kczy.tally.record import partial_record, render_json, render_record
from kczy.tally.report import render_not_open_text, render_partial_text, render_tally_csv, render_tally_text

HELP = "计票：按类别排名、确定入选项目，列出无效选票和无效赞成票"
DESCRIPTION = """\
按计票规则统计有效选票中的赞成票：每类按得票从高到低排名（票数相同名次相同），
在名额内的入选，名额线上票数相同的标为并列，由秘书处召集的决选（runoffs/<n>/call.yaml 及决选票）
决定先后；没有召集记录的决选不计票。

输出格式：
  text  中文表格（默认）
  json  计票记录（带格式编号 format，只有代码、参数、编号和票数，没有提示语句）；同样的输入在任何机器上
        输出的字节完全相同，党组审议记录中的 tally_sha256 就是这些字节的 SHA-256
  csv   各类排名，UTF-8（带 BOM），可直接用 Excel 打开

投票截止（round.yaml 的 schedule.voting_closes）之前只显示收到和有效的选票张数；
--show-partial 可以在截止前显示得票，此操作会记录在标准错误输出中。

选票是否在截止前提交，按主分支的 git 历史核对，需要完整历史（不能是浅克隆）；
round.yaml 中 sample: true 的示例轮次不核对。

密封选票（sealed）要用计票私钥打开：--identity FILE（文件须在仓库之外），或把私钥文本放在环境变量
KCZY_TALLY_IDENTITY 中（CI 的机密变量）。没有私钥时密封选票列为无效并注明原因。
有密封选票时，结果中列出每张选票的回执（receipts：密文的 SHA-256），私钥本身从不输出。
密封轮次的文字输出（发布工作流日志里的就是它）不列出谁的哪一票无效，只给张数；完整明细
用 --detail-to FILE 写到仓库之外的文件，只给秘书处看。json 格式是党组审议锁定的完整记录，
其中 invalid_votes 写明评委和项目，只在秘书处自己的电脑上生成，不要在工作流中输出或上传。

要求签名选票的轮次（voting.signed: true），新增或修改选票的每个提交都必须带有该评委
本人的 SSH 签名（公钥见 committee.yaml 的 signing_key），否则整张无效；核对在本机离线完成，
需要 ssh-keygen（OpenSSH）。"""


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text", help="输出格式")
    parser.add_argument("--now", metavar="YYYY-MM-DDTHH:MM", help="按此北京时间判断是否截止（默认：现在）")
    parser.add_argument("--show-partial", action="store_true", help="投票截止前也显示得票（会被记录）")
    parser.add_argument(
        "--detail-to", metavar="FILE",
        help="把无效选票和无效赞成票的完整明细（谁的哪一票）写入此文件（须在仓库之外）；密封轮次只在这里列出",
    )
    add_identity_option(parser)


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    format: str
    now: str | None
    show_partial: bool
    detail_to: str | None
    identity: str | None


def run(options: Options) -> int:
    files, result, blocked = count_round(options.repo, options.round, options.identity)
    if result is None:
        sys.stderr.write(blocked + "以上文件有错误，无法计票；请先修正（可运行 kczy validate 查看）。\n")
        return 1
    now = read_now(options.now)
    schedule = files.settings.schedule
    closes, opens = schedule.voting_closes, schedule.voting_opens
    if now < closes:
        if not options.show_partial:
            if options.format == "json":
                sys.stdout.buffer.write(render_json(partial_record(result)))
            elif now < opens:
                sys.stdout.write(render_not_open_text(show_beijing(opens), show_beijing(closes)))
            else:
                sys.stdout.write(render_partial_text(result, show_beijing(closes)))
            return 0
        user = getpass.getuser()
        print(
            f"kczy：注意：投票尚未截止（{show_beijing(closes)}截止），"
            f"{user} 于 {show_beijing(now)}"
            "使用 --show-partial 查看了截止前的得票",
            file=sys.stderr,
        )
    if options.detail_to is not None:
        detail = render_tally_text(result, unit_names=unit_names(files), type_names=type_names(files))
        write_detail(Path(options.detail_to), find_root(repo=options.repo), detail)
    if options.format == "json":
        sys.stdout.buffer.write(render_record(result))
    elif options.format == "csv":
        text = render_tally_csv(result, unit_names(files), type_names(files))
        sys.stdout.buffer.write("\ufeff".encode() + text.encode("utf-8"))
    else:
        open_round = not is_sealed_round(files, result)
        text = render_tally_text(result, open_round, unit_names(files), type_names(files))
        sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def type_names(files: RoundFiles) -> dict[str, str]:
    """Each type's name as the round's own rules write it (`x-type-name`): the text and the CSV show it;
    the record keeps only the id."""
    names = {}
    for type_id in files.settings.types:
        name = files.schemas.schemas.get(type_id, {}).get("x-type-name")
        if isinstance(name, str):
            names[type_id] = name
    return names


def is_sealed_round(files: RoundFiles, result: TallyOutcome) -> bool:
    """`voting.sealed: true`, or any sealed ballot: no printed report then links a member to a vote."""
    return files.settings.voting.sealed or bool(result.receipts)


def write_detail(path: Path, root: Path, text: str) -> None:
    """The full report, readable by its owner only, never inside the repository (it could be committed)."""
    if path.resolve().is_relative_to(root.resolve()):
        raise FatalError(render_message("stop.detail-in-repo", {"path": path}))
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        params = {"path": path, "reason": os_reason(error)}
        raise FatalError(render_message("stop.detail-unwritable", params)) from None
    print(f"kczy：无效选票和无效赞成票的完整明细已写入 {path}", file=sys.stderr)
