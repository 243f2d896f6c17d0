"""A round's settings (round.yaml), read once into frozen, typed values with ONE set of defaults.

Pure: `parse_round_settings` takes round.yaml's parsed document and the findings its reading and its
schema gave, and returns the settings, or None with the findings that say why they cannot be read
(a value of the wrong type, a time that is not on the calendar, a missing file). Every command reads
a round's quota, max_votes, schedule, notice rule, voting rules, attachment limits and secretariat
here (`RoundFiles.settings`), and stops with these findings when there are none.

Where a round's quota comes from: `TypeSettings.quota`, read by `_types` below; `max_votes` defaults
to it there and nowhere else.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from kczy.beijing import parse_beijing_time
from kczy.findings import Finding
from kczy.messages import CatalogNames
from kczy.workdays import Count, Overrides, parse_overrides
from kczy.yamlload import Document, NodePath

SCHEDULE_KEYS = ("applications_open", "applications_close", "voting_opens", "voting_closes")
SCHEDULE_NAMES: Mapping[str, str] = CatalogNames("schedule.", SCHEDULE_KEYS)
"""Each moment of the schedule as people call it (the catalog's `schedule.<key>`)."""
DEFAULT_MAX_PER_UNIT = 1
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_APPLICATION_BYTES = 30 * 1024 * 1024


@dataclass(frozen=True)
class TypeSettings:
    """One project type of the round: how many are selected, how many a member may approve, how many one
    unit may submit."""

    id: str
    quota: int
    max_votes: int
    """round.yaml's `max_votes`, or the quota when it is not written."""
    max_per_unit: int


@dataclass(frozen=True)
class Schedule:
    """The round's times (Beijing), and each as written in round.yaml (records such as the tally's
    JSON repeat a time as it was written)."""

    applications_open: datetime.datetime | None
    applications_close: datetime.datetime
    voting_opens: datetime.datetime
    voting_closes: datetime.datetime
    written: Mapping[str, str]

    def as_dict(self) -> dict[str, datetime.datetime]:
        """The times that are set, by key, in the schedule's order."""
        times = {key: getattr(self, key) for key in SCHEDULE_KEYS}
        return {key: value for key, value in times.items() if value is not None}


@dataclass(frozen=True)
class Contact:
    """Where objections are received during the notice (public)."""

    office: str
    phone: str
    email: str
    address: str
    postcode: str


@dataclass(frozen=True)
class NoticeRule:
    days: int
    count: Count
    calendar: Overrides
    contact: Contact


@dataclass(frozen=True)
class Voting:
    quorum: str | int
    """`majority`, or a number of valid ballots."""
    threshold: str
    """`none` or `majority`."""
    show_counts: bool
    sealed: bool
    signed: bool
    tally_recipient: str | None


@dataclass(frozen=True)
class AttachmentLimits:
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_application_bytes: int = DEFAULT_MAX_APPLICATION_BYTES


@dataclass(frozen=True)
class Secretariat:
    name: str
    logins: tuple[str, ...]
    emails: tuple[str, ...]


@dataclass(frozen=True)
class RoundSettings:
    """Everything round.yaml says, typed; `types` in the order round.yaml writes them."""

    year: str
    title: str
    organisers: tuple[str, ...]
    sample: bool
    secretariat: Secretariat
    types: Mapping[str, TypeSettings]
    schedule: Schedule
    notice: NoticeRule
    voting: Voting
    attachments: AttachmentLimits


@dataclass(frozen=True)
class RoundReading:
    """The settings of a round, or None with the error findings that say why they cannot be read."""

    settings: RoundSettings | None
    findings: tuple[Finding, ...]


def parse_round_settings(
    year: str, path: str, document: Document | None, findings: Sequence[Finding]
) -> RoundReading:
    """round.yaml as settings. `document` None means it is missing or unreadable; `findings` are those of
    its reading and its schema (only the schema decides types and ranges: a round.yaml it accepts is read
    here without a second set of checks). The calendar and the order of the schedule are checked here."""
    if document is None:
        missing = [f for f in findings if f.severity == "error"] or [
            Finding(path, 1, 1, "cross.missing-registry", {"name": "round.yaml"})
        ]
        return RoundReading(None, tuple(missing))
    errors = [f for f in findings if f.severity == "error"]
    errors += schedule_findings(path, document, findings)
    if errors:
        return RoundReading(None, tuple(errors))
    data = document.data
    settings = RoundSettings(
        year=year,
        title=str(data["title"]),
        organisers=tuple(str(o) for o in data["organisers"]),
        sample=data["sample"] is True,
        secretariat=_secretariat(data["secretariat"]),
        types=_types(data["types"]),
        schedule=_schedule(data["schedule"]),
        notice=_notice(data["notice"]),
        voting=_voting(data["voting"]),
        attachments=_attachments(data.get("attachments", {})),
    )
    return RoundReading(settings, ())


def schedule_findings(path: str, document: Document, prior: Sequence[Finding]) -> list[Finding]:
    """The schedule's times on the calendar and in their order: applications open, close, then voting
    opens, closes. The schema checks the shape only (so that every editor agrees with it); a day that is
    not in the calendar (2021-02-30) is said here, unless the schema already spoke about this value."""
    return list(_schedule_findings(path, document, prior))


def _schedule_findings(path: str, document: Document, prior: Sequence[Finding]) -> Iterator[Finding]:
    data = document.data
    schedule = data.get("schedule") if isinstance(data, dict) else None
    if not isinstance(schedule, dict):
        return
    previous: tuple[str, datetime.datetime] | None = None
    for key in SCHEDULE_KEYS:
        if key not in schedule:
            continue  # missing: the schema says so
        value = schedule[key]
        try:
            when = parse_beijing_time(str(value))
        except ValueError:
            if not any(f.pointer == f"/schedule/{key}" for f in prior):
                yield _at(path, document, ("schedule", key), "round.schedule-no-such-time",
                          name=SCHEDULE_NAMES[key], value=str(value))
            continue
        if previous is not None and when < previous[1]:
            yield _at(path, document, ("schedule", key), "round.schedule-order",
                      name=SCHEDULE_NAMES[key], earlier=SCHEDULE_NAMES[previous[0]])
        previous = (key, when)


def _at(path: str, document: Document, node_path: NodePath, code: str, **params: Any) -> Finding:
    line, column = document.place(node_path)
    return Finding(path, line, column, code, params, "/" + "/".join(map(str, node_path)))


def _types(raw: Mapping[str, Any]) -> Mapping[str, TypeSettings]:
    found = {}
    for type_id, settings in raw.items():
        quota = int(settings["quota"])
        found[type_id] = TypeSettings(
            id=type_id,
            quota=quota,
            max_votes=int(settings.get("max_votes", quota)),
            max_per_unit=int(settings.get("max_per_unit", DEFAULT_MAX_PER_UNIT)),
        )
    return MappingProxyType(found)


def _schedule(raw: Mapping[str, Any]) -> Schedule:
    written = {key: str(raw[key]) for key in SCHEDULE_KEYS if key in raw}
    times = {key: parse_beijing_time(text) for key, text in written.items()}
    return Schedule(
        applications_open=times.get("applications_open"),
        applications_close=times["applications_close"],
        voting_opens=times["voting_opens"],
        voting_closes=times["voting_closes"],
        written=MappingProxyType(written),
    )


def _notice(raw: Mapping[str, Any]) -> NoticeRule:
    contact = raw["contact"]
    return NoticeRule(
        days=int(raw["days"]),
        count=raw["count"],
        calendar=parse_overrides(raw.get("calendar")),
        contact=Contact(*(str(contact[key]) for key in ("office", "phone", "email", "address", "postcode"))),
    )


def _voting(raw: Mapping[str, Any]) -> Voting:
    recipient = raw.get("tally_recipient")
    return Voting(
        quorum=raw["quorum"],
        threshold=str(raw["threshold"]),
        show_counts=raw["show_counts"] is True,
        sealed=raw.get("sealed") is True,
        signed=raw.get("signed") is True,
        tally_recipient=recipient if isinstance(recipient, str) else None,
    )


def _attachments(raw: Mapping[str, Any]) -> AttachmentLimits:
    return AttachmentLimits(
        int(raw.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES)),
        int(raw.get("max_application_bytes", DEFAULT_MAX_APPLICATION_BYTES)),
    )


def _secretariat(raw: Mapping[str, Any]) -> Secretariat:
    return Secretariat(
        name=str(raw["name"]),
        logins=tuple(str(login) for login in raw["logins"]),
        emails=tuple(str(email) for email in raw.get("emails", ())),
    )
