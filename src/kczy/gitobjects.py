"""What merging a pull request would really produce, and other reads of git's objects for check-pr and
validate: one `git` process per question, paths read byte-exact (`-z`).

`git diff base...head` compares head with one merge base. With criss-cross history (several merge
bases) git picks one of them, and the change it shows is not the change the merge makes: a pull request
that re-merges two old parents of an earlier merge can revert another unit's file while that diff shows
nothing. check-pr therefore judges the tree that `git merge-tree --write-tree` gives (the ort strategy of
`git merge`, with its virtual merge base), compared with the base revision itself.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kczy.errors import FatalError
from kczy.history import Change
from kczy.messages import render_message

REGULAR_MODES = ("100644", "100755")
GITLINK_MODE = "160000"


@dataclass(frozen=True)
class Merge:
    """The result of merging `head` into `base`: the merged tree, or why there is none."""

    base: str
    head: str
    tree: str | None
    conflicts: tuple[str, ...] = ()
    unrelated: bool = False


def _git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, check=False, timeout=600
        )
    except FileNotFoundError:
        raise FatalError(render_message("stop.no-git", {})) from None


def _decode(raw: bytes) -> str:
    """A path as git stores it; bytes that are not UTF-8 survive as surrogates (shown escaped)."""
    return raw.decode("utf-8", "surrogateescape")


def _stderr(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stderr.decode("utf-8", "replace").strip()


def resolve_commit(root: Path, rev: str) -> str:
    """The commit id `rev` names; an unknown revision (or no repository) is an environment error."""
    result = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if result.returncode != 0:
        raise FatalError(render_message("stop.no-such-commit", {"rev": rev}))
    return result.stdout.decode("ascii").strip()


def read_merge(root: Path, base: str, head: str) -> Merge:
    """Merge `head` into `base` in memory (nothing in the work tree or the refs changes)."""
    base_id, head_id = resolve_commit(root, base), resolve_commit(root, head)
    result = _git(root, "merge-tree", "--write-tree", "-z", "--name-only", base_id, head_id)
    if result.returncode not in (0, 1):
        if "unrelated histories" in _stderr(result):
            return Merge(base_id, head_id, None, unrelated=True)
        params = {"base": base, "head": head, "reason": _stderr(result)}
        raise FatalError(render_message("stop.merge-failed", params))
    fields = result.stdout.split(b"\0")
    if result.returncode == 0:
        return Merge(base_id, head_id, fields[0].decode("ascii"))
    conflicts: list[str] = []
    for field in fields[1:]:
        if not field:
            break  # an empty field ends the list of conflicted files; git's messages follow
        if _decode(field) not in conflicts:
            conflicts.append(_decode(field))
    return Merge(base_id, head_id, None, tuple(conflicts))


def read_changes(root: Path, base: str, tree: str) -> list[Change]:
    """What `tree` changes against `base`, with modes and blob ids; a rename is a delete and an add."""
    result = _git(root, "diff-tree", "-r", "-z", "--raw", "--no-abbrev", "--no-renames", base, tree)
    if result.returncode != 0:
        raise FatalError(render_message("stop.diff-failed", {"base": base, "reason": _stderr(result)}))
    return parse_raw_diff(result.stdout)


def parse_raw_diff(raw: bytes) -> list[Change]:
    """Changes from `git diff --raw -z`: `:old new oldsha newsha status` then one or two paths."""
    fields = raw.split(b"\0")
    changes: list[Change] = []
    index = 0
    while index < len(fields) and fields[index].startswith(b":"):
        old_mode, new_mode, _, new_id, status = fields[index][1:].decode("ascii").split(" ")
        if status[0] in "RC":
            source, target = _decode(fields[index + 1]), _decode(fields[index + 2])
            index += 3
            if status[0] == "R":
                changes.append(Change("delete", source, old_mode))
            changes.append(Change("add", target, new_mode, new_id))
            continue
        path = _decode(fields[index + 1])
        index += 2
        if status[0] == "A":
            changes.append(Change("add", path, new_mode, new_id))
        elif status[0] == "D":
            changes.append(Change("delete", path, old_mode))
        elif status[0] == "T" and old_mode != new_mode:
            changes.append(Change("delete", path, old_mode))
            changes.append(Change("add", path, new_mode, new_id))
        else:
            changes.append(Change("modify", path, new_mode, new_id))
    return changes


def read_blobs(root: Path, blobs: dict[str, str]) -> dict[str, bytes]:
    """Path → the bytes of blob id `blobs[path]`, all through one `git cat-file --batch`."""
    ids = sorted(set(blobs.values()))
    if not ids:
        return {}
    result = _git(root, "cat-file", "--batch", stdin="".join(f"{i}\n" for i in ids).encode("ascii"))
    if result.returncode != 0:
        raise FatalError(render_message("stop.git-objects-unreadable", {"reason": _stderr(result)}))
    contents: dict[str, bytes] = {}
    output, position = result.stdout, 0
    for _ in ids:
        end = output.index(b"\n", position)
        object_id, kind, size = output[position:end].decode("ascii").split(" ")
        if kind != "blob":
            params = {"object": object_id, "kind": kind}
            raise FatalError(render_message("stop.git-object-not-a-file", params))
        contents[object_id] = output[end + 1 : end + 1 + int(size)]
        position = end + 1 + int(size) + 1  # the content is followed by a newline
    return {path: contents[object_id] for path, object_id in blobs.items()}


def read_tree_files(root: Path, rev: str, folders: Iterable[str]) -> dict[str, bytes]:
    """Every regular file under `folders` at `rev` (a commit or a tree), as path → bytes; symlinks and
    submodules are left out."""
    return read_blobs(root, {path: blob for path, (mode, blob) in list_tree(root, rev, folders).items()
                             if mode in REGULAR_MODES})


def list_tree(root: Path, rev: str, folders: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Path → (mode, object id) of every entry under `folders` at `rev`, recursively."""
    folders = [folder.rstrip("/") for folder in folders]
    result = _git(root, "ls-tree", "-r", "-z", "--full-tree", rev, "--", *folders)
    if result.returncode != 0:
        raise FatalError(render_message("stop.revision-unreadable", {"rev": rev, "reason": _stderr(result)}))
    entries: dict[str, tuple[str, str]] = {}
    for entry in result.stdout.split(b"\0"):
        meta, _, path = entry.partition(b"\t")
        parts = meta.decode("ascii").split(" ")
        if len(parts) == 3:
            entries[_decode(path)] = (parts[0], parts[2])
    return entries


def read_gitlinks(root: Path, folder: str) -> list[str]:
    """Submodule entries (gitlinks) the index holds under `folder`; none when `root` is not a git work
    tree. A gitlink is not a file: a walk of the work tree sees at most an empty folder."""
    result = _git(root, "ls-files", "--stage", "-z", "--", folder)
    if result.returncode != 0:
        return []
    found = []
    for entry in result.stdout.split(b"\0"):
        meta, _, path = entry.partition(b"\t")
        if meta.startswith(GITLINK_MODE.encode("ascii") + b" "):
            found.append(_decode(path))
    return found
