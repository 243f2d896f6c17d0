"""Where each kind of file lives in `submissions/<year>/`, as a pure function of its path."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from kczy.messages import joined, words

TYPE_IDS = ("yishi-yipin", "yiye-yibao", "yiqi-yiduijie", "yiye-yihui", "yiye-yituan")
"""The five project types, in the order of the source document."""
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{1,63}")
YEAR_PATTERN = re.compile(r"[0-9]{4}")
RUNOFF_PATTERN = re.compile(r"[1-9][0-9]*")
"""ASCII digits only: `\\d` and `str.isdigit` also take "١" or "²", and int("١") is 1."""
SUBMISSIONS = "submissions"
RETIRED_FILE = "submissions/retired.yaml"
"""The sample rounds the secretariat retired (`kczy retire`): outside every round, so that retiring one
changes nothing its tally reads (`kczy.rounds`)."""
RULES_FOLDER = "schemas"
"""`submissions/<year>/schemas/`: the round's own copy of the schemas (kczy.rules)."""
SCHEMA_SUFFIX = ".schema.json"
RUNOFF_CALL = "call.yaml"
"""`runoffs/<n>/call.yaml`: a runoff exists only when the secretariat calls it (no member may be `call`)."""

NOT_YAML_KINDS = frozenset({"attachment", "rules"})
"""Files under `submissions/` that are not YAML documents: attachments (PDF, images) and the round's
own schema files (JSON, read as rules when the round is loaded)."""

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
    except for applications (checked by their type's schema), attachments and `rules` (the round's
    own schema files; not YAML)."""

    kind: str
    year: str
    file_id: str = ""
    type_id: str = ""
    runoff: int = 0

    @property
    def schema(self) -> str:
        return self.type_id if self.kind == "application" else self.kind

    @property
    def misnamed(self) -> bool:
        """Whether the file's name is no id (attachments keep the names their units gave them)."""
        return bool(self.file_id) and self.kind != "attachment" and not ID_PATTERN.fullmatch(self.file_id)


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
    if folder == RULES_FOLDER and len(rest) == 2 and name.endswith(SCHEMA_SUFFIX):
        # the round's own rules (kczy.rules), round configuration like round.yaml
        return Role("rules", year, name.removesuffix(SCHEMA_SUFFIX))
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


def suggest_place(path: str) -> str:
    """Where a misplaced file most likely belongs, as a hint to append to a message ("" when unknown):
    `.yml` for `.yaml`, a type folder misspelt (`yiyehui` for `yiye-yihui`), an application outside any
    type folder."""
    parts = path.split("/")
    stem, dot, extension = parts[-1].rpartition(".")
    if dot and extension.lower() in ("yml", "yaml") and extension != "yaml":
        fixed = "/".join([*parts[:-1], f"{stem}.yaml"])
        if classify(fixed) is not None:
            return words("layout.hint-yaml", fixed=fixed)
    if len(parts) == 5 and parts[0] == SUBMISSIONS and parts[2] == "applications":
        squeezed = {type_id.replace("-", ""): type_id for type_id in TYPE_IDS}
        folder = parts[3].lower().replace("-", "").replace("_", "")
        close = difflib.get_close_matches(folder, list(squeezed), n=1, cutoff=0.75)
        if close:
            fixed = "/".join([*parts[:3], squeezed[close[0]], parts[4]])
            return words("layout.hint-type-folder", folder=squeezed[close[0]], fixed=fixed)
        return words("layout.hint-type-folders", types=joined(TYPE_IDS))
    if len(parts) == 4 and parts[0] == SUBMISSIONS and parts[2] == "applications":
        return words("layout.hint-in-type-folder")
    return ""


def round_prefix(year: str) -> str:
    return f"{SUBMISSIONS}/{year}/"
