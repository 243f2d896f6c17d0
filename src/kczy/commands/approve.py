from __future__ import annotations

import argparse
import datetime
import sys
from dataclasses import dataclass
from pathlib import Path

from kczy.beijing import show_beijing
from kczy.clock import read_day, read_now
from kczy.counting import add_identity_option, count_round
from kczy.errors import FatalError
from kczy.findings import Finding
from kczy.messages import os_reason, render_message
from kczy.records import approval_refusals, render_approval
from kczy.repo import find_root
from kczy.roundfiles import RoundFiles
from kczy.rounds import add_round_option
from kczy.tally.record import tally_sha256
from kczy.workdays import Period, notice_period

HELP = "记录党组审议：写出 approval.yaml，并自动填入被批准计票结果的哈希值"
DESCRIPTION = """\
党组会议审议通过评审结果之后，秘书处运行：

  kczy approve --meeting "省科协党组会议（2022年第16次）" --date 2022-09-24 --notice-starts 2022-09-26

它重新计票，把计票结果（kczy tally --format json 的输出）的 SHA-256 写进
submissions/<年度>/approval.yaml，不需要手工复制哈希值。之后计票所依据的任何文件再有改动，
kczy validate 和 kczy verify 都会报告。

以下情况拒绝写出（退出状态 1），说明与 kczy validate 相同：投票尚未截止；审议日期早于投票截止日或晚于今天；
公示开始日期早于审议日期；公示期无法计算；会议名称太短或太长；计票所依据的文件有错误；
approval.yaml 已经存在。"""


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


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    meeting: str
    date: str
    notice_starts: str
    now: str | None
    identity: str | None


def run(options: Options) -> int:
    approved_on = read_day("--date", options.date)
    notice_starts = read_day("--notice-starts", options.notice_starts)
    files, result, blocked = count_round(options.repo, options.round, options.identity)
    path = files.record_path("approval")
    if path in files.roles:
        print("kczy：" + render_message("approve.exists", {"path": path}), file=sys.stderr)
        return 1
    if result is None:
        sys.stderr.write(blocked + render_message("approve.tally-blocked", {}) + "\n")
        return 1
    digest = tally_sha256(result)
    relative, text = render_approval(files, options.meeting.strip(), approved_on, notice_starts, digest)
    refusals = [*_clock_refusals(files, relative, read_now(options.now), approved_on),
                *approval_refusals(files, relative, text)]
    if refusals:
        for finding in refusals:
            params = {"path": relative, "message": finding.message, "code": finding.code}
            print("kczy：" + render_message("new.refused", params), file=sys.stderr)
        return 1
    _write(find_root(repo=options.repo) / relative, relative, text)
    period = _period(files, notice_starts)
    print(render_message("new.written", {"path": relative}))
    print(render_message("approve.written", {
        "digest": digest, "first_day": period.first_day.isoformat(), "last_day": period.last_day.isoformat(),
    }))
    return 0


def _clock_refusals(
    files: RoundFiles, relative: str, now: datetime.datetime, approved_on: datetime.date
) -> list[Finding]:
    """What the day of running refuses (validate, which reads no clock, cannot): voting still open, an
    approval dated in the future."""
    found = []
    closes = files.settings.schedule.voting_closes
    if now < closes:
        found.append(Finding(relative, 1, 1, "approve.voting-open", {"time": show_beijing(closes)}))
    if approved_on > now.date():
        params = {"name": "审议日期", "day": approved_on.isoformat(), "today": now.date().isoformat()}
        found.append(Finding(relative, 1, 1, "new.after-today", params))
    return found


def _period(files: RoundFiles, notice_starts: datetime.date) -> Period:
    rule = files.settings.notice
    return notice_period(notice_starts, rule.days, rule.count, rule.calendar)


def _write(target: Path, path: str, text: str) -> None:
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise FatalError(render_message("approve.exists", {"path": path})) from None
    except OSError as error:
        params = {"path": path, "reason": os_reason(error)}
        raise FatalError(render_message("new.unwritable", params)) from None
