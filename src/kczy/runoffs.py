"""Runoffs exist only when the secretariat calls them: `runoffs/<n>/call.yaml` names the tied applications
of each type, the places left and the voting window. Pure: the call as data, and what it allows.

`kczy check-pr` accepts a runoff ballot only inside the call's window; the tally judges runoff ballots
by when they reached main against the same window and ignores a runoff nobody called; `kczy validate`
checks the call against the round and refuses runoff ballots without a call.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kczy.beijing import parse_beijing
from kczy.findings import Finding, Problem
from kczy.layout import RUNOFF_CALL, round_prefix
from kczy.messages import show_beijing
from kczy.roundfiles import ParsedFile, RoundFiles


@dataclass(frozen=True)
class RunoffCall:
    """A schema-valid call: each type's called applications and places, and the voting window."""

    number: int
    opens: datetime.datetime
    closes: datetime.datetime
    groups: Mapping[str, tuple[frozenset[str], int]]


def call_path(year: str, number: int) -> str:
    return f"{round_prefix(year)}runoffs/{number}/{RUNOFF_CALL}"


def read_call(files: RoundFiles, number: int) -> RunoffCall | None:
    """Runoff `number`'s call, or None when there is none or it does not pass its schema."""
    path = call_path(files.year, number)
    if path not in files.roles:
        return None
    parsed = files.checked(path)
    if not parsed.ok:
        return None
    data = parsed.data
    opens, closes = parse_beijing(data.get("opens")), parse_beijing(data.get("closes"))
    if opens is None or closes is None:
        return None
    groups = {
        type_id: (frozenset(group["applications"]), int(group["places"]))
        for type_id, group in data["types"].items()
    }
    return RunoffCall(number, opens, closes, groups)


def window_problem(call: RunoffCall | None, number: int, now: datetime.datetime) -> Problem | None:
    """Why a runoff ballot may not be added or changed at `now` (check-pr's early warning)."""
    if call is None:
        return Problem("runoff.not-called", {"number": number})
    if now < call.opens:
        return Problem("runoff.not-open", {"number": number, "time": _show(call.opens)})
    if now > call.closes:
        return Problem("runoff.closed", {"number": number, "time": _show(call.closes)})
    return None


def _show(value: datetime.datetime) -> str:
    return show_beijing(value)


def check_runoff_call(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """The call against the round: its applications exist and are of the type named, fewer places than
    applications, a window that closes after it opens and opens only after voting closed."""
    if not parsed.ok or parsed.document is None:
        return
    document, data = parsed.document, parsed.data

    def at(node_path: tuple[str | int, ...], code: str, **params: Any) -> Finding:
        line, column = document.place(node_path)
        return Finding(parsed.path, line, column, code, params, "/" + "/".join(map(str, node_path)))

    applications = files.application_paths()
    for type_id, group in data["types"].items():
        for index, app_id in enumerate(group["applications"]):
            if app_id not in applications:
                yield at(("types", type_id, "applications", index), "runoff.unknown-application",
                         application=app_id)
            elif files.roles[applications[app_id]].type_id != type_id:
                yield at(("types", type_id, "applications", index), "runoff.wrong-type",
                         application=app_id, type=type_id)
        if group["places"] >= len(group["applications"]):
            yield at(("types", type_id, "places"), "runoff.places", places=group["places"],
                     count=len(group["applications"]))
    opens, closes = parse_beijing(data["opens"]), parse_beijing(data["closes"])
    if opens is not None and closes is not None and closes <= opens:
        yield at(("closes",), "runoff.window-order")
    voting_closes = files.settings.schedule.voting_closes
    if opens is not None and opens < voting_closes:
        yield at(("opens",), "runoff.before-voting-closes", time=_show(voting_closes))


def check_runoff_ballot(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """A runoff ballot needs the secretariat's call of its runoff."""
    number = parsed.role.runoff
    if number and parsed.document is not None and call_path(files.year, number) not in files.roles:
        yield Finding(parsed.path, 1, 1, "runoff.not-called", {"number": number})
