"""When each ballot reached the main branch, from one walk of the git history.

A ballot's dates are those of the commits on the main branch's first-parent line: for a merged pull
request that is the merge commit (when the secretariat accepted it), never the date the member's own
commit claims, which anyone can set. One `git log --name-status` over the round's ballot folders gives
every ballot's history at once, however many ballots there are.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import git

from kczy.errors import FatalError
from kczy.history import BallotCommits, FileHistory, Provenance, SignedCommit
from kczy.messages import render_message


def read_provenance(
    root: Path,
    prefixes: Iterable[str],
    rev: str = "HEAD",
    allowed_signers: str | None = None,
    signed_prefixes: Iterable[str] | None = None,
) -> Provenance:
    """The history of every file under `prefixes` (repository-relative folders) on `rev`'s first-parent line.

    No repository (or no git): `unavailable`, and the tally says the deadline was not checked.
    A shallow clone is an environment error: it would silently lose the dates that decide validity.
    With `allowed_signers` (the text of git's allowed-signers file; the round requires signed ballots)
    the result also holds the signed commits of every file under `signed_prefixes` (default: all of
    `prefixes`; see `read_signatures`).
    """
    try:
        repo = git.Repo(root, search_parent_directories=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return Provenance("unavailable", detail="history.not-a-git-repo")
    except git.GitCommandNotFound:  # pragma: no cover - git is installed wherever the tests run
        return Provenance("unavailable", detail="history.no-git")
    with repo:
        try:
            shallow = repo.git.rev_parse("--is-shallow-repository").strip() == "true"
        except git.GitCommandError as error:
            reason = error.stderr.strip()
            raise FatalError(render_message("stop.git-repo-unreadable", {"reason": reason})) from error
        if shallow:
            raise FatalError(render_message("stop.shallow-clone", {}))
        folders = sorted({p.rstrip("/") for p in prefixes})
        if not repo.head.is_valid():
            return Provenance("checked", dirty=_dirty(repo, folders))
        try:
            log = repo.git.log(
                rev, "-z", "--first-parent", "--diff-merges=first-parent", "--no-renames",
                "--name-status", "--format=%x01%H %cI", "--", *folders,
            )
        except git.GitCommandError as error:
            raise FatalError(
                render_message("stop.history-unreadable", {"rev": rev, "reason": error.stderr.strip()})
            ) from error
        signatures = None
        if allowed_signers is not None:
            signed = folders if signed_prefixes is None else sorted({p.rstrip("/") for p in signed_prefixes})
            signatures = _signatures(repo, [rev], rev, signed, allowed_signers)
        histories, deleted = parse_name_status_log(log)
        return Provenance("checked", histories, _dirty(repo, folders), signatures=signatures, deleted=deleted)


def read_signatures(
    root: Path, revisions: list[str], tip: str, paths: Iterable[str], allowed_signers: str
) -> dict[str, BallotCommits]:
    """Path → the non-merge commits of `revisions` (e.g. `base..head`) that add or change it, each with
    git's verdict on its SSH signature against `allowed_signers`, and the blob the path holds at `tip`.

    Two git calls however many ballots: one `git log` (git runs `ssh-keygen -Y verify` for each signed
    commit it lists; offline, nothing but the given file is trusted) and one `git ls-tree`.
    """
    with _open(root) as repo:
        return _signatures(repo, revisions, tip, sorted(set(paths)), allowed_signers)


def _signatures(
    repo: git.Repo, revisions: list[str], tip: str, paths: list[str], allowed_signers: str
) -> dict[str, BallotCommits]:
    if not paths:
        return {}
    descriptor, name = tempfile.mkstemp(prefix="kczy-allowed-signers-", text=True)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(allowed_signers)
        log = repo.git.execute([
            "git", "-c", "gpg.format=ssh", "-c", f"gpg.ssh.allowedSignersFile={name}",
            "log", *revisions, "--no-show-signature", "--full-history", "--no-merges", "-z", "--raw",
            "--no-abbrev", "--no-renames", "--format=%x01%H %G? %GK", "--", *paths,
        ])
        tree = repo.git.execute(["git", "ls-tree", "-r", "-z", "--full-tree", tip, "--", *paths])
    except git.GitCommandError as error:
        raise FatalError(
            render_message("stop.signatures-unreadable", {"reason": str(error.stderr).strip()})
        ) from error
    finally:
        os.unlink(name)
    assert isinstance(log, str) and isinstance(tree, str)
    return parse_signature_log(log, parse_ls_tree(tree))


def parse_signature_log(log: str, blobs: dict[str, str]) -> dict[str, BallotCommits]:
    """`git log -z --raw --format=%x01%H %G? %GK` → path → the commits that add or change it."""
    commits: dict[str, list[SignedCommit]] = {}
    for chunk in log.split("\x01"):
        if not chunk.strip("\n\x00"):
            continue
        header, _, body = chunk.partition("\x00")
        commit, status, fingerprint = [*header.strip().split(" ", 2), "", ""][:3]
        fields = body.lstrip("\n").split("\x00")
        for meta, path in zip(fields[0::2], fields[1::2], strict=False):
            parts = meta.lstrip(":").split(" ")
            if len(parts) < 5 or parts[4].startswith("D"):
                continue
            commits.setdefault(path, []).append(SignedCommit(commit, status, fingerprint.strip(), parts[3]))
    paths = set(commits) | set(blobs)
    return {path: BallotCommits(tuple(commits.get(path, [])), blobs.get(path)) for path in sorted(paths)}


def parse_ls_tree(tree: str) -> dict[str, str]:
    """`git ls-tree -r -z` → path → blob id (regular files only)."""
    blobs = {}
    for entry in tree.split("\x00"):
        meta, _, path = entry.partition("\t")
        parts = meta.split(" ")
        if len(parts) == 3 and parts[1] == "blob":
            blobs[path] = parts[2]
    return blobs


def parse_name_status_log(
    log: str,
) -> tuple[dict[str, FileHistory], dict[str, tuple[str, datetime.datetime]]]:
    """Histories from `git log -z --name-status --format=%x01%H %cI`, newest commit first, and the
    paths whose last event is their deletion (path → that commit and its date).

    Walking back from the newest commit, a path's first event is its last change; the first `A` met
    is the addition that counts (a ballot deleted and added again counts from its latest addition).
    """
    changed: dict[str, tuple[str, datetime.datetime]] = {}
    added: dict[str, tuple[str, datetime.datetime]] = {}
    gone: dict[str, tuple[str, datetime.datetime]] = {}
    for chunk in log.split("\x01"):
        if not chunk.strip("\n\x00"):
            continue
        header, _, body = chunk.partition("\x00")
        commit, _, when = header.strip().partition(" ")
        moment = datetime.datetime.fromisoformat(when)
        fields = body.lstrip("\n").split("\x00")
        for status, path in zip(fields[0::2], fields[1::2], strict=False):
            if not status or path in added or path in gone:
                continue
            if path not in changed:
                if status.startswith("D"):
                    gone[path] = (commit, moment)  # deleted last: older events do not matter
                    continue
                changed[path] = (commit, moment)
            if status.startswith("A"):
                added[path] = (commit, moment)
    histories = {}
    for path, (commit, moment) in changed.items():
        first_commit, first_moment = added.get(path, (commit, moment))
        histories[path] = FileHistory(first_commit, first_moment, commit, moment)
    return histories, gone


def _dirty(repo: git.Repo, folders: list[str]) -> frozenset[str]:
    """Paths under `folders` whose work-tree content is not what the last commit holds."""
    output = repo.git.status("--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", *folders)
    paths = set()
    for entry in output.split("\x00"):
        if len(entry) > 3:
            paths.add(entry[3:])
    return frozenset(paths)


def _open(root: Path) -> git.Repo:
    try:
        return git.Repo(root, search_parent_directories=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise FatalError(render_message("stop.not-a-git-repo", {"root": root})) from None
