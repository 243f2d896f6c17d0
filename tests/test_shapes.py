"""The core does not rely on a year's rules for the shapes it reads (`kczy.shapes`): whatever a year's own
schemas say (here every one of them `{}`), a malformed application, ballot, objection, approval,
announcement, runoff call, confirmation or registry is a finding at its place, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PROJECT, SAMPLE_YEAR, copy_project_data, git, run_kczy
from kczy.repo import read_work_tree
from kczy.roundfiles import RoundFiles
from kczy.schemas import SchemaSet
from kczy.shapes import SHAPES, shape_problems
from kczy.tally.count import tally_blockers, tally_round
from kczy.validate import check_round
from test_site import site_repo

ROUND = f"submissions/{SAMPLE_YEAR}/"
APPLICATION = ROUND + "applications/yiye-yibao/yb-dzxh-dianzi.yaml"
BALLOT = ROUND + "ballots/chen-guoqiang.yaml"
SAMPLE_ROUND = (PROJECT / ROUND / "round.yaml").read_text("utf-8")
HOSTILE = {
    "round-quota": (ROUND + "round.yaml", SAMPLE_ROUND.replace("quota: 2", "quota: [2]", 1), (19, 12)),
    "round-count": (ROUND + "round.yaml", SAMPLE_ROUND.replace("count: calendar", "count: 自然日", 1), None),
    "application": (APPLICATION, "type: yiye-yibao\ntitle: x\napplicant: hn-dzxh\npartners: 5\n", (4, 11)),
    "partner": (APPLICATION, "type: yiye-yibao\napplicant: hn-dzxh\npartners: [{unit: [1]}]\n", (3, 19)),
    "attachment": (APPLICATION, "type: yiye-yibao\napplicant: hn-dzxh\nattachments: [{file: 3}]\n", (3, 22)),
    "ballot-votes": (BALLOT, "member: chen-guoqiang\nvotes: 5\n", (2, 8)),
    "ballot-vote": (BALLOT, "member: chen-guoqiang\nvotes:\n  yiye-yibao: [[1]]\n", (3, 16)),
    "ballot-member": (BALLOT, "votes: {yiye-yibao: []}\n", (1, 1)),
    "objection": (ROUND + "objections/o2021-01.yaml", "application: [1]\nstatus: 5\n", (1, 14)),
    "approval": (ROUND + "approval.yaml", "meeting: m\ntally_sha256: {a: 1}\n", (2, 15)),
    "announcement": (ROUND + "announcement.yaml", "published_on: [2021]\n", (1, 15)),
    "units": (ROUND + "units.yaml", "units:\n  - {id: hn-dzxh, name: 5, kind: x, logins: [a]}\n", (2, 25)),
    "committee": (ROUND + "committee.yaml", "members:\n  - {id: m, name: m, affiliations: x}\n", (2, 36)),
}


@pytest.fixture(scope="module")
def loose_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample round whose own rules are all `{}`: nothing in them says what a file must hold."""
    root = copy_project_data(tmp_path_factory.mktemp("loose") / "repo")
    for schema in (root / ROUND / "schemas").glob("*.json"):
        schema.write_text("{}\n", "utf-8")
    return root


def loose_round(root: Path, changes: dict[str, str]) -> RoundFiles:
    files = read_work_tree(root).round_files(SAMPLE_YEAR)
    contents = {path: files.contents[path] for path in files.roles}
    contents.update({path: text.encode("utf-8") for path, text in changes.items()})
    return RoundFiles(SAMPLE_YEAR, contents, files.schemas)


def test_the_sample_round_is_of_the_shape_the_core_reads() -> None:
    files = read_work_tree(PROJECT).round_files(SAMPLE_YEAR)
    for path, role in files.roles.items():
        if role.kind in SHAPES:
            parsed = files.checked(path)
            assert parsed.readable, path
            assert not [f for f in parsed.findings if f.code.startswith("shape.")], path


def test_a_shape_the_schema_already_refuses_is_said_once() -> None:
    """With the default rules a ballot whose votes are a number gets the schema's finding only; the file
    is still not read further."""
    files = read_work_tree(PROJECT).round_files(SAMPLE_YEAR)
    broken = RoundFiles(SAMPLE_YEAR, {**files.contents, BALLOT: b"member: chen-guoqiang\nvotes: 5\n"},
                        files.schemas)
    parsed = broken.checked(BALLOT)
    assert not parsed.readable and not parsed.ok
    assert [f.code for f in parsed.findings if f.code.startswith("shape.")] == []


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_malformed_file_under_loose_rules_is_a_finding_at_its_place(loose_repo: Path, case: str) -> None:
    path, text, place = HOSTILE[case]
    files = loose_round(loose_repo, {path: text})
    findings = [f for f in check_round(files) if f.path == path and f.code.startswith("shape.")]
    assert findings, case
    assert place is None or (findings[0].line, findings[0].column) == place
    assert "kczy" in findings[0].message and "\n" not in findings[0].message
    assert not files.checked(path).readable


def test_the_tally_lists_a_malformed_ballot_as_invalid_at_its_place(loose_repo: Path) -> None:
    files = loose_round(loose_repo, {BALLOT: "member: chen-guoqiang\nvotes:\n  yiye-yibao: 5\n"})
    outcome = tally_round(files)
    invalid = {b.file: b.reason for b in outcome.ballots.invalid}
    assert invalid[BALLOT].code == "tally.ballot.schema"
    assert dict(invalid[BALLOT].params) == {"line": 3, "column": 15, "finding": "shape.type"}


def test_an_application_the_tally_cannot_read_blocks_it(loose_repo: Path) -> None:
    """Its partners decide recusal: an application whose partners cannot be read stops the tally."""
    files = loose_round(loose_repo, {APPLICATION: HOSTILE["application"][1]})
    assert [parsed.path for parsed in tally_blockers(files)] == [APPLICATION]


# A YAML tree: what a person (or a mistaken tool) might write in any file of a round.
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False, width=16),
    st.sampled_from(["", "yiye-yibao", "hn-dzxh", "chen-guoqiang", "yb-dzxh-dianzi", "2021-09-01", "x"]),
)
KEYS = st.sampled_from([
    "type", "title", "applicant", "partners", "unit", "name", "kind", "attachments", "file", "criterion",
    "member", "votes", "sealed", "yiye-yibao", "application", "status", "admissible", "received_on",
    "tally_sha256", "tally_format", "published_on", "units", "members", "id", "logins", "affiliations",
    "confirms", "types", "opens", "closes", "places", "applications",
])
TREES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)
TARGETS = [
    ROUND + "round.yaml", APPLICATION, BALLOT, ROUND + "objections/o2021-01.yaml", ROUND + "approval.yaml",
    ROUND + "announcement.yaml", ROUND + "units.yaml", ROUND + "committee.yaml",
    ROUND + "partners/hn-dzxh.yaml", ROUND + "runoffs/1/call.yaml", ROUND + "runoffs/1/chen-guoqiang.yaml",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(TARGETS), tree=st.dictionaries(KEYS, TREES, max_size=5))
def test_no_yaml_tree_in_any_file_breaks_validation_or_the_tally(
    loose_repo: Path, target: str, tree: dict[str, object]
) -> None:
    """Under rules that say nothing, the rules that span files and the tally read only what has the
    shape they read: any tree in any file gives findings (or none), never an exception."""
    files = loose_round(loose_repo, {target: yaml.safe_dump(tree, allow_unicode=True)})
    check_round(files)
    if files.reading.settings is not None and not tally_blockers(files):  # else the tally stops, exit 1
        tally_round(files)


def test_the_loose_repo_is_the_sample_with_empty_rules(loose_repo: Path) -> None:
    assert (loose_repo / ROUND / "schemas" / "ballot.schema.json").read_text() == "{}\n"
    assert shape_problems("ballot", {"member": "m", "votes": {"t": ["a"]}}) == []


# ------------------------------------------------------------------------------ every command, for real

COMMANDS = {
    "validate": ["validate"],
    "tally": ["tally"],
    "verify": ["verify"],
    "site": ["site", "{out}"],
    "site-reading-room": ["site", "{out}", "-f", "mkdocs.internal.yml"],
    "documents": ["documents", "--output", "{out}"],
    "dossier": ["dossier", "--output", "{out}"],
    "check-pr": ["check-pr", "--base", "main", "--head", "pr", "--author", "hn-dzxh",
                 "--now", "2021-08-01T10:00"],
    "status": ["status"],
}


def loose_pull_request(root: Path, real: bool) -> Path:
    """A repository of the sample round (as a real round when `real`: check-pr judges only those) under
    rules that are all `{}` (main), and a branch `pr` whose application lists its partners as a number and
    whose ballot its votes."""
    site_repo(root)
    for schema in (root / ROUND / "schemas").glob("*.json"):
        schema.write_text("{}\n", "utf-8")
    if real:
        round_yaml = root / ROUND / "round.yaml"
        round_yaml.write_text(round_yaml.read_text("utf-8").replace("sample: true", "sample: false"), "utf-8")
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "loose rules", cwd=root)
    git("checkout", "-q", "-b", "pr", cwd=root)
    (root / APPLICATION).write_text(HOSTILE["application"][1], "utf-8")
    (root / BALLOT).write_text(HOSTILE["ballot-votes"][1], "utf-8")
    git("commit", "-q", "-am", "partners and votes as numbers", cwd=root)
    return root


@pytest.fixture(scope="module")
def loose_repos(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    base = tmp_path_factory.mktemp("loose-git")
    return {real: loose_pull_request(base / str(real), real) for real in (False, True)}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_reports_a_malformed_application_at_its_place(
    loose_repos: dict[bool, Path], tmp_path: Path, command: str
) -> None:
    """Each command that reads applications stops with the finding (exit 1), never a bug report (exit 2);
    status reads no application and carries on, as it does under the default rules. check-pr judges the
    content of ballots (validate, in the same workflow, that of applications)."""
    args = [arg.replace("{out}", str(tmp_path / "out")) for arg in COMMANDS[command]]
    root = loose_repos[command == "check-pr"]
    result = run_kczy(*args, "--repo", str(root), cwd=root)
    output = result.stdout + result.stderr
    assert "程序内部出错" not in output
    if command == "status":
        assert result.returncode == 0, output
        return
    assert result.returncode == 1, output
    place = f"{BALLOT}:2:8:" if command == "check-pr" else f"{APPLICATION}:4:11:"
    assert place in output and "（shape.type）" in output


def test_an_opened_sealed_ballot_is_read_by_its_shape_too() -> None:
    """A sealed ballot's plaintext is a ballot: under loose rules a malformed one inside the envelope is an
    invalid ballot with its place, not a crash."""
    from roundbuilder import PREFIX, SCHEMAS, make_round
    from test_sealed import KEY, sealed_file, sealed_round

    loose = SchemaSet.from_files({name: {} for name in SCHEMAS.schemas})
    members = {"m1": [], "m2": []}
    round_contents = make_round(members, {"aa": ("yiye-yibao", "u1", [])}, {"m2": {"yiye-yibao": ["aa"]}})
    contents = sealed_round(round_contents)
    path = PREFIX + "ballots/m1.yaml"
    contents[path] = sealed_file("m1", b"member: m1\nvotes:\n  yiye-yibao: 5\n")
    outcome = tally_round(RoundFiles("2030", contents, loose), None, KEY)
    invalid = {b.file: b.reason for b in outcome.ballots.invalid}
    assert invalid[path].code == "tally.ballot.schema"
    assert dict(invalid[path].params) == {"line": 3, "column": 15, "finding": "shape.type"}
    assert outcome.ballots.valid == ("m2",)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(TARGETS), tree=st.dictionaries(KEYS, TREES, max_size=5))
def test_no_yaml_tree_in_any_file_makes_a_command_exit_2(
    loose_repo: Path, target: str, tree: dict[str, object]
) -> None:
    """The class of problem, through the real command line (in process): whatever a file holds, under rules
    that say nothing, validate, tally, verify and status answer 0 or 1, never 2 (a bug or a broken
    environment)."""
    from kczy.cli import main

    file = loose_repo / target
    before = file.read_bytes() if file.exists() else None
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(yaml.safe_dump(tree, allow_unicode=True), "utf-8")
    try:
        for command in (["validate"], ["tally"], ["verify"], ["status", "--now", "2021-10-20T10:00"]):
            assert main([*command, "--repo", str(loose_repo)]) in (0, 1), (command, tree)
    finally:
        if before is None:
            file.unlink()
        else:
            file.write_bytes(before)


def test_under_loose_rules_the_dossier_and_pages_keep_every_type_the_tally_counts(loose_repo: Path) -> None:
    """The types come from round.yaml, as the tally's: rules loosened to `{}` (no x-type-name, no criteria)
    leave each type its catalog name, not a dossier of 0 applications."""
    from kczy.dossier.model import gather_dossier
    from kczy.messages import TYPE_LABELS
    from kczy.site.model import project_types

    files = loose_round(loose_repo, {})
    types = project_types(files)
    assert [t.id for t in types] == list(files.settings.types)
    assert [t.name for t in types] == [TYPE_LABELS[t.id] for t in types]
    dossier = gather_dossier(files)
    assert len(dossier.applications) == len(files.application_paths()) > 0


def test_under_loose_rules_an_attachments_criterion_is_said_with_the_types_name(loose_repo: Path) -> None:
    """With no x-criteria and no x-type-name, validate still names the type in words and says the list of
    criteria is empty: no bare id, nothing left dangling after 可选."""
    from kczy.messages import TYPE_LABELS

    files = loose_round(loose_repo, {})
    said = {f.message for f in check_round(files) if f.code == "attachment.unknown-criterion"}
    name = TYPE_LABELS["yiqi-yiduijie"]
    assert f"附件对应的评审标准“yiqi-yiduijie.2”不是{name}的标准，可选：（空）" in said
