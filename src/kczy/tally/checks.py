"""The tally's verdicts as findings at their places, for `kczy validate`, `kczy check-pr` and `kczy seal`:
an approval whose pinned hash is not today's record, an application late on main, a vote that will not
count."""

from __future__ import annotations

from collections.abc import Iterator

from kczy.findings import Finding, Severity
from kczy.roundfiles import ParsedFile, RoundFiles
from kczy.runoffs import read_call
from kczy.sealed import sealed_envelopes
from kczy.suggest import application_names, suggest_id
from kczy.tally.count import tally_blockers, tally_inputs, tally_round
from kczy.tally.lateness import application_lateness, applications_close
from kczy.tally.record import WRITERS, tally_sha256
from kczy.tally.view import read_view
from kczy.tally.votes import VoteProblem, judge_votes


def known_format(value: object) -> bool:
    """Whether this kczy can write the record format an approval names (`tally_format`)."""
    return isinstance(value, int) and not isinstance(value, bool) and value in WRITERS


def check_approval_hash(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """`tally_sha256` must be the sha256 of the record, under the approval's `tally_format`, of today's
    tally. A format this kczy does not know is said as such (never a mismatch).

    A real round's tally depends on its ballots' git history, which the edge supplies through
    `files.provenance`; without a repository the check is left to `kczy verify`.
    """
    pinned, tally_format = parsed.data.get("tally_sha256"), parsed.data.get("tally_format")
    if not parsed.ok or not isinstance(pinned, str) or parsed.document is None:
        return
    if not known_format(tally_format):
        line, column = parsed.document.place(("tally_format",))
        params = {"format": tally_format, "known": tuple(map(str, WRITERS))}
        yield Finding(parsed.path, line, column, "approval.tally-format-unknown", params, "/tally_format")
        return
    assert isinstance(tally_format, int)
    if tally_blockers(files):
        return
    provenance = files.provenance
    if provenance is None and not files.settings.sample:
        return
    if provenance is not None and provenance.status != "checked":
        return
    if sealed_envelopes(files, tally_inputs(files)):
        return  # only the identity opens them: `kczy verify --identity` recomputes this tally
    actual = tally_sha256(tally_round(files, provenance), tally_format)
    if actual != pinned:
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
    late = application_lateness(history, parsed.path, applications_close(files))
    if late is not None:
        yield Finding(parsed.path, 1, 1, late.code, dict(late.params))


def ballot_vote_problems(files: RoundFiles, parsed: ParsedFile) -> list[VoteProblem]:
    """The vote problems of one schema-valid ballot."""
    ballot = files.ballot(parsed.path)
    if not parsed.ok or ballot is None or ballot.votes is None:
        return []
    if not files.member_registry.readable:  # recusal cannot be judged: committee.yaml's findings say why
        return []
    runoff = None
    if parsed.role.runoff:
        # The secretariat's call names each type's applications and places (whether they are the real tie
        # is the tally's to say); without a call `kczy validate` reports the ballot itself.
        call = read_call(files, parsed.role.runoff)
        if call is None:
            return []
        runoff = dict(call.groups)
    return judge_votes(read_view(files), ballot.member, ballot.votes, runoff)[1]


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
