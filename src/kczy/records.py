"""The records commands write (an application, the approval, an objection, the announcement): what
`kczy validate` would refuse in them whatever is filled in later, and the values already known. Pure."""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from kczy.choices import choice_word
from kczy.findings import Finding
from kczy.messages import render_message
from kczy.publication import check_approval, notice_list
from kczy.roundfiles import RoundFiles
from kczy.roundmodel import RoundSettings
from kczy.stages import approved_period
from kczy.tally.record import FORMAT
from kczy.templates import render_record_template, schema_url, yaml_quoted
from kczy.validate import check_round
from kczy.workdays import NoticeUncomputable

NOTICE_UNCOMPUTABLE = frozenset({"notice.beyond-calendar", "notice.calendar-unknown"})
OBJECTION_REFUSALS = frozenset(
    {"cross.unknown-application", "objection.no-notice", "objection.before-notice"} | NOTICE_UNCOMPUTABLE
)
ANNOUNCEMENT_REFUSALS = frozenset(
    {
        "announcement.no-approval",
        "announcement.notice-not-over",
        "announcement.objection-pending",
        "announcement.decided-after",
    }
    | NOTICE_UNCOMPUTABLE
)
APPROVAL_REFUSALS = frozenset(
    {"approval.before-voting-closed", "approval.notice-before-approval"} | NOTICE_UNCOMPUTABLE
)


def refusals_at_new(
    files: RoundFiles, relative: str, text: str, codes: Collection[str], given: Collection[str] = ()
) -> list[Finding]:
    """The errors `kczy validate` finds in the new file that no filling-in can mend: those of `codes`,
    and any error about a field whose value the command was given (`given`: top-level keys)."""
    merged = _with_file(files, relative, text)
    return _refused(check_round(merged, [relative]), codes, given)


def approval_refusals(files: RoundFiles, relative: str, text: str) -> list[Finding]:
    """What validate's rules of the approval say against the record `kczy approve` would write (its dates,
    its meeting's name); the pinned hash is the tally just counted, so it is not counted a second time."""
    merged = _with_file(files, relative, text)
    parsed = merged.checked(relative)
    found = [*parsed.findings, *check_approval(merged, parsed)]
    return _refused(found, APPROVAL_REFUSALS, ("approved_on", "meeting", "notice_starts"))


def render_approval(
    files: RoundFiles, meeting: str, approved_on: datetime.date, notice_starts: datetime.date, digest: str
) -> tuple[str, str]:
    """The path and text of the approval record, with the hash of the approved tally and the format of
    its record (`kczy tally --format json` writes the current one)."""
    relative = files.record_path("approval")
    header = render_message("approve.header", {}).splitlines()
    lines = [
        f"# yaml-language-server: $schema={schema_url(relative, 'approval', files.schemas.folder)}",
        *(f"# {line}" for line in header),
        f"approved_on: {approved_on.isoformat()}",
        f"meeting: {yaml_quoted(meeting)}",
        f"notice_starts: {notice_starts.isoformat()}",
        f"tally_format: {FORMAT}",
        f'tally_sha256: "{digest}"',
    ]
    return relative, "\n".join(lines) + "\n"


def _with_file(files: RoundFiles, relative: str, text: str) -> RoundFiles:
    contents = {**files.contents, relative: text.encode("utf-8")}
    return RoundFiles(files.year, contents, files.schemas, files.provenance)


def _refused(found: Iterable[Finding], codes: Collection[str], given: Collection[str]) -> list[Finding]:
    return [f for f in found if f.severity == "error" and (f.code in codes or _top_key(f.pointer) in given)]


def _top_key(pointer: str) -> str:
    """The top-level key a finding's JSON pointer is under (`/submitter/phone` → `submitter`)."""
    parts = pointer.split("/")
    return parts[1] if len(parts) > 1 else ""


_NUMBERED = re.compile(r"o(\d{4})-(\d+)")


def next_objection_id(files: RoundFiles) -> str:
    """`o<year>-NN`, one more than the highest number the round's objections use (`o2022-01` first)."""
    numbers = [
        int(match.group(2))
        for path in files.paths_of("objection")
        if (match := _NUMBERED.fullmatch(files.roles[path].file_id)) and match.group(1) == files.year
    ]
    return f"o{files.year}-{max(numbers, default=0) + 1:02d}"


@dataclass(frozen=True)
class ObjectionFacts:
    """What the files say about an objection received on a day: whether the notice period was over, and
    whether its project is on the notice (None when that cannot be known without the tally)."""

    late: bool
    on_notice: bool | None


def objection_facts(files: RoundFiles, application: str, received_on: datetime.date) -> ObjectionFacts:
    try:
        period = approved_period(files)
    except NoticeUncomputable:
        period = None  # the refusal names it
    late = period is not None and received_on > period.last_day
    listed = notice_list(files)
    return ObjectionFacts(late, None if listed is None else application in listed)


def render_objection(
    files: RoundFiles, objection_id: str, application: str, received_on: datetime.date, form: str | None,
    facts: ObjectionFacts,
) -> tuple[str, str]:
    """The path and text of a new objection: what the secretariat knows filled in, the status 待处理,
    and admissibility written when the files decide it (late, or a project not on the notice)."""
    relative = f"{files.prefix}objections/{objection_id}.yaml"
    schema = files.schemas.schemas["objection"]
    admissible = schema["properties"]["admissible"]
    presets = {
        "received_on": received_on.isoformat(),
        "application": application,
        "status": choice_word(schema["properties"]["status"], "pending"),
    }
    if form is not None:
        presets["form"] = yaml_quoted(form)
    if facts.late:
        presets["admissible"] = choice_word(admissible, "late")
    elif facts.on_notice is False:
        presets["admissible"] = choice_word(admissible, "out-of-scope")
    header = render_message("new.objection-header", {"id": objection_id}).splitlines()
    url = schema_url(relative, "objection", files.schemas.folder)
    return relative, render_record_template(files.schemas, "objection", url, header, presets, ("submitter",))


def render_announcement(
    files: RoundFiles, published_on: datetime.date, number: str | None, title: str
) -> tuple[str, str]:
    """The path and text of the announcement record; a number not given is left blank for validate."""
    relative = files.record_path("announcement")
    presets = {"published_on": published_on.isoformat(), "title": yaml_quoted(title)}
    if number is not None:
        presets["document_number"] = yaml_quoted(number)
    header = render_message("new.announcement-header", {}).splitlines()
    url = schema_url(relative, "announcement", files.schemas.folder)
    return relative, render_record_template(files.schemas, "announcement", url, header, presets)


def announcement_title(settings: RoundSettings) -> str:
    """The announcement's title as the organisers issue it (`河南省科学技术协会 河南省财政厅关于公布…`)."""
    from kczy.documents.content import announcement_title as title_of

    return title_of(settings.title, settings.organisers)
