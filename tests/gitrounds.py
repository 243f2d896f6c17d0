"""Real git repositories for tally and check-pr tests: a bare origin, clones, branches, dated merges."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from conftest import git
from roundbuilder import new_repo, write_files


def dated(when: str) -> dict[str, str]:
    """Environment that dates a commit (author and committer) at a Beijing time `YYYY-MM-DDTHH:MM`."""
    stamp = f"{when}:00+08:00"
    return {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}


def commit_files(root: Path, contents: Mapping[str, bytes], message: str, when: str) -> None:
    write_files(root, contents)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", message, cwd=root, env=dated(when))


def origin_and_clone(tmp: Path, contents: Mapping[str, bytes], when: str) -> tuple[Path, Path]:
    """A bare origin holding one commit of `contents` (with schemas) on main, and a clone of it."""
    seed = new_repo(tmp / "seed", contents)
    git("init", "-q", "-b", "main", cwd=seed)
    git("add", "-A", cwd=seed)
    git("commit", "-q", "-m", "open the round", cwd=seed, env=dated(when))
    origin = tmp / "origin.git"
    git("clone", "-q", "--bare", str(seed), str(origin), cwd=tmp)
    work = tmp / "work"
    git("clone", "-q", str(origin), str(work), cwd=tmp)
    return origin, work


def merge_branch(work: Path, branch: str, contents: Mapping[str, bytes], authored: str, merged: str) -> None:
    """A pull request: `contents` committed on `branch` at `authored`, merged into main at `merged`."""
    git("checkout", "-q", "-b", branch, "main", cwd=work)
    commit_files(work, contents, f"{branch}", authored)
    git("checkout", "-q", "main", cwd=work)
    git("merge", "-q", "--no-ff", "-m", f"merge {branch}", branch, cwd=work, env=dated(merged))
