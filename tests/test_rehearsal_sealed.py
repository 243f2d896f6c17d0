"""The voting part of the rehearsal again, with `voting.sealed: true` (issue 7).

The secretariat makes the round's key pair with `kczy keys new` (the identity stays under the test's
temporary folder, outside every clone) and writes the recipient into round.yaml. Members fill plain
ballots outside their clones, seal them with `kczy seal`, and open pull requests; the checks decide as
CI would, without the key. The tally opens the ballots with `--identity`, and the site is built with
the identity in KCZY_TALLY_IDENTITY, as the publish workflow does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import GIT_ENV, git, run_kczy
from test_rehearsal import ROUND, SAMPLE, TYPES, Rehearsal, ballot, dated, logins

pytestmark = pytest.mark.slow

DIANZI, JXGC, SHIPIN = "yb-dzxh-dianzi", "yb-jxgc-zhuangbei", "yb-spkx-shipin"
JIAOZUO, ZHENGZHOU, ZHUMADIAN = "yyyh-jiaozuo", "yyyh-zhengzhou", "yyyh-zhumadian"
# Eight members without affiliations among these applications; 12 on the committee, so 7 make a quorum.
VOTERS = ("zhao-hongmei", "chen-guoqiang", "sun-zhigang", "zhou-jun", "wu-xiaoli", "zheng-hao",
          "huang-jing", "ma-liang")


def votes_of(index: int) -> dict[str, list[str]]:
    """yiye-yibao: dianzi 8, shipin 5, jxgc 3. yiye-yihui: zhengzhou 6, zhumadian 4, jiaozuo 2."""
    yibao = [DIANZI, SHIPIN if index < 5 else JXGC]
    yihui = [ZHENGZHOU] if index < 6 else [JIAOZUO]
    if index < 4:
        yihui.append(ZHUMADIAN)
    return {"yiye-yibao": yibao, "yiye-yihui": yihui}


def seal_and_propose(rehearsal: Rehearsal, member: str, votes: dict[str, list[str]], when: str) -> str:
    """The member fills a plain ballot outside the clone, seals it into the clone, pushes a branch;
    returns the receipt `kczy seal` printed."""
    plain = rehearsal.base / "plain" / f"{member}.yaml"
    plain.parent.mkdir(exist_ok=True)
    plain.write_bytes(ballot(member, votes))
    work = rehearsal.clone(member)
    branch = f"ballot-{member}"
    git("checkout", "-q", "-b", branch, "origin/main", cwd=work)
    sealed = run_kczy("seal", "--member", member, str(plain), cwd=work)
    assert sealed.returncode == 0, sealed.stdout + sealed.stderr
    receipt = re.search(r"[0-9a-f]{64}", sealed.stdout)
    assert receipt is not None
    assert git("status", "--porcelain", "-uall", cwd=work).split() == ["??", f"{ROUND}/ballots/{member}.yaml"]
    git("add", "-A", cwd=work)
    git("commit", "-qm", f"{member}: 密封选票", cwd=work, env=dated(when))
    git("push", "-q", "origin", branch, cwd=work)
    git("checkout", "-q", "main", cwd=work)
    return receipt.group(0)


def build_site(rehearsal: Rehearsal, now: str, identity: str) -> subprocess.CompletedProcess[str]:
    out = rehearsal.base / f"site-{now.replace(':', '')}"
    return subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-q", "-d", str(out)],
        cwd=rehearsal.office,
        env={**os.environ, **GIT_ENV, "KCZY_NOW": now, "KCZY_TALLY_IDENTITY": identity},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_sealed_round_from_keys_to_the_notice(tmp_path: Path) -> None:
    rehearsal = Rehearsal(tmp_path)
    office = rehearsal.office
    member_logins = logins("committee.yaml", "members")

    # The secretariat's key pair: the identity outside the repository, the recipient into round.yaml.
    identity = tmp_path / "secret" / "tally-identity.txt"
    identity.parent.mkdir()
    keys = run_kczy("keys", "new", "--identity-out", str(identity), cwd=office)
    assert keys.returncode == 0, keys.stderr
    recipient = re.search(r"tally_recipient: (age1[0-9a-z]+)", keys.stdout)
    assert recipient is not None and oct(identity.stat().st_mode & 0o777) == "0o600"
    identity_text = identity.read_text("utf-8")
    round_yaml = (office / ROUND / "round.yaml").read_text("utf-8")
    voting = f"  show_counts: true\n  tally_recipient: {recipient.group(1)}\n  sealed: true\n"
    sealed_round = round_yaml.replace("  show_counts: true\n", voting, 1)
    assert sealed_round != round_yaml
    applications = {
        f"{ROUND}/applications/{t}/{p.name}": p.read_text("utf-8")
        for t in TYPES
        for p in sorted((SAMPLE / "applications" / t).glob("*.yaml"))
    }
    rehearsal.record({f"{ROUND}/round.yaml": sealed_round}, "密封选票：写入计票公钥", "2021-07-02T09:00")
    rehearsal.record(applications, "受理申报（演练）", "2021-08-11T09:00")
    assert run_kczy("validate", cwd=office).returncode == 0

    # 投票: each member seals a ballot and opens a pull request; the checks pass without any key.
    receipts: dict[str, str] = {}
    for index, member in enumerate(VOTERS):
        receipts[member] = seal_and_propose(rehearsal, member, votes_of(index), "2021-09-12T10:00")
        assert rehearsal.checks(f"ballot-{member}", member_logins[member], "2021-09-12T10:00")[:2] == (0, 0)
        rehearsal.merge(f"ballot-{member}", "2021-09-13T10:00")

    # A plain ballot is refused by both checks in a sealed round.
    plain_voter = "wang-lei"
    plain_path = f"{ROUND}/ballots/{plain_voter}.yaml"
    rehearsal.propose(
        plain_voter, "plain", {plain_path: ballot(plain_voter, {"yiye-yibao": [DIANZI]})}, "2021-09-12T11:00"
    )
    validate_status, check_status, output = rehearsal.checks(
        "plain", member_logins[plain_voter], "2021-09-12T11:00"
    )
    assert (validate_status, check_status) == (1, 1) and "sealed.plain-refused" in output

    # A sealed ballot merged after the close does not count.
    late_voter = "li-shufen"
    late_votes = {"yiye-yihui": [ZHUMADIAN]}
    receipts[late_voter] = seal_and_propose(rehearsal, late_voter, late_votes, "2021-09-18T10:00")
    assert rehearsal.checks(f"ballot-{late_voter}", late_voter, "2021-09-18T10:00")[1] == 1
    rehearsal.merge(f"ballot-{late_voter}", "2021-09-18T11:00")

    # 计票: without the identity nothing is opened; with it, the expected selection.
    after = ("--format", "json", "--now", "2021-09-20T10:00")
    unopened = json.loads(run_kczy("tally", *after, cwd=office, env={"KCZY_TALLY_IDENTITY": ""}).stdout)
    assert unopened["ballots"]["valid"] == []
    assert {b["reason"]["code"] for b in unopened["ballots"]["invalid"]} == {
        "sealed.no-identity", "tally.ballot.late-added"
    }
    tally = run_kczy("tally", *after, "--identity", str(identity), cwd=office)
    assert tally.returncode == 0, tally.stderr
    result = json.loads(tally.stdout)
    assert result["ballots"]["valid"] == sorted(VOTERS)
    assert [(b["member"], b["reason"]["code"]) for b in result["ballots"]["invalid"]] == [
        (late_voter, "tally.ballot.late-added")
    ]
    assert {r["member"]: r["sha256"] for r in result["receipts"]} == receipts  # each member's own check
    ranking = {
        t: [(r["application"], r["votes"], r["status"]) for r in result["types"][t]["ranking"]] for t in TYPES
    }
    assert ranking == {  # threshold majority: more than 4 of the 8 valid ballots
        "yiye-yibao": [(DIANZI, 8, "selected"), (SHIPIN, 5, "selected"), (JXGC, 3, "not-selected")],
        "yiye-yihui": [
            (ZHENGZHOU, 6, "selected"), (ZHUMADIAN, 4, "not-selected"), (JIAOZUO, 2, "not-selected")
        ],
    }
    assert identity_text.strip().splitlines()[-1] not in tally.stdout + tally.stderr

    # 党组审议 pins the opened tally; the site is built only with the identity, and shows the selection.
    rehearsal.approve(tally.stdout)
    assert run_kczy("validate", cwd=office).returncode == 0
    verify = run_kczy("verify", "--identity", str(identity), cwd=office)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    refused = build_site(rehearsal, "2021-09-27T10:00", "")
    assert refused.returncode != 0 and "KCZY_TALLY_IDENTITY" in refused.stdout + refused.stderr
    built = build_site(rehearsal, "2021-09-27T10:00", identity_text)
    assert built.returncode == 0, built.stdout + built.stderr
    site = tmp_path / "site-2021-09-27T1000"
    notice = (site / "2021" / "notice" / "index.html").read_text("utf-8")
    titles = {
        p.stem: yaml.safe_load(p.read_text("utf-8"))["title"]
        for t in TYPES
        for p in (SAMPLE / "applications" / t).glob("*.yaml")
    }
    for application in (DIANZI, SHIPIN, ZHENGZHOU):
        assert titles[application] in notice
    for application in (JXGC, ZHUMADIAN, JIAOZUO):
        assert titles[application] not in notice
    secret = identity_text.strip().splitlines()[-1]
    for page in site.rglob("*"):
        if page.is_file():
            assert secret.encode() not in page.read_bytes(), page
