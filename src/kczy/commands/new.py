from __future__ import annotations

import argparse
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kczy.clock import read_day, read_now
from kczy.console import say
from kczy.errors import FatalError
from kczy.findings import Finding
from kczy.layout import ID_PATTERN, SUBMISSIONS, YEAR_PATTERN
from kczy.messages import render_message
from kczy.newfiles import refusal, refuse, write_new, write_unless_refused
from kczy.newround import Source, plan_new_round
from kczy.records import (
    ANNOUNCEMENT_REFUSALS,
    OBJECTION_REFUSALS,
    announcement_title,
    next_objection_id,
    objection_facts,
    refusals_at_new,
    render_announcement,
    render_objection,
)
from kczy.recusal import recused_units
from kczy.registries import Member
from kczy.repo import WorkTree, find_root, read_schema_folder, read_work_tree
from kczy.roundfiles import RoundFiles
from kczy.rounds import add_round_option, default_year
from kczy.rules import DEFAULT_RULES
from kczy.schemas import TYPE_IDS, SchemaSet
from kczy.site.model import unit_name
from kczy.templates import ballot_choices, render_application_template, render_ballot_template, schema_url

HELP = render_message("help.new.summary", {})
DESCRIPTION = render_message("help.new.description", {})


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=("application", "ballot", "objection", "announcement", "round"),
                        help=render_message("help.new.option.what", {}))
    parser.add_argument("year", nargs="?", metavar="YEAR", help=render_message("help.new.option.year", {}))
    parser.add_argument(
        "--from", dest="source", metavar="YEAR", help=render_message("help.new.option.source", {})
    )
    add_round_option(parser)
    parser.add_argument("--type", choices=TYPE_IDS, help=render_message("help.new.option.type", {}))
    parser.add_argument("--unit", metavar="UNIT", help=render_message("help.new.option.unit", {}))
    parser.add_argument("--id", metavar="ID",
                        help=render_message("help.new.option.id", {}))
    parser.add_argument("--member", metavar="ID", help=render_message("help.new.option.member", {}))
    parser.add_argument("--application", metavar="ID", help=render_message("help.new.option.application", {}))
    parser.add_argument(
        "--received-on", metavar="YYYY-MM-DD", help=render_message("help.new.option.received_on", {})
    )
    parser.add_argument("--form", metavar=render_message("help.new.metavar.form", {}),
                        help=render_message("help.new.option.form", {}))
    parser.add_argument("--date", metavar="YYYY-MM-DD", help=render_message("help.new.option.date", {}))
    parser.add_argument("--number", metavar=render_message("help.new.metavar.number", {}),
                        help=render_message("help.new.option.number", {}))
    parser.add_argument("--title", metavar="TEXT",
                        help=render_message("help.new.option.title", {}))
    parser.add_argument("--now", metavar="YYYY-MM-DDTHH:MM",
                        help=render_message("help.new.option.now", {}))


@dataclass(frozen=True)
class Options:
    repo: str | None
    what: str
    year: str | None
    source: str | None
    round: str | None
    type: str | None
    unit: str | None
    id: str | None
    member: str | None
    application: str | None
    received_on: str | None
    form: str | None
    date: str | None
    number: str | None
    title: str | None
    now: str | None


def run(options: Options) -> int:
    root = find_root(repo=options.repo)
    tree = read_work_tree(root)
    if options.what == "round":
        return _new_round(tree, options.year, options.source)
    if options.year is not None:
        raise FatalError(render_message("newround.extra-year", {"year": options.year}))
    files = tree.chosen_round(options.round)
    if options.what == "application":
        return _new_application(root, files.schemas, files, options)
    if options.what == "ballot":
        return _new_ballot(root, files, options)
    # An objection and the announcement are judged against the notice list, which the tally of a real
    # round decides with its git history: read here and handed in.
    if options.what == "objection":
        return _new_objection(root, tree.with_history(files), options)
    return _new_announcement(root, tree.with_history(files), options)


def _new_application(root: Path, schemas: SchemaSet, files: RoundFiles, options: Options) -> int:
    if not (options.type and options.unit and options.id):
        needed = {"what": "application", "options": render_message("new.needs.application", {})}
        raise FatalError(render_message("new.options-needed", needed))
    _check_id("--id", options.id)
    if options.unit not in files.units():
        params = {"unit": options.unit, "path": files.record_path("units")}
        raise FatalError(render_message("new.unknown-unit", params))
    relative = f"{SUBMISSIONS}/{files.year}/applications/{options.type}/{options.id}.yaml"
    url = schema_url(relative, options.type, schemas.folder)
    text = render_application_template(schemas, options.type, options.unit, url)
    return _write_unless_refused(root, relative, text, refusals_at_new(files, relative, text, REFUSED_AT_NEW))


def _new_ballot(root: Path, files: RoundFiles, options: Options) -> int:
    if not options.member:
        raise FatalError(render_message("new.options-needed", {"what": "ballot", "options": "--member"}))
    _check_id("--member", options.member)
    member = files.members().get(options.member)
    if member is None:
        params = {"member": options.member, "path": files.record_path("committee")}
        raise FatalError(render_message("new.unknown-member", params))
    relative = f"{SUBMISSIONS}/{files.year}/ballots/{options.member}.yaml"
    text = render_ballot_template(
        schema_url(relative, "ballot", files.schemas.folder),
        options.member,
        member.name,
        ballot_choices(files),
        _recusals(files, member),
    )
    return _write_unless_refused(root, relative, text, [])


def _new_objection(root: Path, files: RoundFiles, options: Options) -> int:
    if not (options.application and options.received_on):
        needed = {"what": "objection", "options": render_message("new.needs.objection", {})}
        raise FatalError(render_message("new.options-needed", needed))
    _check_id("--application", options.application)
    received_on = read_day("--received-on", options.received_on)
    objection_id = options.id or next_objection_id(files)
    _check_id("--id", objection_id)
    facts = objection_facts(files, options.application, received_on)
    relative, text = render_objection(
        files, objection_id, options.application, received_on, options.form, facts
    )
    given = ("received_on", "application", "form")
    dated = (received_on, "new.field.received_on")
    next_steps: list[tuple[str, dict[str, str]]] = []
    if facts.late:
        next_steps.append(("new.objection-late", {}))
    elif facts.on_notice is False:
        next_steps.append(("new.objection-not-on-notice", {"application": options.application}))
    next_steps.append(("new.objection-next", {"path": relative}))
    record = _Record(relative, text, OBJECTION_REFUSALS, given, dated, next_steps)
    return _write_record(root, files, record, options.now)


def _new_announcement(root: Path, files: RoundFiles, options: Options) -> int:
    if not options.date:
        raise FatalError(render_message("new.options-needed", {"what": "announcement", "options": "--date"}))
    published_on = read_day("--date", options.date)
    title = options.title if options.title is not None else announcement_title(files.settings)
    relative, text = render_announcement(files, published_on, options.number, title)
    given = ("published_on", "title", *(("document_number",) if options.number is not None else ()))
    dated = (published_on, "new.field.published_on")
    next_steps = [("new.announcement-next", {"path": relative})]
    record = _Record(relative, text, ANNOUNCEMENT_REFUSALS, given, dated, next_steps)
    return _write_record(root, files, record, options.now)


@dataclass(frozen=True)
class _Record:
    """A secretariat's record to write: its text, the validate rules that refuse it at `kczy new` (only
    about the values given on the command line), its date with the catalog name of that date, and the
    next steps to say once it is written."""

    relative: str
    text: str
    rules: frozenset[str]
    given: tuple[str, ...]
    dated: tuple[datetime.date, str]
    next_steps: Sequence[tuple[str, Mapping[str, str]]]


def _write_record(root: Path, files: RoundFiles, record: _Record, now: str | None) -> int:
    """An objection or the announcement: refused as validate would refuse it or when dated after today
    (which validate, reading no clock, cannot say); else written, and the next steps said."""
    refusals = refusals_at_new(files, record.relative, record.text, record.rules, record.given)
    day, name_code = record.dated
    today = read_now(now).date()
    if day > today:
        name = render_message(name_code, {})
        refusals.append(refusal(record.relative, "new.after-today", name=name, day=day, today=today))
    status = _write_unless_refused(root, record.relative, record.text, refusals)
    if status == 0:
        for code, params in record.next_steps:
            say(code, params)
    return status


# What validate would refuse in a new application whatever is filled in: the same rules, run on the template.
REFUSED_AT_NEW = frozenset(
    {"cross.applicant-kind", "cross.too-many-applications", "cross.duplicate-id", "cross.type-not-in-round"}
)


def _check_id(option: str, value: str) -> None:
    if not ID_PATTERN.fullmatch(value):
        raise FatalError(render_message("option.not-an-id", {"option": option, "value": value}))


def _new_round(tree: WorkTree, year: str | None, source_year: str | None) -> int:
    """`kczy new round`: what to write is decided by `kczy.newround`; here the source is read and the
    files are written (refusing an existing folder: exit 1, as every `kczy new` refuses a file there)."""
    if year is None:
        needed = {"what": "round", "options": render_message("new.needs.round", {})}
        raise FatalError(render_message("new.options-needed", needed))
    if not YEAR_PATTERN.fullmatch(year):
        raise FatalError(render_message("newround.bad-year", {"year": year}))
    relative = f"{SUBMISSIONS}/{year}/"
    if (tree.root / relative).exists() or (tree.root / relative.rstrip("/")).is_symlink():
        return refuse(relative, [refusal(relative, "newround.exists")])
    source = _source(tree, source_year)
    if source.year and int(year) <= int(source.year):
        raise FatalError(render_message("newround.not-later", {"year": year, "source": source.year}))
    files = plan_new_round(year, source)
    for path, body in files.items():
        write_new(tree.root / path, body.decode("utf-8"))
    origin = DEFAULT_RULES + "/"
    if source.year:
        origin = render_message("newround.from-round", {"year": source.year})
    print(render_message("newround.written", {"year": year, "count": len(files), "origin": origin}))
    registries = render_message("newround.register", {}) if source.sample or not source.year else ""
    print(render_message("newround.next", {"year": year, "registries": registries}))
    return 0


def _source(tree: WorkTree, source_year: str | None) -> Source:
    """The round a new one starts from (`--from`, or the latest round not retired, as every command takes
    without `--round`), or kczy's default rules when the repository has no such round."""
    if source_year is not None and source_year not in tree.years:
        raise FatalError(render_message("newround.no-source", {"year": source_year}))
    chosen = source_year or default_year(tree.years, tree.retired)
    if chosen is None:
        return Source("", {}, read_schema_folder(tree.root, DEFAULT_RULES), False, {})
    files = tree.round_files(chosen)
    data = files.record("round")
    if not data:
        raise FatalError(render_message("newround.source-unreadable", {"path": files.record_path("round")}))
    registries = {
        f"{kind}.yaml": files.contents[path]
        for kind in ("units", "committee")
        if (path := files.record_path(kind)) in files.roles
    }
    rules = read_schema_folder(tree.root, files.schemas.folder)
    return Source(files.year, data, rules, data.get("sample") is True, registries)


def _recusals(files: RoundFiles, member: Member) -> dict[str, list[str]]:
    """Application id → names of the member's units it involves: the same rule the tally applies."""
    found = {}
    for app_id, path in files.application_paths().items():
        units = recused_units(member.affiliations, files.application(path))
        if units:
            found[app_id] = [unit_name(files.units(), unit) for unit in units]
    return found


def _write_unless_refused(root: Path, relative: str, text: str, refusals: list[Finding]) -> int:
    """Write the new file, or say why not (exit status 1): what validate would refuse, or a file there."""
    status = write_unless_refused(root / relative, relative, text, refusals)
    if status == 0:
        say("new.written", {"path": relative})
    return status
