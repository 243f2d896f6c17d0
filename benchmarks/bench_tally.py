"""Benchmark `kczy tally` with git provenance: 100 members × 3,000 applications, every file committed.

Prints, on the same repository:
- the floor: one `git log --name-only` over the whole history;
- the provenance walk alone (`kczy.provenance.read_provenance`);
- `kczy tally --format json` in-process (reading files, provenance, counting, rendering) and as a command.

Provenance must come from one history walk, not one git call per ballot: its time stays close to the floor.

    .venv/bin/python benchmarks/bench_tally.py [--members 100] [--applications 3000]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kczy.cli import main as kczy_main
from kczy.provenance import read_provenance
from kczy.schemas import TYPE_IDS

PROJECT = Path(__file__).resolve().parent.parent
YEAR = "2030"
PREFIX = f"submissions/{YEAR}/"
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "b@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "b@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def git(root: Path, *args: str, when: str | None = None) -> None:
    env = ENV if when is None else {**ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def build(root: Path, members: int, applications: int) -> None:
    rng = random.Random(2021)
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    round_yaml = json.loads(
        json.dumps(
            {
                "year": int(YEAR),
                "title": "2030年度“科创中原”基准测试轮次",
                "organisers": ["河南省科学技术协会"],
                "sample": False,
                "secretariat": {"name": "测试秘书处", "logins": ["mishu"]},
                "types": {t: {"quota": 20, "max_votes": 40} for t in TYPE_IDS},
                "schedule": {
                    "applications_close": "2030-04-01T17:00+08:00",
                    "voting_opens": "2030-05-01T09:00+08:00",
                    "voting_closes": "2030-05-10T17:00+08:00",
                },
                "notice": {
                    "days": 3,
                    "count": "calendar",
                    "contact": {
                        "office": "测试纪委",
                        "phone": "0371-65950000",
                        "email": "j@example.org",
                        "address": "郑州市测试路 1 号",
                        "postcode": "450000",
                    },
                },
                "voting": {"quorum": "majority", "threshold": "none", "show_counts": True},
            }
        )
    )
    write(root, PREFIX + "round.yaml", dump(round_yaml))
    units = [f"unit-{i:04d}" for i in range(applications)]
    write(
        root,
        PREFIX + "units.yaml",
        dump(
            {
                "units": [
                    {"id": u, "name": f"单位{u}", "kind": "city-association", "logins": [u]} for u in units
                ]
            }
        ),
    )
    member_ids = [f"member-{i:03d}" for i in range(members)]
    write(
        root,
        PREFIX + "committee.yaml",
        dump(
            {
                "members": [
                    {
                        "id": m,
                        "name": f"评委{m}",
                        "role": "expert",
                        "logins": [m],
                        "affiliations": [rng.choice(units)],
                    }
                    for m in member_ids
                ]
            }
        ),
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "open", when="2030-02-01T10:00:00+08:00")
    by_type: dict[str, list[str]] = {t: [] for t in TYPE_IDS}
    batch = 25
    for start in range(0, applications, batch):
        for i in range(start, min(start + batch, applications)):
            type_id = TYPE_IDS[i % len(TYPE_IDS)]
            app_id = f"app-{i:04d}"
            by_type[type_id].append(app_id)
            write(
                root,
                f"{PREFIX}applications/{type_id}/{app_id}.yaml",
                dump({"type": type_id, "title": f"项目{i}", "applicant": units[i], "partners": []}),
            )
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"applications {start}", when="2030-03-15T10:00:00+08:00")
    for index, member in enumerate(member_ids):
        votes = {t: rng.sample(ids, 30) for t, ids in by_type.items()}
        write(root, f"{PREFIX}ballots/{member}.yaml", dump({"member": member, "votes": votes}))
        git(root, "add", "-A")
        day = 2 + index % 8
        git(root, "commit", "-q", "-m", f"ballot {member}", when=f"2030-05-{day:02d}T10:00:00+08:00")


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def best(action: object, repeat: int = 3) -> float:
    return min(timed(action) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--applications", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        root.mkdir()
        started = time.perf_counter()
        build(root, args.members, args.applications)
        print(
            f"built {args.members} members × {args.applications} applications "
            f"({args.applications // 25 + args.members + 1} commits) in {time.perf_counter() - started:.1f} s"
        )

        def floor() -> None:
            subprocess.run(
                ["git", "log", "--name-only", "--format=%H %cI"], cwd=root, check=True, capture_output=True
            )

        def provenance() -> None:
            read_provenance(root, [PREFIX + "ballots", PREFIX + "runoffs"])

        def tally_in_process() -> None:
            with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO(), encoding="utf-8")):
                assert (
                    kczy_main(["tally", "--repo", str(root), "--format", "json", "--now", "2030-06-01T00:00"])
                    == 0
                )

        def tally_command() -> None:
            subprocess.run(
                [sys.executable, "-m", "kczy", "tally", "--format", "json", "--now", "2030-06-01T00:00"],
                cwd=root,
                check=True,
                capture_output=True,
            )

        floor_time = best(floor)
        provenance_time = best(provenance)
        tally_time = best(tally_in_process)
        command_time = best(tally_command)
        print(f"git log --name-only (floor):   {floor_time * 1000:8.1f} ms")
        print(
            f"provenance walk:               {provenance_time * 1000:8.1f} ms  "
            f"({provenance_time / floor_time:.2f}× the floor)"
        )
        print(
            f"kczy tally, in-process:        {tally_time * 1000:8.1f} ms  "
            f"({tally_time / floor_time:.1f}× the floor)"
        )
        print(
            f"kczy tally, command:           {command_time * 1000:8.1f} ms  "
            f"({command_time / floor_time:.1f}× the floor)"
        )


if __name__ == "__main__":
    main()
