"""The tally for people: a text table with aligned Chinese columns, and a CSV that Excel opens as UTF-8.

Pure renderers over the frozen outcome of `kczy.tally.count.tally_round`; each returns text, none prints.
Reasons and notes are worded here, from the message catalog: the record keeps only their codes.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Mapping, Sequence

from kczy.messages import render_message, render_param, type_label
from kczy.tally.outcome import InvalidBallot, InvalidVote, Reason, TallyOutcome
from kczy.tally.record import FORMAT, tally_sha256


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: wide and full-width characters take two."""
    return sum(
        2 if unicodedata.east_asian_width(c) in ("W", "F") else 0 if unicodedata.combining(c) else 1
        for c in text
    )


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


def render_reason(reason: Reason) -> str:
    """A reason or note in the catalog's words, with its code (the code is what the record keeps)."""
    return f"{render_message(reason.code, reason.params)}（{reason.code}）"


def render_tally_text(
    outcome: TallyOutcome,
    detail: bool = True,
    unit_names: Mapping[str, str] | None = None,
    type_names: Mapping[str, str] | None = None,
) -> str:
    """The report for people. `detail=False` (a sealed round's public output, e.g. a CI log) names no
    member next to an application: invalid votes are only counted, and an invalid ballot's schema
    problem (read from inside the envelope) is not placed; the full list goes to `--detail-to`.
    `unit_names` (unit id → registered name) and `type_names` (type id → the name in the round's own
    rules) show them as people know them; the record keeps ids."""
    names = unit_names or {}
    ballots, quorum = outcome.ballots, outcome.quorum
    sample = "（示例数据，非真实评审）" if outcome.sample else ""
    lines = [f"{outcome.title}：计票结果{sample}", ""]
    lines.append(
        f"评委 {outcome.committee_size} 人，收到选票 {ballots.received} 张，"
        f"有效 {len(ballots.valid)} 张，无效 {len(ballots.invalid)} 张；"
        f"有效票数要求 {quorum.required} 张，{'已达到' if quorum.met else '未达到'}。"
    )
    if outcome.threshold.rule == "majority":
        lines.append(f"入选门槛：得票须超过有效选票的一半，即至少 {outcome.threshold.min_votes} 票。")
    lines.append(f"截止时间核对：{render_message('tally.deadline.' + outcome.deadline_check, {})}。")
    for body in outcome.types:
        lines += [
            "",
            f"【{_type_name(body.type_id, type_names)}】"
            f"名额 {body.quota} 个，每票至多赞成 {body.max_votes} 个",
        ]
        rows = []
        for row in body.ranking:
            decided = "、".join(f"第{n}轮 {v}" for n, v in row.runoff_votes)
            rows.append(
                [
                    str(row.rank),
                    row.application,
                    row.title,
                    _unit(row.applicant, names),
                    str(row.votes),
                    decided,
                    status_name(row.status),
                ]
            )
        if not rows:
            lines.append("（本类没有申报）")
            continue
        headings = ["名次", "申报编号", "项目名称", "申报单位", "得票", "决选得票", "结果"]
        if not any(r[5] for r in rows):
            headings.pop(5)
            rows = [r[:5] + r[6:] for r in rows]
        lines += render_table(headings, rows, frozenset({0, 4}))
    if outcome.late_applications:
        lines += ["", "【逾期的申报书】（申报截止后才进入主分支或被修改，不参加排名）"]
        lines += [f"{a.file}：{render_reason(a.reason)}" for a in outcome.late_applications]
    if ballots.invalid:
        lines += ["", "【无效选票】"]
        lines += _invalid_ballots(ballots.invalid, detail)
    if outcome.invalid_votes:
        lines += ["", "【无效的赞成票】"]
        lines += _invalid_votes(outcome.invalid_votes, detail)
    for runoff in outcome.runoffs:
        if runoff.ignored is not None:
            lines += [
                "",
                f"【第 {runoff.number} 轮决选】收到 {runoff.ballots.received} 张，不计票："
                f"{render_reason(runoff.ignored)}",
            ]
            continue
        span = f"{render_param('time', runoff.opens)} 至 {render_param('time', runoff.closes)}"
        lines += [
            "",
            f"【第 {runoff.number} 轮决选】（{span}）"
            f"收到 {runoff.ballots.received} 张，有效 {len(runoff.ballots.valid)} 张",
        ]
        lines += _invalid_ballots(runoff.ballots.invalid, detail)
        lines += _invalid_votes(runoff.invalid_votes, detail)
    if outcome.receipts:
        lines += ["", "【密封选票回执】（密文的 SHA-256，评委可据此核对自己的选票已被计票读取）"]
        lines += [f"{r.member}：{r.sha256}" for r in outcome.receipts]
    if outcome.notes:
        lines += ["", "【说明】"] + [f"- {render_message(n.code, n.params)}" for n in outcome.notes]
    lines += [
        "",
        f"计票结果的 SHA-256：{tally_sha256(outcome)}（计票记录格式 {FORMAT}）",
        "  （党组审议记录 approval.yaml 的 tally_sha256 就是它；用 kczy approve 记录审议时会自动写入）",
        f"输入文件的 SHA-256：{outcome.inputs_sha256}（计票所读文件的指纹，不是审议要填的值）",
    ]
    return "\n".join(lines) + "\n"


def status_name(status: str) -> str:
    return render_message(f"tally.status.{status}", {})


def _invalid_ballots(invalid: Sequence[InvalidBallot], detail: bool) -> list[str]:
    lines = []
    for ballot in invalid:
        said = render_message(ballot.reason.code, ballot.reason.params)
        if not detail and ballot.reason.code == "tally.ballot.schema":
            said = render_message("tally.ballot.schema-sealed", {})  # its place would hint at what was inside
        lines.append(f"{ballot.file}：{said}（{ballot.reason.code}）")
    return lines


def _invalid_votes(votes: Sequence[InvalidVote], detail: bool) -> list[str]:
    if not votes:
        return []
    if not detail:
        return [f"共 {len(votes)} 张（密封投票：谁的哪一票无效不在此列出，只写入用 --detail-to 指定的文件）"]
    return [_vote_line(v) for v in votes]


def _vote_line(vote: InvalidVote) -> str:
    where = f"{vote.member} → {vote.application}（{type_label(vote.type_id)}类）"
    return f"{where}：{render_reason(vote.reason)}"


def render_partial_text(outcome: TallyOutcome, closes: str) -> str:
    return (
        f"投票尚未截止（{closes}截止）：评委 {outcome.committee_size} 人，"
        f"已收到选票 {outcome.ballots.received} 张，其中有效 {len(outcome.ballots.valid)} 张。\n"
        "截止前不显示各项目的得票。\n"
    )


def render_not_open_text(opens: str, closes: str) -> str:
    """Before voting opens no ballot can have been cast: say so instead of counting files."""
    return f"投票尚未开始（{opens}开始，{closes}截止），现在还没有可以计的选票。\n"


def render_tally_csv(
    outcome: TallyOutcome,
    unit_names: Mapping[str, str] | None = None,
    type_names: Mapping[str, str] | None = None,
) -> str:
    """The ranking of every type as CSV text; the caller writes it as UTF-8 with a BOM for Excel."""
    names = unit_names or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        ["项目类别", "名次", "申报编号", "项目名称", "申报单位", "申报单位编号", "得票", "决选得票", "结果"]
    )
    for body in outcome.types:
        for row in body.ranking:
            runoff = ";".join(f"{n}:{v}" for n, v in row.runoff_votes)
            writer.writerow(
                [
                    _type_name(body.type_id, type_names),
                    row.rank,
                    row.application,
                    _cell(row.title),
                    _cell(_unit(row.applicant, names)),
                    row.applicant,
                    row.votes,
                    runoff,
                    status_name(row.status),
                ]
            )
    return buffer.getvalue()


def _type_name(type_id: str, names: Mapping[str, str] | None) -> str:
    return (names or {}).get(type_id) or f"{type_label(type_id)}项目"


def _unit(unit_id: str, names: Mapping[str, str]) -> str:
    return names.get(unit_id) or unit_id


def _cell(text: str) -> str:
    """Keep spreadsheet formulas out of a cell written by an applicant (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
