"""One round's files, parsed on demand: the shared input of validation, the tally and the site.

Pure: file contents come in as a mapping from repository-relative path to bytes (the caller decides
whether that mapping reads a work tree, a git revision or a test's dictionary).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from kczy.errors import FilesUnreadable, RegistryUnreadable, RoundUnreadable
from kczy.findings import Finding
from kczy.layout import Role, classify, round_prefix
from kczy.readers import Application, Ballot, read_application, read_ballot
from kczy.registries import Entry, Member, Registry, Unit, read_members, read_units
from kczy.roundmodel import RoundReading, RoundSettings, parse_round_settings
from kczy.schemas import SchemaSet, schema_findings
from kczy.shapes import shape_findings, shape_problems
from kczy.yamlload import Document, parse_yaml, peek_top_level

if TYPE_CHECKING:
    from kczy.history import Provenance


@dataclass(frozen=True)
class ParsedFile:
    path: str
    role: Role
    document: Document | None
    findings: tuple[Finding, ...]
    readable: bool = True
    """Parsed, and of the shape the core reads (`kczy.shapes`) whatever the year's rules say: only then do
    the rules that span files, the tally and the pages read its data."""

    @property
    def ok(self) -> bool:
        """Readable and valid against its schema (warnings allowed)."""
        return self.document is not None and not any(f.severity == "error" for f in self.findings)

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data if self.document is not None else {}


class RoundFiles:
    """The files of `submissions/<year>/`, each parsed (and schema-checked) at most once."""

    def __init__(
        self,
        year: str,
        contents: Mapping[str, bytes],
        schemas: SchemaSet,
        history: Provenance | None = None,
    ) -> None:
        self.year = year
        self.provenance = history
        """The git history of the round's applications, attachments and ballots, read by the edge
        (`kczy.repo.read_round_history`) and passed in as plain data; None without a repository, for the
        sample round, or for a caller that needs no dates. The core never reads git itself."""
        self.prefix = round_prefix(year)
        self.contents = contents
        self.schemas = schemas
        self.roles = {path: role for path in contents if (role := classify(path)) and role.year == year}
        self._parsed: dict[str, tuple[Document | None, list[Finding]]] = {}
        self._checked: dict[str, ParsedFile] = {}
        # Per instance, never a module-level cache: a RoundFiles and all it parsed are freed with it.
        self._paths: dict[tuple[str, str | None, int], tuple[str, ...]] = {}
        self._by_applicant: dict[str, dict[Any, list[str]]] = {}
        self._applications: dict[str, Application | None] = {}
        self._ballots: dict[str, Ballot | None] = {}

    def with_history(self, history: Provenance | None) -> RoundFiles:
        """The same files with their history (what is already parsed is kept)."""
        other = RoundFiles(self.year, self.contents, self.schemas, history)
        other._parsed, other._checked = self._parsed, self._checked
        return other

    @cached_property
    def reading(self) -> RoundReading:
        """round.yaml read once: the settings, or the findings that say why they cannot be read."""
        path = self.record_path("round")
        if path not in self.roles:
            return parse_round_settings(self.year, path, None, ())
        parsed = self.checked(path)
        return parse_round_settings(self.year, path, parsed.document, parsed.findings)

    @property
    def settings(self) -> RoundSettings:
        """The round's settings; raises RoundUnreadable (every command stops with its findings) when
        round.yaml is missing or cannot be read."""
        settings = self.reading.settings
        if settings is None:
            raise RoundUnreadable(self.reading.findings)
        return settings

    def parse(self, path: str) -> Document | None:
        """The parsed document, without schema validation (for context from other files)."""
        return self._parse(path)[0]

    def _parse(self, path: str) -> tuple[Document | None, list[Finding]]:
        if path not in self._parsed:
            self._parsed[path] = parse_yaml(self.contents[path], path)
        return self._parsed[path]

    def application(self, path: str) -> Application | None:
        """The application at `path` as typed data with its places (`kczy.readers`), read once; None when it
        cannot be parsed or is not of the shape the core reads (its findings say where). Not schema-checked:
        the tally reads every application without validating it."""
        if path not in self._applications:
            document = self.parse(path)
            self._applications[path] = read_application(document) if document is not None else None
        return self._applications[path]

    def ballot(self, path: str) -> Ballot | None:
        """The ballot at `path` (a runoff's too), as `application`."""
        if path not in self._ballots:
            document = self.parse(path)
            self._ballots[path] = read_ballot(document) if document is not None else None
        return self._ballots[path]

    def checked(self, path: str) -> ParsedFile:
        """Parsed and validated against its schema."""
        if path not in self._checked:
            role = self.roles[path]
            document, findings = self._parse(path)
            if document is not None and role.schema in self.schemas.schemas:
                findings = [*findings, *schema_findings(document, role.schema, self.schemas)]
            shaped = document is not None and not shape_problems(role.kind, document.data)
            if document is not None and not shaped:
                said = tuple(findings)
                findings = [*findings, *shape_findings(document, role.kind, role.schema, self.schemas, said)]
            self._checked[path] = ParsedFile(path, role, document, tuple(findings), shaped)
        return self._checked[path]

    def require_readable(self, kinds: Iterable[str]) -> None:
        """Stop (FilesUnreadable, exit status 1) when a file of these kinds is not of the shape the core reads
        (`kczy.shapes`): for a command that reads them without validating the round."""
        findings = []
        for path, role in sorted(self.roles.items()):
            document = self.parse(path) if role.kind in kinds else None
            if document is not None and shape_problems(role.kind, document.data):
                findings += shape_findings(document, role.kind, role.schema, self.schemas)
        if findings:
            raise FilesUnreadable(findings)

    def size(self, path: str) -> int:
        """A file's size in bytes, without reading it when the contents can tell (a work tree does):
        an oversized attachment is refused before it is read."""
        sized = getattr(self.contents, "size", None)
        return int(sized(path)) if callable(sized) else len(self.contents[path])

    def record_path(self, kind: str) -> str:
        return f"{self.prefix}{kind}.yaml"

    def record(self, kind: str) -> dict[str, Any]:
        """The data of round.yaml, units.yaml … or {} when it is missing or unreadable."""
        path = self.record_path(kind)
        if path not in self.roles:
            return {}
        document = self.parse(path)
        return document.data if document is not None else {}

    def paths_of(self, kind: str, type_id: str | None = None, runoff: int = 0) -> list[str]:
        return list(self._paths_of(kind, type_id, runoff))

    def _paths_of(self, kind: str, type_id: str | None, runoff: int) -> tuple[str, ...]:
        key = (kind, type_id, runoff)
        if key not in self._paths:
            self._paths[key] = self._list_paths(kind, type_id, runoff)
        return self._paths[key]

    def _list_paths(self, kind: str, type_id: str | None, runoff: int) -> tuple[str, ...]:
        return tuple(
            sorted(
                path
                for path, role in self.roles.items()
                if role.kind == kind
                and (type_id is None or role.type_id == type_id)
                and role.runoff == runoff
            )
        )

    def runoff_numbers(self) -> list[int]:
        return sorted({role.runoff for role in self.roles.values() if role.runoff})

    # The registries are read once per command (`kczy.registries`): rules consult them for every file.
    @cached_property
    def unit_registry(self) -> Registry[Unit]:
        """units.yaml as typed entries with their places, or the findings that say why it cannot be read
        (for validate, which reports them and judges the rest)."""
        path = self.record_path("units")
        return read_units(path, self._registry_read(path))

    @cached_property
    def member_registry(self) -> Registry[Member]:
        """committee.yaml, as `unit_registry`."""
        path = self.record_path("committee")
        return read_members(path, self._registry_read(path))

    def _registry_read(self, path: str) -> tuple[Document | None, tuple[Finding, ...]] | None:
        if path not in self.roles:
            return None
        parsed = self.checked(path)
        return (parsed.document if parsed.readable else None), parsed.findings

    def units(self) -> Mapping[str, Unit]:
        """The registered units by id; raises RegistryUnreadable (the command stops with the findings) when
        units.yaml is missing or cannot be read."""
        return _entries(self.unit_registry)

    def members(self) -> Mapping[str, Member]:
        """The committee's members by id; raises RegistryUnreadable as `units`."""
        return _entries(self.member_registry)

    def application_paths(self) -> dict[str, str]:
        """Application id → path (the first path, if an id is used twice). Computed once: do not modify."""
        return self._application_paths

    @cached_property
    def _application_paths(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for path in self.paths_of("application"):
            found.setdefault(self.roles[path].file_id, path)
        return found

    @cached_property
    def paths_by_application_id(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for path in self.paths_of("application"):
            found.setdefault(self.roles[path].file_id, []).append(path)
        return found

    def applications_by_applicant(self, type_id: str) -> dict[Any, list[str]]:
        """Applicant → paths of that type's applications (not schema-checked; other files are only
        peeked at, so that checking one file stays cheap). Computed once per type: do not modify."""
        if type_id not in self._by_applicant:
            self._by_applicant[type_id] = self._applicants(type_id)
        return self._by_applicant[type_id]

    def _applicants(self, type_id: str) -> dict[Any, list[str]]:
        found: dict[Any, list[str]] = {}
        for path in self.paths_of("application", type_id):
            parsed = self._parsed.get(path)
            if parsed is not None:
                applicant = parsed[0].data.get("applicant") if parsed[0] is not None else None
            else:
                applicant = peek_top_level(self.contents[path], "applicant")
            if isinstance(applicant, str):
                found.setdefault(applicant, []).append(path)
        return found

    def check_all(self, paths: list[str]) -> None:
        """Parse and schema-check `paths` now (when the whole round is checked: the rules then read the
        other files' data instead of peeking at them)."""
        for path in paths:
            self.checked(path)

    def iter_checked(self, paths: list[str]) -> Iterator[ParsedFile]:
        for path in paths:
            yield self.checked(path)


def _entries(registry: Registry[Entry]) -> Mapping[str, Entry]:
    if not registry.readable:
        raise RegistryUnreadable(registry.path, registry.findings)
    return registry.entries
