"""Rule 1: a ballot is valid or invalid as a whole.

Invalid when its file fails its schema, its `member` differs from its file name or is not on the
committee, it reached main (or was changed there) after the close, a runoff ballot arrived before its
call opened the runoff, a signed round's commits are not the member's own signatures, or a sealed
ballot cannot be opened. A sealed ballot once opened meets the same rules, with the same reasons.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kczy.findings import Finding, Problem
from kczy.history import BallotCommits, Provenance
from kczy.layout import classify
from kczy.readers import read_ballot
from kczy.roundfiles import ParsedFile, RoundFiles
from kczy.runoffs import RunoffCall
from kczy.schemas import schema_findings
from kczy.sealed import Envelope, TallyKey, open_envelope, reused, sealed_envelopes, split_copies
from kczy.shapes import shape_findings
from kczy.signing import signature_problem
from kczy.tally.lateness import late_event
from kczy.tally.outcome import Ballots, InvalidBallot, Param, Reason, Receipt, iso_time, reason
from kczy.tally.view import RoundView
from kczy.yamlload import parse_yaml


@dataclass(frozen=True)
class Ballot:
    """A valid ballot: whose it is and what it approves, per type (as written, repeats included)."""

    path: str
    member: str
    votes: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Signatures:
    """A signed round whose ballots' commits could be read: who signed what, and each member's key."""

    commits: Mapping[str, BallotCommits]
    fingerprints: Mapping[str, str | None]


@dataclass(frozen=True)
class BallotVerdicts:
    valid: tuple[Ballot, ...]
    invalid: tuple[InvalidBallot, ...]
    receipts: tuple[Receipt, ...]
    unopened: int
    """Sealed ballots left closed for want of the identity."""

    def ballots(self, received: int, withdrawn: Sequence[InvalidBallot] = ()) -> Ballots:
        """As the outcome lists them: valid members sorted, invalid ballots (and those `withdrawn` after the
        close) by file and code."""
        invalid = sorted([*self.invalid, *withdrawn], key=lambda b: (b.file, b.reason.code))
        return Ballots(received, tuple(sorted(b.member for b in self.valid)), tuple(invalid))


def judge_ballots(
    view: RoundView,
    paths: list[str],
    history: Provenance | None,
    closes: datetime.datetime | None,
    *,
    key: TallyKey | None = None,
    signatures: Signatures | None = None,
    call: RunoffCall | None = None,
) -> BallotVerdicts:
    """Each ballot of `paths` valid or invalid, with the receipts of the sealed ones.

    `history` None: no deadline is judged (no repository, or the sample round). `call`: these are the
    ballots of that runoff, judged by its window.
    """
    files = view.files
    envelopes = sealed_envelopes(files, paths)
    receipts = _receipts(files, envelopes)
    copied = _copies(files, envelopes, key, history)
    valid: list[Ballot] = []
    invalid: list[InvalidBallot] = []
    unopened = 0
    for path in paths:
        parsed = files.checked(path)
        problem = _file_problem(view, parsed, history, closes)
        if problem is None and call is not None:
            problem = _runoff_early(call, history, path)
        if problem is None and signatures is not None:
            signed = signature_problem(
                parsed.role.file_id, signatures.fingerprints, signatures.commits.get(path)
            )
            problem = _from_problem(signed.code, signed.params) if signed is not None else None
        ballot = files.ballot(path)
        votes = ballot.votes if ballot is not None else None
        if problem is None:
            problem, inner = _open_sealed(view, parsed, envelopes.get(path), copied.get(path), key)
            votes = inner if inner is not None else votes
            unopened += problem is not None and problem.code == "sealed.no-identity"
        if problem is not None:
            invalid.append(InvalidBallot(path, _member(parsed), problem))
            continue
        assert ballot is not None and votes is not None  # a valid file is of the ballot's shape
        valid.append(Ballot(path, ballot.member, votes))
    return BallotVerdicts(tuple(valid), tuple(invalid), receipts, unopened)


def sealed_receipts(files: RoundFiles, paths: list[str]) -> tuple[Receipt, ...]:
    """The receipts of the well-formed sealed ballots among `paths`, whether or not they are judged."""
    return _receipts(files, sealed_envelopes(files, paths))


def _receipts(files: RoundFiles, envelopes: Mapping[str, Envelope | Problem]) -> tuple[Receipt, ...]:
    return tuple(
        Receipt(path, _member(files.checked(path)), envelope.receipt)
        for path, envelope in envelopes.items()
        if isinstance(envelope, Envelope)
    )


def late_deleted(
    files: RoundFiles, history: Provenance | None, closes: datetime.datetime | None
) -> list[InvalidBallot]:
    """A ballot that is gone, deleted after the deadline: listed, never silently dropped."""
    if history is None or closes is None:
        return []
    found = []
    for path, (commit, moment) in sorted(history.deleted.items()):
        role = classify(path)
        if role is None or role.kind != "ballot" or role.runoff or role.year != files.year:
            continue
        if path not in files.roles and moment > closes:
            found.append(
                InvalidBallot(
                    path,
                    role.file_id,
                    reason("tally.ballot.late-deleted", time=iso_time(moment), commit=commit),
                )
            )
    return found


def _member(parsed: ParsedFile) -> str | None:
    member = parsed.data.get("member") if parsed.document is not None else None
    return member if isinstance(member, str) else None


def _from_problem(code: str, params: Mapping[str, object]) -> Reason:
    """A problem found by a neighbouring module (sealed, signed) as a reason, its parameters plain."""
    return Reason(code, {name: _plain(value) for name, value in params.items()})


def _plain(value: object) -> Param:
    if isinstance(value, list | tuple):
        return tuple(map(str, value))
    return value if value is None or isinstance(value, str | int) else str(value)


def _schema_reason(errors: list[Finding]) -> Reason:
    """The first schema error of a ballot, by its place and code (its wording is the catalog's)."""
    if not errors:
        return reason("tally.ballot.unreadable")
    first = errors[0]
    return reason("tally.ballot.schema", line=first.line, column=first.column, finding=first.code)


def _file_problem(
    view: RoundView, parsed: ParsedFile, history: Provenance | None, closes: datetime.datetime | None
) -> Reason | None:
    ballot = view.files.ballot(parsed.path)
    if not parsed.ok or ballot is None:
        return _schema_reason(sorted(f for f in parsed.findings if f.severity == "error"))
    member = ballot.member
    if member != parsed.role.file_id:
        return reason("tally.ballot.member-mismatch", member=member, name=parsed.role.file_id)
    if member not in view.members:
        return reason("tally.ballot.not-member", member=member)
    if history is None:
        return None
    commits = history.files.get(parsed.path)
    if parsed.path in history.dirty or commits is None:
        return reason("tally.ballot.uncommitted")
    late = late_event(commits, closes)
    return reason(f"tally.ballot.late-{late[0]}", time=late[1], commit=late[2]) if late is not None else None


def _runoff_early(call: RunoffCall, history: Provenance | None, path: str) -> Reason | None:
    """A runoff ballot whose content reached main before the call opened the runoff does not count."""
    commits = history.files.get(path) if history is not None else None
    if commits is None or commits.changed_at >= call.opens:
        return None
    return reason("tally.ballot.runoff-early", number=call.number, time=iso_time(call.opens))


def _copies(
    files: RoundFiles,
    envelopes: Mapping[str, Envelope | Problem],
    key: TallyKey | None,
    history: Provenance | None,
) -> dict[str, Reason]:
    """The ballots whose ciphertext copies another's, with the reason: the opened content names the
    original's member; without the identity, the earlier on main is the original."""
    shared = reused(envelopes)
    named: dict[str, str] = {}
    for path in shared:
        envelope = envelopes[path]
        if key is None or not isinstance(envelope, Envelope):
            break
        plaintext = open_envelope(envelope, key)
        document = parse_yaml(plaintext, path)[0] if isinstance(plaintext, bytes) else None
        member = document.data.get("member") if document is not None else None
        if isinstance(member, str):
            named[path] = member
    arrived = {p: history.files[p].changed_at for p in shared if history is not None and p in history.files}
    owners = {p: files.roles[p].file_id for p in shared}
    return {
        path: reason("sealed.copied", original=original)
        if original is not None
        else reason("sealed.reused", other=tuple(shared[path]))
        for path, original in split_copies(shared, owners, named, arrived).items()
    }


def _open_sealed(
    view: RoundView,
    parsed: ParsedFile,
    envelope: Envelope | Problem | None,
    copied: Reason | None,
    key: TallyKey | None,
) -> tuple[Reason | None, Mapping[str, tuple[str, ...]] | None]:
    """Why the ballot is invalid, or the votes inside a sealed ballot (None for a plain one)."""
    if "sealed" not in parsed.data:
        if view.settings.voting.sealed:
            return reason("sealed.plain-refused"), None
        return None, None
    if envelope is None:
        return reason("sealed.not-age"), None
    if isinstance(envelope, Problem):
        return _from_problem(envelope.code, envelope.params), None
    if copied is not None:
        return copied, None
    if key is None:
        return reason("sealed.no-identity"), None
    plaintext = open_envelope(envelope, key)
    if isinstance(plaintext, Problem):
        return _from_problem(plaintext.code, plaintext.params), None
    document, findings = parse_yaml(plaintext, parsed.path)
    if document is not None:
        findings += schema_findings(document, "ballot", view.files.schemas)
        # The opened ballot is read as a plain one is: of its shape whatever the year's rules say.
        findings += shape_findings(document, "ballot", "ballot", view.files.schemas, tuple(findings))
    errors = sorted(f for f in findings if f.severity == "error")
    if document is None or errors:
        return _schema_reason(errors), None
    inner, outer = read_ballot(document), view.files.ballot(parsed.path)
    if inner is None or inner.sealed is not None or inner.votes is None:
        return reason("sealed.inner-not-plain"), None
    assert outer is not None  # a valid file is of the ballot's shape
    if inner.member != outer.member:
        return reason("sealed.member-mismatch", inner=inner.member, member=outer.member), None
    return None, inner.votes
