"""Sealed ballots: known answers against the plain tally, every invalid envelope, and the real `age` tool."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyrage
import pytest
from pyrage import x25519

import test_tally
from conftest import git, run_kczy
from gitrounds import origin_and_clone
from kczy.layout import classify
from kczy.messages import render_message
from kczy.sealed import new_identity, parse_identity, render_sealed_ballot, seal
from kczy.tally.count import tally_round as count_round
from kczy.tally.record import render_json, tally_record
from kczy.validate import check_round
from roundbuilder import PREFIX, dump, make_round, new_repo, round_files
from test_check_pr import check, pull_request

YB = "yiye-yibao"
KEY_TEXT, RECIPIENT = new_identity()
KEY = parse_identity(KEY_TEXT)
_, OTHER_RECIPIENT = new_identity()
SCHEMA_URL = "../schemas/ballot.schema.json"
M3 = {"m1": [], "m2": [], "m3": []}
AFTER = ("--now", "2030-05-11T10:00")


def sealed_file(member: Any, plaintext: bytes, recipient: str = RECIPIENT) -> bytes:
    return render_sealed_ballot(str(member), seal(plaintext, recipient), SCHEMA_URL).encode("utf-8")


def with_voting(contents: dict[str, bytes], **voting: Any) -> dict[str, bytes]:
    data = json.loads(contents[PREFIX + "round.yaml"])
    data["voting"] |= voting
    return {**contents, PREFIX + "round.yaml": dump(data)}


def sealed_round(contents: dict[str, bytes]) -> dict[str, bytes]:
    """The same round with `voting.sealed` and every ballot (runoffs too) sealed, the plain file inside."""
    out = with_voting(contents, tally_recipient=RECIPIENT, sealed=True)
    for path, body in contents.items():
        role = classify(path)
        if role is not None and role.kind == "ballot":
            out[path] = sealed_file(json.loads(body)["member"], body)
    return out


def ballot_paths(contents: dict[str, bytes]) -> list[str]:
    return sorted(p for p in contents if (role := classify(p)) is not None and role.kind == "ballot")


def tally_round(files: Any, provenance: Any = None, key: Any = None) -> dict[str, Any]:
    """The tally's record as plain data, as `kczy tally --format json` writes it."""
    return tally_record(count_round(files, provenance, key))


SCENARIOS = [getattr(test_tally, name) for name in sorted(dir(test_tally)) if name.startswith("test_")]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda f: f.__name__.removeprefix("test_"))
def test_every_tally_scenario_sealed_gives_the_same_bytes_but_receipts(
    scenario: Callable[[], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each known-answer scenario of the plain tally runs again with sealed copies of its ballots: the
    tally JSON is byte-identical except `receipts` and `inputs_sha256` (the hash of the input bytes,
    which are not the same bytes)."""
    original = test_tally.tally
    compared = []

    def both(contents: dict[str, bytes], provenance: Any = None) -> dict[str, Any]:
        plain = original(contents, provenance)
        sealed_contents = sealed_round(contents)
        sealed = tally_round(round_files(sealed_contents), provenance, KEY)
        receipts = sealed.pop("receipts")
        assert plain.pop("receipts") == []
        assert [r["file"] for r in receipts] == ballot_paths(contents)
        for receipt in receipts:
            armour = json_free_armour(sealed_contents[receipt["file"]])
            assert receipt["sha256"] == hashlib.sha256(dearmour(armour)).hexdigest()
        assert sealed["inputs_sha256"] != plain["inputs_sha256"]
        same = {**sealed, "inputs_sha256": plain["inputs_sha256"]}
        assert render_json(same) == render_json(plain)
        compared.append(scenario)
        return plain

    monkeypatch.setattr(test_tally, "tally", both)
    scenario()
    assert compared


def json_free_armour(ballot_file: bytes) -> str:
    """The armour inside a sealed ballot file, as `sed -n 's/^  //p'` extracts it."""
    return "".join(line[2:] + "\n" for line in ballot_file.decode().splitlines() if line.startswith("  "))


def dearmour(text: str) -> bytes:
    body = [line.strip() for line in text.splitlines() if not line.startswith("-----")]
    return base64.b64decode("".join(body))


def armour(binary: bytes) -> str:
    encoded = base64.b64encode(binary).decode()
    lines = [encoded[i : i + 64] for i in range(0, len(encoded), 64)]
    begin, end = "-----BEGIN AGE ENCRYPTED FILE-----", "-----END AGE ENCRYPTED FILE-----"
    return "\n".join([begin, *lines, end]) + "\n"


def plain(member: str, *ids: str) -> bytes:
    return dump({"member": member, "votes": {YB: list(ids)}})


def envelope_text(text: str, member: str = "m1") -> bytes:
    body = "".join(f"  {line}\n" for line in text.strip("\n").split("\n"))
    return f"member: {member}\nsealed: |\n{body}".encode()


def _corrupt_line(text: str) -> str:
    lines = text.split("\n")
    lines[2] = "!" + lines[2][1:]
    return "\n".join(lines)


def _flip_payload(text: str) -> str:
    binary = bytearray(dearmour(text))
    binary[-1] ^= 1
    return armour(bytes(binary))


GOOD = seal(plain("m1", "aa"), RECIPIENT)
SCRYPT = armour(bytes(pyrage.passphrase.encrypt(plain("m1", "aa"), "口令")))
TWO = bytes(
    pyrage.encrypt(plain("m1", "aa"), [x25519.Recipient.from_str(RECIPIENT),
                                         x25519.Recipient.from_str(OTHER_RECIPIENT)], armored=True)
).decode()

# name → (m1's ballot file, the code validate and check-pr give (None: nothing to see without the key),
#          the tally's code)
INVALID: dict[str, tuple[bytes, str | None, str]] = {
    "not-age": (envelope_text("member: m1\nvotes: {}"), "sealed.not-age", "sealed.not-age"),
    "truncated": (envelope_text(GOOD.rsplit("-----END", 1)[0]), "sealed.armour-truncated",
                  "sealed.armour-truncated"),
    "corrupted-armour": (envelope_text(_corrupt_line(GOOD)), "sealed.armour-corrupted",
                         "sealed.armour-corrupted"),
    "not-an-age-header": (envelope_text(armour(b"age-encryption.org/v1\nnonsense\n")),
                          "sealed.header-corrupted", "sealed.header-corrupted"),
    "armoured-but-not-age": (envelope_text(armour(b"-----BEGIN PGP MESSAGE-----")), "sealed.not-age",
                             "sealed.not-age"),
    "passphrase": (envelope_text(SCRYPT), "sealed.passphrase", "sealed.passphrase"),
    "two-recipients": (envelope_text(TWO), "sealed.recipient-count", "sealed.recipient-count"),
    "wrong-recipient": (sealed_file("m1", plain("m1", "aa"), OTHER_RECIPIENT), None,
                        "sealed.wrong-recipient"),
    "corrupted-ciphertext": (envelope_text(_flip_payload(GOOD)), None, "sealed.corrupted"),
    "inner-member-differs": (sealed_file("m1", plain("m2", "aa")), None, "sealed.member-mismatch"),
    "inner-fails-schema": (sealed_file("m1", dump({"member": "m1", "votes": ["aa"]})), None,
                           "tally.ballot.schema"),
    "inner-not-plain": (sealed_file("m1", sealed_file("m1", plain("m1", "aa"))), None,
                        "sealed.inner-not-plain"),
    "plain-in-sealed-round": (plain("m1", "aa"), "sealed.plain-refused", "sealed.plain-refused"),
}


def three_sealed() -> dict[str, bytes]:
    return sealed_round(make_round(M3, {"aa": (YB, "u1", [])}, {m: {YB: ["aa"]} for m in M3}))


def codes_at(findings: list[Any], path: str) -> list[str]:
    return [f.code for f in findings if f.path == path and f.severity == "error"]


@pytest.mark.parametrize("case", INVALID, ids=str)
def test_an_invalid_sealed_ballot_is_refused_with_its_reason(case: str) -> None:
    body, seen_without_key, tally_code = INVALID[case]
    contents = three_sealed()
    path = PREFIX + "ballots/m1.yaml"
    contents[path] = body
    files = round_files(contents)
    assert codes_at(check_round(files), path) == ([seen_without_key] if seen_without_key else [])
    result = tally_round(files, None, KEY)
    [invalid] = result["ballots"]["invalid"]
    assert (invalid["file"], invalid["reason"]["code"]) == (path, tally_code)
    assert result["ballots"]["valid"] == ["m2", "m3"]
    said = render_message(invalid["reason"]["code"], invalid["reason"]["params"])
    assert "整张无效" in said or tally_code == "tally.ballot.schema"


def test_the_envelope_problem_is_reported_at_the_sealed_key() -> None:
    contents = three_sealed()
    path = PREFIX + "ballots/m1.yaml"
    contents[path] = INVALID["corrupted-armour"][0]
    [finding] = [f for f in check_round(round_files(contents)) if f.path == path]
    assert (finding.line, finding.column, finding.params) == (2, 1, {"line": 3})
    assert "第 3 行已损坏" in finding.message


def test_a_copied_ciphertext_voids_only_the_copy() -> None:
    contents = three_sealed()
    copied = contents[PREFIX + "ballots/m1.yaml"].replace(b"member: m1", b"member: m2")
    contents[PREFIX + "ballots/m2.yaml"] = copied
    files = round_files(contents)
    findings = check_round(files)  # no key, no history: which one is the copy cannot be told
    assert codes_at(findings, PREFIX + "ballots/m1.yaml") == ["sealed.reused"]
    assert codes_at(findings, PREFIX + "ballots/m2.yaml") == ["sealed.reused"]
    result = tally_round(files, None, KEY)  # the content names m1: m2's ballot is the copy
    invalid = [(b["member"], b["reason"]["code"]) for b in result["ballots"]["invalid"]]
    assert invalid == [("m2", "sealed.copied")]
    assert result["ballots"]["invalid"][0]["reason"]["params"] == {"original": PREFIX + "ballots/m1.yaml"}
    assert result["ballots"]["valid"] == ["m1", "m3"]
    without_key = tally_round(files, None, None)  # neither content nor history: both are void
    assert {(b["member"], b["reason"]["code"]) for b in without_key["ballots"]["invalid"]} >= {
        ("m1", "sealed.reused"), ("m2", "sealed.reused"),
    }


@pytest.mark.parametrize("copy_first", [False, True], ids=["copy-merged-later", "copy-merged-first"])
def test_copying_a_ballot_from_an_open_pull_request_does_not_void_it(
    tmp_path: Path, copy_first: bool
) -> None:
    """m2 copies m1's envelope from m1's open pull request into their own ballot; both are merged."""
    from gitrounds import dated

    two = {"aa": (YB, "u1", []), "bb": (YB, "u2", [])}
    contents = with_voting(make_round(M3, two, {}), tally_recipient=RECIPIENT, sealed=True)
    work = origin_and_clone(tmp_path, contents, "2030-02-01T10:00")[1]
    original = sealed_file("m1", plain("m1", "aa"))
    pull_request(work, "m1", {PREFIX + "ballots/m1.yaml": original})
    pull_request(work, "m2", {PREFIX + "ballots/m2.yaml": original.replace(b"member: m1", b"member: m2", 1)})
    pull_request(work, "m3", {PREFIX + "ballots/m3.yaml": sealed_file("m3", plain("m3", "bb"))})
    order = ["m2", "m1", "m3"] if copy_first else ["m1", "m2", "m3"]
    for day, branch in enumerate(order, start=5):
        when = dated(f"2030-05-0{day}T10:00")
        git("merge", "-q", "--no-ff", "-m", f"merge {branch}", branch, cwd=work, env=when)
    result = run_kczy("tally", "--format", "json", *AFTER, cwd=work, env={"KCZY_TALLY_IDENTITY": KEY_TEXT})
    assert result.returncode == 0, result.stderr
    tally = json.loads(result.stdout)
    assert tally["ballots"]["valid"] == ["m1", "m3"]
    invalid = [(b["member"], b["reason"]["code"]) for b in tally["ballots"]["invalid"]]
    assert invalid == [("m2", "sealed.copied")]
    assert [(r["application"], r["votes"]) for r in tally["types"][YB]["ranking"]] == [("aa", 1), ("bb", 1)]
    validate = run_kczy("validate", "--format", "json", cwd=work)
    found = [(f["file"], f["code"], f["severity"]) for f in json.loads(validate.stdout)]
    later = "m1" if copy_first else "m2"  # without the key validate can only go by the time on main
    assert [f for f in found if f[1].startswith("sealed.")] == [
        (f"{PREFIX}ballots/{later}.yaml", "sealed.copied", "warning")
    ]
    if not copy_first:
        keyless = json.loads(run_kczy("tally", "--format", "json", *AFTER, cwd=work,
                                      env={"KCZY_TALLY_IDENTITY": ""}).stdout)
        assert {(b["member"], b["reason"]["code"]) for b in keyless["ballots"]["invalid"]} == {
            ("m1", "sealed.no-identity"), ("m2", "sealed.copied"), ("m3", "sealed.no-identity"),
        }


def test_without_the_identity_no_sealed_ballot_counts_and_the_tally_says_so() -> None:
    result = tally_round(round_files(three_sealed()), None, None)
    assert result["ballots"]["valid"] == []
    assert {b["reason"]["code"] for b in result["ballots"]["invalid"]} == {"sealed.no-identity"}
    assert "tally.note.sealed-no-identity" in [n["code"] for n in result["notes"]]
    assert len(result["receipts"]) == 3


def test_round_configuration() -> None:
    contents = make_round(M3, {"aa": (YB, "u1", [])}, {})
    no_recipient = with_voting(contents, sealed=True)
    assert codes_at(check_round(round_files(no_recipient)), PREFIX + "round.yaml") == [
        "sealed.round-needs-recipient"
    ]
    contents[PREFIX + "ballots/m1.yaml"] = sealed_file("m1", plain("m1", "aa"))
    path = PREFIX + "ballots/m1.yaml"
    assert codes_at(check_round(round_files(contents)), path) == ["sealed.no-round-recipient"]
    # Without voting.sealed, plain and sealed ballots may be mixed: both count.
    contents = with_voting(contents, tally_recipient=RECIPIENT)
    contents[PREFIX + "ballots/m2.yaml"] = plain("m2", "aa")
    assert codes_at(check_round(round_files(contents)), path) == []
    assert tally_round(round_files(contents), None, KEY)["ballots"]["valid"] == ["m1", "m2"]


def test_the_identity_text_is_never_repr_or_error_text() -> None:
    assert KEY_TEXT not in repr(KEY)
    with pytest.raises(ValueError) as raised:
        parse_identity(KEY_TEXT[:-3] + "QQQ")
    assert KEY_TEXT[20:40] not in str(raised.value)


# --- the command line, the real `age` tool and git ---------------------------------------------------


def run_age(*args: str, stdin: bytes) -> bytes:
    return subprocess.run(["age", *args], input=stdin, capture_output=True, check=True, timeout=60).stdout


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


def keyed_repo(tmp_path: Path, outside: Path, outputs: list[str]) -> tuple[Path, Path, str]:
    """A review repository without ballots, an identity from `kczy keys new`, its recipient in round.yaml."""
    root = new_repo(tmp_path / "repo", make_round(M3, {"aa": (YB, "u1", []), "bb": (YB, "u2", [])}, {}))
    identity = outside / "tally.key"
    result = run_kczy("keys", "new", "--identity-out", str(identity), cwd=root)
    outputs += [result.stdout, result.stderr]
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(identity.stat().st_mode) == 0o600
    recipient = next(line.split(": ")[1] for line in result.stdout.splitlines() if "tally_recipient:" in line)
    round_path = root / PREFIX / "round.yaml"
    data = json.loads(round_path.read_bytes())
    data["voting"] |= {"tally_recipient": recipient, "sealed": True}
    round_path.write_bytes(dump(data))
    return root, identity, recipient


def test_keys_new_refuses_a_path_in_the_repository_and_overwriting(tmp_path: Path, outside: Path) -> None:
    root, identity, recipient = keyed_repo(tmp_path, outside, [])
    assert identity.read_text().splitlines()[1] == f"# public key: {recipient}"
    inside = run_kczy("keys", "new", "--identity-out", str(root / "key.txt"), cwd=root)
    assert inside.returncode == 2 and "仓库之内" in inside.stderr and not (root / "key.txt").exists()
    before = identity.read_bytes()
    again = run_kczy("keys", "new", "--identity-out", str(identity), cwd=root)
    # A file there is refused as kczy new, approve and seal refuse it: exit 1, the one catalog entry.
    assert again.returncode == 1 and again.stdout == ""
    assert again.stderr == f"kczy：不能新建 {identity}：文件已经存在，不会覆盖（new.exists）\n"
    assert identity.read_bytes() == before


def test_round_trip_with_the_age_tool_both_ways(tmp_path: Path, outside: Path) -> None:
    outputs: list[str] = []
    root, identity, recipient = keyed_repo(tmp_path, outside, outputs)
    # m1 seals with kczy; the standard tool opens it with the identity kczy wrote.
    (outside / "m1.yaml").write_bytes(plain("m1", "aa", "bb"))
    sealed = run_kczy("seal", "--member", "m1", str(outside / "m1.yaml"), cwd=root)
    outputs += [sealed.stdout, sealed.stderr]
    assert sealed.returncode == 0, sealed.stdout + sealed.stderr
    m1 = root / PREFIX / "ballots/m1.yaml"
    armoured = json_free_armour(m1.read_bytes())
    assert run_age("-d", "-i", str(identity), stdin=armoured.encode()) == plain("m1", "aa", "bb")
    receipt = hashlib.sha256(dearmour(armoured)).hexdigest()
    assert receipt in sealed.stdout
    again = run_kczy("seal", "--member", "m1", str(outside / "m1.yaml"), cwd=root)
    assert again.returncode == 1 and again.stdout == "", again  # a file there: 1, as kczy new and approve
    refusal = f"kczy：不能新建 {PREFIX}ballots/m1.yaml：文件已经存在，不会覆盖（new.exists）\n"
    assert again.stderr.endswith(refusal)
    assert json_free_armour(m1.read_bytes()) == armoured
    # m2 and m3 seal with the standard tool, exactly as the README says; kczy's tally opens them.
    for member, ids in (("m2", "aa"), ("m3", "bb")):
        (outside / f"{member}.yaml").write_bytes(plain(member, ids))
        script = (
            f'{{ echo "member: {member}"; echo "sealed: |"; age -r "{recipient}" -a "{outside}/{member}.yaml"'
            f" | sed 's/^/  /'; }} > {PREFIX}ballots/{member}.yaml"
        )
        subprocess.run(["bash", "-c", script], cwd=root, check=True)
    validated = run_kczy("validate", f"{PREFIX}ballots", f"{PREFIX}round.yaml", cwd=root)
    assert validated.returncode == 0, validated.stdout
    tallied = run_kczy("tally", "--format", "json", "--identity", str(identity), *AFTER, cwd=root)
    outputs += [validated.stdout, tallied.stdout, tallied.stderr]
    result = json.loads(tallied.stdout)
    assert result["ballots"]["valid"] == ["m1", "m2", "m3"]
    assert [(r["application"], r["votes"]) for r in result["types"][YB]["ranking"]] == [("aa", 2), ("bb", 2)]
    assert next(r["sha256"] for r in result["receipts"] if r["member"] == "m1") == receipt
    # The identity from the environment (a CI secret) gives the same bytes; the text form lists receipts.
    secret_env = {"KCZY_TALLY_IDENTITY": identity.read_text()}
    from_env = run_kczy("tally", "--format", "json", *AFTER, cwd=root, env=secret_env)
    assert from_env.stdout == tallied.stdout
    text = run_kczy("tally", *AFTER, cwd=root, env=secret_env)
    assert receipt in text.stdout and "密封选票回执" in text.stdout
    outputs += [from_env.stderr, text.stdout, text.stderr]
    without = run_kczy("tally", "--format", "json", *AFTER, cwd=root, env={"KCZY_TALLY_IDENTITY": ""})
    assert json.loads(without.stdout)["ballots"]["valid"] == []
    for stream in outputs:
        assert KEY_TEXT not in stream
        assert identity.read_text().splitlines()[-1] not in stream


def test_seal_refuses_a_plain_ballot_with_errors_and_warns_of_votes_that_will_not_count(
    tmp_path: Path, outside: Path
) -> None:
    root, _, _ = keyed_repo(tmp_path, outside, [])
    (outside / "bad.yaml").write_bytes(dump({"member": "m1", "votes": ["aa"]}))
    refused = run_kczy("seal", "--member", "m1", str(outside / "bad.yaml"), cwd=root)
    assert refused.returncode == 1 and "未加密" in refused.stderr
    assert not (root / PREFIX / "ballots/m1.yaml").exists()
    # A vote that would be lost is refused before sealing, as validate and check-pr refuse it in plain.
    (outside / "m2.yaml").write_bytes(plain("m2", "aa", "zz"))
    lost = run_kczy("seal", "--member", "m2", str(outside / "m2.yaml"), cwd=root)
    assert lost.returncode == 1 and "投给“zz”的一票" in lost.stderr and "tally.vote.unknown" in lost.stderr
    assert not (root / PREFIX / "ballots/m2.yaml").exists()
    (outside / "m2.yaml").write_bytes(plain("m2", "aa", "aa"))
    warned = run_kczy("seal", "--member", "m2", str(outside / "m2.yaml"), cwd=root)
    assert warned.returncode == 0 and "tally.vote.repeated" in warned.stderr


def test_an_identity_file_inside_the_repository_is_refused(tmp_path: Path, outside: Path) -> None:
    root, identity, _ = keyed_repo(tmp_path, outside, [])
    (root / "key.txt").write_bytes(identity.read_bytes())
    result = run_kczy("tally", "--identity", str(root / "key.txt"), cwd=root)
    assert result.returncode == 2 and "仓库之内" in result.stderr and KEY_TEXT not in result.stderr


VOTING = "2030-05-05T10:00"


def test_check_pr_judges_the_envelope_without_the_key(tmp_path: Path) -> None:
    contents = with_voting(
        make_round({"m1": [], "m2": []}, {"aa": (YB, "u1", [])}, {}), tally_recipient=RECIPIENT, sealed=True
    )
    work = origin_and_clone(tmp_path, contents, "2030-02-01T10:00")[1]
    m1 = {PREFIX + "ballots/m1.yaml": sealed_file("m1", plain("m1", "aa"))}
    pull_request(work, "sealed", m1)
    assert check(work, "sealed", "m1", VOTING) == (0, [])
    # a plain ballot, two recipients, and the rest of the envelope's rules: test_check_pr_rules (pure)
    git("merge", "-q", "sealed", cwd=work)
    # Only the member line changes: the armoured ciphertext may itself contain the letters "m1".
    m1_envelope = m1[PREFIX + "ballots/m1.yaml"]
    copied = {PREFIX + "ballots/m2.yaml": m1_envelope.replace(b"member: m1", b"member: m2", 1)}
    pull_request(work, "copied", copied)
    assert check(work, "copied", "m2", VOTING) == (1, ["sealed.reused"])


def test_nothing_in_the_repository_or_its_history_holds_the_identity(tmp_path: Path, outside: Path) -> None:
    root, identity, _ = keyed_repo(tmp_path, outside, [])
    (outside / "m1.yaml").write_bytes(plain("m1", "aa"))
    assert run_kczy("seal", "--member", "m1", str(outside / "m1.yaml"), cwd=root).returncode == 0
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "round", cwd=root)
    secret = identity.read_text().splitlines()[-1]
    assert secret.startswith("AGE-SECRET-KEY-1")
    objects = subprocess.run(
        ["git", "cat-file", "--batch-all-objects", "--batch"], cwd=root, capture_output=True, check=True
    ).stdout
    assert secret.encode() not in objects and secret.lower().encode() not in objects
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            data = path.read_bytes()
            assert secret.encode() not in data and secret.lower().encode() not in data, path
    assert os.environ.get("KCZY_TALLY_IDENTITY") is None


def test_the_site_counts_sealed_ballots_only_with_the_identity_and_never_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime

    from conftest import copy_project_data
    from kczy.beijing import BEIJING
    from kczy.errors import FatalError
    from kczy.site.read import build_site

    now = datetime.datetime(2021, 10, 20, 10, 0, tzinfo=BEIJING)
    plain_root = copy_project_data(tmp_path / "plain")
    root = copy_project_data(tmp_path / "sealed")
    round_path = root / "submissions/2021/round.yaml"
    text = round_path.read_text("utf-8")
    assert "\nvoting:\n" in text
    round_path.write_text(
        text.replace("\nvoting:\n", f"\nvoting:\n  tally_recipient: {RECIPIENT}\n  sealed: true\n"), "utf-8"
    )
    for ballot in sorted((root / "submissions/2021/ballots").glob("*.yaml")):
        ballot.write_bytes(sealed_file(ballot.stem, ballot.read_bytes()))
    monkeypatch.delenv("KCZY_TALLY_IDENTITY", raising=False)
    with pytest.raises(FatalError, match="计票私钥"):
        build_site(root, "public", now)
    # read as kczy tally reads it (kczy.counting.read_tally_key): a text that is no key is refused as such
    monkeypatch.setenv("KCZY_TALLY_IDENTITY", "AGE-SECRET-KEY-NOT-A-KEY")
    with pytest.raises(FatalError, match=r"^网站未生成：计票私钥格式不正确") as refused:
        build_site(root, "public", now)
    assert "AGE-SECRET-KEY-NOT-A-KEY" not in str(refused.value)
    monkeypatch.setenv("KCZY_TALLY_IDENTITY", KEY_TEXT)
    sealed_site = build_site(root, "public", now)
    plain_site = build_site(plain_root, "public", now)
    assert sealed_site.pages == plain_site.pages
    secret = KEY_TEXT.strip()
    files = [b.decode("utf-8", "replace") for b in sealed_site.files.values()]
    for body in [*sealed_site.pages.values(), *files]:
        assert secret not in body and secret.lower() not in body


def test_seal_refuses_a_negative_runoff_number(tmp_path: Path, outside: Path) -> None:
    root, _, _ = keyed_repo(tmp_path, outside, [])
    (outside / "m1.yaml").write_bytes(plain("m1", "aa"))
    result = run_kczy("seal", "--member", "m1", "--runoff", "-1", str(outside / "m1.yaml"), cwd=root)
    assert result.returncode == 2 and "--runoff" in result.stderr
    assert not (root / PREFIX / "runoffs").exists()


def test_the_publish_workflows_tally_names_no_member_next_to_an_application(tmp_path: Path) -> None:
    """Run the publish workflow's tally step on a sealed round with invalid votes of every kind: nothing
    it prints or writes to the job summary links a member to an application; --detail-to holds the list."""
    from test_workflows import BIN, load_workflow
    from test_workflows import PROJECT as HOME

    members = {"zhang-san": ["unit-alpha"], "li-si": [], "wang-wu": []}
    apps = {
        "app-alpha": (YB, "unit-alpha", []), "app-beta": (YB, "unit-b", []), "app-gamma": (YB, "unit-c", [])
    }
    ballots = {
        "zhang-san": {YB: ["app-alpha", "app-beta"]},  # recused for app-alpha
        "li-si": {YB: ["app-beta", "app-nonesuch"]},  # an unknown id
        "wang-wu": {YB: ["app-alpha", "app-beta", "app-gamma"]},  # over the limit of 2
    }
    contents = sealed_round(make_round(members, apps, ballots))
    contents[PREFIX + "runoffs/1/li-si.yaml"] = sealed_file("li-si", plain("li-si", "app-gamma"))
    work = origin_and_clone(tmp_path, contents, "2030-03-20T10:00")[1]
    [step] = [s for s in load_workflow(HOME / ".github/workflows/publish.yml")["jobs"]["build"]["steps"]
              if s.get("name") == "计票"]
    assert "json" not in step["run"]  # the pinned JSON names members: it is never printed by a workflow
    summary = tmp_path / "summary"
    summary.touch()
    env = {
        **os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary), "KCZY_NOW": "2030-05-11T10:00", "KCZY_TALLY_IDENTITY": KEY_TEXT,
    }
    completed = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=work, env=env,
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert "无效的赞成票" in completed.stdout and "共 5 张" in completed.stdout, completed.stdout
    for line in (completed.stdout + completed.stderr + summary.read_text("utf-8")).splitlines():
        assert not (any(m in line for m in members) and any(a in line for a in [*apps, "app-nonesuch"])), line

    detail = tmp_path / "secret" / "detail.txt"
    detail.parent.mkdir()
    secret = {"KCZY_TALLY_IDENTITY": KEY_TEXT}
    written = run_kczy("tally", "--detail-to", str(detail), *AFTER, cwd=work, env=secret)
    assert written.returncode == 0 and str(detail) in written.stderr
    assert "zhang-san → app-alpha" in detail.read_text("utf-8")
    assert oct(detail.stat().st_mode & 0o777) == "0o600"
    assert "zhang-san → app-alpha" not in written.stdout
    inside = run_kczy("tally", "--detail-to", str(work / "detail.txt"), *AFTER, cwd=work)
    assert inside.returncode == 2 and not (work / "detail.txt").exists()
