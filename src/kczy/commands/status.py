from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass

from kczy.beijing import show_beijing
from kczy.clock import read_now
from kczy.repo import find_root, read_work_tree
from kczy.rounds import add_round_option
from kczy.stages import (
    SCHEDULE_NAMES,
    StageError,
    Timeline,
    compute_timeline,
    render_notice_problem,
    stage_line,
)
from kczy.workdays import NoticeUncomputable

HELP = "查看本轮所处阶段和各项日期"
DESCRIPTION = """\
根据 round.yaml、approval.yaml、objections/ 和 announcement.yaml 判断本轮所处阶段
（括号中是 --format json 的 stage 值）：
  upcoming 申报尚未开始 · applications 申报 · review 形式审查与评审阅读 · voting 投票 · tally 计票与党组审议 ·
  approved 已审议待公示 · notice 公示 · objections 公示期满待公布 · announced 已公布
并给出公示期的第一天和最后一天（含第一天；按工作日计算时依照国务院节假日安排）。

用 --now 指定北京时间可以回放任何一天：晚于该时刻的记录视为尚未发生。
输入有问题（缺少日期、节假日安排不全）时退出状态为 1。"""

FORMATS = ("text", "json")


def configure(parser: argparse.ArgumentParser) -> None:
    add_round_option(parser)
    parser.add_argument("--now", metavar="YYYY-MM-DDTHH:MM", help="按这一北京时间判断（默认：当前时间）")
    parser.add_argument("--format", choices=FORMATS, default="text", help="输出格式（默认 text）")


@dataclass(frozen=True)
class Options:
    repo: str | None
    round: str | None
    now: str | None
    format: str


def run(options: Options) -> int:
    now = read_now(options.now)
    tree = read_work_tree(find_root(repo=options.repo))
    files = tree.chosen_round(options.round)
    year = files.year
    try:
        timeline = compute_timeline(files, now)
    except StageError as error:
        print(f"kczy：{error}", file=sys.stderr)
        return 1
    except NoticeUncomputable as error:
        print(f"kczy：{render_notice_problem(error, year)}", file=sys.stderr)
        return 1
    if options.format == "json":
        sys.stdout.write(json.dumps(timeline.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_status_text(timeline))
    return 0


def render_status_text(timeline: Timeline) -> str:
    lines = [
        f"{timeline.year} 年度，{timeline.today.isoformat()}",
        f"当前阶段：{stage_line(timeline)}",
    ]
    for key, value in timeline.schedule.items():
        lines.append(f"{SCHEDULE_NAMES[key]}：{show_beijing(value)}")
    if timeline.approved_on is not None:
        lines.append(f"党组审议通过：{timeline.approved_on.isoformat()}（{timeline.meeting}）")
    else:
        lines.append("党组审议：尚未通过")
    if timeline.notice is not None:
        unit = "个工作日" if timeline.notice.count == "workdays" else "天"
        lines.append(
            f"公示期：{timeline.notice.first_day.isoformat()} 至 {timeline.notice.last_day.isoformat()}"
            f"（{timeline.notice.days} {unit}，含首日）"
        )
    if timeline.objections:
        upheld = sum(o.status == "upheld" for o in timeline.objections)
        lines.append(
            f"异议：收到 {len(timeline.objections)} 件，待处理 {len(timeline.pending)} 件，成立 {upheld} 件"
        )
    if timeline.announcement is not None:
        announcement = timeline.announcement
        lines.append(f"结果公布：{announcement.get('published_on')}（{announcement.get('document_number')}）")
    return "\n".join(lines) + "\n"
