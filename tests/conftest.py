"""Shared fixtures: the project's own files, temporary review repositories, and the real `kczy` command."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

PROJECT = Path(__file__).resolve().parent.parent
# A bug in kczy shows its traceback in the tests (users get a message and a log file: kczy.bugreport),
# in this process and in every `kczy` the tests start.
os.environ["KCZY_DEBUG"] = "1"
SAMPLE_YEAR = "2021"


def pytest_configure(config: pytest.Config) -> None:
    """Tests write nothing outside their temporary folders. This process and every program the tests start
    (kczy, git, MkDocs, chromium, pip, ...) get a home folder, XDG_CACHE_HOME and TMPDIR of this session,
    removed at its end: what kczy caches (the compiled validators, bug reports) and what the tools keep in
    ~ or /tmp (jieba's dictionary cache, rustup's settings, ...) never reach the user's; Hypothesis's
    folder too (by default .hypothesis/ in the work tree). pytest's own tmp folders stay where they are
    (tempfile has answered /tmp before TMPDIR changes). `pytest_sessionfinish` checks the work tree."""
    session = Path(tempfile.mkdtemp(prefix="kczy-test-session-"))
    config.stash[_SESSION] = session
    for variable, name in (("HOME", "home"), ("XDG_CACHE_HOME", "cache"), ("TMPDIR", "tmp")):
        (session / name).mkdir()
        os.environ[variable] = str(session / name)
    config.stash[_TREE] = _new_in_work_tree()

    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(session / "hypothesis")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A file or folder that appeared in the work tree during the run (not a `__pycache__`, nor pytest's
    own `.pytest_cache`) fails the run: a test wrote outside its temporary folder."""
    before = session.config.stash.get(_TREE, None)
    after = _new_in_work_tree()
    if before is None or after is None:
        return
    appeared = sorted(after - before)
    if appeared:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
            reporter.write_line(f"tests wrote into the work tree {PROJECT}: {', '.join(appeared)}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(config.stash.get(_SESSION, ""), ignore_errors=True)


_SESSION = pytest.StashKey[Path]()
_TREE = pytest.StashKey["set[str] | None"]()


def _new_in_work_tree() -> set[str] | None:
    """The untracked and ignored paths of the project's work tree as `git status` lists them (an ignored
    folder as one entry), or None outside a git work tree."""
    try:
        listed = subprocess.run(
            ["git", "status", "--porcelain", "--ignored", "-z"],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_OPTIONAL_LOCKS": "0"},
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return {
        entry[3:]
        for entry in listed.split("\0")
        if entry[:3] in ("?? ", "!! ") and "__pycache__" not in entry and ".pytest_cache" not in entry
    }


GIT_ENV = {
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def run_kczy(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    """Run the real command line in a subprocess, as a user would."""
    completed = subprocess.run(
        [sys.executable, "-m", "kczy", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **GIT_ENV, **(env or {})},
        timeout=300,
        check=False,
    )
    assert "Traceback" not in completed.stderr, completed.stderr
    return Result(completed.returncode, completed.stdout, completed.stderr)


def git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    completed = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV, **(env or {})},
        check=True,
    )
    return completed.stdout


def copy_project_data(target: Path) -> Path:
    """A review repository with the project's schemas and sample round (no git)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("schemas", "submissions"):
        shutil.copytree(PROJECT / name, target / name)
    return target


@pytest.fixture
def sample_repo(tmp_path: Path) -> Path:
    """A fresh copy of the sample round in a git repository with one commit."""
    root = copy_project_data(tmp_path / "repo")
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "sample round", cwd=root)
    return root


@pytest.fixture
def kczy() -> Callable[..., Result]:
    return run_kczy


FINDING_LINE = re.compile(r"^(?P<place>.+?:\d+:\d+): (?P<message>.*)（(?P<code>[a-z][A-Za-z0-9.-]*)）$")


def parse_finding_line(line: str) -> tuple[str, str, str]:
    """`PATH:LINE:COLUMN: MESSAGE（CODE）` as (place, code, message); fails on any other line."""
    match = FINDING_LINE.match(line)
    assert match, line
    return match["place"], match["code"], match["message"]


def finding_codes(output: str) -> list[str]:
    """The codes of every finding line of a text report (the last line is the summary)."""
    return [parse_finding_line(line)[1] for line in output.splitlines()[:-1]]


@pytest.fixture(scope="session")
def notice_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample round's repository with a hostile title (`test_site.make_hostile`), and its public site
    built through the MkDocs hook on a day of the notice period. Built once for the session: the site,
    privacy and engine tests only read it (`test_site`, `test_platforms_site`)."""
    from test_site import NOTICE_DAY, build, make_hostile, site_repo

    root = site_repo(tmp_path_factory.mktemp("repo"))
    make_hostile(root)
    out = tmp_path_factory.mktemp("site")
    result = build(root, out, NOTICE_DAY)
    assert result.returncode == 0, result.stderr
    return root, out


@pytest.fixture(scope="session")
def announced_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample round's repository as shipped, and its public site built after the announcement
    (2021-10-20). Built once for the session; tests only read it (`test_documents_browser`,
    `test_dossier_reading_room`)."""
    from test_site import build, site_repo

    root = site_repo(tmp_path_factory.mktemp("repo"))
    out = tmp_path_factory.mktemp("site")
    result = build(root, out, "2021-10-20T10:00")
    assert result.returncode == 0, result.stderr
    return root, out


@pytest.fixture(scope="session")
def reading_room_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample round's repository as shipped, and its reading room built while members vote
    (2021-09-12). Built once for the session; tests only read it (`test_site`, `test_site_ux`,
    `test_attachments_browser`)."""
    from test_site import build, site_repo

    root = site_repo(tmp_path_factory.mktemp("repo"))
    out = tmp_path_factory.mktemp("internal")
    result = build(root, out, "2021-09-12T09:00", "mkdocs.internal.yml")
    assert result.returncode == 0, result.stderr
    return root, out


@pytest.fixture(scope="session")
def two_rounds_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample round and a real round after it (`test_rounds.add_real_round`), and their public site
    built on `test_rounds.NOW`. Built once for the session; tests only read it (`test_rounds`,
    `test_rounds_browser`)."""
    from test_rounds import NOW, add_real_round
    from test_site import build, site_repo

    root = site_repo(tmp_path_factory.mktemp("repo"))
    add_real_round(root)
    out = tmp_path_factory.mktemp("site")
    result = build(root, out, NOW)
    assert result.returncode == 0, result.stderr
    return root, out


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One Debian chromium for the whole session, started when a test first asks for it (`browser`)."""
    from playwright.sync_api import sync_playwright

    from browser import launch

    with sync_playwright() as playwright:
        launched = launch(playwright)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def browser(chromium: Any) -> Iterator[Any]:
    """The session's chromium as one test sees it (`browser.Pages`): its pages are closed after it."""
    from browser import Pages

    pages = Pages(chromium)
    try:
        yield pages
    finally:
        pages.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """Where screenshots and page images go to be looked at: `test-output` in this session's temporary
    folder (pytest keeps the last three sessions' under its base folder; the path is printed at the end),
    never in the work tree."""
    folder = tmp_path_factory.mktemp("test-output", numbered=False)
    request.config.stash[_SCREENSHOTS] = folder
    return folder


_SCREENSHOTS = pytest.StashKey[Path]()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    folder = config.stash.get(_SCREENSHOTS, None)
    if folder is not None:
        terminalreporter.write_line(f"screenshots and page images: {folder}")
