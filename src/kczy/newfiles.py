"""Writing a new file for a command (`kczy new`, `approve`, `seal`, `keys`): never over an existing one,
and every refusal said the same way, `kczy：不能新建 PATH：…（code）` on stderr with exit status 1 — the
rules validate would apply, the day of running, or a file already there. Also the output folder of
`kczy site`, `documents` and `dossier` (`output_folder`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from kczy.console import warn
from kczy.errors import FatalError
from kczy.findings import Finding
from kczy.messages import os_reason, render_message


def refusal(relative: str, code: str, **params: object) -> Finding:
    """A refusal of the new file `relative` that no file rule states (the day of running, a file there)."""
    return Finding(relative, 1, 1, code, {k: str(v) for k, v in params.items()})


def refuse(relative: str, refusals: Sequence[Finding]) -> int:
    """Say why `relative` is not written, one line each; the exit status 1."""
    for finding in refusals:
        warn("new.refused", {"path": relative, "message": finding.message, "code": finding.code})
    return 1


def write_unless_refused(target: Path, relative: str, text: str, refusals: Sequence[Finding]) -> int:
    """Write `text` as the new file `target` (shown as `relative`), or say why not: the refusals, or a
    file already there. 0 when written (the caller says what it wrote), else 1."""
    if not refusals and (target.exists() or target.is_symlink()):
        refusals = [refusal(relative, "new.exists")]
    if not refusals:
        try:
            write_new(target, text)
        except FileExistsError:
            refusals = [refusal(relative, "new.exists")]
    return refuse(relative, refusals) if refusals else 0


def write_new(path: Path, text: str) -> None:
    """Create `path` (and its folders) with `text`; FileExistsError when it is there (raced or not), any
    other refusal of the system stops the command."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _unwritable(path, error) from None
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise
    except OSError as error:
        raise _unwritable(path, error) from None
    sys.stdout.flush()


def output_folder(path: Path) -> Path:
    """`path` made a folder (with its parents) for a command's output (`kczy site`, `documents`, `dossier`);
    a path that is a file, or under one, or that the system refuses stops the command in Chinese (exit 2)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _unwritable(path, error) from None
    return path


def _unwritable(path: Path, error: OSError) -> FatalError:
    return FatalError(render_message("new.unwritable", {"path": path, "reason": os_reason(error)}))
