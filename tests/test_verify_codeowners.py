"""`kczy verify` on the sample round and a tampered copy; the shipped CODEOWNERS is current."""

from __future__ import annotations

from pathlib import Path

from conftest import PROJECT, SAMPLE_YEAR, copy_project_data, run_kczy


def test_verify_the_sample_round_matches(tmp_path: Path) -> None:
    result = run_kczy("verify", cwd=copy_project_data(tmp_path / "repo"))
    assert result.returncode == 0, result.stdout
    assert "✓ 计票结果与党组审议锁定的哈希值一致" in result.stdout and "全部一致。" in result.stdout


def test_verify_and_validate_report_a_ballot_changed_after_the_approval(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    ballot = sorted((root / "submissions" / SAMPLE_YEAR / "ballots").glob("*.yaml"))[0]
    ballot.write_bytes(ballot.read_bytes() + b"# changed\n")
    result = run_kczy("verify", cwd=root)
    assert result.returncode == 1 and "✗ 计票结果与党组审议锁定的哈希值不一致" in result.stdout
    validate = run_kczy("validate", "--round", SAMPLE_YEAR, "--format", "json", cwd=root)
    assert '"code": "approval.hash-mismatch"' in validate.stdout


def test_verify_fails_when_the_approval_cannot_be_read(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    approval = root / "submissions" / SAMPLE_YEAR / "approval.yaml"
    for broken in (b"approved_on: [\n", b"- 1\n"):
        approval.write_bytes(broken)
        result = run_kczy("verify", cwd=root)
        assert result.returncode == 1 and "全部一致" not in result.stdout, result.stdout
        assert "✗" in result.stdout and "approval.yaml" in result.stdout


def test_verify_fails_when_an_objection_cannot_be_read(tmp_path: Path) -> None:
    # o2021-01 is upheld: its project is not announced. Broken, it must not simply be skipped.
    root = copy_project_data(tmp_path / "repo")
    objection = root / "submissions" / SAMPLE_YEAR / "objections" / "o2021-01.yaml"
    objection.write_bytes(objection.read_bytes().replace("status: 成立".encode(), "status: [成立".encode()))
    result = run_kczy("verify", cwd=root)
    assert result.returncode == 1 and "全部一致" not in result.stdout, result.stdout
    assert "o2021-01" in result.stdout


def test_the_shipped_codeowners_is_current() -> None:
    result = run_kczy("codeowners", "--check", cwd=PROJECT)
    assert result.returncode == 0, result.stderr


def test_codeowners_check_notices_a_new_member(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    round_yaml = root / "submissions" / SAMPLE_YEAR / "round.yaml"
    round_yaml.write_text(round_yaml.read_text("utf-8").replace("sample: true", "sample: false", 1), "utf-8")
    assert run_kczy("codeowners", cwd=root).returncode == 0
    text = (root / ".github" / "CODEOWNERS").read_text("utf-8")
    assert "\n* @hnkx-secretariat @hnkx-xueshu\n" in text
    assert (
        f"/submissions/{SAMPLE_YEAR}/ballots/zhang-weimin.yaml @hnkx-secretariat @hnkx-xueshu @zhang-weimin"
        in text
    )
    committee = root / "submissions" / SAMPLE_YEAR / "committee.yaml"
    committee.write_text(
        committee.read_text("utf-8").replace("- zhang-weimin\n", "- zhang-weimin-new\n", 1), "utf-8"
    )
    assert run_kczy("codeowners", "--check", cwd=root).returncode == 1


def test_a_sample_round_grants_nothing_in_codeowners(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    assert run_kczy("codeowners", cwd=root).returncode == 0
    text = (root / ".github" / "CODEOWNERS").read_text("utf-8")
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules == []  # no `*` for the sample's secretariat, no line for its units or members
    # With a real round next to the sample, its secretariat owns everything, the sample included.
    real = root / "submissions" / "2022"
    real.mkdir()
    for name in ("round.yaml", "units.yaml", "committee.yaml"):
        text = (root / "submissions" / SAMPLE_YEAR / name).read_text("utf-8")
        if name == "round.yaml":
            text = text.replace("sample: true", "sample: false").replace("hnkx-xueshu", "hnkx-2022")
            text = text.replace("year: 2021", "year: 2022")
        (real / name).write_text(text, "utf-8")
    assert run_kczy("codeowners", cwd=root).returncode == 0
    text = (root / ".github" / "CODEOWNERS").read_text("utf-8")
    assert "\n* @hnkx-2022 @hnkx-secretariat\n" in text
    assert f"/submissions/{SAMPLE_YEAR}/" not in text
