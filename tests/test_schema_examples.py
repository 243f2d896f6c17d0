"""The example folders: for every schema, files that must pass and files that must fail in an exact way.

`tests/examples/<schema>/pass/*.yaml` must validate with no error; `tests/examples/<schema>/fail/*.yaml`
start with one `# expect: <code> <line>:<column>` line per finding and must give exactly those findings.
Each example is copied into a fresh copy of the sample round, at the place where that kind of file lives
(`# place: <path under submissions/2021/>` overrides the default; `# attachment: <application>/<file>`
copies that sample attachment into the example's own attachments folder), and checked by `kczy validate
--format json` as the command runs it (`kczy.commands.validate.run` with its options, in this process: what
is tested is the verdict, not a Python start per run). Examples that can share a round copy (different
places) are checked in one run, so the whole folder costs a few dozen runs.

Failing applications are checked in a round whose types allow many applications per unit
(`max_per_unit`), so that several of them may reuse one applicant; passing applications are checked in the
untouched sample round, with applicants that have not applied for that type yet.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import PROJECT, SAMPLE_YEAR, copy_project_data
from kczy.commands.validate import Options
from kczy.commands.validate import run as validate
from kczy.repo import read_schemas
from kczy.schemas import RECORD_SCHEMAS, TYPE_IDS, SchemaSet

EXAMPLES = PROJECT / "tests" / "examples"
ROUND_DIR = f"submissions/{SAMPLE_YEAR}"
SCHEMA_NAMES = (*TYPE_IDS, *RECORD_SCHEMAS)
EXPECT = re.compile(r"# expect: (\S+) (\d+):(\d+)")
PLACE = re.compile(r"# place: (\S+)")
ATTACHMENT = re.compile(r"# attachment: (\S+)/([^/]+)")

# Constraint keywords that encode a criterion's thresholds; each must fail somewhere under its property.
CRITERION_KEYWORDS = {
    "minItems", "minimum", "exclusiveMinimum", "maximum", "enum", "const", "pattern", "format",
}

Expected = tuple[str, int, int]


@dataclass(frozen=True)
class Example:
    file: Path
    schema: str
    verdict: str  # "pass" or "fail"
    place: str  # repository-relative path where the example is checked
    expected: tuple[Expected, ...]
    attachments: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        return f"{self.schema}/{self.verdict}/{self.file.stem}"


def default_place(schema: str, stem: str) -> str:
    if schema in TYPE_IDS:
        return f"{ROUND_DIR}/applications/{schema}/{stem}.yaml"
    if schema == "objection":
        return f"{ROUND_DIR}/objections/{stem}.yaml"
    if schema == "ballot":
        return f"{ROUND_DIR}/ballots/sun-zhigang.yaml"
    return f"{ROUND_DIR}/{schema}.yaml"


def read_example(file: Path) -> Example:
    schema, verdict = file.parent.parent.name, file.parent.name
    header = []
    for line in file.read_text("utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    expected = tuple((m[1], int(m[2]), int(m[3])) for line in header if (m := EXPECT.fullmatch(line)))
    places = [m[1] for line in header if (m := PLACE.fullmatch(line))]
    place = f"{ROUND_DIR}/{places[0]}" if places else default_place(schema, file.stem)
    attachments = tuple((m[1], m[2]) for line in header if (m := ATTACHMENT.fullmatch(line)))
    return Example(file, schema, verdict, place, expected, attachments)


def all_examples() -> list[Example]:
    return [read_example(file) for file in sorted(EXAMPLES.glob("*/*/*.yaml"))]


def batches(examples: list[Example]) -> list[list[Example]]:
    """Examples of one schema folder and verdict, packed into as few runs as their places allow."""
    groups: dict[tuple[str, str], list[list[Example]]] = {}
    for example in examples:
        runs = groups.setdefault((example.schema, example.verdict), [])
        for run in runs:
            if all(other.place != example.place for other in run):
                run.append(example)
                break
        else:
            runs.append([example])
    return [run for runs in groups.values() for run in runs]


def relax_applications_per_unit(root: Path) -> None:
    path = root / ROUND_DIR / "round.yaml"
    text = path.read_text("utf-8")
    relaxed = re.sub(r"(?m)^(  (?:" + "|".join(TYPE_IDS) + r"):\n)", r"\1    max_per_unit: 999\n", text)
    assert relaxed.count("max_per_unit: 999") == len(TYPE_IDS)
    path.write_text(relaxed, "utf-8")


@dataclass(frozen=True)
class Outcome:
    returncode: int
    findings: tuple[dict[str, Any], ...]

    @property
    def places(self) -> list[Expected]:
        return [(f["code"], f["line"], f["column"]) for f in self.findings]


def check_batch(run: list[Example], root: Path) -> dict[Path, Outcome]:
    """Copy the run's examples into a fresh sample round and validate them in one command."""
    copy_project_data(root)  # like the `sample_repo` fixture, less git: validation never reads history
    if run[0].verdict == "fail" and run[0].schema in TYPE_IDS:
        relax_applications_per_unit(root)
    for example in run:
        target = root / example.place
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(example.file, target)
        for application, name in example.attachments:
            folder = root / ROUND_DIR / "attachments"
            (folder / example.file.stem).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / application / name, folder / example.file.stem / name)
    returncode, findings = validate_json(root, [e.place for e in run])
    assert returncode in (0, 1), findings
    assert {f["file"] for f in findings} <= {e.place for e in run}, findings
    return {e.file: Outcome(returncode, tuple(f for f in findings if f["file"] == e.place)) for e in run}


def validate_json(root: Path, places: list[str]) -> tuple[int, list[dict[str, Any]]]:
    """`kczy validate --format json PLACES` in the repository `root`: its exit status and its findings."""
    options = Options(repo=str(root), paths=tuple(str(root / p) for p in places), round=None, format="json")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        returncode = validate(options)
    findings: list[dict[str, Any]] = json.loads(printed.getvalue())
    return returncode, findings


def check_all(examples: list[Example], scratch: Path) -> dict[Path, Outcome]:
    outcomes: dict[Path, Outcome] = {}
    for index, run in enumerate(batches(examples)):
        outcomes.update(check_batch(run, scratch / f"run{index}"))
    return outcomes


EXAMPLE_LIST = all_examples()

# Examples whose expectation is right and whose current result is not: each is a bug to fix in src/.
KNOWN_BUGS: dict[str, str] = {}


def _param(example: Example) -> Any:
    bug = KNOWN_BUGS.get(example.name)
    marks = [pytest.mark.xfail(reason=bug, strict=True)] if bug else []
    return pytest.param(example, id=example.name, marks=marks)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Outcome]:
    return check_all(EXAMPLE_LIST, tmp_path_factory.mktemp("examples"))


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    return read_schemas(PROJECT)


def test_every_schema_has_passing_and_failing_examples() -> None:
    found = {(e.schema, e.verdict) for e in EXAMPLE_LIST}
    assert found == {(name, verdict) for name in SCHEMA_NAMES for verdict in ("pass", "fail")}
    assert {path.name for path in EXAMPLES.iterdir() if path.is_dir()} == set(SCHEMA_NAMES)
    for type_id in TYPE_IDS:
        assert sum(e.schema == type_id and e.verdict == "pass" for e in EXAMPLE_LIST) >= 2, type_id


def test_fail_examples_state_their_findings_and_pass_examples_none() -> None:
    for example in EXAMPLE_LIST:
        if example.verdict == "fail":
            assert example.expected, f"{example.name}: no '# expect:' line"
            assert example.file.read_text("utf-8").startswith("# expect: "), example.name
        else:
            assert not example.expected, example.name


@pytest.mark.parametrize("example", [_param(example) for example in EXAMPLE_LIST])
def test_example(example: Example, outcomes: dict[Path, Outcome]) -> None:
    outcome = outcomes[example.file]
    if example.verdict == "pass":
        errors = [f for f in outcome.findings if f["severity"] == "error"]
        assert outcome.returncode == 0 and not errors, errors
    else:
        shown = json.dumps(outcome.findings, ensure_ascii=False, indent=1)
        assert outcome.places == list(example.expected), shown
        if any(f["severity"] == "error" for f in outcome.findings):
            assert outcome.returncode == 1


def criterion_properties(schemas: SchemaSet) -> Iterator[tuple[str, str, set[str]]]:
    """(type, property, constraint keywords found anywhere under it) for every `x-criterion` property."""
    for type_id in TYPE_IDS:
        for key, spec in schemas.type_schema(type_id)["properties"].items():
            if "x-criterion" in spec:
                yield type_id, key, _keywords(schemas, type_id, spec)


def _keywords(schemas: SchemaSet, name: str, node: dict[str, Any]) -> set[str]:
    resolved = schemas.resolve(name, node)
    found = CRITERION_KEYWORDS & set(resolved)
    children = [
        *resolved.get("properties", {}).values(), *resolved.get("oneOf", []), *resolved.get("anyOf", []),
    ]
    if isinstance(resolved.get("items"), dict):
        children.append(resolved["items"])
    for child in children:
        found |= _keywords(schemas, name, child)
    return found


def _fail_findings(outcomes: dict[Path, Outcome], type_id: str) -> list[dict[str, Any]]:
    return [
        finding
        for example in EXAMPLE_LIST
        if example.schema == type_id and example.verdict == "fail"
        for finding in outcomes[example.file].findings
    ]


def _under(pointer: str, key: str) -> bool:
    return pointer == f"/{key}" or pointer.startswith(f"/{key}/")


def test_every_criterion_property_has_a_failing_example(
    schemas: SchemaSet, outcomes: dict[Path, Outcome]
) -> None:
    missing = []
    for type_id, key, _ in criterion_properties(schemas):
        findings = _fail_findings(outcomes, type_id)
        if not any(_under(f["pointer"], key) for f in findings):
            missing.append(f"{type_id}/{key}")
        if not any(f["code"] == "schema.required" and f["pointer"] == f"/{key}" for f in findings):
            missing.append(f"{type_id}/{key}: missing")
    assert not missing


def test_every_constraint_of_a_criterion_has_a_failing_example(
    schemas: SchemaSet, outcomes: dict[Path, Outcome]
) -> None:
    missing = []
    for type_id, key, keywords in criterion_properties(schemas):
        findings = _fail_findings(outcomes, type_id)
        for keyword in sorted(keywords):
            # One mistake, one message: a date or e-mail that breaks both its pattern and its format is
            # reported once, as schema.format, so a format example there covers the pattern beside it too.
            codes = {f"schema.{keyword}", *(["schema.format"] if keyword == "pattern" else [])}
            if not any(f["code"] in codes and _under(f["pointer"], key) for f in findings):
                missing.append(f"{type_id}/{key}: {keyword}")
    assert not missing
