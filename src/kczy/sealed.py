"""Sealed ballots: a plain ballot encrypted with age to the round's tally recipient.

A sealed ballot keeps `member` in the clear and holds, under `sealed`, an ASCII-armoured age file whose
plaintext is a plain ballot (`member`, `votes`). Everything about the envelope that can be judged
without the key is judged here, for `kczy validate` and `kczy check-pr`: the armour, the age header,
one X25519 recipient and no passphrase, no ciphertext shared with another ballot. Only the tally,
given the identity, opens it (`open_envelope`), and a sealed ballot once opened is judged exactly as
a plain ballot.

No hand-written cryptography: encryption and decryption are pyrage's (the Rust age implementation);
reading the armour and the header's stanza lines is only parsing of the age file format, which the
format specifies in the clear so that tools can do exactly this.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pyrage
from pyrage import x25519

from kczy.findings import Finding, Problem
from kczy.layout import NOT_YAML_KINDS
from kczy.messages import render_message
from kczy.roundfiles import ParsedFile, RoundFiles

ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----"
ARMOR_END = "-----END AGE ENCRYPTED FILE-----"
AGE_MAGIC = b"age-encryption.org/v1\n"
IDENTITY_ENV = "KCZY_TALLY_IDENTITY"
"""The environment variable that may hold the identity's text (a CI secret)."""

_BASE64_LINE = re.compile(r"[A-Za-z0-9+/]*={0,2}")
_COLUMNS = 64
_RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}")


@dataclass(frozen=True)
class Envelope:
    """A well-formed age file: its binary bytes and its receipt (the sha256 of those bytes)."""

    ciphertext: bytes

    @property
    def receipt(self) -> str:
        return hashlib.sha256(self.ciphertext).hexdigest()


class TallyKey:
    """The tally's age identity. Its text is never shown: not by repr, not in any message."""

    def __init__(self, identities: list[x25519.Identity]) -> None:
        self._identities = identities

    def __repr__(self) -> str:
        return "TallyKey(<hidden>)"

    @property
    def recipients(self) -> list[str]:
        return [str(identity.to_public()) for identity in self._identities]

    def decrypt(self, ciphertext: bytes) -> bytes:
        return bytes(pyrage.decrypt(ciphertext, list(self._identities)))


def parse_identity(text: str) -> TallyKey:
    """An identity file as age-keygen and `kczy keys new` write it: comments and AGE-SECRET-KEY-1 lines.

    Raises ValueError with a Chinese reason that never repeats the text.
    """
    identities = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            identities.append(x25519.Identity.from_str(line))
        except pyrage.IdentityError:
            raise ValueError(render_message("sealed.identity-malformed", {})) from None
    if not identities:
        raise ValueError(render_message("sealed.identity-empty", {}))
    return TallyKey(identities)


def new_identity() -> tuple[str, str]:
    """A fresh X25519 identity: (identity text, recipient)."""
    identity = x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def is_recipient(text: str) -> bool:
    return bool(_RECIPIENT.fullmatch(text))


def seal(plaintext: bytes, recipient: str) -> str:
    """The armoured age encryption of `plaintext` to `recipient`, ending with a newline."""
    armoured = pyrage.encrypt(plaintext, [x25519.Recipient.from_str(recipient)], armored=True)
    text = bytes(armoured).decode("ascii")
    return text if text.endswith("\n") else text + "\n"


def render_sealed_ballot(member: str, armoured: str, schema_url: str) -> str:
    """A ballot file with `member` in the clear and the armour as a literal block under `sealed`."""
    body = "".join(f"  {line}\n" for line in armoured.strip("\n").split("\n"))
    return (
        f"# yaml-language-server: $schema={schema_url}\n"
        f"# {render_message('sealed.ballot-header', {})}\n"
        f"member: {member}\n"
        f"sealed: |\n{body}"
    )


def parse_envelope(text: str) -> Envelope | Problem:
    """Read the armour and the age header without any key; a Problem says what is wrong."""
    lines = text.strip().split("\n")
    lines = [line.rstrip("\r") for line in lines]
    if not lines or lines[0].strip() != ARMOR_BEGIN:
        return Problem("sealed.not-age")
    if len(lines) < 3 or lines[-1].strip() != ARMOR_END:
        return Problem("sealed.armour-truncated")
    body = lines[1:-1]
    for number, line in enumerate(body, start=2):
        if not _BASE64_LINE.fullmatch(line) or len(line) > _COLUMNS:
            return Problem("sealed.armour-corrupted", {"line": number})
        if number < len(body) + 1 and len(line) != _COLUMNS:
            return Problem("sealed.armour-corrupted", {"line": number})
    try:
        binary = base64.b64decode("".join(body), validate=True)
    except (binascii.Error, ValueError):
        return Problem("sealed.armour-corrupted", {"line": len(body) + 1})
    if not binary.startswith(AGE_MAGIC):
        return Problem("sealed.not-age")
    stanzas = _stanza_types(binary)
    if stanzas is None:
        return Problem("sealed.header-corrupted")
    if "scrypt" in stanzas:
        return Problem("sealed.passphrase")
    others = sorted({t for t in stanzas if t != "X25519" and not t.endswith("-grease")})
    if others:
        return Problem("sealed.other-recipient", {"types": tuple(others)})
    count = stanzas.count("X25519")
    if count != 1:
        return Problem("sealed.recipient-count", {"count": count})
    return Envelope(binary)


def _stanza_types(binary: bytes) -> list[str] | None:
    """The type of each recipient stanza of the age header, or None when the header is malformed.

    Header: the version line, then stanzas (`-> type args…` and body lines of base64, the last one
    shorter than 64 columns), then the MAC line `--- …`.
    """
    position = len(AGE_MAGIC)
    types: list[str] = []
    in_body = False
    while True:
        end = binary.find(b"\n", position)
        if end < 0 or end - position > 1024:
            return None
        line = binary[position:end]
        position = end + 1
        if in_body:
            if len(line) > _COLUMNS:
                return None
            in_body = len(line) == _COLUMNS
            continue
        if line.startswith(b"--- "):
            return types
        if not line.startswith(b"-> "):
            return None
        arguments = line[3:].split(b" ")
        if not arguments or not arguments[0]:
            return None
        types.append(arguments[0].decode("ascii", "replace"))
        in_body = True


def open_envelope(envelope: Envelope, key: TallyKey) -> bytes | Problem:
    """The plaintext, or why it cannot be opened: another recipient's file, or damaged ciphertext."""
    try:
        return key.decrypt(envelope.ciphertext)
    except pyrage.DecryptError as error:
        if "no matching keys" in str(error).lower():
            return Problem("sealed.wrong-recipient")
        return Problem("sealed.corrupted")


def is_sealed(parsed: ParsedFile) -> bool:
    return "sealed" in parsed.data


def sealed_envelopes(files: RoundFiles, paths: list[str]) -> dict[str, Envelope | Problem]:
    """The envelope of every sealed ballot among `paths` (other files are left out)."""
    found: dict[str, Envelope | Problem] = {}
    for path in paths:
        role = files.roles.get(path)
        if role is not None and role.kind in NOT_YAML_KINDS:
            continue
        document = files.parse(path)
        text = document.data.get("sealed") if document is not None else None
        if isinstance(text, str):
            found[path] = parse_envelope(text)
    return found


def reused(envelopes: Mapping[str, Envelope | Problem]) -> dict[str, list[str]]:
    """Path → the other paths holding the identical ciphertext (only paths that share one)."""
    by_receipt: dict[str, list[str]] = {}
    for path, envelope in sorted(envelopes.items()):
        if isinstance(envelope, Envelope):
            by_receipt.setdefault(envelope.receipt, []).append(path)
    return {
        path: [other for other in same if other != path]
        for same in by_receipt.values()
        if len(same) > 1
        for path in same
    }


def split_copies(
    shared: Mapping[str, list[str]],
    owners: Mapping[str, str],
    named: Mapping[str, str],
    arrived: Mapping[str, datetime.datetime],
) -> dict[str, str | None]:
    """Which ballots sharing a ciphertext are copies: path → the original it copies, or None when the
    original cannot be told (then every ballot of the group is a copy). The original is not listed.

    The original is the one ballot whose owner (`owners`: path → member) is the member the opened
    content names (`named`: path → that member, known only with the identity); failing that, the one
    whose content reached main first (`arrived`: path → when its current content was committed there).
    A member can copy another's envelope from an open pull request, never write the other's name into it.
    """
    copies: dict[str, str | None] = {}
    for path, others in shared.items():
        group = sorted([path, *others])
        original = _original(group, owners, named, arrived)
        if path != original:
            copies[path] = original
    return copies


def _original(
    group: list[str],
    owners: Mapping[str, str],
    named: Mapping[str, str],
    arrived: Mapping[str, datetime.datetime],
) -> str | None:
    inner = next((named[p] for p in group if p in named), None)
    if inner is not None:
        owned = [p for p in group if owners.get(p) == inner]
        return owned[0] if len(owned) == 1 else None
    if not all(p in arrived for p in group):
        return None
    first = min(arrived[p] for p in group)
    earliest = [p for p in group if arrived[p] == first]
    return earliest[0] if len(earliest) == 1 else None


def ballot_folder(files: RoundFiles, parsed: ParsedFile) -> list[str]:
    return files.paths_of("ballot", runoff=parsed.role.runoff)


def check_sealed_ballot(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """What can be judged without the key: the round's rule, the envelope, a ciphertext used twice."""
    if parsed.document is None:
        return
    document = parsed.document
    if not is_sealed(parsed):
        if files.settings.voting.sealed and "votes" in parsed.data:
            line, column = document.place(("votes",), key=True)
            yield Finding(parsed.path, line, column, "sealed.plain-refused", {}, "/votes")
        return
    text = parsed.data["sealed"]
    if not isinstance(text, str):
        return  # the schema says it
    line, column = document.place(("sealed",), key=True)

    def at(code: str, params: Mapping[str, Any] | None = None) -> Finding:
        return Finding(parsed.path, line, column, code, dict(params or {}), "/sealed")

    if files.settings.voting.tally_recipient is None:
        yield at("sealed.no-round-recipient")
    envelope = parse_envelope(text)
    if isinstance(envelope, Problem):
        yield at(envelope.code, envelope.params)
        return
    envelopes = sealed_envelopes(files, ballot_folder(files, parsed))
    envelopes[parsed.path] = envelope
    shared = reused(envelopes)
    if parsed.path not in shared:
        return
    # Without the identity only the history tells the copy: the later one on main. A warning: the tally,
    # which opens the envelope, decides by the member the content names (a copy may reach main first).
    history = files.provenance
    arrived = {p: history.files[p].changed_at for p in shared if p in history.files} if history else {}
    owners = {p: files.roles[p].file_id for p in shared if p in files.roles}
    copies = split_copies(shared, owners, {}, arrived)
    if parsed.path not in copies:
        return
    original = copies[parsed.path]
    if original is not None:
        yield Finding(parsed.path, line, column, "sealed.copied", {"original": original}, "/sealed",
                      severity="warning")
    else:
        for other in shared[parsed.path]:
            yield at("sealed.reused", {"other": other})


def check_sealed_round(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """`voting.sealed: true` needs the recipient the members encrypt to."""
    voting = parsed.data.get("voting")
    if parsed.document is None or not isinstance(voting, dict) or voting.get("sealed") is not True:
        return
    if "tally_recipient" not in voting:
        line, column = parsed.document.place(("voting", "sealed"), key=True)
        yield Finding(parsed.path, line, column, "sealed.round-needs-recipient", {}, "/voting/sealed")
