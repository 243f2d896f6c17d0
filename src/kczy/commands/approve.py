from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from kczy.clock import read_day, read_now
from kczy.counting import add_identity_option, count_round
from kczy.errors import FatalError
from kczy.messages import render_message
from kczy.repo import find_root
from kczy.roundfiles import RoundFiles
from kczy.rounds import add_round_option
from kczy.tally import tally_sha256
from kczy.templates import yaml_quoted
from kczy.workdays import NoticeUncomputable, Period, notice_period

HELP = "记录党组审议：写出 approval.yaml，并自动填入被批准计票结果的哈希值"
DESCRIPTION = """\
党组会议审议通过评审结果之后，秘书处运行：

  kczy approve --meeting "省科协党组会议（2022年第16次）" --date 2022-09-24 --notice-starts 2022-09-26

它重新计票，把计票结果（kczy tally --format json 的输出）的 SHA-256 写进
submissions/<年度>/approval.yaml，不需要手工复制哈希值。之后计票所依据的任何文件再有改动，
kczy validate 和 kczy verify 都会报告。

以下情况拒绝写出（退出状态 1）：投票尚未截止；审议日期早于投票截止日或晚于今天；公示开始日期早于
审议日期；公示期无法计算；计票所依据的文件有错误。approval.yaml 已存在时拒绝覆盖（退出状态 1）。"""


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    parser.add_argument("--meeting", required=True, metavar="TEXT",
                        help="审议会议的名称及届次，例如 省科协党组会议（2022年第16次）")
    parser.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="审议通过的日期")
    parser.add_argument("--notice-starts", required=True, metavar="YYYY-MM-DD",
                        help="在网站上开始公示的日期（不早于审议日期）")
    parser.add_argument("--now", metavar="YYYY-MM-DDTHH:MM",
                        help="按此北京时间判断投票是否截止（默认：现在）")
    add_identity_option(parser)


def run(args: argparse.Namespace) -> int:
    approved_on = read_day("--date", args.date)
    notice_starts = read_day("--notice-starts", args.notice_starts)
    meeting = args.meeting.strip()
    if len(meeting) < 4:
        raise FatalError("用法错误：--meeting 请写出会议名称及届次，例如 省科协党组会议（2022年第16次）")
    files, result, blocked = count_round(args)
    path = files.record_path("approval")
    if path in files.roles:
        print("kczy：" + render_message("approve.exists", {"path": path}), file=sys.stderr)
        return 1
    if result is None:
        sys.stderr.write(blocked + "以上文件有错误，无法计票，因此不能记录审议；请先修正。\n")
        return 1
    problems = _date_problems(files, read_now(args.now), approved_on, notice_starts)
    if problems:
        for problem in problems:
            print(f"kczy：{problem}", file=sys.stderr)
        print("kczy：未写出审议记录。", file=sys.stderr)
        return 1
    period = _period(files, notice_starts)
    digest = tally_sha256(result)
    written = _write(find_root(repo=args.repo) / path, path, meeting, approved_on, notice_starts, digest)
    print(f"已写出 {written}")
    print(f"  计票结果 SHA-256：{digest}")
    print(f"  公示期：{period.first_day.isoformat()} 至 {period.last_day.isoformat()}（含首日）")
    print("请以 pull request 提交此文件；合并后网站从公示开始日期起显示公示。")
    return 0


def _date_problems(
    files: RoundFiles, now: datetime.datetime, approved_on: datetime.date, notice_starts: datetime.date
) -> list[str]:
    """Why an approval with these dates cannot be recorded now; empty when it can."""
    problems = []
    closes = files.settings.schedule.voting_closes
    shown = closes.strftime("%Y-%m-%d %H:%M") + "（北京时间）"
    if now < closes:
        problems.append(f"投票尚未截止（{shown}），不能记录审议")
    if approved_on < closes.date():
        problems.append(f"审议日期 {approved_on} 早于投票截止（{shown}）")
    if approved_on > now.date():
        problems.append(f"审议日期 {approved_on} 晚于今天（{now.date()}）")
    if notice_starts < approved_on:
        problems.append(f"公示开始日期 {notice_starts} 早于审议日期 {approved_on}")
    try:
        _period(files, notice_starts)
    except NoticeUncomputable as error:
        problems.append(f"从 {notice_starts} 起的公示期无法计算（{error.code}）")
    return problems


def _period(files: RoundFiles, notice_starts: datetime.date) -> Period:
    rule = files.settings.notice
    return notice_period(notice_starts, rule.days, rule.count, rule.calendar)


def _write(
    target: Path, path: str, meeting: str, approved_on: datetime.date,
    notice_starts: datetime.date, digest: str,
) -> str:
    text = (
        "# yaml-language-server: $schema=../../schemas/approval.schema.json\n"
        "# 党组审议记录，由 kczy approve 写出。tally_sha256 锁定被批准的计票结果"
        "（kczy tally --format json 的 SHA-256）；\n"
        "# 此后计票所依据的文件若有改动，kczy validate 和 kczy verify 都会报告。\n"
        f"approved_on: {approved_on.isoformat()}\n"
        f"meeting: {yaml_quoted(meeting)}\n"
        f"notice_starts: {notice_starts.isoformat()}\n"
        f'tally_sha256: "{digest}"\n'
    )
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise FatalError(render_message("approve.exists", {"path": path})) from None
    except OSError as error:
        raise FatalError(f"无法写入 {path}：{error.strerror}") from None
    return path
