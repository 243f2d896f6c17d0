"""The tally: SPEC's counting rules over one round's files, as a plain, canonical result.

Pure: no disk, no clock, no git. The commit history of each ballot comes in as `Provenance`
(built by `kczy.provenance`, or absent), and the result is a plain dict whose canonical JSON bytes
(`render_tally_json`) are what the leadership's approval pins by sha256.

Every number is an integer: the quorum and the majority threshold are compared with exact
integer arithmetic (`2 * votes > valid`), never with fractions or floats.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from kczy.beijing import BEIJING
from kczy.beijing import parse_beijing as parse_beijing
from kczy.findings import Finding, Problem, Severity
from kczy.history import NO_HISTORY as NO_HISTORY  # re-exported: the history types lived here
from kczy.history import BallotCommits
from kczy.history import FileHistory as FileHistory
from kczy.history import Provenance as Provenance
from kczy.layout import classify
from kczy.messages import render_message
from kczy.recusal import involved_units
from kczy.roundfiles import ParsedFile, RoundFiles
from kczy.rules import read_by_tally
from kczy.runoffs import RunoffCall, read_call
from kczy.schemas import TYPE_IDS, schema_findings
from kczy.sealed import Envelope, TallyKey, open_envelope, reused, sealed_envelopes, split_copies
from kczy.signing import is_signed_round, member_fingerprints, signature_problem
from kczy.suggest import application_names, suggest_id
from kczy.yamlload import parse_yaml


def _reason(code: str, **params: Any) -> dict[str, Any]:
    return {"code": code, "reason": render_message(code, params)}


def _note(code: str, **params: Any) -> dict[str, str]:
    return {"code": code, "text": render_message(code, params)}


def show_time(value: datetime.datetime) -> str:
    return value.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S") + "（北京时间）"


def inputs_sha256(contents: Mapping[str, bytes], paths: Iterable[str]) -> str:
    """sha256 over the sorted (path, bytes) pairs, each framed by its length so no two inputs collide."""
    digest = hashlib.sha256()
    for path in sorted(set(paths)):
        name, body = path.encode("utf-8"), contents[path]
        digest.update(b"%d:%s\n%d:" % (len(name), name, len(body)))
        digest.update(body)
        digest.update(b"\n")
    return digest.hexdigest()


def tally_inputs(files: RoundFiles) -> list[str]:
    """Every path the tally reads: round, committee, the round's own rules (the ballot schema judges
    every ballot), applications, ballots and runoff ballots."""
    records = [files.record_path(kind) for kind in ("round", "committee")]
    paths = [p for p in records if p in files.roles]
    paths += [path for path in files.paths_of("rules") if read_by_tally(files.roles[path].file_id)]
    paths += files.paths_of("application")
    paths += files.paths_of("ballot")
    for number in files.runoff_numbers():
        paths += files.paths_of("runoff-call", runoff=number)
        paths += files.paths_of("ballot", runoff=number)
    return sorted(paths)


def tally_blockers(files: RoundFiles) -> list[ParsedFile]:
    """The files whose errors make any count wrong: round.yaml, committee.yaml or a runoff's call not
    schema-valid, or an application that cannot be read or names no applicant (a vote for it could not be
    checked for recusal)."""
    records = [path for kind in ("round", "committee") if (path := files.record_path(kind)) in files.roles]
    records += [p for number in files.runoff_numbers() for p in files.paths_of("runoff-call", runoff=number)]
    blockers = [parsed for parsed in files.iter_checked(records) if not parsed.ok]
    for path in files.paths_of("application"):
        document = files.parse(path)
        if document is None or not isinstance(document.data.get("applicant"), str):
            blockers.append(files.checked(path))
    return blockers


@dataclass
class _Application:
    id: str
    type_id: str
    title: str
    applicant: str
    units: frozenset[str]


@dataclass
class _Ballot:
    path: str
    member: str
    votes: dict[str, list[str]]


@dataclass
class _Context:
    files: RoundFiles
    members: dict[str, dict[str, Any]]
    applications: dict[str, _Application]
    types: dict[str, dict[str, Any]]
    quorum_rule: Any
    key: TallyKey | None = None
    receipts: list[dict[str, Any]] = field(default_factory=list)
    unopened: int = 0
    signatures: Mapping[str, BallotCommits] | None = None
    """Set when the round requires signed ballots and their commits could be read."""
    fingerprints: Mapping[str, str | None] = field(default_factory=dict)
    late: frozenset[str] = frozenset()
    """Applications that reached main (or were last changed there) after applications_close."""


def tally_round(
    files: RoundFiles, provenance: Provenance | None = None, key: TallyKey | None = None
) -> dict[str, Any]:
    """The tally of one round, in the shape of SPEC's `kczy tally --format json`.

    `provenance` None means no git repository. A round marked `sample: true` is tallied without
    the history check whatever `provenance` says: its files were committed years after its dates.
    `key` opens sealed ballots; without it they are listed as invalid with the reason. When the
    round has sealed ballots the result gains `receipts` (the sha256 of each ciphertext), and
    nothing else differs from the tally of the same votes in plain ballots.
    """
    round_settings = files.settings
    context = _make_context(files)
    context.key = key
    members = context.members
    closes = round_settings.schedule.voting_closes
    sample = round_settings.sample
    notes: list[dict[str, str]] = []
    deadline = _deadline_check(sample, provenance, notes)
    signature_check = _signature_check(context, sample, provenance, notes) if is_signed_round(files) else {}

    invalid_ballots: list[dict[str, Any]] = []
    ballot_paths = files.paths_of("ballot")
    late_check = None if sample or provenance is None or provenance.status != "checked" else provenance
    late_applications = _late_applications(files, late_check)
    context.late = frozenset(a["application"] for a in late_applications)
    ballots = _valid_ballots(context, ballot_paths, late_check, closes, invalid_ballots)
    withdrawn = _late_deleted(files, late_check, closes)
    invalid_ballots += withdrawn
    quorum = _quorum(context.quorum_rule, len(members), len(ballots))
    if not quorum["met"]:
        notes.append(_note("tally.note.no-quorum", valid=len(ballots), required=quorum["required"]))
    threshold_rule = round_settings.voting.threshold
    min_votes = len(ballots) // 2 + 1 if threshold_rule == "majority" else None

    invalid_votes: list[dict[str, Any]] = []
    counts = _count_votes(context, ballots, None, invalid_votes)
    rankings = {
        type_id: _rank(context, type_id, counts, quorum["met"], min_votes, settings)
        for type_id, settings in context.types.items()
    }
    if any(row.get("_zero") for rows in rankings.values() for row in rows):
        notes.append(_note("tally.note.zero-votes"))
    runoffs = []
    for number in files.runoff_numbers():
        runoffs.append(_runoff(context, number, rankings, late_check, notes))

    if context.unopened:
        notes.append(_note("tally.note.sealed-no-identity", count=context.unopened))
    types_out = {}
    for type_id, settings in context.types.items():
        quota = settings["quota"]
        types_out[type_id] = {
            "name": files.schemas.type_schema(type_id).get("x-type-name", type_id),
            "quota": quota,
            "max_votes": settings["max_votes"],
            "ranking": [_public_row(row) for row in rankings[type_id]],
        }
    sealed = {"receipts": sorted(context.receipts, key=lambda r: r["file"])} if context.receipts else {}
    late = {"late_applications": late_applications} if late_applications else {}
    return sealed | signature_check | late | {
        "round": files.year,
        "title": round_settings.title,
        "sample": sample,
        "inputs_sha256": inputs_sha256(files.contents, tally_inputs(files)),
        "deadline_check": deadline | {"voting_closes": round_settings.schedule.written["voting_closes"]},
        "committee_size": len(members),
        "ballots": {
            "received": len(ballot_paths) + len(withdrawn),
            "valid": sorted(b.member for b in ballots),
            "invalid": sorted(invalid_ballots, key=lambda b: (b["file"], b["code"])),
        },
        "turnout": {
            "committee": len(members), "received": len(ballot_paths) + len(withdrawn), "valid": len(ballots)
        },
        "quorum": quorum,
        "threshold": {"rule": threshold_rule, "min_votes": min_votes},
        "invalid_votes": _sorted_votes(invalid_votes),
        "types": types_out,
        "runoffs": runoffs,
        "notes": notes,
    }


def application_lateness(
    history: Provenance | None, path: str, closes: datetime.datetime | None
) -> tuple[str, dict[str, str]] | None:
    """Why an application is late, judged as ballots are, by when it reached main (first-parent): the
    message code and its parameters when it was added or last changed there after `closes`. Its
    attachments (`attachments/<id>/`) are part of it: one replaced after the close makes it late too."""
    if history is None:
        return None
    role = classify(path)
    folder = f"{path.split('/applications/')[0]}/attachments/{role.file_id}/" if role is not None else None
    paths = [path, *sorted(p for p in history.files if folder is not None and p.startswith(folder))]
    for each in paths:
        late = _late_event(history.files[each], closes) if each in history.files else None
        if late is not None:  # an attachment added late is a change of its application
            return f"application.late-{late[0] if each == path else 'changed'}", late[1]
    return None


def _late_event(commits: FileHistory, closes: datetime.datetime | None) -> tuple[str, dict[str, str]] | None:
    """`added` or `changed` after `closes` (the addition first), with its time and commit; None in time."""
    if closes is None:
        return None
    if commits.added_at > closes:
        event, when, commit = "added", commits.added_at, commits.added_commit
    elif commits.changed_at > closes:
        event, when, commit = "changed", commits.changed_at, commits.changed_commit
    else:
        return None
    return event, {"time": show_time(when), "commit": commit[:12]}


def _late_applications(files: RoundFiles, history: Provenance | None) -> list[dict[str, Any]]:
    """The applications that do not take part: listed with the reason, never silently ranked."""
    closes = files.settings.schedule.applications_close
    found = []
    for app_id, path in sorted(files.application_paths().items()):
        late = application_lateness(history, path, closes)
        if late is not None:
            found.append({"file": path, "application": app_id, **_reason(late[0], **late[1])})
    return found


def _deadline_check(
    sample: bool, provenance: Provenance | None, notes: list[dict[str, str]]
) -> dict[str, Any]:
    if sample:
        notes.append(_note("tally.note.sample"))
        return {"status": "skipped-sample"}
    if provenance is None or provenance.status != "checked":
        detail = provenance.detail if provenance is not None else NO_HISTORY.detail
        notes.append(_note("tally.note.no-history", detail=detail))
        return {"status": "unavailable"}
    return {"status": "checked"}


def _signature_check(
    context: _Context, sample: bool, provenance: Provenance | None, notes: list[dict[str, str]]
) -> dict[str, Any]:
    """`voting.signed: true`: the ballots' commits are judged when git could tell who signed them."""
    if sample:
        return {"signature_check": {"status": "skipped-sample"}}
    if provenance is None or provenance.status != "checked" or provenance.signatures is None:
        if provenance is None or provenance.status != "checked":
            detail = "无法读取 git 历史（" + (provenance or NO_HISTORY).detail + "）"
        else:
            detail = "没有读取选票提交的签名"
        notes.append(_note("tally.note.signatures-unchecked", detail=detail))
        return {"signature_check": {"status": "unavailable"}}
    context.signatures = provenance.signatures
    context.fingerprints = member_fingerprints(context.files)
    return {"signature_check": {"status": "checked"}}


def _round_types(files: RoundFiles) -> dict[str, dict[str, Any]]:
    """Each type of the round with an integer quota and max_votes, in the source document's order."""
    found: dict[str, dict[str, Any]] = {}
    types = files.settings.types
    for type_id in [*TYPE_IDS, *sorted(set(types) - set(TYPE_IDS))]:
        if type_id in types:
            found[type_id] = {"quota": types[type_id].quota, "max_votes": types[type_id].max_votes}
    return found


def _read_applications(files: RoundFiles) -> dict[str, _Application]:
    found: dict[str, _Application] = {}
    for app_id, path in files.application_paths().items():
        document = files.parse(path)
        data = document.data if document is not None else {}
        raw_applicant = data.get("applicant")
        applicant: str = raw_applicant if isinstance(raw_applicant, str) else ""
        title = data.get("title")
        found[app_id] = _Application(
            app_id, files.roles[path].type_id, title if isinstance(title, str) else "", applicant,
            involved_units(data),
        )
    return found


def _valid_ballots(
    context: _Context,
    paths: list[str],
    history: Provenance | None,
    closes: datetime.datetime | None,
    invalid: list[dict[str, Any]],
    call: RunoffCall | None = None,
) -> list[_Ballot]:
    """Rule 1: a ballot is valid or invalid as a whole. A sealed ballot is opened, then judged alike."""
    valid = []
    envelopes = _receipts(context, paths)
    shared = reused(envelopes)
    copied = {
        path: _reason("sealed.copied", original=original) if original is not None
        else _reason("sealed.reused", other="、".join(shared[path]))
        for path, original in _copies(context, envelopes, shared, history).items()
    }
    for path in paths:
        parsed = context.files.checked(path)
        problem = _ballot_problem(context, parsed, history, closes)
        if problem is None and call is not None:
            problem = _runoff_early(call, history, path)
        member = parsed.data.get("member") if parsed.document is not None else None
        votes = parsed.data.get("votes") or {}
        if problem is None and context.signatures is not None:
            written = context.signatures.get(path)
            signed = signature_problem(parsed.role.file_id, context.fingerprints, written)
            problem = _reason(signed.code, **signed.params) if signed is not None else None
        if problem is None:
            problem, inner = _open_sealed(context, parsed, envelopes.get(path), copied.get(path))
            votes = inner if inner is not None else votes
        if problem is not None:
            invalid.append({"file": path, "member": member if isinstance(member, str) else None, **problem})
            continue
        assert isinstance(member, str)
        valid.append(_Ballot(path, member, {k: list(v) for k, v in votes.items()}))
    return valid


def _copies(
    context: _Context,
    envelopes: Mapping[str, Envelope | Problem],
    shared: Mapping[str, list[str]],
    history: Provenance | None,
) -> dict[str, str | None]:
    """The ballots whose ciphertext copies another's (path → the original, None when it cannot be told):
    the opened content names the original's member; without the identity, the earlier on main is it."""
    named: dict[str, str] = {}
    for path in shared:
        envelope = envelopes[path]
        if context.key is None or not isinstance(envelope, Envelope):
            break
        plaintext = open_envelope(envelope, context.key)
        document = parse_yaml(plaintext, path)[0] if isinstance(plaintext, bytes) else None
        member = document.data.get("member") if document is not None else None
        if isinstance(member, str):
            named[path] = member
    arrived = {p: history.files[p].changed_at for p in shared if history is not None and p in history.files}
    owners = {p: context.files.roles[p].file_id for p in shared}
    return split_copies(shared, owners, named, arrived)


def _receipts(context: _Context, paths: list[str]) -> dict[str, Envelope | Problem]:
    """The envelopes of the sealed ballots among `paths`; each well-formed one gets its receipt."""
    envelopes = sealed_envelopes(context.files, paths)
    for path, envelope in envelopes.items():
        if isinstance(envelope, Envelope):
            member = context.files.parse(path).data.get("member")  # type: ignore[union-attr]
            context.receipts.append({"file": path, "member": member, "sha256": envelope.receipt})
    return envelopes


def _runoff_early(call: RunoffCall, history: Provenance | None, path: str) -> dict[str, Any] | None:
    """A runoff ballot whose content reached main before the call opened the runoff does not count."""
    commits = history.files.get(path) if history is not None else None
    if commits is None or commits.changed_at >= call.opens:
        return None
    return _reason("tally.ballot.runoff-early", number=call.number, time=show_time(call.opens))


def _late_deleted(
    files: RoundFiles, history: Provenance | None, closes: datetime.datetime | None
) -> list[dict[str, Any]]:
    """Rule 1 for a ballot that is gone: deleted after the deadline, it is listed, never silently dropped."""
    if history is None or closes is None:
        return []
    found = []
    for path, (commit, moment) in sorted(history.deleted.items()):
        role = classify(path)
        if role is None or role.kind != "ballot" or role.runoff or role.year != files.year:
            continue
        if path not in files.roles and moment > closes:
            reason = _reason("tally.ballot.late-deleted", time=show_time(moment), commit=commit[:12])
            found.append({"file": path, "member": role.file_id, **reason})
    return found


def _open_sealed(
    context: _Context, parsed: ParsedFile, envelope: Envelope | Problem | None, copied: dict[str, Any] | None
) -> tuple[dict[str, Any] | None, Mapping[str, list[str]] | None]:
    """Why the ballot is invalid, or the votes inside a sealed ballot (None for a plain one).

    Once opened, the inner ballot meets the same rules, with the same reasons, as a plain ballot.
    """
    if "sealed" not in parsed.data:
        if context.files.settings.voting.sealed:
            return _reason("sealed.plain-refused"), None
        return None, None
    if envelope is None:
        return _reason("sealed.not-age"), None
    if isinstance(envelope, Problem):
        return _reason(envelope.code, **envelope.params), None
    if copied is not None:
        return copied, None
    if context.key is None:
        context.unopened += 1
        return _reason("sealed.no-identity"), None
    plaintext = open_envelope(envelope, context.key)
    if isinstance(plaintext, Problem):
        return _reason(plaintext.code, **plaintext.params), None
    document, findings = parse_yaml(plaintext, parsed.path)
    if document is not None:
        findings += schema_findings(document, "ballot", context.files.schemas)
    errors = sorted(f for f in findings if f.severity == "error")
    if document is None or errors:
        first = errors[0] if errors else None
        where = f"第 {first.line} 行：{first.message}" if first is not None else "无法读取"
        return _reason("tally.ballot.schema", detail=where), None
    inner = document.data
    if "sealed" in inner or not isinstance(inner.get("votes"), dict):
        return _reason("sealed.inner-not-plain"), None
    if inner.get("member") != parsed.data["member"]:
        outer = parsed.data["member"]
        return _reason("sealed.member-mismatch", inner=inner.get("member"), member=outer), None
    votes: Mapping[str, list[str]] = inner["votes"]
    return None, votes


def _ballot_problem(
    context: _Context, parsed: ParsedFile, history: Provenance | None, closes: datetime.datetime | None
) -> dict[str, Any] | None:
    if not parsed.ok:
        errors = sorted(f for f in parsed.findings if f.severity == "error")
        first = errors[0] if errors else None
        where = f"第 {first.line} 行：{first.message}" if first is not None else "无法读取"
        return _reason("tally.ballot.schema", detail=where)
    member = parsed.data["member"]
    if member != parsed.role.file_id:
        return _reason("tally.ballot.member-mismatch", member=member, name=parsed.role.file_id)
    if member not in context.members:
        return _reason("tally.ballot.not-member", member=member)
    if history is None:
        return None
    commits = history.files.get(parsed.path)
    if parsed.path in history.dirty or commits is None:
        return _reason("tally.ballot.uncommitted")
    late = _late_event(commits, closes)
    return _reason(f"tally.ballot.late-{late[0]}", **late[1]) if late is not None else None


@dataclass(frozen=True)
class VoteProblem:
    """One vote (or one repetition) that does not count: where it was written and why."""

    type_id: str
    index: int
    application: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


def judge_votes(
    context: _Context,
    member: str,
    votes: Mapping[str, list[str]],
    runoff: Mapping[str, tuple[frozenset[str], int]] | None = None,
) -> tuple[list[str], list[VoteProblem]]:
    """Rule 2 for one valid ballot: the application ids that count, and every vote that does not.

    `runoff` limits each type to its tied group, with the open places as the limit.
    """
    affiliations = set(context.members.get(member, {}).get("affiliations") or [])
    counted: list[str] = []
    problems: list[VoteProblem] = []
    for type_id, written in sorted(votes.items()):
        first_index: dict[str, int] = {}
        for index, app_id in enumerate(written):
            if app_id in first_index:
                problems.append(VoteProblem(type_id, index, app_id, "tally.vote.repeated"))
            first_index.setdefault(app_id, index)

        def bad(code: str, _type: str = type_id, _first: dict[str, int] = first_index, **params: Any) -> None:
            for app_id, index in _first.items():
                problems.append(VoteProblem(_type, index, app_id, code, params))

        if type_id not in context.types:
            bad("tally.vote.type-not-in-round", type=type_id)
            continue
        if runoff is not None and type_id not in runoff:
            bad("tally.vote.no-runoff", type=type_id)
            continue
        group, limit = runoff[type_id] if runoff is not None else (None, context.types[type_id]["max_votes"])
        if len(first_index) > limit:
            bad("tally.vote.over-limit", count=len(first_index), limit=limit)
            continue
        for app_id, index in first_index.items():
            application = context.applications.get(app_id)
            code, params = "", {}
            if application is None:
                code = "tally.vote.unknown"
            elif app_id in context.late:
                code = "tally.vote.late-application"
            elif application.type_id != type_id:
                code, params = "tally.vote.wrong-type", {"actual": application.type_id, "type": type_id}
            elif group is not None and app_id not in group:
                code = "tally.vote.not-in-runoff"
            elif recused := sorted(application.units & affiliations):
                code, params = "tally.vote.recused", {"units": "、".join(recused)}
            if code:
                problems.append(VoteProblem(type_id, index, app_id, code, params))
            else:
                counted.append(app_id)
    return counted, problems


def _count_votes(
    context: _Context,
    ballots: list[_Ballot],
    runoff: Mapping[str, tuple[frozenset[str], int]] | None,
    invalid: list[dict[str, Any]],
) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ballot in ballots:
        counted, problems = judge_votes(context, ballot.member, ballot.votes, runoff)
        for app_id in counted:
            counts[app_id] = counts.get(app_id, 0) + 1
        for problem in problems:
            invalid.append({
                "member": ballot.member,
                "type": problem.type_id,
                "application": problem.application,
                **_reason(problem.code, **problem.params),
            })
    return counts


def ballot_vote_problems(files: RoundFiles, parsed: ParsedFile) -> list[VoteProblem]:
    """The vote problems of one schema-valid ballot, for `kczy validate` and `kczy check-pr`."""
    votes = parsed.data.get("votes")
    member = parsed.data.get("member")
    if not parsed.ok or not isinstance(votes, dict) or not isinstance(member, str):
        return []
    context = _make_context(files)
    runoff = None
    if parsed.role.runoff:
        # The secretariat's call names each type's applications and places (whether they are the real tie
        # is the tally's to say); without a call `kczy validate` reports the ballot itself.
        call = read_call(files, parsed.role.runoff)
        if call is None:
            return []
        runoff = dict(call.groups)
    return judge_votes(context, member, votes, runoff)[1]


def _make_context(files: RoundFiles) -> _Context:
    return _Context(files, files.members(), _read_applications(files), _round_types(files),
                    files.settings.voting.quorum)


def _quorum(rule: Any, committee: int, valid: int) -> dict[str, Any]:
    """Rule 3: `majority` means more than half of the committee; a whole number is a minimum."""
    if isinstance(rule, int) and not isinstance(rule, bool):
        required = rule
    else:
        rule, required = "majority", committee // 2 + 1
    met = valid >= required
    return {"rule": rule, "committee": committee, "required": required, "valid_ballots": valid, "met": met}


def _rank(
    context: _Context,
    type_id: str,
    counts: Mapping[str, int],
    quorum_met: bool,
    min_votes: int | None,
    settings: Mapping[str, Any],
) -> list[dict[str, Any]]:
    """Rule 4: shared ranks (1, 2, 2, 4) and the status of each application relative to the quota."""
    rows: list[dict[str, Any]] = [
        {
            "application": app.id,
            "title": app.title,
            "applicant": app.applicant,
            "votes": counts.get(app.id, 0),
        }
        for app in context.applications.values()
        if app.type_id == type_id and app.id not in context.late
    ]
    _assign(rows, "votes", 1, settings["quota"])
    for row in rows:
        below = min_votes is not None and row["votes"] < min_votes
        if quorum_met and not below and row["votes"] == 0 and row["status"] != "not-selected":
            row["_zero"] = True
        if not quorum_met or below or row["votes"] == 0:
            row["status"] = "not-selected"
    return _ordered(rows)


def _assign(rows: list[dict[str, Any]], key: str, first_rank: int, quota: int) -> None:
    """Shared ranks from `first_rank` on, by `key` descending, and selected / tie / not-selected."""
    values = [row[key] for row in rows]
    for row in rows:
        above = sum(v > row[key] for v in values)
        same = sum(v == row[key] for v in values)
        row["rank"] = first_rank + above
        last = row["rank"] + same - 1
        row["status"] = "selected" if last <= quota else "tie" if row["rank"] <= quota else "not-selected"


def _ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: (r["rank"], r["application"]))


def _runoff(
    context: _Context,
    number: int,
    rankings: dict[str, list[dict[str, Any]]],
    history: Provenance | None,
    notes: list[dict[str, str]],
) -> dict[str, Any]:
    """Rule 5: runoff `number`, called by the secretariat, orders each type's current tied group, with the
    open places as max_votes; its ballots are judged by the call's window as ballots are by voting's.

    A runoff without a call is listed with the reason and decides nothing. A type of the call whose
    applications or places are not the current tied group is not ordered (a note says so).
    """
    paths = context.files.paths_of("ballot", runoff=number)
    call = read_call(context.files, number)
    if call is None:
        _receipts(context, paths)  # read, not opened: each member can still see that it arrived
        return {
            "number": number,
            "ignored": _reason("tally.runoff.not-called", number=number),
            "ballots": {"received": len(paths), "valid": [], "invalid": []},
            "invalid_votes": [],
        }
    groups: dict[str, tuple[frozenset[str], int]] = {}
    for type_id, (called, called_places) in sorted(call.groups.items()):
        tied = [row for row in rankings.get(type_id, []) if row["status"] == "tie"]
        group = frozenset(row["application"] for row in tied)
        places = context.types[type_id]["quota"] - (tied[0]["rank"] - 1) if tied else 0
        if not tied or (group, places) != (called, called_places):
            notes.append(_note("tally.note.runoff-call-mismatch", number=number, type=type_id,
                               tied="、".join(sorted(group)) or "无", places=places))
            continue
        groups[type_id] = (group, places)
    invalid_ballots: list[dict[str, Any]] = []
    ballots = _valid_ballots(context, paths, history, call.closes, invalid_ballots, call)
    invalid_votes: list[dict[str, Any]] = []
    counts = _count_votes(context, ballots, groups, invalid_votes)
    quorum = _quorum(context.quorum_rule, len(context.members), len(ballots))
    decided: dict[str, Any] = {}
    for type_id, (group, places) in sorted(groups.items()):
        rows = [row for row in rankings[type_id] if row["application"] in group]
        decided[type_id] = {"places": places, "applications": sorted(group)}
        if not quorum["met"]:
            continue
        first = rows[0]["rank"]
        for row in rows:
            row.setdefault("runoff_votes", {})[str(number)] = counts.get(row["application"], 0)
            row["_runoff"] = counts.get(row["application"], 0)
        _assign(rows, "_runoff", first, context.types[type_id]["quota"])
        for row in rows:
            del row["_runoff"]
        rankings[type_id] = _ordered(rankings[type_id])
    if paths and not quorum["met"]:
        notes.append(_note("tally.note.runoff-no-quorum", number=number, valid=len(ballots),
                           required=quorum["required"]))
    return {
        "number": number,
        "window": {key: when.isoformat(timespec="minutes") for key, when in (("opens", call.opens),
                                                                           ("closes", call.closes))},
        "ballots": {
            "received": len(paths),
            "valid": sorted(b.member for b in ballots),
            "invalid": sorted(invalid_ballots, key=lambda b: (b["file"], b["code"])),
        },
        "quorum": quorum,
        "types": decided,
        "invalid_votes": _sorted_votes(invalid_votes),
    }


def _public_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def _sorted_votes(votes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(votes, key=lambda v: (v["member"], v["type"], v["application"], v["code"]))


def render_tally_json(result: Mapping[str, Any]) -> bytes:
    """The canonical bytes of a tally: sorted keys, UTF-8 text, two-space indent, final newline."""
    return (json.dumps(result, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def tally_sha256(result: Mapping[str, Any]) -> str:
    return hashlib.sha256(render_tally_json(result)).hexdigest()


def partial_view(result: Mapping[str, Any]) -> dict[str, Any]:
    """What may be shown before voting closes: how many ballots arrived and are valid, nothing more."""
    return {
        "round": result["round"],
        "partial": True,
        "ballots": {"received": result["ballots"]["received"], "valid": len(result["ballots"]["valid"])},
        "committee_size": result["committee_size"],
    }


def selected(result: Mapping[str, Any]) -> dict[str, list[str]]:
    """The selected application ids of each type (what an approval approves)."""
    return {
        type_id: [row["application"] for row in body["ranking"] if row["status"] == "selected"]
        for type_id, body in result["types"].items()
    }


def check_approval_hash(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """`tally_sha256` must be the sha256 of today's `kczy tally --format json` bytes.

    A real round's tally depends on its ballots' git history, which the edge supplies through
    `files.provenance`; without a repository the check is left to `kczy verify`.
    """
    pinned = parsed.data.get("tally_sha256")
    if not parsed.ok or not isinstance(pinned, str) or tally_blockers(files):
        return
    provenance = files.provenance
    if provenance is None and not files.settings.sample:
        return
    if provenance is not None and provenance.status != "checked":
        return
    if sealed_envelopes(files, tally_inputs(files)):
        return  # only the identity opens them: `kczy verify --identity` recomputes this tally
    actual = tally_sha256(tally_round(files, provenance))
    if actual != pinned:
        assert parsed.document is not None
        line, column = parsed.document.place(("tally_sha256",))
        params = {"pinned": pinned, "actual": actual}
        yield Finding(parsed.path, line, column, "approval.hash-mismatch", params, "/tally_sha256")


def check_application_deadline(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """A real round's application added or changed on main after applications_close (the sample round,
    committed years after its dates, and a work tree without history are not judged)."""
    if files.settings.sample:
        return
    history = files.provenance
    if history is None or history.status != "checked":
        return
    closes = files.settings.schedule.applications_close
    late = application_lateness(history, parsed.path, closes)
    if late is not None:
        yield Finding(parsed.path, 1, 1, late[0], late[1])


def check_ballot_votes(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """Votes the tally will not count, at the vote's place: one verdict for validate, check-pr and seal.

    A vote that would be lost is an error (a member checking their ballot before the deadline learns it);
    a repeated id only a warning (it counts once). The sample round keeps its deliberately spoiled ballots
    to show what the tally does with them: there they are warnings that say so (`sample` in the params).
    """
    if parsed.document is None:
        return
    sample = files.settings.sample
    for problem in ballot_vote_problems(files, parsed):
        node_path = ("votes", problem.type_id, problem.index)
        line, column = parsed.document.place(node_path)
        params = {"application": problem.application, **problem.params}
        if problem.code == "tally.vote.unknown":
            params["suggestion"] = suggest_id(problem.application, application_names(files, problem.type_id))
        lost = problem.code != "tally.vote.repeated"
        if lost and sample:
            params["sample"] = True
        severity: Severity = "error" if lost and not sample else "warning"
        pointer = "/" + "/".join(map(str, node_path))
        yield Finding(parsed.path, line, column, problem.code, params, pointer, severity)

