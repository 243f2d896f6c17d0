"""The tally for people: a text table with aligned Chinese columns, and a CSV that Excel opens as UTF-8.

Pure renderers over the frozen outcome of `kczy.tally.count.tally_round`; each returns text, none prints.
Reasons and notes are worded here, from the message catalog: the record keeps only their codes.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Mapping, Sequence

from kczy.messages import render_message, render_param, type_label, words
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
    return words("report.reason", said=render_message(reason.code, reason.params), code=reason.code)


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
    sample = words("report.sample") if outcome.sample else ""
    lines = [words("report.title", title=outcome.title, sample=sample), ""]
    lines.append(
        words(
            "report.ballots",
            members=outcome.committee_size,
            received=ballots.received,
            valid=len(ballots.valid),
            invalid=len(ballots.invalid),
            required=quorum.required,
            quorum=words("report.quorum-met" if quorum.met else "report.quorum-not-met"),
        )
    )
    if outcome.threshold.rule == "majority":
        lines.append(words("report.threshold", min_votes=outcome.threshold.min_votes))
    lines.append(words("report.deadline", check=words("tally.deadline." + outcome.deadline_check)))
    runoff_separator = words("report.runoff-votes-separator")
    for body in outcome.types:
        type_name = _type_name(body.type_id, type_names)
        lines += ["", words("report.type", type=type_name, quota=body.quota, max_votes=body.max_votes)]
        rows = []
        for row in body.ranking:
            decided = runoff_separator.join(
                words("report.runoff-votes", number=n, votes=v) for n, v in row.runoff_votes
            )
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
            lines.append(words("report.no-applications"))
            continue
        columns = ("rank", "application", "title", "applicant", "votes", "runoff-votes", "status")
        headings = [words(f"report.column.{column}") for column in columns]
        if not any(r[5] for r in rows):
            headings.pop(5)
            rows = [r[:5] + r[6:] for r in rows]
        lines += render_table(headings, rows, frozenset({0, 4}))
    if outcome.late_applications:
        lines += ["", words("report.late")]
        lines += [
            words("report.item", file=a.file, said=render_reason(a.reason)) for a in outcome.late_applications
        ]
    if ballots.invalid:
        lines += ["", words("report.invalid-ballots")]
        lines += _invalid_ballots(ballots.invalid, detail)
    if outcome.invalid_votes:
        lines += ["", words("report.invalid-votes")]
        lines += _invalid_votes(outcome.invalid_votes, detail)
    for runoff in outcome.runoffs:
        if runoff.ignored is not None:
            ignored = render_reason(runoff.ignored)
            received = runoff.ballots.received
            lines += [
                "",
                words("report.runoff-ignored", number=runoff.number, received=received, reason=ignored),
            ]
            continue
        lines += [
            "",
            words(
                "report.runoff",
                number=runoff.number,
                opens=render_param("time", runoff.opens),
                closes=render_param("time", runoff.closes),
                received=runoff.ballots.received,
                valid=len(runoff.ballots.valid),
            ),
        ]
        lines += _invalid_ballots(runoff.ballots.invalid, detail)
        lines += _invalid_votes(runoff.invalid_votes, detail)
    if outcome.receipts:
        lines += ["", words("report.receipts")]
        lines += [words("report.item", file=r.member, said=r.sha256) for r in outcome.receipts]
    if outcome.notes:
        lines += ["", words("report.notes")] + [
            f"- {render_message(n.code, n.params)}" for n in outcome.notes
        ]
    lines += [
        "",
        words("report.sha256", sha256=tally_sha256(outcome), format=FORMAT),
        words("report.sha256-approval"),
        words("report.inputs-sha256", sha256=outcome.inputs_sha256),
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
        lines.append(
            words(
                "report.item",
                file=ballot.file,
                said=words("report.reason", said=said, code=ballot.reason.code),
            )
        )
    return lines


def _invalid_votes(votes: Sequence[InvalidVote], detail: bool) -> list[str]:
    if not votes:
        return []
    if not detail:
        return [words("report.sealed-votes", count=len(votes))]
    return [_vote_line(v) for v in votes]


def _vote_line(vote: InvalidVote) -> str:
    where = words(
        "report.vote-where",
        member=vote.member,
        application=vote.application,
        type_name=type_label(vote.type_id),
    )
    return words("report.item", file=where, said=render_reason(vote.reason))


def render_partial_text(outcome: TallyOutcome, closes: str) -> str:
    ballots = outcome.ballots
    said = words(
        "report.partial",
        closes=closes,
        members=outcome.committee_size,
        received=ballots.received,
        valid=len(ballots.valid),
    )
    return said + "\n"


def render_not_open_text(opens: str, closes: str) -> str:
    """Before voting opens no ballot can have been cast: say so instead of counting files."""
    return words("report.not-open", opens=opens, closes=closes) + "\n"


def render_tally_csv(
    outcome: TallyOutcome,
    unit_names: Mapping[str, str] | None = None,
    type_names: Mapping[str, str] | None = None,
) -> str:
    """The ranking of every type as CSV text; the caller writes it as UTF-8 with a BOM for Excel."""
    names = unit_names or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = (
        "type",
        "rank",
        "application",
        "title",
        "applicant",
        "applicant-id",
        "votes",
        "runoff-votes",
        "status",
    )
    writer.writerow([words(f"report.column.{column}") for column in columns])
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
    return (names or {}).get(type_id) or words("report.type-fallback", type_name=type_label(type_id))


def _unit(unit_id: str, names: Mapping[str, str]) -> str:
    return names.get(unit_id) or unit_id


def _cell(text: str) -> str:
    """Keep spreadsheet formulas out of a cell written by an applicant (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
