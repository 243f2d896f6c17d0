"""Tiny review rounds for tally and check-pr tests: plain dicts in, repository-relative files out.

YAML is a superset of JSON, so every file is written as JSON text: no quoting surprises in tests.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from conftest import PROJECT
from kczy.repo import read_schemas
from kczy.roundfiles import RoundFiles
from kczy.schemas import TYPE_IDS, SchemaSet

YEAR = "2030"
PREFIX = f"submissions/{YEAR}/"
SCHEMAS: SchemaSet = read_schemas(PROJECT)
SECRETARIAT = "mishu"

SCHEDULE = {
    "applications_open": "2030-03-01T09:00+08:00",
    "applications_close": "2030-04-01T17:00+08:00",
    "voting_opens": "2030-05-01T09:00+08:00",
    "voting_closes": "2030-05-10T17:00+08:00",
}


def dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def round_data(
    quota: Mapping[str, int] | None = None,
    max_votes: Mapping[str, int] | None = None,
    quorum: str | int = "majority",
    threshold: str = "none",
    sample: bool = False,
) -> dict[str, Any]:
    types: dict[str, dict[str, int]] = {}
    for type_id in TYPE_IDS:
        types[type_id] = {"quota": (quota or {}).get(type_id, 2)}
        if max_votes and type_id in max_votes:
            types[type_id]["max_votes"] = max_votes[type_id]
    return {
        "year": int(YEAR),
        "title": "2030年度“科创中原”测试轮次",
        "organisers": ["河南省科学技术协会"],
        "sample": sample,
        "secretariat": {"name": "测试秘书处", "logins": [SECRETARIAT]},
        "types": types,
        "schedule": SCHEDULE,
        "notice": {
            "days": 3,
            "count": "calendar",
            "contact": {
                "office": "测试纪委",
                "phone": "0371-65950000",
                "email": "jiwei@example.org",
                "address": "郑州市测试路 1 号",
                "postcode": "450000",
            },
        },
        "voting": {"quorum": quorum, "threshold": threshold, "show_counts": True},
    }


def make_round(
    members: Mapping[str, Sequence[str]],
    applications: Mapping[str, tuple[str, str, Sequence[str]]],
    ballots: Mapping[str, Mapping[str, list[str]]],
    runoffs: Mapping[int, Mapping[str, Mapping[str, list[str]]]] | None = None,
    units: Mapping[str, str] | None = None,
    calls: Mapping[int, Mapping[str, tuple[Sequence[str], int]]] | None = None,
    **round_options: Any,
) -> dict[str, bytes]:
    """members: id → affiliations; applications: id → (type, applicant, partners); ballots: member → votes."""
    files = {
        PREFIX + "round.yaml": dump(round_data(**round_options)),
        PREFIX + "committee.yaml": dump(
            {
                "members": [
                    {"id": m, "name": f"评委{m}", "role": "expert", "logins": [m], "affiliations": list(aff)}
                    for m, aff in members.items()
                ]
            }
        ),
    }
    unit_ids = {a[1] for a in applications.values()} | {p for a in applications.values() for p in a[2]}
    unit_ids |= {u for aff in members.values() for u in aff}
    files[PREFIX + "units.yaml"] = dump(
        {
            "units": [
                {"id": u, "name": f"单位{u}", "kind": "city-association", "logins": [(units or {}).get(u, u)]}
                for u in sorted(unit_ids)
            ]
        }
    )
    for app_id, (type_id, applicant, partners) in applications.items():
        files[f"{PREFIX}applications/{type_id}/{app_id}.yaml"] = dump(
            {
                "type": type_id,
                "title": f"项目{app_id}",
                "applicant": applicant,
                "partners": [{"unit": p} for p in partners],
            }
        )
    for member, votes in ballots.items():
        files[f"{PREFIX}ballots/{member}.yaml"] = dump({"member": member, "votes": dict(votes)})
    for number, groups in (calls or {}).items():
        files[f"{PREFIX}runoffs/{number}/call.yaml"] = runoff_call(groups)
    for number, runoff in (runoffs or {}).items():
        for member, votes in runoff.items():
            files[f"{PREFIX}runoffs/{number}/{member}.yaml"] = dump({"member": member, "votes": dict(votes)})
    return files


RUNOFF_WINDOW = ("2030-05-15T09:00+08:00", "2030-05-20T17:00+08:00")


def runoff_call(
    groups: Mapping[str, tuple[Sequence[str], int]], window: tuple[str, str] = RUNOFF_WINDOW
) -> bytes:
    """The secretariat's call: type → (tied applications, places), voting inside `window`."""
    types = {t: {"applications": list(apps), "places": places} for t, (apps, places) in groups.items()}
    return dump({"called_on": window[0][:10], "opens": window[0], "closes": window[1], "types": types})


def round_files(contents: Mapping[str, bytes]) -> RoundFiles:
    return RoundFiles(YEAR, dict(contents), SCHEMAS)


def write_files(root: Path, contents: Mapping[str, bytes]) -> None:
    for path, body in contents.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)


def new_repo(root: Path, contents: Mapping[str, bytes]) -> Path:
    """A review repository (schemas and `contents`), without git."""
    import shutil

    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    write_files(root, contents)
    return root
