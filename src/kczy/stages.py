"""Where a round stands: its stage and dates, from its files and a clock reading passed in.

Pure. A record counts only from its own date on (approval from `approved_on`, an objection from
`received_on` until `decided_on`, the announcement from `published_on`), so any day of a finished
round can be replayed with `--now`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from kczy.beijing import BEIJING
from kczy.choices import canonical_record
from kczy.messages import CatalogNames, render_message, show_beijing, words
from kczy.roundfiles import RoundFiles
from kczy.roundmodel import SCHEDULE_KEYS as SCHEDULE_KEYS
from kczy.roundmodel import SCHEDULE_NAMES as SCHEDULE_NAMES
from kczy.workdays import NoticeUncomputable, Period, notice_period, parse_date

Stage = Literal[
    "upcoming", "applications", "review", "voting", "tally", "approved", "notice", "objections", "announced"
]
STAGES: tuple[Stage, ...] = (
    "upcoming", "applications", "review", "voting", "tally", "approved", "notice", "objections", "announced",
)
STAGE_NAMES: Mapping[Stage, str] = CatalogNames("stage.name.", STAGES)
"""Each stage as people call it (the catalog's `stage.name.<stage>`)."""
OBJECTION_STATUSES = ("pending", "upheld", "rejected", "withdrawn")


@dataclass(frozen=True)
class Objection:
    """One objection as the public may know it: never its submitter."""

    id: str
    application: str
    received_on: datetime.date
    summary: str
    admissible: bool | str
    status: str
    """As of the day looked at: `pending` until `decided_on`."""
    decided_on: datetime.date | None
    decision: str


@dataclass(frozen=True)
class Timeline:
    """The round on one day. Records dated after that day are left out."""

    year: str
    today: datetime.date
    stage: Stage
    schedule: dict[str, datetime.datetime]
    approved_on: datetime.date | None
    meeting: str
    notice: Period | None
    objections: tuple[Objection, ...]
    announcement: dict[str, Any] | None

    @property
    def pending(self) -> tuple[Objection, ...]:
        return tuple(o for o in self.objections if o.status == "pending")

    @property
    def upheld(self) -> frozenset[str]:
        """Applications removed from the announcement by an upheld objection."""
        return frozenset(o.application for o in self.objections if o.status == "upheld")

    @property
    def notice_published(self) -> bool:
        return self.notice is not None and self.today >= self.notice.first_day

    @property
    def announced(self) -> bool:
        return self.stage == "announced"

    def as_json(self) -> dict[str, Any]:
        counts = {status: sum(o.status == status for o in self.objections) for status in OBJECTION_STATUSES}
        return {
            "round": self.year,
            "today": self.today.isoformat(),
            "stage": self.stage,
            "stage_name": STAGE_NAMES[self.stage],
            "schedule": {key: value.isoformat(timespec="minutes") for key, value in self.schedule.items()},
            "approval": (
                {"approved_on": self.approved_on.isoformat(), "meeting": self.meeting}
                if self.approved_on is not None
                else None
            ),
            "notice": (
                self.notice.as_json()
                if self.notice is not None
                else {"first_day": None, "last_day": None, "days": None, "count": None}
            ),
            "objections": {"received": len(self.objections), **counts},
            "announcement": self.announcement,
        }


class StageError(ValueError):
    """The round's files do not say enough to place it (round.yaml's schedule, the notice rule)."""

    def __init__(self, path: str, key: str, code: str, params: Mapping[str, Any] | None = None) -> None:
        self.path = path
        self.key = key
        self.code = code
        self.message = render_message(code, params or {})
        super().__init__(render_message("stage.error", {"path": path, "key": key, "message": self.message}))


def approved_period(files: RoundFiles) -> Period | None:
    """The notice period the approval sets, ignoring the clock; None without a usable approval.

    The one verdict on whether the period can be computed, for validate, verify, status and the site:
    raises NoticeUncomputable (a working day unknown, a period past the end of the calendar).
    """
    starts = parse_date(files.record("approval").get("notice_starts"))
    if starts is None:
        return None
    rule = files.settings.notice
    return notice_period(starts, rule.days, rule.count, rule.calendar)


def objection_records(files: RoundFiles) -> list[Objection]:
    """Every readable objection with its recorded status (not yet cut at any day)."""
    found = []
    for path in files.paths_of("objection"):
        document = files.parse(path)
        if document is None:
            continue
        data = objection_data(files, document.data)
        received = parse_date(data.get("received_on"))
        if received is None:
            continue
        admissible = data.get("admissible", True)
        found.append(
            Objection(
                id=files.roles[path].file_id,
                application=str(data.get("application", "")),
                received_on=received,
                summary=str(data.get("summary", "")),
                admissible=admissible if isinstance(admissible, bool | str) else True,
                status=str(data.get("status", "pending")),
                decided_on=parse_date(data.get("decided_on")),
                decision=str(data.get("decision", "")),
            )
        )
    return found


def objection_data(files: RoundFiles, data: dict[str, Any]) -> dict[str, Any]:
    """An objection's fields with its choices as ids (`成立` and `upheld` alike read `upheld`)."""
    return canonical_record(files.schemas.schemas.get("objection", {}), data)


def _as_of(objection: Objection, today: datetime.date) -> Objection:
    if objection.status != "pending" and (objection.decided_on is None or objection.decided_on > today):
        return Objection(
            objection.id, objection.application, objection.received_on, objection.summary,
            objection.admissible, "pending", None, "",
        )
    return objection


def _record_date(
    files: RoundFiles, kind: str, record: Mapping[str, Any], key: str
) -> datetime.date | None:
    """The record's date, None when it is not written; one written otherwise than YYYY-MM-DD (20211015,
    a week date) stops the timeline (validate reports it as schema.format) rather than being ignored."""
    if record.get(key) in (None, ""):
        return None
    day = parse_date(record[key])
    if day is None:
        raise StageError(files.record_path(kind), key, "stage.not-a-day", {"text": record[key]})
    return day


def compute_timeline(files: RoundFiles, now: datetime.datetime) -> Timeline:
    """The round's stage and dates at `now`. Raises StageError, or NoticeUncomputable (and RoundUnreadable
    when round.yaml cannot be read, FilesUnreadable when a record it reads is not of its shape)."""
    now = now.astimezone(BEIJING)
    today = now.date()
    schedule = files.settings.schedule.as_dict()
    files.require_readable(("approval", "objection", "announcement"))  # read below, not validated
    approval = files.record("approval")
    approved_on = _record_date(files, "approval", approval, "approved_on")
    if approved_on is not None and approved_on > today:
        approved_on = None
    notice: Period | None = None
    if approved_on is not None:
        notice = approved_period(files)
        if notice is None:
            raise StageError(files.record_path("approval"), "notice_starts", "stage.notice-unreadable")
    objections = tuple(_as_of(o, today) for o in objection_records(files) if o.received_on <= today)
    announcement = files.record("announcement")
    published = _record_date(files, "announcement", announcement, "published_on")
    announced = approved_on is not None and published is not None and published <= today

    stage: Stage
    if announced:
        stage = "announced"
    elif notice is not None:
        if today < notice.first_day:
            stage = "approved"
        else:
            stage = "notice" if today <= notice.last_day else "objections"
    elif now >= schedule["voting_closes"]:
        stage = "tally"
    elif now >= schedule["voting_opens"]:
        stage = "voting"
    elif now >= schedule["applications_close"]:
        stage = "review"
    elif "applications_open" in schedule and now < schedule["applications_open"]:
        stage = "upcoming"
    else:
        stage = "applications"
    return Timeline(
        year=files.year,
        today=today,
        stage=stage,
        schedule=schedule,
        approved_on=approved_on,
        meeting=str(approval.get("meeting", "")) if approved_on is not None else "",
        notice=notice,
        objections=objections,
        announcement=dict(announcement) if announced else None,
    )


def stage_line(timeline: Timeline) -> str:
    """The stage in one sentence with the date of its own event (never the day it is looked at):
    `申报尚未开始，2021-07-15 09:00（北京时间）开始申报`, `结果已公布，2021-10-15 公布`."""
    detail = stage_detail(timeline)
    name = STAGE_NAMES[timeline.stage]
    return render_message("stage.line", {"stage": name, "detail": detail}) if detail else name


def stage_detail(timeline: Timeline) -> str:
    """The date of the stage's own event, as `stage_line` says it after the stage's name ("" if none)."""
    schedule, stage = timeline.schedule, timeline.stage
    detail = ""
    if stage == "upcoming":
        detail = words("stage.detail.upcoming", opens=show_beijing(schedule["applications_open"]))
    elif stage == "applications":
        detail = words("stage.detail.closes", closes=show_beijing(schedule["applications_close"]))
    elif stage == "review":
        closed, opens = show_beijing(schedule["applications_close"]), show_beijing(schedule["voting_opens"])
        detail = words("stage.detail.review", closed=closed, opens=opens)
    elif stage == "voting":
        detail = words("stage.detail.closes", closes=show_beijing(schedule["voting_closes"]))
    elif stage == "tally":
        detail = words("stage.detail.tally", closed=show_beijing(schedule["voting_closes"]))
    elif stage == "approved" and timeline.approved_on is not None and timeline.notice is not None:
        approved, starts = timeline.approved_on.isoformat(), timeline.notice.first_day.isoformat()
        detail = words("stage.detail.approved", approved=approved, starts=starts)
    elif stage in ("notice", "objections") and timeline.notice is not None:
        notice = timeline.notice
        first, last = notice.first_day.isoformat(), notice.last_day.isoformat()
        detail = words("stage.detail.notice", first=first, last=last)
    elif stage == "announced" and timeline.announcement is not None:
        detail = words("stage.detail.announced", day=timeline.announcement.get("published_on"))
    return detail


def render_notice_problem(error: NoticeUncomputable, year: str) -> str:
    """Why the notice period cannot be computed, at the record that says so (as `kczy validate` says it)."""
    message = render_message(error.code, error.params)
    path = f"submissions/{year}/{error.record}.yaml"
    return render_message("stage.notice-problem", {"path": path, "message": message, "code": error.code})
