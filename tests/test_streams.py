"""Every command writes what it produces (reports, the files it wrote, verify's verdicts) on stdout, and
why it stops or what it warns of (the findings that block it, notes, errors) on stderr, after `kczy：`:
`kczy tally --format json > result.json` and `kczy seal … > log` never mix the two."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE_YEAR, copy_project_data, run_kczy
from roundbuilder import PREFIX, dump
from test_sealed import keyed_repo, outside  # noqa: F401 (a fixture)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample round, for commands that stop before they write anything."""
    return copy_project_data(tmp_path_factory.mktemp("streams") / "repo")


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "submissions/nowhere.yaml"],
        ["validate", "README.md"],
        ["tally", "--round", "1999"],
        ["status", "--round", "1999"],
        ["verify", "--round", "1999"],
        ["new", "ballot", "--member", "nobody"],
        ["dossier", "--member", "nobody"],
        ["keys", "new", "--identity-out", "key.txt"],
        ["tally", "--detail-to", "detail.txt"],
    ],
    ids=lambda args: "-".join(args[:2]),
)
def test_a_command_that_stops_says_why_on_stderr_only(sample: Path, args: list[str]) -> None:
    result = run_kczy(*args, cwd=sample)
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert result.stderr.startswith("kczy：") and len(result.stderr.splitlines()) >= 1


def test_verify_gives_its_verdict_on_stdout_and_what_blocks_counting_on_stderr(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    application = sorted((root / "submissions" / SAMPLE_YEAR / "applications").glob("*/*.yaml"))[0]
    application.write_bytes(b"applicant: [\n")  # an application without an applicant: no count is right
    result = run_kczy("verify", cwd=root)
    assert result.returncode == 1
    assert result.stdout.startswith("✗ 无法重新计票")
    assert application.name not in result.stdout
    assert application.name in result.stderr and "yaml.syntax" in result.stderr


def test_seal_refuses_on_stderr_and_reports_the_sealed_ballot_on_stdout(
    tmp_path: Path, outside: Path  # noqa: F811 (the fixture)
) -> None:
    root, _, _ = keyed_repo(tmp_path, outside, [])
    (outside / "bad.yaml").write_bytes(dump({"member": "m1", "votes": ["aa"]}))
    refused = run_kczy("seal", "--member", "m1", str(outside / "bad.yaml"), cwd=root)
    assert refused.returncode == 1 and refused.stdout == ""
    assert "bad.yaml:" in refused.stderr and "kczy：明文选票有以上错误，未加密" in refused.stderr
    (outside / "m1.yaml").write_bytes(dump({"member": "m1", "votes": {"yiye-yibao": ["aa"]}}))
    sealed = run_kczy("seal", "--member", "m1", str(outside / "m1.yaml"), cwd=root)
    assert sealed.returncode == 0, sealed.stderr
    assert sealed.stdout.startswith(f"已写出密封选票 {PREFIX}ballots/m1.yaml\n回执") and sealed.stderr == ""


def test_keys_prints_the_lines_for_round_yaml_on_stdout_and_its_warning_on_stderr(
    tmp_path: Path, outside: Path  # noqa: F811 (the fixture)
) -> None:
    root, _, recipient = keyed_repo(tmp_path, outside, [])
    again = run_kczy("keys", "new", "--identity-out", str(outside / "second.key"), cwd=root)
    assert again.returncode == 0, again.stderr
    assert "tally_recipient: age1" in again.stdout and "注意" not in again.stdout
    assert again.stderr.startswith("kczy：注意：round.yaml 已有计票公钥") and recipient in again.stderr


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["verify", "--identity", "/nonexistent/key.txt"], "文件或目录不存在"),
        (["tally", "--identity", "/"], "这是一个目录，不是文件"),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else "",
)
def test_what_the_system_refuses_is_said_in_chinese(sample: Path, args: list[str], reason: str) -> None:
    result = run_kczy(*args, cwd=sample)
    assert result.returncode == 2, result
    assert reason in result.stderr
    assert "No such file" not in result.stderr and "Is a directory" not in result.stderr
