"""A round's registries read once (kczy.registries): frozen, typed units and members with the places of
their values; a registry that cannot be read is a finding, and every command that needs it stops with it
(exit 1), never a traceback or a bug report."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import PROJECT, SAMPLE_YEAR, git, run_kczy
from kczy.errors import RegistryUnreadable
from kczy.registries import read_members, read_units
from kczy.repo import read_work_tree
from kczy.roundfiles import RoundFiles
from kczy.validate import check_round
from test_site import site_repo

ROUND = f"submissions/{SAMPLE_YEAR}/"
UNITS, COMMITTEE = ROUND + "units.yaml", ROUND + "committee.yaml"
SAMPLE_UNITS = (PROJECT / UNITS).read_text("utf-8")
SAMPLE_COMMITTEE = (PROJECT / COMMITTEE).read_text("utf-8")
# zhang-weimin's affiliations as one text instead of a list (line 13, column 19).
BROKEN_COMMITTEE = SAMPLE_COMMITTEE.replace(
    "    affiliations:\n      - hn-jxgc\n", "    affiliations: hn-jxgc\n", 1
)
# zz-kx's logins as one text (line 9, column 13).
BROKEN_UNITS = SAMPLE_UNITS.replace("    logins:\n      - zz-kx\n", "    logins: zz-kx\n", 1)


def sample() -> RoundFiles:
    return read_work_tree(PROJECT).round_files(SAMPLE_YEAR)


def with_text(path: str, text: str) -> RoundFiles:
    files = sample()
    return RoundFiles(SAMPLE_YEAR, {**{p: files.contents[p] for p in files.roles}, path: text.encode()},
                      files.schemas)


def test_the_sample_units_and_members_typed_with_their_places() -> None:
    files = sample()
    units, members = files.units(), files.members()
    zz = units["zz-kx"]
    assert (zz.name, zz.kind, zz.logins, zz.emails) == (
        "郑州市科学技术协会", "city-association", ("zz-kx",), ("zz-kx@example.org",)
    )
    assert files.unit_registry.place(zz) == (6, 5) and files.unit_registry.place(zz, "logins", 0) == (10, 9)
    zhang = members["zhang-weimin"]
    assert (zhang.name, zhang.role, zhang.affiliations, zhang.signing_key) == (
        "张伟民", "expert", ("hn-jxgc",), None
    )
    assert files.member_registry.place(zhang, "affiliations", 0) == (14, 9)
    assert list(units) == [u.id for u in files.unit_registry.listed]  # the registry's order
    with pytest.raises(dataclasses.FrozenInstanceError):
        zz.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        units["new"] = zz  # type: ignore[index]


def test_a_registry_read_once_per_round() -> None:
    files = sample()
    assert files.unit_registry is files.unit_registry and files.units() is files.units()


@pytest.mark.parametrize(
    ("path", "text", "place"), [(UNITS, BROKEN_UNITS, (9, 13)), (COMMITTEE, BROKEN_COMMITTEE, (13, 19))]
)
def test_a_registry_that_cannot_be_read_gives_findings_and_no_entries(
    path: str, text: str, place: tuple[int, int]
) -> None:
    files = with_text(path, text)
    registry = files.unit_registry if path == UNITS else files.member_registry
    assert not registry.readable and not registry.entries
    assert [(f.path, f.line, f.column) for f in registry.findings][:1] == [(path, *place)]
    with pytest.raises(RegistryUnreadable) as stopped:
        files.units() if path == UNITS else files.members()
    assert f"{path}:{place[0]}:{place[1]}:" in str(stopped.value)


def test_a_missing_registry_is_a_finding() -> None:
    assert [f.code for f in read_units(UNITS, None).findings] == ["cross.missing-registry"]
    assert [f.code for f in read_members(COMMITTEE, None).findings] == ["cross.missing-registry"]


def test_a_repeated_id_is_read_once_and_reported_at_its_second_listing() -> None:
    text = SAMPLE_UNITS + "  - id: zz-kx\n    name: 又一个\n    kind: city-association\n    logins: [zz2]\n"
    files = with_text(UNITS, text)
    assert files.units()["zz-kx"].name == "郑州市科学技术协会"
    assert len(files.unit_registry.listed) == len(files.units()) + 1
    repeated = [f for f in check_round(files, [UNITS]) if f.code == "cross.duplicate-id"]
    assert [(f.line, f.params["other"]) for f in repeated] == [(text.count("\n") - 3, "第 6 行")]


# ------------------------------------------------------------------------------------- every command

COMMANDS = {
    "validate": ["validate"],
    "tally": ["tally"],
    "verify": ["verify"],
    "site": ["site", "{out}"],
    "site-reading-room": ["site", "{out}", "-f", "mkdocs.internal.yml"],
    "dossier": ["dossier", "--output", "{out}"],
    "documents": ["documents", "--output", "{out}"],
    "codeowners": ["codeowners"],
    "allowed-signers": ["allowed-signers"],
    "new-application": ["new", "application", "--type", "yiye-yihui", "--unit", "ly-kx", "--id", "yyyh-x"],
    "new-ballot": ["new", "ballot", "--member", "zhang-weimin"],
}
NEEDS = {
    UNITS: {"validate", "site", "site-reading-room", "dossier", "documents", "codeowners", "new-application"},
    COMMITTEE: {"validate", "tally", "verify", "site", "site-reading-room", "dossier", "documents",
                "allowed-signers", "new-ballot", "codeowners"},
}
REAL_ONLY = {"codeowners", "allowed-signers"}
"""What a sample round leaves out (its invented accounts own nothing): judged on a real round."""


@pytest.fixture(scope="module")
def broken_registries(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, bool], Path]:
    """The sample round in a git repository, once with units.yaml and once with committee.yaml not of the
    shape kczy reads; each also as a real round (`sample: false`)."""
    repos = {}
    for path, text in ((UNITS, BROKEN_UNITS), (COMMITTEE, BROKEN_COMMITTEE)):
        for real in (False, True):
            root = site_repo(tmp_path_factory.mktemp("registry") / "repo")
            (root / path).write_text(text, "utf-8")
            if real:
                round_yaml = root / ROUND / "round.yaml"
                round_yaml.write_text(round_yaml.read_text("utf-8").replace("sample: true", "sample: false"))
            git("init", "-q", "-b", "main", cwd=root)
            git("add", "-A", cwd=root)
            git("commit", "-q", "-m", "broken registry", cwd=root)
            repos[path, real] = root
    return repos


@pytest.mark.parametrize(
    ("path", "command"), [(path, command) for path in (UNITS, COMMITTEE) for command in sorted(NEEDS[path])]
)
def test_every_command_that_needs_a_registry_stops_at_one_that_cannot_be_read(
    broken_registries: dict[tuple[str, bool], Path], tmp_path: Path, command: str, path: str
) -> None:
    root = broken_registries[path, command in REAL_ONLY]
    args = [arg.replace("{out}", str(tmp_path / "out")) for arg in COMMANDS[command]]
    result = run_kczy(*args, "--repo", str(root), cwd=root)
    output = result.stdout + result.stderr
    assert "程序内部出错" not in output
    place = "9:13" if path == UNITS else "13:19"
    assert result.returncode == 1, output
    assert f"{path}:{place}:" in output
    assert not (tmp_path / "out").exists()
