"""The rules of the last step: approval, notice, objections and announcement, as validation checks.

Pure and clock-free: every rule compares the records' own dates, so the same files give the same
findings on any day.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any
from weakref import WeakKeyDictionary

from kczy.findings import Finding
from kczy.roundfiles import ParsedFile, RoundFiles
from kczy.sealed import sealed_envelopes
from kczy.stages import approved_period, objection_data, objection_records
from kczy.tally.count import tally_blockers, tally_inputs, tally_round
from kczy.workdays import NoticeUncomputable, Period, parse_date
from kczy.yamlload import NodePath


def _at(parsed: ParsedFile, node_path: NodePath, code: str, **params: Any) -> Finding:
    assert parsed.document is not None
    line, column = parsed.document.place(node_path)
    return Finding(parsed.path, line, column, code, params, "/" + "/".join(map(str, node_path)))


def _period(files: RoundFiles, parsed: ParsedFile) -> tuple[Period | None, Finding | None]:
    """The approved notice period; a finding at `parsed` when it cannot be computed."""
    try:
        return approved_period(files), None
    except NoticeUncomputable as error:
        where: NodePath = ()
        if parsed.role.kind == "round":
            where = ("notice", "days")
        elif parsed.role.kind == "approval" and "notice_starts" in parsed.data:
            where = ("notice_starts",)
        return None, _at(parsed, where, error.code, **error.params)


def check_approval(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    data = parsed.data
    approved_on, starts = parse_date(data.get("approved_on")), parse_date(data.get("notice_starts"))
    if approved_on is not None and starts is not None and starts < approved_on:
        yield _at(parsed, ("notice_starts",), "approval.notice-before-approval",
                  notice_starts=starts.isoformat(), approved_on=approved_on.isoformat())
    closes = files.settings.schedule.voting_closes
    if approved_on is not None and approved_on < closes.date():
        yield _at(parsed, ("approved_on",), "approval.before-voting-closed",
                  approved_on=approved_on.isoformat(), voting_closes=closes.strftime("%Y-%m-%d %H:%M"))
    _, problem = _period(files, parsed)
    if problem is not None:
        yield problem


def check_objection(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """An objection's dates in order: received within the notice period (or not admitted as late),
    decided on or after it was received; a decided one says what was decided and when."""
    data = objection_data(files, parsed.data)
    received = parse_date(data.get("received_on"))
    status = data.get("status")
    if status in ("upheld", "rejected", "withdrawn"):
        for key in ("decision", "decided_on"):
            if key not in data:
                yield _at(parsed, ("status",), "objection.undecided", status=parsed.data.get("status"),
                          key=key, field=files.schemas.title("objection", (key,)))
    if status == "upheld" and "admissible" in data and data["admissible"] is not True:
        # an objection not admitted is not investigated: it cannot remove a project from the list
        yield _at(parsed, ("status",), "objection.upheld-not-admitted", status=parsed.data.get("status"),
                  admissible=parsed.data.get("admissible"))
    if data.get("form") == "phone" and data.get("admissible") is True:
        # the notice's rules admit objections in writing only (the schema's own words for form and admissible)
        yield _at(parsed, ("admissible",), "objection.phone-admitted", form=parsed.data.get("form"))
    decided = parse_date(data.get("decided_on"))
    if status == "pending" and "decided_on" in data:
        yield _at(parsed, ("status",), "objection.decided-while-pending", status=parsed.data.get("status"))
    if received is not None and decided is not None and decided < received:
        yield _at(parsed, ("decided_on",), "objection.decided-before-received",
                  decided_on=decided.isoformat(), received_on=received.isoformat())
    if not files.record("approval"):
        yield _at(parsed, ("received_on",), "objection.no-notice")
        return
    period, problem = _period(files, parsed)
    if problem is not None:
        yield problem
    if period is None or received is None:
        return
    if received < period.first_day:
        yield _at(parsed, ("received_on",), "objection.before-notice",
                  received_on=received.isoformat(), first_day=period.first_day.isoformat())
        return
    late = received > period.last_day
    if late and data.get("admissible") is not False and data.get("admissible") != "late":
        yield _at(parsed, ("admissible",) if "admissible" in data else ("received_on",), "objection.late",
                  received_on=received.isoformat(), first_day=period.first_day.isoformat(),
                  last_day=period.last_day.isoformat())
    if not late and data.get("admissible") == "late":
        yield _at(parsed, ("admissible",), "objection.not-late",
                  received_on=received.isoformat(), last_day=period.last_day.isoformat())


def check_objection_project(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """An objection admitted against a project that is not on the notice list: a remark (the notice
    published nothing about it, so the objection is out of scope), when the list can be known."""
    data = objection_data(files, parsed.data)
    application = data.get("application")
    if data.get("admissible") is not True or not isinstance(application, str):
        return
    if application not in files.application_paths():
        return  # cross.unknown-application says so
    listed = notice_list(files)
    if listed is not None and application not in listed:
        remark = _at(parsed, ("admissible",), "objection.not-on-notice", application=application)
        yield dataclasses.replace(remark, severity="warning")


_NOTICE_LISTS: WeakKeyDictionary[RoundFiles, frozenset[str] | None] = WeakKeyDictionary()


def notice_list(files: RoundFiles) -> frozenset[str] | None:
    """The applications the notice lists (selected by the tally), counted once per round read; None when
    they cannot be known here: no approval yet, files the tally cannot count, a real round without its
    checked git history, sealed ballots (only the identity opens them)."""
    if files not in _NOTICE_LISTS:
        _NOTICE_LISTS[files] = _count_notice_list(files)
    return _NOTICE_LISTS[files]


def _count_notice_list(files: RoundFiles) -> frozenset[str] | None:
    if not files.record("approval") or tally_blockers(files):
        return None
    history = files.provenance
    if history is None and not files.settings.sample:
        return None
    if history is not None and history.status != "checked":
        return None
    if sealed_envelopes(files, tally_inputs(files)):
        return None
    return frozenset(a for ids in tally_round(files, history).selected().values() for a in ids)


def check_announcement(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    data = parsed.data
    published = parse_date(data.get("published_on"))
    if not files.record("approval"):
        yield _at(parsed, (), "announcement.no-approval")
        return
    period, problem = _period(files, parsed)
    if problem is not None:
        yield problem
    if published is None:
        return
    if period is not None and published <= period.last_day:
        yield _at(parsed, ("published_on",), "announcement.notice-not-over",
                  published_on=published.isoformat(), last_day=period.last_day.isoformat())
    for objection in objection_records(files):
        if objection.received_on > published:
            continue
        if objection.status == "pending":
            yield _at(parsed, ("published_on",), "announcement.objection-pending", objection=objection.id)
        elif objection.decided_on is not None and objection.decided_on > published:
            yield _at(parsed, ("published_on",), "announcement.decided-after", objection=objection.id,
                      decided_on=objection.decided_on.isoformat(), published_on=published.isoformat())
