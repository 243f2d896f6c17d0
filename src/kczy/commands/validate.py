from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from kczy.errors import FatalError
from kczy.findings import Finding, sorted_findings
from kczy.layout import SUBMISSIONS, classify
from kczy.messages import render_message
from kczy.repo import find_root, read_schema_folder, read_work_tree, relative_to_root
from kczy.report import FORMATS, emit
from kczy.roundfiles import RoundFiles
from kczy.validate import SITE_CONFIG, check_round, check_site_url

HELP = render_message("help.validate.summary", {})
DESCRIPTION = render_message("help.validate.description", {})


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help=render_message("help.validate.option.paths", {})
    )
    parser.add_argument("--round", metavar="YEAR", help=render_message("help.validate.option.round", {}))
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help=render_message("help.validate.option.format", {})
    )


@dataclass(frozen=True)
class Options:
    repo: str | None
    paths: tuple[str, ...]
    round: str | None
    format: str


def run(options: Options) -> int:
    root = find_root(repo=options.repo)
    tree = read_work_tree(root)
    years = [tree.chosen_year(options.round)] if options.round else tree.years
    all_paths = {path for year in years for path in tree.files_by_year.get(year, [])}
    tree_findings = [
        f for f in tree.findings if not options.round or f.path.startswith(f"{SUBMISSIONS}/{options.round}/")
    ]
    known = all_paths | {f.path for f in tree_findings}
    targets = _with_attachments(_targets(root, options.paths, known), known) if options.paths else None
    findings: list[Finding] = [f for f in tree_findings if targets is None or f.path in targets]
    rules_targets = _rules_files(targets or set(), all_paths)
    findings.extend(_check_rules_files(root, rules_targets))
    for year in years:
        year_paths = set(tree.files_by_year.get(year, []))
        year_targets = None if targets is None else sorted((targets - rules_targets) & year_paths)
        if year_targets == []:
            continue  # the round is not read: a rules file given alone is checked even when it is broken
        files = tree.round_files(year)
        if _judges_dates(files, year_targets):
            files = tree.with_history(files)
        findings.extend(check_round(files, year_targets))
    if targets is None:
        findings.extend(check_site_url(_read_text(root / SITE_CONFIG), [tree.round_files(y) for y in years]))
    findings = sorted_findings(findings)
    checked = len(all_paths) if targets is None else len(targets)
    emit(findings, checked, options.format, render_message("validate.summary-title", {}))
    return 1 if any(f.severity == "error" for f in findings) else 0


HISTORY_KINDS = frozenset({"application", "ballot", "approval", "objection"})
"""The files whose rules read the git history: an application's lateness, a copied sealed ballot, the
approval's tally, an objection against the notice list (which the tally decides)."""


def _judges_dates(files: RoundFiles, targets: list[str] | None) -> bool:
    """Whether the git history is read for these targets (never for a round that cannot be read: its
    findings are reported instead)."""
    if files.reading.settings is None:
        return False
    paths = files.roles if targets is None else targets
    return any(files.roles[path].kind in HISTORY_KINDS for path in paths)


def _rules_files(targets: set[str], known: set[str]) -> set[str]:
    """The targets that are a round's own rules (`submissions/<year>/schemas/*.schema.json`)."""
    return {p for p in targets & known if (role := classify(p)) is not None and role.kind == "rules"}


def _check_rules_files(root: Path, paths: set[str]) -> list[Finding]:
    """Each rules file given, checked as a schema of its year (`kczy.rulesfile`) with its folder."""
    from kczy.rulesfile import rules_file_findings

    findings = []
    for folder in sorted({path.rsplit("/", 1)[0] for path in paths}):
        names = sorted(path.rsplit("/", 1)[1] for path in paths if path.startswith(folder + "/"))
        findings.extend(rules_file_findings(folder, read_schema_folder(root, folder), names))
    return findings


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text("utf-8", errors="replace")
    except OSError:
        return None


def _with_attachments(targets: set[str], known: set[str]) -> set[str]:
    """Checking an application checks its attachment folder too (unlisted files, symlinks in it)."""
    folders = tuple(
        f"{SUBMISSIONS}/{role.year}/attachments/{role.file_id}/"
        for path in targets
        if (role := classify(path)) is not None and role.kind == "application"
    )
    return targets | {path for path in known if path.startswith(folders)} if folders else targets


def _targets(root: Path, arguments: tuple[str, ...], known: set[str]) -> set[str]:
    targets: set[str] = set()
    for argument in arguments:
        relative = relative_to_root(root, argument)
        path = root / relative
        if path.is_dir() and not path.is_symlink():
            prefix = "" if relative == "." else relative.rstrip("/") + "/"
            targets |= {p for p in known if p.startswith(prefix)}
        elif not relative.startswith(f"{SUBMISSIONS}/"):
            raise FatalError(render_message("stop.not-in-submissions", {"argument": argument}))
        elif path.exists() or path.is_symlink():
            targets.add(relative)
        else:
            raise FatalError(render_message("stop.no-such-file", {"argument": argument}))
    return targets
