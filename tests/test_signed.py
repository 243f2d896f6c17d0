"""Signed ballots (`voting.signed: true`) on real git: real ed25519 keys, real SSH-signed commits.

The rule (kczy.signing): every non-merge commit that adds or changes a ballot is signed with the key
committee.yaml gives that ballot's member, and the ballot's content is what such a commit wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import GIT_ENV, git, run_kczy
from gitrounds import dated, origin_and_clone
from kczy.signing import BallotCommits, SignatureProblem, SignedCommit, signature_problem
from roundbuilder import PREFIX, dump, make_round, write_files
from test_check_pr import check

YB = "yiye-yibao"
MEMBERS = {f"m{i}": [] for i in range(1, 7)}
APPS = {"aa": (YB, "u-aa", []), "bb": (YB, "u-bb", [])}
IN_VOTING, AFTER = "2030-05-05T10:00", "2030-06-01T09:00"


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A private key file per member, plus `stranger` (a key nobody registered)."""
    folder = tmp_path_factory.mktemp("keys")
    found = {}
    for name in [*MEMBERS, "stranger"]:
        path = folder / name
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"{name}@example.org", "-f", str(path)],
            check=True,
        )
        found[name] = path
    return found


def signed_round(keys: dict[str, Path], without_key: tuple[str, ...] = ()) -> dict[str, bytes]:
    contents = make_round(MEMBERS, APPS, {})
    round_data = json.loads(contents[PREFIX + "round.yaml"])
    round_data["voting"]["signed"] = True
    committee = json.loads(contents[PREFIX + "committee.yaml"])
    for member in committee["members"]:
        member["emails"] = [f"{member['id']}@example.org"]
        if member["id"] not in without_key:
            member["signing_key"] = keys[member["id"]].with_suffix(".pub").read_text().strip()
    contents[PREFIX + "round.yaml"] = dump(round_data)
    contents[PREFIX + "committee.yaml"] = dump(committee)
    return contents


def ballot(member: str, *ids: str) -> dict[str, bytes]:
    return {f"{PREFIX}ballots/{member}.yaml": dump({"member": member, "votes": {YB: list(ids)}})}


def commit(work: Path, contents: dict[str, bytes], message: str, when: str, key: Path | None) -> None:
    write_files(work, contents)
    git("add", "-A", cwd=work)
    signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}"] if key else []
    git(*signing, "commit", "-q", *(["-S"] if key else []), "-m", message, cwd=work, env=dated(when))


def pull_request(work: Path, branch: str, contents: dict[str, bytes], key: Path | None) -> None:
    git("checkout", "-q", "-b", branch, "main", cwd=work)
    commit(work, contents, branch, "2030-05-04T10:00", key)
    git("checkout", "-q", "main", cwd=work)


def merge(work: Path, branch: str, when: str = "2030-05-05T10:00") -> None:
    """The secretariat's merge commit (never signed by a member)."""
    git("merge", "-q", "--no-ff", "-m", f"merge {branch}", branch, cwd=work, env=dated(when))


def tally(work: Path) -> dict:  # type: ignore[type-arg]
    result = run_kczy("tally", "--format", "json", "--now", AFTER, cwd=work)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def work(tmp_path: Path, keys: dict[str, Path]) -> Path:
    return origin_and_clone(tmp_path, signed_round(keys), "2030-03-20T10:00")[1]


def test_only_ballots_signed_by_their_own_member_count(work: Path, keys: dict[str, Path]) -> None:
    pull_request(work, "m1", ballot("m1", "aa"), keys["m1"])  # signed by m1
    pull_request(work, "m2", ballot("m2", "aa"), None)  # unsigned
    pull_request(work, "m3", ballot("m3", "aa"), keys["m1"])  # signed by another member
    pull_request(work, "m4", ballot("m4", "aa"), keys["stranger"])  # signed by an unknown key
    pull_request(work, "m5", ballot("m5", "bb"), keys["m5"])  # signed, then altered while merging
    pull_request(work, "m6", ballot("m6", "bb"), keys["m6"])  # signed, then changed unsigned on main
    for branch in ("m1", "m2", "m3", "m4", "m6"):
        merge(work, branch)
    git("merge", "-q", "--no-ff", "--no-commit", "m5", cwd=work)
    write_files(work, ballot("m5", "aa"))
    git("commit", "-qam", "merge m5", cwd=work, env=dated("2030-05-05T11:00"))
    commit(work, ballot("m6", "aa"), "fix m6", "2030-05-05T12:00", None)

    result = tally(work)
    assert result["signature_check"] == {"status": "checked"}
    assert result["ballots"]["valid"] == ["m1"]
    codes = {b["member"]: b["reason"]["code"] for b in result["ballots"]["invalid"]}
    assert codes == {
        "m2": "signed.unsigned",
        "m3": "signed.other-member",
        "m4": "signed.unknown-key",
        "m5": "signed.content-not-signed",
        "m6": "signed.unsigned",
    }
    reasons = {b["member"]: b["reason"]["params"] for b in result["ballots"]["invalid"]}
    assert reasons["m3"]["other"] == "m1" and "commit" in reasons["m2"]
    assert [(r["application"], r["votes"]) for r in result["types"][YB]["ranking"]] == [("aa", 1), ("bb", 0)]


def test_a_member_without_a_key_cannot_vote_and_validate_says_so(
    tmp_path: Path, keys: dict[str, Path]
) -> None:
    work = origin_and_clone(tmp_path, signed_round(keys, without_key=("m2",)), "2030-03-20T10:00")[1]
    pull_request(work, "m2", ballot("m2", "aa"), keys["m2"])
    merge(work, "m2")
    assert [b["reason"]["code"] for b in tally(work)["ballots"]["invalid"]] == ["signed.no-key"]
    validate = run_kczy("validate", f"{PREFIX}committee.yaml", "--format", "json", cwd=work)
    assert validate.returncode == 1
    findings = json.loads(validate.stdout)
    assert [(f["file"], f["code"]) for f in findings] == [
        (f"{PREFIX}committee.yaml", "signed.member-needs-key")
    ]


def test_a_round_without_signed_ballots_is_unchanged(tmp_path: Path, keys: dict[str, Path]) -> None:
    contents = signed_round(keys)
    round_data = json.loads(contents[PREFIX + "round.yaml"])
    del round_data["voting"]["signed"]
    contents[PREFIX + "round.yaml"] = dump(round_data)
    work = origin_and_clone(tmp_path, contents, "2030-03-20T10:00")[1]
    pull_request(work, "m2", ballot("m2", "aa"), None)
    merge(work, "m2")
    result = tally(work)
    assert result["signature_check"] == {"status": "not-required"} and result["ballots"]["valid"] == ["m2"]


def test_check_pr_refuses_unsigned_and_wrongly_signed_ballots(work: Path, keys: dict[str, Path]) -> None:
    pull_request(work, "own", ballot("m1", "aa"), keys["m1"])
    assert check(work, "own", "m1", IN_VOTING) == (0, [])
    pull_request(work, "unsigned", ballot("m2", "aa"), None)
    assert check(work, "unsigned", "m2", IN_VOTING) == (1, ["signed.unsigned"])
    pull_request(work, "borrowed", ballot("m3", "aa"), keys["m1"])
    assert check(work, "borrowed", "m3", IN_VOTING) == (1, ["signed.other-member"])
    pull_request(work, "stranger", ballot("m4", "aa"), keys["stranger"])
    assert check(work, "stranger", "m4", IN_VOTING) == (1, ["signed.unknown-key"])
    # a signed commit on top of an unsigned one: every commit that writes the ballot must be signed
    git("checkout", "-q", "unsigned", cwd=work)
    commit(work, ballot("m2", "bb"), "again", "2030-05-04T11:00", keys["m2"])
    git("checkout", "-q", "main", cwd=work)
    assert check(work, "unsigned", "m2", IN_VOTING) == (1, ["signed.unsigned"])


def verify_commit(work: Path, signers: Path, rev: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", f"gpg.ssh.allowedSignersFile={signers}", "verify-commit", rev],
        cwd=work, capture_output=True, text=True, env={**os.environ, **GIT_ENV}, check=False,
    )


def test_allowed_signers_output_verifies_the_members_commits(work: Path, keys: dict[str, Path]) -> None:
    result = run_kczy("allowed-signers", cwd=work)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(MEMBERS)
    assert lines[0].startswith('m1@example.org namespaces="git" ssh-ed25519 AAAA')
    signers = work.parent / "allowed_signers"
    written = run_kczy("allowed-signers", "--output", str(signers), cwd=work)
    assert written.returncode == 0 and written.stdout == f"已写出 {signers}（{len(MEMBERS)} 位评委）\n"
    assert signers.read_text("utf-8") == result.stdout
    pull_request(work, "m1", ballot("m1", "aa"), keys["m1"])
    pull_request(work, "m2", ballot("m2", "aa"), keys["stranger"])
    verified = verify_commit(work, signers, "m1")
    assert verified.returncode == 0 and 'Good "git" signature for m1@example.org' in verified.stderr
    assert verify_commit(work, signers, "m2").returncode != 0
    inside = run_kczy("allowed-signers", "--output", f"{PREFIX}signers", cwd=work)
    assert inside.returncode == 2 and "submissions/" in inside.stderr
    assert not (work / PREFIX / "signers").exists()


def test_a_signature_git_cannot_check_is_not_taken_for_a_missing_one() -> None:
    """`%G?` E (e.g. no ssh-keygen on the machine) or B (bad signature): refused as unverifiable."""
    fingerprints: dict[str, str | None] = {"m1": "SHA256:abc"}
    for status in ("E", "B"):
        history = BallotCommits((SignedCommit("f" * 40, status, "", "1" * 40),), "1" * 40)
        problem = signature_problem("m1", fingerprints, history)
        assert problem is not None and problem.code == "signed.bad"
    unsigned = BallotCommits((SignedCommit("f" * 40, "N", "", "1" * 40),), "1" * 40)
    assert signature_problem("m1", fingerprints, unsigned) == SignatureProblem("signed.unsigned", {
        "commit": "f" * 12
    })
    good = BallotCommits((SignedCommit("f" * 40, "G", "SHA256:abc", "1" * 40),), "1" * 40)
    assert signature_problem("m1", fingerprints, good) is None
