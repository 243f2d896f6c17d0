"""What a person most likely meant when an id is not one: the closest existing id, or the id of the name
or title they wrote in its place. Pure."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Mapping

from kczy.findings import Finding
from kczy.messages import words
from kczy.roundfiles import RoundFiles


def suggest_id(written: str, names: Mapping[str, str]) -> str:
    """A hint to append to a message (empty when nothing is close): `names` maps each id to the name or
    title a person knows it by."""
    text = written.strip()
    if not names:
        return ""
    for known_id, name in sorted(names.items()):
        if name and (text == name.strip() or (len(text) >= 4 and text in name)):
            return words("suggest.id-not-name", id=known_id, name=name)
    close = difflib.get_close_matches(text.casefold(), sorted(names), n=1, cutoff=0.6)
    close = close or sorted((i for i in names if len(i) >= 2 and i in text.casefold()), key=len)[-1:]
    if close:
        name = names[close[0]]
        if name:
            return words("suggest.close-named", id=close[0], name=name)
        return words("suggest.close", id=close[0])
    return ""


def application_names(files: RoundFiles, type_id: str | None = None) -> dict[str, str]:
    """Application id → its title, of one type (all types when `type_id` is None or has none)."""
    names: dict[str, str] = {}
    for app_id, path in files.application_paths().items():
        if type_id is not None and files.roles[path].type_id != type_id:
            continue
        document = files.parse(path)
        title = document.data.get("title") if document is not None else None
        names[app_id] = title if isinstance(title, str) else ""
    return names or (application_names(files) if type_id is not None else {})


def unit_names(files: RoundFiles) -> dict[str, str]:
    """Unit id → its registered name."""
    return {unit_id: unit.name for unit_id, unit in files.unit_registry.entries.items()}


_VOTE_POINTER = re.compile(r"^/votes/([^/]+)/\d+$")


def with_id_hints(files: RoundFiles, findings: Iterable[Finding]) -> list[Finding]:
    """Schema findings about an id that is not written as one (a project title in a ballot or an objection)
    get the id to write instead, from the round's applications. (Applications are left as the web form
    judges them: the form gives the same words.)"""
    mended = []
    for finding in findings:
        names = _names_for(files, finding) if finding.code == "schema.pattern" else None
        if names:
            hint = suggest_id(str(finding.params.get("typed", "")), names)
            if hint:
                params = {**finding.params, "hint": f"{finding.params.get('hint', '')}{hint}"}
                finding = dataclasses.replace(finding, params=params)
        mended.append(finding)
    return mended


def _names_for(files: RoundFiles, finding: Finding) -> dict[str, str] | None:
    if match := _VOTE_POINTER.match(finding.pointer):
        return application_names(files, match[1])
    if finding.pointer == "/application":
        return application_names(files)
    return None
