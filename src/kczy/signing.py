"""Signed ballots: each member's SSH signing key in committee.yaml, and the rule every ballot commit meets.

Pure: the signatures come in as plain data read by `kczy.provenance.read_signatures` (one `git log`
with git's own SSH signature verification against the allowed-signers file derived here), and this
module only decides.

The rule (`voting.signed: true`), for each ballot file (runoff ballots too):

1. every non-merge commit reachable from the main branch (for check-pr: every commit of the pull
   request, `base..head`) that adds or changes the ballot carries a good signature (`%G?` = G,
   verified against the allowed-signers file) made with the key committee.yaml gives the ballot's
   member; merge commits (the secretariat's) are not judged themselves, the member's commits they
   bring in are;
2. the ballot's content as it stands is exactly the content one of those signed commits wrote, so a
   merge that alters a ballot while merging it (an "evil merge") does not pass either.

A commit that deletes a ballot needs no signature: a deleted ballot counts for nothing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from kczy.findings import Finding
from kczy.history import BallotCommits as BallotCommits
from kczy.history import SignedCommit as SignedCommit
from kczy.registries import Member
from kczy.roundfiles import ParsedFile, RoundFiles

KEY_PATTERN = re.compile(
    r"(ssh-ed25519|ecdsa-sha2-nistp(?:256|384|521)|ssh-rsa|"
    r"sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) ([A-Za-z0-9+/]+={0,3})(?: .*)?"
)
_SIMPLE_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+")


@dataclass(frozen=True)
class SignatureProblem:
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


def is_signed_round(files: RoundFiles) -> bool:
    return files.settings.voting.signed


def key_fingerprint(line: Any) -> str | None:
    """`SHA256:…` as `ssh-keygen -l` and git's `%GK` show it, or None when `line` is not a public key."""
    if not isinstance(line, str):
        return None
    match = KEY_PATTERN.fullmatch(line.strip())
    if match is None:
        return None
    try:
        blob = base64.b64decode(match.group(2), validate=True)
    except (binascii.Error, ValueError):
        return None
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii").rstrip("=")
    return f"SHA256:{digest}"


def member_fingerprints(files: RoundFiles) -> dict[str, str | None]:
    """Member id → the fingerprint of the member's signing key (None: no usable key)."""
    members = files.member_registry.entries  # check-pr judges against the base even when it cannot be read
    return {member_id: key_fingerprint(member.signing_key) for member_id, member in members.items()}


def principal(member: Member) -> str:
    """The member's first commit e-mail (the member id when it is not usable as a principal)."""
    first = member.emails[0] if member.emails else ""
    return first if _SIMPLE_EMAIL.fullmatch(first) else member.id


def allowed_signers(files: RoundFiles) -> tuple[str, list[str]]:
    """git's allowed-signers file for the round's committee, and the ids of members left out (no key)."""
    lines, missing = [], []
    for member_id, member in sorted(files.members().items()):
        raw = member.signing_key
        match = KEY_PATTERN.fullmatch(raw.strip()) if raw is not None else None
        if match is None or key_fingerprint(raw) is None:
            missing.append(member_id)
            continue
        lines.append(f'{principal(member)} namespaces="git" {match.group(1)} {match.group(2)}\n')
    return "".join(lines), missing


def signature_problem(
    member: str, fingerprints: Mapping[str, str | None], history: BallotCommits | None
) -> SignatureProblem | None:
    """Why `member`'s ballot does not meet the rule of the module docstring, or None when it does."""
    expected = fingerprints.get(member)
    if expected is None:
        return SignatureProblem("signed.no-key", {"member": member})
    if history is None or not history.commits:
        return SignatureProblem("signed.no-signed-commit")
    owners = {fp: m for m, fp in fingerprints.items() if fp is not None}
    for item in history.commits:
        commit = item.commit[:12]
        if item.status == "N":
            return SignatureProblem("signed.unsigned", {"commit": commit})
        if item.status not in ("G", "U") or not item.fingerprint:
            return SignatureProblem("signed.bad", {"commit": commit, "status": item.status})
        if item.fingerprint != expected:
            other = owners.get(item.fingerprint)
            if other is not None:
                return SignatureProblem("signed.other-member", {"commit": commit, "other": other})
            return SignatureProblem("signed.unknown-key", {"commit": commit, "fingerprint": item.fingerprint})
        if item.status != "G":
            return SignatureProblem("signed.bad", {"commit": commit, "status": item.status})
    if history.blob is not None and history.blob not in {item.blob for item in history.commits}:
        return SignatureProblem("signed.content-not-signed")
    return None


def check_signing_keys(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """committee.yaml: with `voting.signed: true` every member needs a key, and no two share one."""
    if parsed.document is None or not is_signed_round(files):
        return
    registry = files.member_registry
    seen: dict[str, str] = {}
    for member in registry.listed:
        fingerprint = key_fingerprint(member.signing_key)
        pointer = "/" + "/".join(map(str, member.at))
        if member.signing_key is None:
            line, column = registry.place(member)
            params = {"member": member.id}
            yield Finding(parsed.path, line, column, "signed.member-needs-key", params, pointer)
        elif fingerprint is not None and fingerprint in seen:
            line, column = registry.place(member, "signing_key")
            yield Finding(parsed.path, line, column, "signed.key-shared",
                          {"member": member.id, "other": seen[fingerprint]}, f"{pointer}/signing_key")
        if fingerprint is not None:
            seen.setdefault(fingerprint, member.id)
