"""`tally_round`: the counting rules applied in order to one round, giving its frozen outcome.

Pure: no disk, no clock, no git. The commit history of the round's files comes in as `Provenance`
(built by `kczy.provenance` at the edge, or None without a repository).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import replace

from kczy.history import Provenance
from kczy.roundfiles import ParsedFile, RoundFiles
from kczy.rules import read_by_tally
from kczy.sealed import TallyKey
from kczy.shapes import shape_problems
from kczy.signing import is_signed_round, member_fingerprints
from kczy.tally.ballots import Signatures, judge_ballots, late_deleted
from kczy.tally.lateness import late_applications
from kczy.tally.outcome import Ballots, CheckStatus, Reason, TallyOutcome, TypeResult, reason
from kczy.tally.ranking import quorum, rank_type, threshold
from kczy.tally.runoff import apply_runoff
from kczy.tally.view import read_view
from kczy.tally.votes import count_votes


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
        if (
            document is None
            or not isinstance(document.data.get("applicant"), str)
            or shape_problems("application", document.data)  # its partners decide recusal
        ):
            blockers.append(files.checked(path))
    return blockers


def tally_round(
    files: RoundFiles, provenance: Provenance | None = None, key: TallyKey | None = None
) -> TallyOutcome:
    """The tally of one round.

    `provenance` None means no git repository. A round marked `sample: true` is tallied without the
    history check whatever `provenance` says: its files were committed years after its dates. `key`
    opens sealed ballots; without it they are listed as invalid with the reason.
    """
    settings = files.settings
    sample = settings.sample
    checked = not sample and provenance is not None and provenance.status == "checked"
    history = provenance if checked else None
    notes: list[Reason] = []
    deadline: CheckStatus = "skipped-sample" if sample else "checked" if checked else "unavailable"
    notes += [reason("tally.note.sample")] if sample else [] if checked else [reason("tally.note.no-history")]
    signature_check, signatures = _signatures(files, sample, history, notes)

    late = late_applications(files, history)
    view = replace(read_view(files), late=frozenset(a.application for a in late))
    closes = settings.schedule.voting_closes
    paths = files.paths_of("ballot")
    verdicts = judge_ballots(view, paths, history, closes, key=key, signatures=signatures)
    withdrawn = late_deleted(files, history, closes)
    valid = len(verdicts.valid)
    count = quorum(settings.voting.quorum, len(view.members), valid)
    if not count.met:
        notes.append(reason("tally.note.no-quorum", valid=valid, required=count.required))
    bar = threshold(settings.voting.threshold, valid)

    counts, invalid_votes = count_votes(view, verdicts.valid)
    types: list[TypeResult] = []
    zero = False
    for type_id, limits in view.types.items():
        applications = [
            a for a in view.applications.values() if a.type_id == type_id and a.id not in view.late
        ]
        ranking, left_out = rank_type(applications, counts, limits.quota, count.met, bar.min_votes)
        types.append(TypeResult(type_id, limits.quota, limits.max_votes, ranking))
        zero |= left_out
    if zero:
        notes.append(reason("tally.note.zero-votes"))

    ranked = tuple(types)
    runoffs = []
    receipts = list(verdicts.receipts)
    unopened = verdicts.unopened
    for number in files.runoff_numbers():
        step = apply_runoff(view, number, ranked, history, key, signatures)
        ranked = step.types
        runoffs.append(step.result)
        notes += step.notes
        receipts += step.verdicts.receipts
        unopened += step.verdicts.unopened
    if unopened:
        notes.append(reason("tally.note.sealed-no-identity", count=unopened))
    ballots = verdicts.ballots(len(paths) + len(withdrawn))
    ballots = Ballots(ballots.received, ballots.valid, _by_file([*ballots.invalid, *withdrawn]))
    return TallyOutcome(
        round=files.year,
        title=settings.title,
        sample=sample,
        inputs_sha256=inputs_sha256(files.contents, tally_inputs(files)),
        deadline_check=deadline,
        voting_closes=settings.schedule.written["voting_closes"],
        signature_check=signature_check,
        committee_size=len(view.members),
        ballots=ballots,
        quorum=count,
        threshold=bar,
        invalid_votes=invalid_votes,
        types=ranked,
        runoffs=tuple(runoffs),
        late_applications=late,
        receipts=tuple(sorted(receipts, key=lambda r: r.file)),
        notes=tuple(notes),
    )


def _by_file(invalid: list) -> tuple:  # type: ignore[type-arg]
    return tuple(sorted(invalid, key=lambda b: (b.file, b.reason.code)))


def _signatures(
    files: RoundFiles, sample: bool, history: Provenance | None, notes: list[Reason]
) -> tuple[CheckStatus, Signatures | None]:
    """`voting.signed: true`: the ballots' commits are judged when git could tell who signed them."""
    if not is_signed_round(files):
        return "not-required", None
    if sample:
        return "skipped-sample", None
    if history is None:
        notes.append(reason("tally.note.signatures-no-history"))
        return "unavailable", None
    if history.signatures is None:
        notes.append(reason("tally.note.signatures-unread"))
        return "unavailable", None
    return "checked", Signatures(history.signatures, member_fingerprints(files))
