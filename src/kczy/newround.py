"""`kczy new round`: the files that open a round, as a pure function of the round it starts from.

The new round gets its own copy of the source round's rules (so that changing them later changes
nothing about the source), round.yaml with the source's settings (title, organisers, types and quotas,
notice period, voting rules, attachment limits) and blanks for what belongs to the new year only (the
schedule, the notice's contact), and the registries. A sample round lends its rules and settings but no
content: no invented units, members, logins, addresses or 示例 comments.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kczy.layout import RECORD_FILES, RULES_FOLDER, SCHEMA_SUFFIX, TYPE_IDS, round_prefix
from kczy.messages import words


def _blank(code: str, **params: Any) -> str:
    """A blank's comment line in the written round.yaml: the word that marks it (newround.blank: validate
    reports each blank as not filled), then what to write there."""
    return "# " + words("newround.blank-line", blank=words("newround.blank"), what=words(code, **params))


DEFAULT_VOTING = {"quorum": "majority", "threshold": "none", "show_counts": True}
"""The counting rules' defaults (README), for a first round that has no earlier one to follow."""
# The blanks of each part of round.yaml, in the order written; what each asks is the catalog's
# newround.<part>.<key>.
SCHEDULE_BLANKS = ("applications_open", "applications_close", "voting_opens", "voting_closes")
CONTACT_BLANKS = ("office", "phone", "email", "address", "postcode")
SECRETARIAT_BLANKS = ("name", "logins")


@dataclass(frozen=True)
class Source:
    """The round a new one starts from. `rules`: file name → bytes of the schemas that judge it (its own
    copy, or the default set when it has none or when there is no earlier round: `year` is then "")."""

    year: str
    round_data: Mapping[str, Any]
    rules: Mapping[str, bytes]
    sample: bool
    registries: Mapping[str, bytes]
    """`units.yaml` and `committee.yaml` as written (carried over from a real round only)."""


def plan_new_round(year: str, source: Source) -> dict[str, bytes]:
    """Repository-relative path → bytes of every file that opens round `year`."""
    prefix = round_prefix(year)
    files = {f"{prefix}{RULES_FOLDER}/{name}": body for name, body in sorted(source.rules.items())}
    files[f"{prefix}round.yaml"] = render_round_yaml(year, source).encode("utf-8")
    for name in ("units.yaml", "committee.yaml"):
        carried = source.registries.get(name)
        if source.sample or carried is None:
            files[prefix + name] = _empty_registry(name).encode("utf-8")
        else:
            files[prefix + name] = carried
    return files


def _modeline(schema: str) -> str:
    return f"# yaml-language-server: $schema={RULES_FOLDER}/{schema}{SCHEMA_SUFFIX}"


def _empty_registry(name: str) -> str:
    kind = RECORD_FILES[name]
    if kind == "units":
        return "\n".join([
            _modeline("units"),
            *(f"# {line}" for line in words("newround.units").split("\n")),
            "units: []",
            "",
        ])
    return "\n".join([
        _modeline("committee"),
        *(f"# {line}" for line in words("newround.committee").split("\n")),
        "members: []",
        "",
    ])


def render_round_yaml(year: str, source: Source) -> str:
    data = source.round_data
    origin = words("newround.from", year=source.year) if source.year else words("newround.from-defaults")
    lines = [
        _modeline("round"),
        "# " + words("newround.title", year=year, origin=origin),
        "# " + words("newround.blanks", blank=words("newround.blank")),
        f"year: {int(year)}",
        f"title: {_scalar(_retitled(data.get('title'), source.year, year))}",
    ]
    organisers = data.get("organisers")
    if isinstance(organisers, list) and organisers:
        lines += _block("organisers", organisers, 0)
    else:
        lines += [_blank("newround.organisers"), "organisers:"]
    lines.append("sample: false")
    lines += _secretariat(data.get("secretariat"), source.sample)
    types = data.get("types")
    if isinstance(types, dict) and types:
        lines += _block("types", types, 0)
    else:
        lines.append("types:")
        for type_id in TYPE_IDS:
            lines += [f"  {type_id}:", "    " + _blank("newround.quota"), "    quota:"]
    lines.append("schedule:")
    for key in SCHEDULE_BLANKS:
        lines += ["  " + _blank(f"newround.schedule.{key}", year=year), f"  {key}:"]
    lines += _notice(data.get("notice"))
    lines += _voting(data.get("voting"))
    attachments = data.get("attachments")
    if isinstance(attachments, dict) and attachments:
        lines += _block("attachments", attachments, 0)
    return "\n".join(lines) + "\n"


def _retitled(title: Any, old: str, new: str) -> str:
    text = title if isinstance(title, str) else ""
    if old and old in text:
        return text.replace(old, new)
    return text or words("newround.default-title", year=new)


def _secretariat(secretariat: Any, sample: bool) -> list[str]:
    """A real round's secretariat carries over (the handover to a new one is the secretariat's own
    change, OPERATIONS); a sample round's is invented, so the new round gets blanks."""
    if not sample and isinstance(secretariat, dict) and secretariat:
        return _block("secretariat", secretariat, 0)
    lines = ["secretariat:"]
    for key in SECRETARIAT_BLANKS:
        lines += ["  " + _blank(f"newround.secretariat.{key}"), f"  {key}:"]
    return lines


def _notice(notice: Any) -> list[str]:
    """The period (days, how they count) carries over; the contact is the new year's to fill in, and a
    holiday calendar (`calendar`) belongs to the years it lists."""
    notice = notice if isinstance(notice, dict) else {}
    lines = ["notice:"]
    lines += _block("days", notice.get("days", 3), 2)
    lines += _block("count", notice.get("count", "calendar"), 2)
    lines.append("  contact:")
    for key in CONTACT_BLANKS:
        lines += ["    " + _blank("newround.contact", what=words(f"newround.contact.{key}")), f"    {key}:"]
    return lines


def _voting(voting: Any) -> list[str]:
    """The voting rules carry over, except the tally key: a new key pair each round (`kczy keys new`)."""
    voting = dict(voting) if isinstance(voting, dict) and voting else dict(DEFAULT_VOTING)
    recipient = voting.pop("tally_recipient", None)
    lines = _block("voting", voting, 0)
    if voting.get("sealed") is True or recipient is not None:
        lines += ["  " + _blank("newround.tally-recipient"), "  tally_recipient:"]
    return lines


def _block(key: str, value: Any, indent: int) -> list[str]:
    """`key: value` as YAML lines; strings quoted as JSON (a valid YAML scalar whatever they hold)."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [f"{pad}{key}: {{}}"]
        lines = [f"{pad}{key}:"]
        for child_key, child in value.items():
            lines += _block(str(child_key), child, indent + 2)
        return lines
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []"]
        lines = [f"{pad}{key}:"]
        for item in value:
            if isinstance(item, dict | list):
                lines.append(f"{pad}  - {json.dumps(item, ensure_ascii=False)}")
            else:
                lines.append(f"{pad}  - {_scalar(item)}")
        return lines
    return [f"{pad}{key}: {_scalar(value)}"]


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
