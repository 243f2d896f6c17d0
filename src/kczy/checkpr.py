"""Who may change what, and when: the rules of `kczy check-pr`, as a pure function of plain data.

Everything that decides (the units' and members' logins, the secretariat, the schedule, the
applications a ballot may name) comes from the base revision, never from the change itself: a pull
request that adds its author to the committee and votes in the same change is refused.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from kczy.beijing import BEIJING
from kczy.findings import Finding, sorted_findings
from kczy.history import Change
from kczy.identities import describe, owners_of
from kczy.layout import RETIRED_FILE, SUBMISSIONS, Role, classify, show_path, suggest_place, undecodable
from kczy.messages import joined, show_beijing
from kczy.roundfiles import RoundFiles
from kczy.roundmodel import Schedule
from kczy.rules import read_by_tally, round_schema_set, schema_files_in
from kczy.runoffs import read_call, window_problem
from kczy.sealed import check_sealed_ballot
from kczy.signing import BallotCommits, member_fingerprints, signature_problem
from kczy.suggest import with_id_hints
from kczy.tally.checks import check_ballot_votes
from kczy.workdays import parse_date
from kczy.yamlload import Document, parse_yaml

SECRETARIAT_ONLY_KINDS = {
    "round", "rules", "units", "committee", "runoff-call", "approval", "objection", "announcement"
}
TALLY_INPUT_KINDS = {"round", "committee", "rules", "application", "ballot", "runoff-call", "attachment"}
LOCKED_AFTER_APPROVAL = TALLY_INPUT_KINDS | {"confirmation"}
"""What the approved notice rests on: the tally's inputs, and the partners' consent to be named."""
PROTECTED_FOLDERS = ("schemas/", ".github/")
APPLICANT_LINE = re.compile(
    r"""^applicant[ \t]*[:\uff1a][ \t\u3000]*["']?([a-z0-9][a-z0-9-]*)["']?[ \t]*$""", re.MULTILINE
)
SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"


def check_pull_request(
    changes: list[Change],
    base_rounds: Mapping[str, RoundFiles],
    head_contents: Mapping[str, bytes],
    author: str,
    now: datetime.datetime,
    signatures: Mapping[str, BallotCommits] | None = None,
) -> list[Finding]:
    """Every refusal for `changes` by `author` at `now`; an empty list means the change may be merged.

    `now` is the one time every window is judged at (applications, voting, runoffs, the lock after the
    approval); nothing here reads a clock, git or a file. `head_contents`: the merged bytes of every
    regular file the change adds or modifies.

    `signatures`: for the ballots of rounds that require signed ballots, the pull request's commits
    (`base..head`) that wrote each one, with git's verdict on their signatures (`kczy.signing`).
    """
    request = _Request(base_rounds, head_contents, author.casefold(), now)
    findings: list[Finding] = []
    for change in changes:
        findings.extend(_check_change(change, request))
        findings.extend(_check_signature(change, base_rounds, signatures or {}))
    return sorted_findings(findings)


def parse_base_rounds(
    base: Mapping[str, bytes], code_cache: MutableMapping[str, str] | None = None
) -> dict[str, RoundFiles]:
    """The base revision's rounds from its files (path → bytes of `submissions/` and `schemas/`): each
    round judged by the base's copy of its own rules, or the base's default set. Pure: the bytes are
    the command's to read."""
    by_year: dict[str, dict[str, bytes]] = {}
    for path, body in base.items():
        role = classify(path)
        if role is not None:
            by_year.setdefault(role.year, {})[path] = body
    return {
        year: RoundFiles(year, contents, round_schema_set(year, lambda folder: schema_files_in(base, folder),
                                                          code_cache))
        for year, contents in by_year.items()
    }


def is_sample(files: RoundFiles) -> bool:
    """Rights are decided even when a round's settings cannot be read (so that its secretariat can mend
    them): `sample` and the secretariat's logins are read from round.yaml as written, the only raw reads
    of it outside kczy.roundmodel; a round.yaml that is no sample holds no invented logins."""
    return files.record("round").get("sample") is True


def current_round(rounds: Mapping[str, RoundFiles]) -> RoundFiles | None:
    """The latest round that is not a sample: its secretariat alone holds the rights over the
    repository's own machinery (code, schemas, workflows) and over new rounds and sample rounds.
    A sample round's invented logins hold no right at all."""
    real = [files for _, files in sorted(rounds.items())
            if files.record_path("round") in files.roles and not is_sample(files)]
    return real[-1] if real else None


def merge_refusals(conflicts: Sequence[str], unrelated: bool) -> list[Finding]:
    """A pull request that cannot be merged cleanly: one refusal per conflicted file."""
    if unrelated or not conflicts:
        return [_refuse(".", "checkpr.unrelated-histories" if unrelated else "checkpr.merge-conflict")]
    return sorted_findings([_refuse(path, "checkpr.merge-conflict") for path in conflicts])


def signed_ballot_paths(changes: list[Change], base_rounds: Mapping[str, RoundFiles]) -> dict[str, list[str]]:
    """Year → the ballots the change adds or modifies in that round, when the round requires signatures."""
    found: dict[str, list[str]] = {}
    for change in changes:
        role = classify(change.path)
        if change.action == "delete" or role is None or role.kind != "ballot":
            continue
        if _signed(base_rounds.get(role.year)):
            found.setdefault(role.year, []).append(change.path)
    return found


def _signed(files: RoundFiles | None) -> bool:
    """Whether the round requires signed ballots; a round that cannot be read has its own refusal."""
    settings = files.reading.settings if files is not None else None
    return settings is not None and settings.voting.signed


def _check_signature(
    change: Change, base_rounds: Mapping[str, RoundFiles], signatures: Mapping[str, BallotCommits]
) -> Iterator[Finding]:
    """A ballot of a signed round: every commit of the pull request writing it is signed by its member,
    with the key of the base revision's committee.yaml."""
    role = classify(change.path)
    if change.action == "delete" or role is None or role.kind != "ballot":
        return
    files = base_rounds.get(role.year)
    if files is None or not _signed(files):
        return
    problem = signature_problem(role.file_id, member_fingerprints(files), signatures.get(change.path))
    if problem is not None:
        yield _refuse(change.path, problem.code, **problem.params)


def _refuse(path: str, code: str, line: int = 1, column: int = 1, **params: Any) -> Finding:
    return Finding(path, line, column, code, params)


def _casefolded(logins: Iterable[str]) -> set[str]:
    return {login.casefold() for login in logins}


def _logins(item: Mapping[str, Any]) -> set[str]:
    logins = item.get("logins")
    return {x.casefold() for x in logins if isinstance(x, str)} if isinstance(logins, list) else set()


def _secretariat(files: RoundFiles) -> set[str]:
    secretariat = files.record("round").get("secretariat")
    return _logins(secretariat) if isinstance(secretariat, dict) else set()


class _Request:
    """One pull request being judged: the base rounds, the merged bytes, who and when, and what is
    looked up once for all its files (so that thousands of attachments cost thousands of steps)."""

    def __init__(
        self,
        base_rounds: Mapping[str, RoundFiles],
        head: Mapping[str, bytes],
        login: str,
        now: datetime.datetime,
    ) -> None:
        self.base_rounds, self.head, self.login, self.now = base_rounds, head, login, now
        self.current = current_round(base_rounds)
        self.machinery = _secretariat(self.current) if self.current is not None else set()
        self._owners: dict[str, list[tuple[str, str]]] = {}
        self._documents: dict[str, Document | None] = {}
        self.head_applications: dict[tuple[str, str], str] = {}
        for path in head:
            role = classify(path)
            if role is not None and role.kind == "application":
                self.head_applications.setdefault((role.year, role.file_id), path)

    def owners(self, files: RoundFiles) -> list[tuple[str, str]]:
        """The entries of `files`' round that list the author's login."""
        if files.year not in self._owners:
            self._owners[files.year] = owners_of(files, self.login)
        return self._owners[files.year]

    def head_document(self, path: str) -> Document | None:
        if path not in self._documents:
            self._documents[path] = parse_yaml(self.head[path], path)[0] if path in self.head else None
        return self._documents[path]

    def machinery_refusal(self, path: str, code: str, **params: Any) -> Iterator[Finding]:
        """`code` unless the author is of the current round's secretariat (and of nothing else there)."""
        if self.login not in self.machinery:
            yield _refuse(path, code, **params)
        elif self.current is not None and len(self.owners(self.current)) > 1:
            yield _ambiguous(path, self.owners(self.current))


def _ambiguous(path: str, owners: list[tuple[str, str]]) -> Finding:
    return _refuse(path, "checkpr.login-ambiguous", entries=joined(describe(owner) for owner in owners))


def _approved(files: RoundFiles, now: datetime.datetime) -> bool:
    """Whether the base's approval.yaml is in force at `now`: from its own day on (Beijing), as
    `kczy.stages` counts it, so that `--now` replays any day; an approval whose day cannot be read
    locks (mending it is the secretariat's)."""
    if files.record_path("approval") not in files.roles:
        return False
    approval = files.record("approval")
    day = parse_date(approval.get("approved_on")) if isinstance(approval, dict) else None
    return day is None or day <= now.astimezone(BEIJING).date()


def _locked_after_approval(role: Role) -> bool:
    if role.kind == "rules":  # the rules the tally reads; an objection must still be recordable
        return read_by_tally(role.file_id)
    return role.kind in LOCKED_AFTER_APPROVAL


def _check_change(change: Change, request: _Request) -> Iterator[Finding]:
    path = change.path
    if change.action != "delete" and change.mode == SYMLINK_MODE:
        yield _refuse(path, "checkpr.symlink")
        return
    if change.action != "delete" and change.mode == SUBMODULE_MODE:
        yield _refuse(path, "checkpr.submodule")
        return
    if change.action != "delete" and undecodable(path):
        yield _refuse(show_path(path), "file.name-not-utf8", name=show_path(path))
        return
    role = classify(path)
    if role is None:
        if path == RETIRED_FILE:  # which sample rounds are retired: a decision about the repository
            yield from request.machinery_refusal(path, "checkpr.retired-rounds")
        elif path.startswith(SUBMISSIONS + "/"):
            yield _refuse(path, "checkpr.outside-layout", suggestion=suggest_place(path))
        else:
            protected = path.startswith(PROTECTED_FOLDERS)
            code = "checkpr.secretariat-only" if protected else "checkpr.outside-layout"
            yield from request.machinery_refusal(path, code, suggestion=suggest_place(path))
        return
    if change.action != "delete" and role.misnamed:  # as validate says; an upper-case twin is another file
        yield _refuse(path, "layout.bad-id", name=role.file_id + ".yaml")
        return
    files = request.base_rounds.get(role.year)
    if files is None or files.record_path("round") not in files.roles:
        yield from request.machinery_refusal(path, "checkpr.new-round", year=role.year)
        return
    if is_sample(files):
        yield from request.machinery_refusal(path, "checkpr.sample-round", year=role.year)
        return
    owners = request.owners(files)
    if len(owners) > 1:
        yield _ambiguous(path, owners)
        return
    secretariat = _secretariat(files)
    if _approved(files, request.now) and _locked_after_approval(role):
        yield _refuse(path, "checkpr.locked-after-approval")  # and every other reason too
    if role.kind in SECRETARIAT_ONLY_KINDS:
        if request.login not in secretariat:
            code = "checkpr.rules-secretariat-only" if role.kind == "rules" else "checkpr.secretariat-only"
            yield _refuse(path, code, year=role.year)
        return
    settings = files.reading.settings
    if settings is None:  # no schedule, no limits to judge by: nothing a unit or a member changes can pass
        yield _refuse(path, "checkpr.round-unreadable", round=files.record_path("round"))
        return
    context = _Context(files, request.head, request.login, settings.schedule, request.now, request)
    if role.kind in ("application", "attachment"):
        yield from _check_application(change, role, context)
    elif role.kind == "confirmation":
        yield from _check_confirmation(change, role, context, secretariat)
    elif role.kind == "ballot":
        yield from _check_ballot(change, role, context)


@dataclass(frozen=True)
class _Context:
    """What a unit's or member's file is judged against: the base round, the head's bytes, who, when."""

    files: RoundFiles
    head: Mapping[str, bytes]
    login: str
    schedule: Schedule
    now: datetime.datetime
    request: _Request


def _check_application(change: Change, role: Role, context: _Context) -> Iterator[Finding]:
    path = change.path
    # The base's registries even when they cannot be read (empty: every unit unknown), as round.yaml is: the
    # secretariat can still mend them.
    units = context.files.unit_registry.entries
    applicants = _applicants(change, role, context)
    for unit in sorted(applicants):
        if unit not in units:
            yield _refuse(path, "checkpr.unknown-unit", unit=unit)
        elif context.login not in _casefolded(units[unit].logins):
            yield _refuse(path, "checkpr.other-unit", unit=unit, name=units[unit].name)
    if not applicants:
        yield _refuse(path, "checkpr.no-applicant")
    yield from _outside_applications(path, context)


def _check_confirmation(
    change: Change, role: Role, context: _Context, secretariat: set[str]
) -> Iterator[Finding]:
    """partners/<unit>.yaml: the named unit's own consent, so only its accounts (or the secretariat,
    recording a written confirmation) may write it, while applications are open."""
    unit = context.files.unit_registry.entries.get(role.file_id)
    if unit is None:
        yield _refuse(change.path, "checkpr.confirmation-unknown-unit", unit=role.file_id)
    elif context.login not in _casefolded(unit.logins) and context.login not in secretariat:
        yield _refuse(change.path, "checkpr.confirmation-other-unit", unit=role.file_id, name=unit.name)
    yield from _outside_applications(change.path, context)


def _outside_applications(path: str, context: _Context) -> Iterator[Finding]:
    schedule = context.schedule
    yield from _outside_window(path, schedule.applications_open, schedule.applications_close, "applications",
                               context.now)


def _outside_window(
    path: str, opens: datetime.datetime | None, closes: datetime.datetime, window: str, now: datetime.datetime
) -> Iterator[Finding]:
    """Refusals for a change before the window of round.yaml's schedule opens or after it closes."""
    if opens is not None and now < opens:
        yield _refuse(path, f"checkpr.{window}-not-open", time=show_beijing(opens))
    if now > closes:
        yield _refuse(path, f"checkpr.{window}-closed", time=show_beijing(closes))


def _applicants(change: Change, role: Role, context: _Context) -> set[str]:
    """The units an application (or an attachment of it) belongs to, before and after the change."""
    files, request = context.files, context.request
    found: set[str] = set()
    if role.kind == "attachment":
        app_path = files.application_paths().get(role.file_id)
        head_app = request.head_applications.get((role.year, role.file_id))
        documents = [files.parse(app_path) if app_path is not None else None,
                     request.head_document(head_app) if head_app is not None else None]
    else:
        before = files.parse(change.path) if change.path in files.roles else None
        documents = [before, request.head_document(change.path)]
    for document in documents:
        if document is not None and isinstance(document.data.get("applicant"), str):
            found.add(document.data["applicant"])
    if role.kind == "application" and change.path in context.head:
        # Every applicant line of the new text says whose it is too: one that does not parse (a full-width
        # colon on another line, say), or a second `applicant:` (a duplicate key, whose first value alone is
        # read); validate reports the mistake at its own line.
        found.update(APPLICANT_LINE.findall(context.head[change.path].decode("utf-8", "replace")))
    return found


def _check_ballot(change: Change, role: Role, context: _Context) -> Iterator[Finding]:
    path, files, head, schedule, now = change.path, context.files, context.head, context.schedule, context.now
    members = files.member_registry.entries  # as the units: empty when the base's cannot be read
    own = [member_id for member_id, member in members.items() if context.login in _casefolded(member.logins)]
    if not own:
        yield _refuse(path, "checkpr.not-member")
    elif role.file_id not in own:
        yield _refuse(path, "checkpr.other-ballot", member=role.file_id)
    if role.runoff:  # only inside the window of the secretariat's call (read from the base revision)
        closed = window_problem(read_call(files, role.runoff), role.runoff, now)
        if closed is not None:
            yield _refuse(path, closed.code, **closed.params)
    else:
        yield from _outside_window(path, schedule.voting_opens, schedule.voting_closes, "voting", now)
    if change.action == "delete" or path not in head:
        return
    merged = RoundFiles(files.year, {**files.contents, path: head[path]}, files.schemas)
    parsed = merged.checked(path)
    # The ballot as the tally will read it: a schema error voids it whole, so it is refused here too.
    yield from with_id_hints(merged, parsed.findings)
    if not parsed.readable:  # not of the shape the tally reads: the finding says where
        return
    yield from check_ballot_votes(merged, parsed)  # the same verdict as kczy validate
    # The round's rule (voting.sealed) and the other ballots come from the base revision.
    for finding in check_sealed_ballot(merged, parsed):
        yield _refuse(path, finding.code, finding.line, finding.column, **finding.params)
