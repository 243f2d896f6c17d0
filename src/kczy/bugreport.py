"""What a user sees when kczy itself fails: one Chinese sentence and a file with the details.

An unexpected exception is a bug in kczy, never a problem with the user's files (those are findings,
exit 1; usage and environment errors are `FatalError`, exit 2). The traceback goes to a log file under
the user's cache folder (or the temporary folder when that cannot be written), and the message says
where. With `KCZY_DEBUG` set (the tests set it) the exception is raised as it is instead.
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from kczy import __version__
from kczy.messages import words

DEBUG_VARIABLE = "KCZY_DEBUG"


def debugging() -> bool:
    return bool(os.environ.get(DEBUG_VARIABLE))


def _log_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kczy" / "logs"


def _details(error: BaseException, argv: Sequence[str]) -> str:
    return "".join([
        f"kczy {__version__}\n",
        words("bug.time", time=datetime.datetime.now().astimezone().isoformat(timespec="seconds")) + "\n",
        words("bug.command", command=" ".join(argv)) + "\n",
        words("bug.folder", folder=os.getcwd()) + "\n",
        words("bug.python", version=sys.version.split()[0], platform=platform.platform()) + "\n\n",
        *traceback.format_exception(error),
    ])


def write_bug_report(error: BaseException, argv: Sequence[str]) -> Path | None:
    """Write the details of `error` to a new log file; None when no folder can be written."""
    text = _details(error, argv)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in (_log_folder(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            descriptor, name = tempfile.mkstemp(prefix=f"kczy-{stamp}-", suffix=".log", dir=folder)
            with os.fdopen(descriptor, "w", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(text)
            return Path(name)
        except OSError:
            continue
    return None


def bug_message(error: BaseException, log: Path | None) -> str:
    where = words("bug.logged", log=log) if log is not None else words("bug.not-logged")
    return words("bug.message", error=type(error).__name__, where=where)
