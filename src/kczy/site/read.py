"""The site's one I/O edge: read the repository and the clock, then call the pure renderers."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Literal

from pypdf import PdfReader

from kczy.counting import read_tally_key
from kczy.dossier.model import book_name, books, gather_dossier
from kczy.dossier.typeset import typeset_books
from kczy.errors import FatalError, InputRefused
from kczy.findings import Finding
from kczy.messages import render_message
from kczy.repo import WorkTree, read_work_tree
from kczy.report import render_finding_line
from kczy.roundfiles import RoundFiles
from kczy.schemas import TYPE_IDS
from kczy.sealed import IDENTITY_ENV, TallyKey, sealed_envelopes
from kczy.shapes import SHAPES
from kczy.site.bundle import read_form_bundle
from kczy.site.form import BUNDLE, FormRound, Repository, units_for_form
from kczy.site.model import PublicRound, public_round
from kczy.site.public import SiteOutput, render_public_site
from kczy.site.reading import add_dossier_downloads, render_reading_room
from kczy.stages import StageError, Timeline, compute_timeline, render_notice_problem
from kczy.tally.count import tally_inputs, tally_round
from kczy.validate import check_round
from kczy.workdays import NoticeUncomputable

Edition = Literal["public", "internal"]


def build_site(
    root: Path,
    edition: Edition,
    now: datetime.datetime,
    site_url: str = "",
    repository: Repository | None = None,
    featured: str | None = None,
) -> SiteOutput:
    """Read the rounds of the repository at `root` that are not retired and render one edition of the
    site. `repository`: where the web form sends units to submit. `featured`: the round the home page
    presents (`--round`; by default the latest round that is not retired)."""
    tree = read_work_tree(root)
    # The one choice of every command (an unknown year is fatal); a site of retired rounds only is empty.
    year = tree.chosen_year(featured) if featured is not None or tree.shown_years else None
    if year in tree.retired:
        listed = tree.describe_rounds()
        raise FatalError(render_message("rounds.retired-not-published", {"year": year, "rounds": listed}))
    if edition == "internal":
        internal = [tree.round_files(year) for year in reversed(tree.shown_years)]
        for files in internal:
            files.settings  # noqa: B018 (a round that cannot be read stops the build: RoundUnreadable)
            files.require_readable(SHAPES)  # the reading room shows every file without validating the round
        site = render_reading_room(internal)
        for files in internal:
            add_dossier_downloads(site, files.year, _dossier_books(files))
        return site
    rounds = read_public_rounds(tree, now)
    first = next((r for r in rounds if r.year == year), None)
    form = _form_round(tree.round_files(first.year), first.timeline) if first else None
    rules = {public.year: tree.rules(public.year) for public in rounds}
    site = render_public_site(rounds, rules, site_url, form, repository or Repository(), first)
    if form is not None:
        site.files[BUNDLE] = read_form_bundle(root)
    return site


def read_public_rounds(
    tree: WorkTree,
    now: datetime.datetime,
    years: list[str] | None = None,
    refusal: str = "refusal.site",
) -> list[PublicRound]:
    """The rounds of the work tree (those not retired, or `years`) as the public sees them at `now`,
    newest first.

    Refuses (FatalError, with the catalog message `refusal`: what is not made, and why) when a round has
    validation errors or a date cannot be computed: a public notice built from broken records is worse
    than none.
    """
    years = sorted(years if years is not None else tree.shown_years, reverse=True)
    rounds: list[PublicRound] = []
    for year in years:
        files = tree.round_files(year)
        if files.record_path("round") not in files.roles:
            continue
        files = tree.with_history(files)  # a round that cannot be read stops the build: RoundUnreadable
        errors = [f for f in check_round(files) if f.severity == "error"]
        errors += [f for f in tree.findings if f.path.startswith(f"submissions/{year}/")]
        if errors:
            raise _refused_for_errors(refusal, year, errors)
        try:
            timeline = compute_timeline(files, now)
        except StageError as error:
            raise _refused(refusal, str(error)) from None
        except NoticeUncomputable as error:
            raise _refused(refusal, render_notice_problem(error, year)) from None
        counted = timeline.stage not in ("applications", "review", "voting")
        key = _tally_key(files, tree.root, refusal) if counted else None
        tally = tally_round(files, files.provenance, key) if counted else None
        rounds.append(public_round(files, tally, timeline))
    return rounds


def _form_round(files: RoundFiles, timeline: Timeline) -> FormRound:
    """The latest round as the web form sees it: public facts of units and of who applied for what."""
    settings = files.settings
    types = tuple(t for t in settings.types if t in TYPE_IDS)
    applications = {
        type_id: {
            files.roles[path].file_id: str(applicant)
            for applicant, paths in files.applications_by_applicant(type_id).items()
            for path in paths
        }
        for type_id in types
    }
    schedule = timeline.schedule
    opens = schedule.get("applications_open")
    return FormRound(
        year=files.year,
        stage=timeline.stage,
        opens=opens.strftime("%Y-%m-%d %H:%M") if opens else "",
        closes=schedule["applications_close"].strftime("%Y-%m-%d %H:%M"),
        sample=settings.sample,
        types=types,
        units=units_for_form(files.units()),
        applications=applications,
        max_per_unit={t: settings.types[t].max_per_unit for t in types},
    )


def _dossier_books(files: RoundFiles) -> list[tuple[str, str, int, int, bytes]]:
    """The round's dossier, whole and per type (`kczy dossier`), for the reading room's downloads."""
    found = []
    for book, pdf in typeset_books(books(gather_dossier(files)), files.contents):
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        found.append((book_name(book), book.scope, len(book.applications), pages, pdf))
    return found


def _refused(refusal: str, reason: str) -> FatalError:
    """`refusal`: the catalog code of what is not made and why (`refusal.site`, `refusal.documents`)."""
    return FatalError(render_message(refusal, {"reason": reason}))


def _refused_for_errors(refusal: str, year: str, errors: list[Finding]) -> InputRefused:
    """The round's errors stop the site (or documents) as they stop validate: exit status 1."""
    shown = "\n".join(f"  {render_finding_line(f)}" for f in errors[:10])
    more = render_message("stop.refused-more-errors", {"count": len(errors) - 10}) if len(errors) > 10 else ""
    params = {"year": year, "count": len(errors), "shown": shown, "more": more}
    reason = render_message("stop.refused-errors", params)
    return InputRefused(render_message(refusal, {"reason": reason}))


def _tally_key(files: RoundFiles, root: Path, refusal: str) -> TallyKey | None:
    """The identity (a CI secret in the environment, read as every counting command reads it) when the
    round has sealed ballots: without it the published counts would leave them out, so the site is not
    built."""
    if not sealed_envelopes(files, tally_inputs(files)):
        return None
    try:
        key = read_tally_key(None, root)
    except FatalError as error:
        raise _refused(refusal, str(error)) from None
    if key is None:
        params = {"year": files.year, "variable": IDENTITY_ENV}
        raise _refused(refusal, render_message("stop.refused-sealed", params))
    return key
