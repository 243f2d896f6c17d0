"""The automated form review: each file against its schema, then the rules that span files."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kczy.attachments import check_application_attachments, check_attachment_files
from kczy.consent import check_confirmation, check_partner_consent
from kczy.findings import Finding, sorted_findings
from kczy.layout import NOT_YAML_KINDS
from kczy.messages import KIND_NAMES, joined, words
from kczy.roundfiles import ParsedFile, RoundFiles
from kczy.roundmodel import DEFAULT_MAX_PER_UNIT, TypeSettings, schedule_findings
from kczy.rules import round_rules_folder
from kczy.suggest import application_names, suggest_id, with_id_hints
from kczy.yamlload import NodePath

Check = Callable[[RoundFiles, ParsedFile], Iterator[Finding]]
SITE_CONFIG = "mkdocs.yml"
_SITE_URL = re.compile(r"^site_url:[ \t]*(.*?)[ \t]*(?:#.*)?$", re.M)


def check_site_url(config_text: str | None, rounds: Sequence[RoundFiles]) -> list[Finding]:
    """A real round's notice also goes out by RSS: without the site's address (`site_url` in
    mkdocs.yml) the feed's links are relative and feed readers cannot open them. A warning."""
    readable = [(files.year, files.reading.settings) for files in rounds]
    real = sorted(year for year, settings in readable if settings is not None and not settings.sample)
    if config_text is None or not real:
        return []
    match = _SITE_URL.search(config_text)
    if match is not None and match.group(1).strip("'\"").strip():
        return []
    line = config_text.count("\n", 0, match.start()) + 1 if match is not None else 1
    params = {"year": joined(real)}
    return [Finding(SITE_CONFIG, line, 1, "site.url-missing", params, severity="warning")]


def check_round(files: RoundFiles, targets: Iterable[str] | None = None) -> list[Finding]:
    """Findings for `targets` (default: every file of the round), including cross-file rules.

    Context from other files (registries, other applications) is parsed but only the targets'
    own problems are reported, so checking one changed file stays cheap.
    """
    wanted = set(files.roles if targets is None else targets)
    yaml_paths = {path for path, role in files.roles.items() if role.kind not in NOT_YAML_KINDS}
    paths = sorted(wanted & yaml_paths)
    attachment_paths = sorted(p for p in wanted if p in files.roles and files.roles[p].kind == "attachment")
    findings: list[Finding] = []
    if targets is None:
        findings.extend(_missing_records(files))
        findings.extend(check_own_rules(files))
    # Without the round's settings the rules that span files cannot be judged: each file is still read and
    # checked against its schema, and round.yaml's findings say why the rest waits.
    settled = files.reading.settings is not None
    if not settled:
        findings.extend(files.reading.findings)
    findings.extend(_check_attachment_targets(files, attachment_paths, set(paths)))
    if targets is None:
        files.check_all(paths)  # parsed before the rules run, so that they need not peek at other files
    for parsed in files.iter_checked(paths):
        findings.extend(with_id_hints(files, parsed.findings))
        findings.extend(_blank_template(parsed))
        findings.extend(_own_path(parsed))
        # A file not of the shape the core reads has said where (`kczy.shapes`): its data is read no further.
        if parsed.readable and (settled or parsed.role.kind == "round"):
            for check in CHECKS.get(parsed.role.kind, ()):
                findings.extend(check(files, parsed))
    return sorted_findings(findings)


def _check_attachment_targets(files: RoundFiles, paths: list[str], checked: set[str]) -> Iterator[Finding]:
    """Files given under attachments/: unlisted or orphaned files at their own path, and the listing of
    their application (content, size, names), which is where a listed file's problems are reported."""
    yield from check_attachment_files(files, paths)
    applications = files.application_paths()
    for application_id in sorted({files.roles[path].file_id for path in paths}):
        app_path = applications.get(application_id)
        if app_path is not None and app_path not in checked:
            yield from check_application_attachments(files, files.checked(app_path))


def check_own_rules(files: RoundFiles) -> Iterator[Finding]:
    """A real round judged by the default rules (`schemas/`) instead of its own copy: a warning, since
    the round is still judged, but a change to the default set would now change it. (The sample round
    is only a demonstration; a repository of an earlier kczy keeps passing until the copy is added.)"""
    folder = round_rules_folder(files.year)
    settings = files.reading.settings  # a round that cannot be read has its own findings
    if files.schemas.folder == folder or settings is None or settings.sample:
        return
    path = files.record_path("round")
    yield Finding(path, 1, 1, "rules.no-own-copy", {"year": files.year, "folder": folder}, severity="warning")


def _missing_records(files: RoundFiles) -> Iterator[Finding]:
    for kind in ("round", "units", "committee"):
        path = files.record_path(kind)
        if path not in files.roles:
            yield Finding(path, 1, 1, "cross.missing-registry", {"name": f"{kind}.yaml"})


def _at(parsed: ParsedFile, node_path: NodePath, code: str, **params: Any) -> Finding:
    assert parsed.document is not None
    line, column = parsed.document.place(node_path)
    return Finding(parsed.path, line, column, code, params, "/" + "/".join(map(str, node_path)))


BLANK_TEMPLATE_MIN = 5


def _blank_template(parsed: ParsedFile) -> Iterator[Finding]:
    """A file still mostly the blank template (`kczy new` or the site's) is said so once, at its top, before
    the list of fields to fill: a long list of "not filled in yet" alone reads like a broken file."""
    empty = [f for f in parsed.findings if f.code == "schema.empty"]
    if len(empty) >= BLANK_TEMPLATE_MIN and 2 * len(empty) > len(parsed.findings):
        yield Finding(parsed.path, 1, 1, "template.blank", {"count": len(empty)}, severity="warning")


def _own_path(parsed: ParsedFile) -> Iterator[Finding]:
    role = parsed.role
    if role.misnamed:
        yield Finding(parsed.path, 1, 1, "layout.bad-id", {"name": role.file_id + ".yaml"})
    if parsed.document is None:
        return
    data = parsed.data
    if role.kind == "application" and isinstance(data.get("type"), str) and data["type"] != role.type_id:
        yield _at(parsed, ("type",), "layout.type-mismatch", type=data["type"], folder=role.type_id)
    if role.kind == "ballot" and isinstance(data.get("member"), str) and data["member"] != role.file_id:
        yield _at(parsed, ("member",), "layout.member-mismatch", member=data["member"], name=role.file_id)
    if role.kind == "round" and isinstance(data.get("year"), int) and str(data["year"]) != role.year:
        yield _at(parsed, ("year",), "layout.year-mismatch", year=data["year"], folder=role.year)


def _check_application(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    data, role = parsed.data, parsed.role
    type_id = role.type_id
    schema = files.schemas.type_schema(type_id)
    type_name = files.schemas.type_name(type_id)
    round_types = files.settings.types
    if type_id not in round_types:
        yield _at(parsed, ("type",), "cross.type-not-in-round", type=type_id)
    units = files.unit_registry.entries  # empty when units.yaml cannot be read: its own findings say why
    application = files.application(parsed.path)
    assert application is not None  # the rules read only files of the shape they read
    applicant = application.applicant
    partner_units = [(p.at, p.unit) for p in application.partners if p.unit is not None]
    for at, unit in partner_units:
        if units and unit not in units:
            yield _at(parsed, (*at, "unit"), "cross.unknown-partner", unit=unit)
    if applicant is None or not units:
        return
    if applicant not in units:
        yield _at(parsed, ("applicant",), "cross.unknown-unit", unit=applicant)
        return
    rule = schema.get("x-applicant", {})
    kind = units[applicant].kind
    allowed = rule.get("kinds", [])
    if allowed and kind not in allowed:
        yield _at(
            parsed,
            ("applicant",),
            "cross.applicant-kind",
            kind_name=KIND_NAMES.get(str(kind), str(kind)),
            type_name=type_name,
            allowed=joined(KIND_NAMES.get(k, k) for k in allowed),
        )
    present = {kind} | {units[u].kind for _, u in partner_units if u in units}
    for group in rule.get("together", []):
        if not present & set(group):
            needed = joined((KIND_NAMES.get(k, k) for k in group), "common.or")
            yield _at(
                parsed,
                ("partners",) if "partners" in data else (),
                "cross.together-missing",
                type_name=type_name,
                needed=needed,
            )
    yield from _check_one_per_unit(files, parsed, applicant, type_name, round_types)
    yield from _check_unique_application_id(files, parsed)


def _check_one_per_unit(
    files: RoundFiles,
    parsed: ParsedFile,
    applicant: str,
    type_name: str,
    round_types: Mapping[str, TypeSettings],
) -> Iterator[Finding]:
    settings = round_types.get(parsed.role.type_id)
    limit = settings.max_per_unit if settings is not None else DEFAULT_MAX_PER_UNIT
    same_unit = files.applications_by_applicant(parsed.role.type_id).get(applicant, [])
    if len(same_unit) > limit:
        others = joined(files.roles[p].file_id for p in same_unit if p != parsed.path)
        yield _at(
            parsed,
            ("applicant",),
            "cross.too-many-applications",
            unit=applicant,
            unit_name=_unit_name(files, applicant),
            type_name=type_name,
            count=len(same_unit),
            others=others,
            limit=limit,
        )


def _check_unique_application_id(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    for path in files.paths_by_application_id.get(parsed.role.file_id, []):
        if path != parsed.path:
            yield Finding(parsed.path, 1, 1, "cross.duplicate-id", {"id": parsed.role.file_id, "other": path})


def _check_ballot(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    member = parsed.data.get("member")
    members = files.member_registry.entries
    if isinstance(member, str) and members and member not in members:
        names = {member_id: item.name for member_id, item in members.items()}
        hint = suggest_id(member, names)
        yield _at(parsed, ("member",), "cross.unknown-member", member=member, suggestion=hint)


def _check_objection(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    application = parsed.data.get("application")
    if isinstance(application, str) and application not in files.application_paths():
        yield _at(parsed, ("application",), "cross.unknown-application", application=application,
                  suggestion=suggest_id(application, application_names(files)))


def _unit_name(files: RoundFiles, unit_id: str) -> str:
    unit = files.unit_registry.entries.get(unit_id)
    return unit.name if unit is not None else unit_id


def _duplicates(parsed: ParsedFile, listed: Iterable[tuple[str, NodePath]]) -> Iterator[Finding]:
    """A registry's id listed twice: the later listing, with the line of the first."""
    assert parsed.document is not None
    first: dict[str, NodePath] = {}
    for entry_id, at in listed:
        if entry_id in first:
            other = words("common.line", line=parsed.document.place(first[entry_id])[0])
            yield _at(parsed, (*at, "id"), "cross.duplicate-id", id=entry_id, other=other)
        first.setdefault(entry_id, at)


def _check_units(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    yield from _duplicates(parsed, ((unit.id, unit.at) for unit in files.unit_registry.listed))


def _check_members(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    registry, units = files.member_registry, files.unit_registry.entries
    yield from _duplicates(parsed, ((member.id, member.at) for member in registry.listed))
    for member in registry.listed:
        for position, unit in enumerate(member.affiliations):
            if units and unit not in units:
                where = (*member.at, "affiliations", position)
                yield _at(parsed, where, "cross.unknown-affiliation", unit=unit)


def _check_schedule(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    assert parsed.document is not None
    yield from schedule_findings(parsed.path, parsed.document, parsed.findings)


@dataclass(frozen=True)
class _Lazy:
    """A check of another module, imported when it first runs: validating one application (the
    pre-commit hook, a unit's pull request) does not load the tally, sealed ballots or the stages."""

    module: str
    name: str

    def __call__(self, files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
        check: Check = getattr(importlib.import_module(self.module), self.name)
        return check(files, parsed)


_IDENTITIES = _Lazy("kczy.identities", "check_identities")


def _check_application_deadline(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """The tally's rule for late applications, loaded only when there is a history to judge by (the
    sample round has none): validating an application of it does not import the tally."""
    if files.provenance is None:
        return iter(())
    return _Lazy("kczy.tally.checks", "check_application_deadline")(files, parsed)


CHECKS: dict[str, tuple[Check, ...]] = {
    "application": (
        _check_application,
        check_application_attachments,
        _check_application_deadline,
        check_partner_consent,
    ),
    "confirmation": (check_confirmation,),
    "ballot": (
        _check_ballot,
        _Lazy("kczy.tally.checks", "check_ballot_votes"),
        _Lazy("kczy.sealed", "check_sealed_ballot"),
        _Lazy("kczy.runoffs", "check_runoff_ballot"),
    ),
    "runoff-call": (_Lazy("kczy.runoffs", "check_runoff_call"),),
    "objection": (
        _check_objection,
        _Lazy("kczy.publication", "check_objection"),
        _Lazy("kczy.publication", "check_objection_project"),
    ),
    "approval": (
        _Lazy("kczy.publication", "check_approval"), _Lazy("kczy.tally.checks", "check_approval_hash")
    ),
    "announcement": (_Lazy("kczy.publication", "check_announcement"),),
    "round": (_Lazy("kczy.sealed", "check_sealed_round"), _check_schedule, _IDENTITIES),
    "units": (_check_units, _IDENTITIES),
    "committee": (_check_members, _Lazy("kczy.signing", "check_signing_keys"), _IDENTITIES),
}
