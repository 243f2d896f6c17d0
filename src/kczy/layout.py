"""Where each kind of file lives in `submissions/<year>/`, as a pure function of its path."""

from __future__ import annotations

import re
from dataclasses import dataclass

TYPE_IDS = ("yishi-yipin", "yiye-yibao", "yiqi-yiduijie", "yiye-yihui", "yiye-yituan")
"""The five project types, in the order of the source document."""
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{1,63}")
YEAR_PATTERN = re.compile(r"[0-9]{4}")
RUNOFF_PATTERN = re.compile(r"[1-9][0-9]*")
"""ASCII digits only: `\\d` and `str.isdigit` also take "١" or "²", and int("١") is 1."""
SUBMISSIONS = "submissions"
RUNOFF_CALL = "call.yaml"
"""`runoffs/<n>/call.yaml`: a runoff exists only when the secretariat calls it (no member may be `call`)."""

RECORD_FILES = {
    "round.yaml": "round",
    "units.yaml": "units",
    "committee.yaml": "committee",
    "approval.yaml": "approval",
    "announcement.yaml": "announcement",
}


def undecodable(path: str) -> bool:
    """Whether a name read from the disk or from git (undecodable bytes kept as surrogates, Python's
    `surrogateescape`) is not UTF-8: such a name cannot be written to a report, a page or a JSON file."""
    return any("\udc80" <= char <= "\udcff" for char in path)


def show_path(path: str) -> str:
    """A path as readable text: each byte that is not UTF-8 written as `\\xNN`."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Role:
    """What a file under `submissions/` is. `kind` is also the name of the schema that checks it,
    except for applications (checked by their type's schema) and attachments (not YAML)."""

    kind: str
    year: str
    file_id: str = ""
    type_id: str = ""
    runoff: int = 0

    @property
    def schema(self) -> str:
        return self.type_id if self.kind == "application" else self.kind


def classify(path: str) -> Role | None:
    """The role of a repository-relative path, or None when nothing may live there."""
    parts = path.split("/")
    if len(parts) < 3 or parts[0] != SUBMISSIONS or not YEAR_PATTERN.fullmatch(parts[1]):
        return None
    year, rest = parts[1], parts[2:]
    if len(rest) == 1:
        kind = RECORD_FILES.get(rest[0])
        return Role(kind, year) if kind else None
    folder, name = rest[0], rest[-1]
    if folder == "attachments" and len(rest) == 3:
        return Role("attachment", year, rest[1])
    if not name.endswith(".yaml"):
        return None
    file_id = name.removesuffix(".yaml")
    if folder == "applications" and len(rest) == 3 and rest[1] in TYPE_IDS:
        return Role("application", year, file_id, type_id=rest[1])
    if folder == "ballots" and len(rest) == 2:
        return Role("ballot", year, file_id)
    if folder == "objections" and len(rest) == 2:
        return Role("objection", year, file_id)
    if folder == "partners" and len(rest) == 2:
        return Role("confirmation", year, file_id)
    if folder == "runoffs" and len(rest) == 3 and RUNOFF_PATTERN.fullmatch(rest[1]):
        if name == RUNOFF_CALL:  # the secretariat's call: which applications, how many places, when
            return Role("runoff-call", year, runoff=int(rest[1]))
        return Role("ballot", year, file_id, runoff=int(rest[1]))
    return None


def round_prefix(year: str) -> str:
    return f"{SUBMISSIONS}/{year}/"
