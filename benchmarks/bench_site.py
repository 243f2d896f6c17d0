"""Build the public site for 200 and 2,000 generated applications; print the times and time per application.

    .venv/bin/python benchmarks/bench_site.py [N ...]

The sample round's applications are cloned (each clone with its own registered unit), every committee
member approves every application, the approval pins the resulting tally, and the site is built on a
day of the notice period, so every application gets a project page. Every page carrying the whole list
would make the build quadratic; the time per application must stay roughly flat.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
YEAR = "2021"
NOW = "2021-09-27T10:00"


def generate(root: Path, count: int) -> None:
    for name in ("schemas", "submissions", "docs"):
        shutil.copytree(PROJECT / name, root / name)
    for name in ("mkdocs.yml", "scripts/mkdocs_hook.py"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT / name, root / name)
    base = root / "submissions" / YEAR
    units = yaml.safe_load((base / "units.yaml").read_text("utf-8"))
    by_id = {unit["id"]: unit for unit in units["units"]}
    originals = sorted((base / "applications").glob("*/*.yaml"))
    made = len(originals)
    number = 0
    while made < count:
        source = originals[number % len(originals)]
        number += 1
        text = source.read_text("utf-8")
        applicant = re.search(r"(?m)^applicant: (\S+)$", text)
        title = re.search(r"(?m)^title: (.*)$", text)
        assert applicant and title
        unit = dict(by_id[applicant.group(1)], id=f"bench-unit-{number}", name=f"基准测试单位{number}")
        unit["logins"] = [f"bench-{number}"]
        unit.pop("emails", None)
        units["units"].append(unit)
        text = text.replace(applicant.group(0), f"applicant: {unit['id']}")
        text = text.replace(title.group(0), f"title: 基准{number}{title.group(1)[:40]}")
        (source.parent / f"{source.stem}-b{number}.yaml").write_text(text, "utf-8")
        attachments = base / "attachments" / source.stem
        if attachments.is_dir():
            shutil.copytree(attachments, base / "attachments" / f"{source.stem}-b{number}")
        made += 1
    (base / "units.yaml").write_text(yaml.safe_dump(units, allow_unicode=True, sort_keys=False), "utf-8")
    round_yaml = base / "round.yaml"
    round_yaml.write_text(re.sub(r"quota: \d+", f"quota: {count}", round_yaml.read_text("utf-8")), "utf-8")
    committee = yaml.safe_load((base / "committee.yaml").read_text("utf-8"))
    shutil.rmtree(base / "ballots")
    (base / "ballots").mkdir()
    votes = {
        folder.name: sorted(path.stem for path in folder.glob("*.yaml"))
        for folder in sorted((base / "applications").iterdir())
    }
    for member in committee["members"]:
        ballot = {"member": member["id"], "votes": votes}
        (base / "ballots" / f"{member['id']}.yaml").write_text(
            yaml.safe_dump(ballot, allow_unicode=True), "utf-8"
        )
    tally = subprocess.run(
        [sys.executable, "-m", "kczy", "tally", "--format", "json"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout
    approval = base / "approval.yaml"
    digest = hashlib.sha256(tally).hexdigest()
    approval.write_text(
        re.sub(r'tally_sha256: "[0-9a-f]{64}"', f'tally_sha256: "{digest}"', approval.read_text("utf-8")),
        "utf-8",
    )


def build(root: Path) -> float:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    started = time.perf_counter()
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(root / "out")],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "KCZY_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    return elapsed


def main(counts: list[int]) -> None:
    rows = []
    for count in counts:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            generate(root, count)
            seconds = build(root)
            pages = len(list((root / "out" / YEAR / "projects").iterdir()))
            rows.append((count, seconds, pages))
            print(
                f"{count:>6} 份申报书  {pages:>6} 个项目页  {seconds:8.2f} 秒"
                f"  {1000 * seconds / count:7.2f} 毫秒/份"
            )
    if len(rows) > 1:
        (small, t_small, _), (large, t_large, _) = rows[0], rows[-1]
        ratio = (t_large / large) / (t_small / small)
        print(f"每份耗时之比（{large} 对 {small}）：{ratio:.2f}（不大于 1 左右即为线性或更好）")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [200, 2000])
