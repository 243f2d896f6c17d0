"""When a file reached main (first-parent) against a close: a ballot after voting closed, an application
(or one of its attachments) after applications closed. Pure: the history comes in as `Provenance`."""

from __future__ import annotations

import datetime

from kczy.history import FileHistory, Provenance
from kczy.layout import classify
from kczy.roundfiles import RoundFiles
from kczy.tally.outcome import LateApplication, Reason, iso_time, reason


def late_event(commits: FileHistory, closes: datetime.datetime | None) -> tuple[str, str, str] | None:
    """`added` or `changed` after `closes` (the addition first), its ISO time and commit; None in time."""
    if closes is None:
        return None
    if commits.added_at > closes:
        return "added", iso_time(commits.added_at), commits.added_commit
    if commits.changed_at > closes:
        return "changed", iso_time(commits.changed_at), commits.changed_commit
    return None


def application_lateness(
    history: Provenance | None, path: str, closes: datetime.datetime | None
) -> Reason | None:
    """Why an application is late, judged as ballots are, by when it reached main (first-parent): added or
    last changed there after `closes`. Its attachments (`attachments/<id>/`) are part of it: one added,
    replaced or deleted after the close makes it late too (a deleted file is gone from the work tree, so
    only the history still tells it)."""
    if history is None:
        return None
    role = classify(path)
    folder = f"{path.split('/applications/')[0]}/attachments/{role.file_id}/" if role is not None else None
    events: list[tuple[str, str, str]] = []
    late = late_event(history.files[path], closes) if path in history.files else None
    if late is not None:
        events.append(late)
    if folder is not None and closes is not None:
        for each in sorted(p for p in history.files if p.startswith(folder)):
            late = late_event(history.files[each], closes)
            if late is not None:  # an attachment added late is a change of its application
                events.append(("changed", late[1], late[2]))
        for each, (commit, moment) in sorted(history.deleted.items()):
            if each.startswith(folder) and moment > closes:
                events.append(("changed", iso_time(moment), commit))
    if not events:
        return None
    event, time, commit = events[0]
    return reason(f"application.late-{event}", time=time, commit=commit)


def applications_close(files: RoundFiles) -> datetime.datetime:
    return files.settings.schedule.applications_close


def late_applications(files: RoundFiles, history: Provenance | None) -> tuple[LateApplication, ...]:
    """The applications that do not take part: listed with the reason, never silently ranked."""
    closes = applications_close(files)
    found = []
    for app_id, path in sorted(files.application_paths().items()):
        late = application_lateness(history, path, closes)
        if late is not None:
            found.append(LateApplication(path, app_id, late))
    return tuple(found)
