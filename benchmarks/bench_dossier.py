"""Benchmark `kczy dossier` on a generated round of 1,000 applications with their attachments.

The round is generated as benchmarks/bench_validate.py generates it (copies of the sample applications,
each from its own unit, with the sample's PDF attachments). The command runs as a user runs it (a new
process) and writes every book: the whole round and one per type. Prints the wall time and the peak
memory (maximum resident set size) of that process, and the pages written.

Targets (issue 17): at most 2 minutes and at most 2 GB of peak memory for 1,000 applications.

    .venv/bin/python benchmarks/bench_dossier.py [--applications 1000]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_validate import generate_round
from pypdf import PdfReader

LIMIT_SECONDS = 120
LIMIT_BYTES = 2 * 1024**3


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--applications", type=int, default=1000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        generate_round(root, options.applications)
        output = root / "out"
        command = [sys.executable, "-m", "kczy", "dossier", "--repo", str(root), "--output", str(output)]
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        tree_peak = 0
        while process.poll() is None:
            tree_peak = max(tree_peak, tree_rss(process.pid))
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        assert process.returncode == 0, process.stderr.read().decode() if process.stderr else ""
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        single_peak = usage.ru_maxrss * 1024  # kilobytes on Linux
        cpu = usage.ru_utime + usage.ru_stime
        books = sorted(output.glob("*.pdf"))
        pages = {book.name: len(PdfReader(book).pages) for book in books}
        size = sum(book.stat().st_size for book in books)
    attachments = "the sample's PDF attachments copied with their applications"
    print(f"round: {options.applications} applications, {attachments}")
    for name, count in pages.items():
        print(f"  {name:<32} {count:6d} pages")
    print(f"books: {len(books)}, {sum(pages.values())} pages, {size / 1024 / 1024:.1f} MiB")
    print(f"wall time   {seconds:8.1f} s    (target ≤ {LIMIT_SECONDS} s)")
    print(f"CPU time    {cpu:8.1f} s    (the command and the processes it waited for)")
    limit = LIMIT_BYTES // 1024**2
    print(f"peak memory {tree_peak / 1024**2:8.0f} MiB  (target ≤ {limit} MiB)")
    print("  (the command and its child processes together, sampled every 0.1 s;")
    print(f"   the largest single process reached {single_peak / 1024**2:.0f} MiB)")


def tree_rss(pid: int) -> int:
    """Resident memory in bytes of a process and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields.get("PPid", "0").strip())
        sizes[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    total = 0
    for candidate in sizes:
        ancestor = candidate
        while ancestor and ancestor != pid:
            ancestor = parents.get(ancestor, 0)
        if ancestor == pid:
            total += sizes[candidate]
    return total


if __name__ == "__main__":
    main()
