"""One account, one identity: the logins and commit e-mails of a round's secretariat, units and members.

GitHub compares logins without regard to case (`zhang-san` and `Zhang-San` are one account), and so do
mail systems for the addresses used here. A login or e-mail listed for two entries (two members, two
units, a unit and a member, or any of them and the secretariat) would let one account act as both, so
each belongs to one entry of a round only: `validate` reports every later listing at its place, and
`check-pr` refuses an author who matches more than one entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kczy.findings import Finding
from kczy.messages import words
from kczy.roundfiles import ParsedFile, RoundFiles
from kczy.yamlload import NodePath


@dataclass(frozen=True)
class Listing:
    """One login or e-mail as written, with the entry it belongs to and where it stands."""

    key: str
    """Casefolded: the form two listings are compared in."""
    owner: tuple[str, str]
    """("secretariat", ""), ("unit", id) or ("member", id)."""
    path: str
    node_path: NodePath


def listings(files: RoundFiles) -> Iterator[Listing]:
    """Every login and e-mail of the round, in the order round.yaml, units.yaml, committee.yaml, read through
    the round's model (`RoundFiles.reading`, `kczy.registries`): a file that cannot be read lists nothing
    (its own findings say why)."""
    settings = files.reading.settings
    if settings is not None:
        secretariat = settings.secretariat
        path = files.record_path("round")
        owner = ("secretariat", "")
        yield from _of_entry(secretariat.logins, secretariat.emails, owner, path, ("secretariat",))
    for kind, registry in (("unit", files.unit_registry), ("member", files.member_registry)):
        for entry in registry.listed:
            yield from _of_entry(entry.logins, entry.emails, (kind, entry.id), registry.path, entry.at)


def _of_entry(
    logins: tuple[str, ...], emails: tuple[str, ...], owner: tuple[str, str], path: str, at: NodePath
) -> Iterator[Listing]:
    for field, values in (("logins", logins), ("emails", emails)):
        for position, value in enumerate(values):
            if value.strip():
                yield Listing(value.strip().casefold(), owner, path, (*at, field, position))


def owners_of(files: RoundFiles, login: str) -> list[tuple[str, str]]:
    """The entries of the round that list `login` (compared without regard to case), in file order."""
    key = login.strip().casefold()
    found: list[tuple[str, str]] = []
    for listing in listings(files):
        if listing.key == key and listing.owner not in found:
            found.append(listing.owner)
    return found


def describe(owner: tuple[str, str]) -> str:
    kind, entry_id = owner
    return words(f"common.{kind}", id=entry_id)


def check_identities(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """round.yaml, units.yaml or committee.yaml: each login or e-mail in it that an earlier entry of the
    round (in the order round.yaml, units.yaml, committee.yaml) already lists."""
    if parsed.document is None:
        return
    first: dict[str, Listing] = {}
    for listing in listings(files):
        earlier = first.setdefault(listing.key, listing)
        if earlier.owner == listing.owner or listing.path != parsed.path:
            continue
        line, column = parsed.document.place(listing.node_path)
        field = listing.node_path[-2]
        yield Finding(
            parsed.path, line, column, "cross.identity-shared",
            {"value": listing.key, "what": words("common.login" if field == "logins" else "common.email"),
             "owner": describe(listing.owner), "other": describe(earlier.owner)},
            "/" + "/".join(map(str, listing.node_path)),
        )
