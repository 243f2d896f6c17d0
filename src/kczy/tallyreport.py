"""The tally for people: a text table with aligned Chinese columns, and a CSV that Excel opens as UTF-8.

Pure renderers over the plain result of `kczy.tally.tally_round`; each returns text, none prints.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from kczy.messages import type_label
from kczy.tally import tally_sha256

STATUS_NAMES = {"selected": "入选", "tie": "并列（待决选）", "not-selected": "未入选"}
DEADLINE_NAMES = {
    "checked": "已按 git 历史核对",
    "unavailable": "未能核对（没有 git 历史）",
    "skipped-sample": "示例轮次，不核对",
}


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 0 if unicodedata.combining(c) else 1
               for c in text)


def pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(0, width - display_width(text))
    return space + text if right else text + space


def render_table(
    headings: Sequence[str], rows: Sequence[Sequence[str]], numeric: frozenset[int]
) -> list[str]:
    widths = [max(display_width(str(r[i])) for r in [headings, *rows]) for i in range(len(headings))]
    lines = []
    for row in [headings, *rows]:
        cells = [pad(str(cell), widths[i], i in numeric) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


SEALED_SCHEMA_REASON = "选票（打开后的）内容不符合格式，整张无效"


def render_tally_text(
    result: Mapping[str, Any], detail: bool = True, unit_names: Mapping[str, str] | None = None
) -> str:
    """The report for people. `detail=False` (a sealed round's public output, e.g. a CI log) names no
    member next to an application: invalid votes are only counted, and an invalid ballot's schema
    problem (read from inside the envelope) is not quoted; the full list goes to `--detail-to`.
    `unit_names` (unit id → registered name) shows units as people know them; the JSON keeps ids."""
    names = unit_names or {}
    ballots = result["ballots"]
    quorum = result["quorum"]
    sample = "（示例数据，非真实评审）" if result.get("sample") else ""
    lines = [f"{result['title']}：计票结果{sample}", ""]
    lines.append(
        f"评委 {result['committee_size']} 人，收到选票 {ballots['received']} 张，"
        f"有效 {len(ballots['valid'])} 张，无效 {len(ballots['invalid'])} 张；"
        f"有效票数要求 {quorum['required']} 张，{'已达到' if quorum['met'] else '未达到'}。"
    )
    threshold = result["threshold"]
    if threshold["rule"] == "majority":
        lines.append(f"入选门槛：得票须超过有效选票的一半，即至少 {threshold['min_votes']} 票。")
    lines.append(f"截止时间核对：{DEADLINE_NAMES.get(result['deadline_check']['status'], '')}。")
    for body in result["types"].values():
        lines += ["", f"【{body['name']}】名额 {body['quota']} 个，每票至多赞成 {body['max_votes']} 个"]
        rows = []
        for row in body["ranking"]:
            runoff = "、".join(f"第{n}轮 {v}" for n, v in sorted(row.get("runoff_votes", {}).items()))
            rows.append([str(row["rank"]), row["application"], row["title"], _unit(row["applicant"], names),
                         str(row["votes"]), runoff, STATUS_NAMES[row["status"]]])
        if not rows:
            lines.append("（本类没有申报）")
            continue
        headings = ["名次", "申报编号", "项目名称", "申报单位", "得票", "决选得票", "结果"]
        if not any(r[5] for r in rows):
            headings.pop(5)
            rows = [r[:5] + r[6:] for r in rows]
        lines += render_table(headings, rows, frozenset({0, 4}))
    if result.get("late_applications"):
        lines += ["", "【逾期的申报书】（申报截止后才进入主分支或被修改，不参加排名）"]
        lines += [f"{a['file']}：{a['reason']}（{a['code']}）" for a in result["late_applications"]]
    if ballots["invalid"]:
        lines += ["", "【无效选票】"]
        lines += _invalid_ballots(ballots["invalid"], detail)
    if result["invalid_votes"]:
        lines += ["", "【无效的赞成票】"]
        lines += _invalid_votes(result["invalid_votes"], detail)
    for runoff in result["runoffs"]:
        if "ignored" in runoff:
            lines += ["", f"【第 {runoff['number']} 轮决选】收到 {runoff['ballots']['received']} 张，不计票："
                          f"{runoff['ignored']['reason']}（{runoff['ignored']['code']}）"]
            continue
        window = runoff["window"]
        lines += ["", f"【第 {runoff['number']} 轮决选】（{window['opens']} 至 {window['closes']}，北京时间）"
                      f"收到 {runoff['ballots']['received']} 张，"
                      f"有效 {len(runoff['ballots']['valid'])} 张"]
        lines += _invalid_ballots(runoff["ballots"]["invalid"], detail)
        lines += _invalid_votes(runoff["invalid_votes"], detail)
    if result.get("receipts"):
        lines += ["", "【密封选票回执】（密文的 SHA-256，评委可据此核对自己的选票已被计票读取）"]
        lines += [f"{r['member']}：{r['sha256']}" for r in result["receipts"]]
    if result["notes"]:
        lines += ["", "【说明】"] + [f"- {n['text']}" for n in result["notes"]]
    lines += [
        "",
        f"计票结果的 SHA-256：{tally_sha256(result)}",
        "  （党组审议记录 approval.yaml 的 tally_sha256 就是它；用 kczy approve 记录审议时会自动写入）",
        f"输入文件的 SHA-256：{result['inputs_sha256']}（计票所读文件的指纹，不是审议要填的值）",
    ]
    return "\n".join(lines) + "\n"


def _invalid_ballots(invalid: Sequence[Mapping[str, Any]], detail: bool) -> list[str]:
    lines = []
    for ballot in invalid:
        reason = ballot["reason"]
        if not detail and ballot["code"] == "tally.ballot.schema":
            reason = SEALED_SCHEMA_REASON
        lines.append(f"{ballot['file']}：{reason}（{ballot['code']}）")
    return lines


def _invalid_votes(votes: Sequence[Mapping[str, Any]], detail: bool) -> list[str]:
    if not votes:
        return []
    if not detail:
        return [f"共 {len(votes)} 张（密封投票：谁的哪一票无效不在此列出，只写入用 --detail-to 指定的文件）"]
    return [_vote_line(v) for v in votes]


def _vote_line(vote: Mapping[str, Any]) -> str:
    where = f"{vote['member']} → {vote['application']}（{type_label(vote['type'])}类）"
    return f"{where}：{vote['reason']}（{vote['code']}）"


def render_partial_text(view: Mapping[str, Any], closes: str) -> str:
    return (
        f"投票尚未截止（{closes}截止）：评委 {view['committee_size']} 人，"
        f"已收到选票 {view['ballots']['received']} 张，其中有效 {view['ballots']['valid']} 张。\n"
        "截止前不显示各项目的得票。\n"
    )


def render_not_open_text(opens: str, closes: str) -> str:
    """Before voting opens no ballot can have been cast: say so instead of counting files."""
    return f"投票尚未开始（{opens}开始，{closes}截止），现在还没有可以计的选票。\n"


def render_tally_csv(result: Mapping[str, Any], unit_names: Mapping[str, str] | None = None) -> str:
    """The ranking of every type as CSV text; the caller writes it as UTF-8 with a BOM for Excel."""
    names = unit_names or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        ["项目类别", "名次", "申报编号", "项目名称", "申报单位", "申报单位编号", "得票", "决选得票", "结果"]
    )
    for body in result["types"].values():
        for row in body["ranking"]:
            runoff = ";".join(f"{n}:{v}" for n, v in sorted(row.get("runoff_votes", {}).items()))
            writer.writerow([body["name"], row["rank"], row["application"], _cell(row["title"]),
                             _cell(_unit(row["applicant"], names)), row["applicant"], row["votes"], runoff,
                             STATUS_NAMES[row["status"]]])
    return buffer.getvalue()


def _unit(unit_id: str, names: Mapping[str, str]) -> str:
    return names.get(unit_id) or unit_id


def _cell(text: str) -> str:
    """Keep spreadsheet formulas out of a cell written by an applicant (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
