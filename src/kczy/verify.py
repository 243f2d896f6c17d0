"""What the published pages rest on, recomputed: the tally, its pinned hash, the notice and announcement.

Pure: takes the round's files and the tally result; returns one line per comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

from kczy.errors import FatalError
from kczy.messages import render_message
from kczy.roundfiles import RoundFiles
from kczy.stages import approved_period, objection_records, render_notice_problem
from kczy.tally.checks import known_format
from kczy.tally.outcome import TallyOutcome
from kczy.tally.record import WRITERS, tally_sha256
from kczy.workdays import NoticeUncomputable


@dataclass(frozen=True)
class Check:
    ok: bool
    text: str
    pending: bool = False
    """Nothing to compare yet (no approval, no announcement): said, but neither ✓ nor ✗."""

    @property
    def mark(self) -> str:
        return "·" if self.pending else "✓" if self.ok else "✗"


def verify_round(files: RoundFiles, result: TallyOutcome) -> list[Check]:
    """Each comparison, in the order a reader of the published result would check them.

    The tally is recomputed under the record format the approval names (`tally_format`); a format this
    kczy cannot write is a refusal (FatalError), never reported as a mismatch.
    """
    checks = [Check(True, f"已重新计票：输入文件 SHA-256 {result.inputs_sha256}")]
    approval = files.record("approval")
    pinned, tally_format = approval.get("tally_sha256"), approval.get("tally_format")
    if files.record_path("approval") not in files.roles:
        checks.append(Check(True, "尚无党组审议记录（approval.yaml），没有需要核对的哈希值", pending=True))
        return checks
    # only a format number can be a format this kczy does not know; "2", true or [2] is no number at all
    number = isinstance(tally_format, int) and not isinstance(tally_format, bool)
    if number and not known_format(tally_format):
        params = {"format": tally_format, "known": tuple(map(str, WRITERS))}
        refusal = render_message("approval.tally-format-unknown", params)
        raise FatalError(render_message("stop.tally-format-unknown", {"path": files.record_path("approval"),
                                                                      "reason": refusal}))
    comparable = tally_format if isinstance(tally_format, int) and known_format(tally_format) else None
    actual = tally_sha256(result, comparable) if comparable is not None else ""
    if not isinstance(pinned, str) or comparable is None:
        missing = "党组审议记录（approval.yaml）无法读取或缺少 tally_sha256、tally_format，无法核对"
        checks.append(Check(False, missing))
    elif pinned == actual:
        checks.append(Check(True, f"计票结果与党组审议锁定的哈希值一致：{actual}"))
    else:
        checks.append(Check(False, f"计票结果与党组审议锁定的哈希值不一致：锁定 {pinned}，重新计票 {actual}"))
    checks.append(_notice_check(files))
    chosen = result.selected()
    names = [f"{t}：{'、'.join(ids) if ids else '（无）'}" for t, ids in chosen.items()]
    checks.append(Check(pinned == actual, "公示名单（计票入选项目）：" + "；".join(names)))
    all_selected = {a for ids in chosen.values() for a in ids}
    objections = objection_records(files)
    readable = {o.id for o in objections}
    unreadable = {files.roles[path].file_id for path in files.paths_of("objection")} - readable
    for objection_id in sorted(unreadable):
        checks.append(Check(False, f"异议 {objection_id} 的记录无法读取，无法核对公布名单"))
    for objection in sorted(objections, key=lambda o: o.id):
        objection_id, application = objection.id, objection.application
        if application not in all_selected and objection.admissible is True:
            checks.append(Check(False, f"异议 {objection_id} 针对的项目“{application}”不在公示名单中，"
                                       "却登记为受理；应写 admissible: 不属于受理范围"))
        elif objection.status == "upheld" and application not in all_selected:
            checks.append(Check(False, f"异议 {objection_id} 成立，但其项目“{application}”不在公示名单中"))
        if objection.status == "pending" and files.record("announcement"):
            checks.append(Check(False, f"异议 {objection_id} 仍在处理中，却已有公布记录"))
    removed = sorted({o.application for o in objections if o.status == "upheld"})
    announced = sorted(all_selected - set(removed))
    listed = (f"{len(announced)} 个项目（公示名单减去异议成立的 {len(removed)} 个"
              + (f"：{'、'.join(removed)}" if removed else "") + "）")
    if files.record_path("announcement") in files.roles:
        checks.append(Check(True, "公布名单：" + listed))
    else:
        unpublished = "尚未公布（没有 announcement.yaml）；按现有记录，将公布 " + listed
        checks.append(Check(True, unpublished, pending=True))
    return checks


def _notice_check(files: RoundFiles) -> Check:
    """The notice period by the same verdict `kczy validate`, `kczy status` and the site reach."""
    try:
        period = approved_period(files)
    except NoticeUncomputable as error:
        return Check(False, "公示期无法计算：" + render_notice_problem(error, files.year))
    if period is None:
        return Check(False, "公示期无法计算：approval.yaml 的公示开始日期或 round.yaml 的公示规则无法读取")
    return Check(True, f"公示期：{period.first_day.isoformat()} 至 {period.last_day.isoformat()}（含首日）")
