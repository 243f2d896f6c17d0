"""Benchmark `kczy check-pr` on a pull request that adds many attachment files to one application.

Each file is judged against its application's owner; that lookup is made once for the whole pull
request, so the time grows with the number of files, not with its square (it once rescanned every file
for each attachment: 2,000 files 37 s, 4,000 files 141 s). Prints the time of the command for 2,000 and
4,000 files and their ratio, which should stay within 2x.

    .venv/bin/python benchmarks/bench_checkpr.py [--files 2000 4000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PREFIX = "submissions/2030/"
TYPE = "yiye-yibao"
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "b@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "b@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, env=ENV, check=True, capture_output=True)


def write(root: Path, path: str, data: object) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def build(root: Path, files: int) -> None:
    """A round with one unit and its application on main; a branch adding `files` attachments to it."""
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    write(root, PREFIX + "round.yaml", {
        "year": 2030, "title": "2030年度“科创中原”基准测试轮次", "organisers": ["河南省科学技术协会"],
        "sample": False, "secretariat": {"name": "测试秘书处", "logins": ["mishu"]},
        "types": {TYPE: {"quota": 2}},
        "schedule": {
            "applications_open": "2030-03-01T09:00+08:00", "applications_close": "2030-04-01T17:00+08:00",
            "voting_opens": "2030-05-01T09:00+08:00", "voting_closes": "2030-05-10T17:00+08:00",
        },
        "notice": {"days": 3, "count": "calendar", "contact": {
            "office": "测试纪委", "phone": "0371-65950000", "email": "jiwei@example.org",
            "address": "郑州市测试路 1 号", "postcode": "450000"}},
        "voting": {"quorum": "majority", "threshold": "none", "show_counts": True},
    })
    write(root, PREFIX + "units.yaml", {"units": [
        {"id": "u1", "name": "单位一", "kind": "provincial-society", "logins": ["login-u1"]}]})
    write(root, PREFIX + "committee.yaml", {"members": [
        {"id": "m1", "name": "评委一", "role": "expert", "logins": ["m1"], "affiliations": []}]})
    write(root, f"{PREFIX}applications/{TYPE}/aa.yaml", {"type": TYPE, "title": "项目", "applicant": "u1"})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "round")
    git(root, "checkout", "-q", "-b", "many")
    folder = root / PREFIX / "attachments" / "aa"
    folder.mkdir(parents=True)
    for index in range(files):
        (folder / f"附件{index:05d}.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n" + str(index).encode())
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "many attachments")
    git(root, "checkout", "-q", "main")


def check_pr(root: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "kczy", "check-pr", "--base", "main", "--head", "many", "--author", "login-u1",
         "--now", "2030-03-15T10:00"],
        cwd=root, env=ENV, capture_output=True, text=True, check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"check-pr refused the benchmark's pull request:\n{result.stdout}{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, nargs=2, default=[2000, 4000], metavar="N")
    args = parser.parse_args()
    times = []
    for files in args.files:
        with tempfile.TemporaryDirectory(prefix="kczy-bench-checkpr-") as folder:
            root = Path(folder)
            build(root, files)
            check_pr(root)  # warm: the validator cache, the page cache
            times.append(min(check_pr(root) for _ in range(2)))
        print(f"kczy check-pr, {files:>5} attachment files: {times[-1]:6.2f} s")
    small, large = args.files
    ratio = times[1] / times[0]
    print(f"ratio {large} / {small} files: {ratio:.2f}x (within 2x: {ratio <= 2})")


if __name__ == "__main__":
    main()
