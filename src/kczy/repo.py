"""Reading the work tree: the repository root, the schemas, and the files under `submissions/`.

This module does the disk I/O that the pure core (`roundfiles`, `validate`, `tally`) must not.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kczy.errors import FatalError
from kczy.findings import Finding
from kczy.gitobjects import read_gitlinks
from kczy.layout import (
    RETIRED_FILE,
    SCHEMA_SUFFIX,
    SUBMISSIONS,
    YEAR_PATTERN,
    classify,
    show_path,
    suggest_place,
    undecodable,
)
from kczy.messages import render_message
from kczy.roundfiles import RoundFiles
from kczy.rounds import default_year, describe_rounds, judge_retired, parse_retired, shown_years
from kczy.rules import DEFAULT_RULES, parse_schema_files, round_schema_set
from kczy.schemas import SchemaSet

if TYPE_CHECKING:
    from kczy.history import Provenance

SCHEMA_DIR = DEFAULT_RULES


def find_root(start: Path | None = None, repo: str | None = None) -> Path:
    """The repository containing `start` (as git finds it), or `--repo DIR` taken as given."""
    if repo is not None:
        root = Path(repo).resolve()
        if not (root / SCHEMA_DIR).is_dir():
            raise FatalError(render_message("stop.repo-without-schemas", {"repo": repo}))
        return root
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists() or (candidate / SCHEMA_DIR / "round.schema.json").is_file():
            if (candidate / SCHEMA_DIR).is_dir():
                return candidate
            raise FatalError(render_message("stop.git-repo-without-schemas", {"path": candidate}))
    raise FatalError(render_message("stop.not-in-repo", {}))


def read_schemas(root: Path) -> SchemaSet:
    """kczy's default rule set, `schemas/` (what a round without its own copy is judged by)."""
    files = read_schema_folder(root, DEFAULT_RULES)
    return parse_schema_files(DEFAULT_RULES, files, CodeCache(_cache_dir()))


def read_round_schemas(root: Path, year: str) -> SchemaSet:
    """The schemas that judge round `year` in the work tree (`kczy.rules.round_schema_set`)."""
    return round_schema_set(year, lambda folder: read_schema_folder(root, folder), CodeCache(_cache_dir()))


def read_schema_folder(root: Path, folder: str) -> dict[str, bytes]:
    """The `*.schema.json` regular files directly in `folder` (a symlink is no rule: validate reports it)."""
    found = {}
    for path in sorted((root / folder).glob("*" + SCHEMA_SUFFIX)):
        if path.is_symlink() or not path.is_file():
            continue
        try:
            found[path.name] = path.read_bytes()
        except OSError as error:
            raise FatalError(
                render_message("stop.schema-unreadable", {"path": f"{folder}/{path.name}", "reason": error})
            ) from error
    return found


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kczy" / "validators"


class CodeCache(MutableMapping[str, str]):
    """Generated validator code kept between runs, one file per key. A cache that cannot be read or
    written is simply not used: it only saves time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __getitem__(self, key: str) -> str:
        try:
            return (self.folder / f"{key}.py").read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            raise KeyError(key) from None

    def __setitem__(self, key: str, code: str) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{key}.{os.getpid()}.tmp"
            temporary.write_text(code, "utf-8")
            temporary.replace(self.folder / f"{key}.py")  # atomic: a parallel run never reads half a file
        except OSError:
            pass

    def __delitem__(self, key: str) -> None:
        (self.folder / f"{key}.py").unlink(missing_ok=True)

    def __iter__(self) -> Iterator[str]:
        return (path.stem for path in self.folder.glob("*.py"))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class LazyFiles(Mapping[str, bytes]):
    """Repository-relative path → bytes, read from disk on first access."""

    def __init__(self, root: Path, paths: list[str]) -> None:
        self.root = root
        self.paths = paths
        self._cache: dict[str, bytes] = {}

    def __getitem__(self, path: str) -> bytes:
        if path not in self._cache:
            self._cache[path] = (self.root / path).read_bytes()
        return self._cache[path]

    def size(self, path: str) -> int:
        if path in self._cache:
            return len(self._cache[path])
        return (self.root / path).stat().st_size

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


@dataclass
class WorkTree:
    """What `submissions/` holds: readable files by round, and findings about the rest."""

    root: Path
    files_by_year: dict[str, list[str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    retired: tuple[str, ...] = ()
    """The sample rounds retired by `submissions/retired.yaml` (`kczy.rounds`)."""
    _rules: dict[str, SchemaSet] = field(default_factory=dict, repr=False)

    def rules(self, year: str) -> SchemaSet:
        """The schemas that judge round `year`: its own copy, or the default set (`kczy.rules`)."""
        if year not in self._rules:
            self._rules[year] = read_round_schemas(self.root, year)
        return self._rules[year]

    def round_files(self, year: str) -> RoundFiles:
        files = self.files_by_year.get(year, [])
        return RoundFiles(year, LazyFiles(self.root, files), self.rules(year))

    def with_history(self, files: RoundFiles) -> RoundFiles:
        """`files` with their git history (`read_round_history`), for the rules that judge dates."""
        return files.with_history(read_round_history(self.root, files))

    @property
    def years(self) -> list[str]:
        """Every round, retired or not, oldest first."""
        return sorted(self.files_by_year)

    @property
    def shown_years(self) -> list[str]:
        """The rounds that are published and listed (not retired), oldest first."""
        return shown_years(self.files_by_year, self.retired)

    def is_sample(self, year: str) -> bool:
        settings = self.round_files(year).reading.settings
        return settings is not None and settings.sample

    def describe_rounds(self) -> str:
        samples = {year: self.is_sample(year) for year in self.years}
        return describe_rounds(self.years, samples, self.retired)

    def chosen_year(self, year: str | None) -> str:
        """The round named by `--round`, or without it the default round: the latest one that is not
        retired. The one place that decides it, for every command. A round that does not exist is fatal."""
        if year is None:
            if not self.files_by_year:
                raise FatalError(render_message("rounds.none", {}))
            chosen = default_year(self.files_by_year, self.retired)
            if chosen is None:
                raise FatalError(render_message("rounds.all-retired", {"rounds": self.describe_rounds()}))
            return chosen
        if year not in self.files_by_year:
            rounds = self.describe_rounds()
            raise FatalError(render_message("rounds.unknown", {"year": year, "rounds": rounds}))
        return year

    def chosen_round(self, year: str | None) -> RoundFiles:
        """The round named by `--round`, or the default round (`chosen_year`). A round whose settings
        cannot be read stops the command here (RoundUnreadable, with round.yaml's findings)."""
        files = self.round_files(self.chosen_year(year))
        files.settings  # noqa: B018
        return files


def read_round_history(root: Path, files: RoundFiles) -> Provenance | None:
    """The applications' and ballots' history from git, except for the sample round (committed years
    after its dates): None. Raises RoundUnreadable when the round's settings cannot be read."""
    if files.settings.sample:
        return None
    from kczy.provenance import read_provenance  # GitPython only when a deadline must be checked
    from kczy.signing import allowed_signers, is_signed_round

    signers = allowed_signers(files)[0] if is_signed_round(files) else None
    ballots = [files.prefix + "ballots", files.prefix + "runoffs"]
    folders = [files.prefix + "applications", files.prefix + "attachments", *ballots]
    return read_provenance(root, folders, allowed_signers=signers, signed_prefixes=ballots)


def read_work_tree(root: Path) -> WorkTree:
    """List `submissions/` without following symbolic links; symlinks and misplaced files are findings."""
    tree = WorkTree(root)
    base = root / SUBMISSIONS
    if base.is_symlink():
        tree.findings.append(Finding(SUBMISSIONS, 1, 1, "file.symlink"))
        return tree
    # A submodule (gitlink) is no file: on disk it is at most a folder, perhaps empty; git knows it.
    gitlinks = read_gitlinks(root, SUBMISSIONS)
    for link in gitlinks:
        tree.findings.append(Finding(show_path(link), 1, 1, "file.submodule"))
    listed: list[tuple[str, int, int]] = []
    for path in _walk(base):
        relative = path.relative_to(root).as_posix()
        if relative == RETIRED_FILE and path.is_file() and not path.is_symlink():
            listed, findings = parse_retired(path.read_bytes())
            tree.findings.extend(findings)
            continue
        if any(relative.startswith(link + "/") for link in gitlinks):
            continue
        if undecodable(relative):
            shown = show_path(relative)
            tree.findings.append(Finding(shown, 1, 1, "file.name-not-utf8", {"name": shown}))
            continue
        if path.is_symlink():
            tree.findings.append(Finding(relative, 1, 1, "file.symlink"))
            continue
        if not path.is_file():  # a named pipe or a device would block or fail the first read
            reason = render_message("file.not-regular", {})
            tree.findings.append(Finding(relative, 1, 1, "file.unreadable", {"reason": reason}))
            continue
        role = classify(relative)
        if role is None:
            hint = {"suggestion": suggest_place(relative)}
            tree.findings.append(Finding(relative, 1, 1, "layout.unexpected-file", hint))
            continue
        tree.files_by_year.setdefault(role.year, []).append(relative)
    for year_dir in base.iterdir() if base.is_dir() else ():
        if year_dir.is_dir() and not year_dir.is_symlink() and YEAR_PATTERN.fullmatch(year_dir.name):
            tree.files_by_year.setdefault(year_dir.name, [])
    if listed:
        samples = {year: tree.is_sample(year) for year in tree.files_by_year}
        tree.retired, findings = judge_retired(listed, samples)
        tree.findings.extend(findings)
    return tree


def _walk(base: Path) -> Iterator[Path]:
    """Every file and symlink under `base`, sorted, never descending into a symlinked folder."""
    if not base.is_dir():
        return
    for entry in sorted(os.scandir(base), key=lambda e: e.name):
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        else:
            yield path


def relative_to_root(root: Path, argument: str) -> str:
    """A command-line path as a repository-relative path; refuses paths outside the repository."""
    absolute = Path(os.path.abspath(argument))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        raise FatalError(render_message("stop.outside-repo", {"argument": argument, "root": root})) from None
