"""What the published pages rest on, recomputed: the tally, its pinned hash, the notice and announcement.

Pure: takes the round's files and the tally result; returns one line per comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

from kczy.errors import FatalError
from kczy.messages import render_message, words
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
    checks = [Check(True, words("verify.recounted", sha256=result.inputs_sha256))]
    approval = files.record("approval")
    pinned, tally_format = approval.get("tally_sha256"), approval.get("tally_format")
    if files.record_path("approval") not in files.roles:
        checks.append(Check(True, words("verify.no-approval"), pending=True))
        return checks
    # only a format number can be a format this kczy does not know; "2", true or [2] is no number at all
    number = isinstance(tally_format, int) and not isinstance(tally_format, bool)
    if number and not known_format(tally_format):
        params = {"format": tally_format, "known": tuple(map(str, WRITERS))}
        refusal = render_message("approval.tally-format-unknown", params)
        raise FatalError(
            render_message(
                "stop.tally-format-unknown", {"path": files.record_path("approval"), "reason": refusal}
            )
        )
    comparable = tally_format if isinstance(tally_format, int) and known_format(tally_format) else None
    actual = tally_sha256(result, comparable) if comparable is not None else ""
    if not isinstance(pinned, str) or comparable is None:
        checks.append(Check(False, words("verify.approval-unreadable")))
    elif pinned == actual:
        checks.append(Check(True, words("verify.hash-matches", sha256=actual)))
    else:
        checks.append(Check(False, words("verify.hash-differs", pinned=pinned, actual=actual)))
    checks.append(_notice_check(files))
    chosen = result.selected()
    separator = words("verify.ids-separator")
    names = [
        words("verify.type-ids", type=t, ids=separator.join(ids) if ids else words("verify.none"))
        for t, ids in chosen.items()
    ]
    checks.append(
        Check(
            pinned == actual, words("verify.notice-list", lists=words("verify.types-separator").join(names))
        )
    )
    all_selected = {a for ids in chosen.values() for a in ids}
    objections = objection_records(files)
    readable = {o.id for o in objections}
    unreadable = {files.roles[path].file_id for path in files.paths_of("objection")} - readable
    for objection_id in sorted(unreadable):
        checks.append(Check(False, words("verify.objection-unreadable", id=objection_id)))
    for objection in sorted(objections, key=lambda o: o.id):
        objection_id, application = objection.id, objection.application
        if application not in all_selected and objection.admissible is True:
            checks.append(
                Check(
                    False,
                    words("verify.objection-admitted-unlisted", id=objection_id, application=application),
                )
            )
        elif objection.status == "upheld" and application not in all_selected:
            checks.append(
                Check(
                    False, words("verify.objection-upheld-unlisted", id=objection_id, application=application)
                )
            )
        if objection.status == "pending" and files.record("announcement"):
            checks.append(Check(False, words("verify.objection-pending-announced", id=objection_id)))
    removed = sorted({o.application for o in objections if o.status == "upheld"})
    announced = sorted(all_selected - set(removed))
    which = words("verify.removed-ids", ids=separator.join(removed)) if removed else ""
    listed = words("verify.announced-count", count=len(announced), removed=len(removed), which=which)
    if files.record_path("announcement") in files.roles:
        checks.append(Check(True, words("verify.announced", listed=listed)))
    else:
        checks.append(Check(True, words("verify.unpublished", listed=listed), pending=True))
    return checks


def _notice_check(files: RoundFiles) -> Check:
    """The notice period by the same verdict `kczy validate`, `kczy status` and the site reach."""
    try:
        period = approved_period(files)
    except NoticeUncomputable as error:
        return Check(
            False, words("verify.notice-uncomputable", reason=render_notice_problem(error, files.year))
        )
    if period is None:
        return Check(False, words("verify.notice-unreadable"))
    return Check(
        True,
        words("verify.notice-period", first=period.first_day.isoformat(), last=period.last_day.isoformat()),
    )
