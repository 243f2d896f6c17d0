"""Benchmark `kczy validate` on a generated round of 1,000 applications.

Prints, measured in the same run on the same files:
- the parse floor: reading every file and merely parsing it: YAML with PyYAML's C loader
  (yaml.CSafeLoader), the PDF attachments with pypdf;
- `kczy validate` on the whole round (in-process, and as a command including interpreter start-up);
- check-jsonschema with the same schemas on the same files (one command per project type);
- `kczy validate` on one changed file of that round;
- the fast start (issue 11), each as a separate process against a process floor: `kczy validate` of one
  application without attachments vs a process that starts Python and parses the files kczy reads for
  it (the application, round.yaml, units.yaml and the other applications of its type, whose applicant it
  compares) with the C loader; and `kczy validate` of the whole round vs a process that parses the same
  YAML with the C loader and opens the same PDFs with pypdf.

Targets (issue 2): whole round ≤ 2× the parse floor; ≥ 5× faster than check-jsonschema;
one file ≤ ¼ of the whole round. Issue 11: one application ≤ 3× its process floor; the whole round as a
command ≤ 1.8× its process floor.

    .venv/bin/python benchmarks/bench_validate.py [--applications 1000]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdf
import yaml

from kczy.cli import main as kczy_main

PROJECT = Path(__file__).resolve().parent.parent
YEAR = "2021"


def generate_round(root: Path, count: int) -> list[Path]:
    """Copies of the sample applications, each from a newly registered unit of the right kind."""
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    source = PROJECT / "submissions" / YEAR
    target = root / "submissions" / YEAR
    for name in ("round.yaml", "units.yaml", "committee.yaml"):
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(source / name, target / name)
    units = yaml.safe_load((source / "units.yaml").read_text("utf-8"))["units"]
    kinds = {unit["id"]: unit["kind"] for unit in units}
    samples = sorted((source / "applications").glob("*/*.yaml"))
    extra_units, paths = [], []
    for index in range(count):
        sample = samples[index % len(samples)]
        text = sample.read_text("utf-8")
        applicant = re.search(r"^applicant: (\S+)$", text, re.M)
        assert applicant is not None
        unit_id = f"gen-{index:05d}"
        extra_units.append(
            f"  - id: {unit_id}\n    name: 生成单位{index}\n    kind: {kinds[applicant.group(1)]}\n"
            f"    logins:\n      - {unit_id}\n    emails:\n      - {unit_id}@example.org\n"
        )
        path = target / "applications" / sample.parent.name / f"{sample.stem}-{index:05d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace(applicant.group(0), f"applicant: {unit_id}"), "utf-8")
        paths.append(path)
        evidence = source / "attachments" / sample.stem
        if evidence.is_dir():
            shutil.copytree(evidence, target / "attachments" / path.stem)
    with open(target / "units.yaml", "a", encoding="utf-8") as handle:
        handle.write("".join(extra_units))
    return paths


def best_of(repeat: int, action: object) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings)


FLOOR_SCRIPT = """
import io, sys
import yaml
split = sys.argv.index("--pdf")
yaml_paths, pdf_paths = sys.argv[1:split], sys.argv[split + 1 :]
for path in yaml_paths:
    with open(path, "rb") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
if pdf_paths:
    import pypdf
    for path in pdf_paths:
        with open(path, "rb") as handle:
            len(pypdf.PdfReader(io.BytesIO(handle.read())).pages)
"""


def process_floor(yaml_paths: list[Path], pdf_paths: list[Path]) -> list[str]:
    """A process that only starts Python and parses these files (YAML with the C loader, PDFs with pypdf)."""
    return [sys.executable, "-c", FLOOR_SCRIPT, *map(str, yaml_paths), "--pdf", *map(str, pdf_paths)]


def files_read(*args: str) -> list[Path]:
    """The files `kczy validate` reads from submissions/ for these arguments (in-process, once)."""
    from kczy import repo

    read: list[Path] = []
    original = repo.LazyFiles.__getitem__

    def spy(self: repo.LazyFiles, path: str) -> bytes:
        read.append(self.root / path)
        return original(self, path)

    repo.LazyFiles.__getitem__ = spy  # type: ignore[method-assign]
    try:
        run_kczy_in_process(*args)
    finally:
        repo.LazyFiles.__getitem__ = original  # type: ignore[method-assign]
    return list(dict.fromkeys(read))


def run_kczy_in_process(*args: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()):
        return kczy_main(list(args))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        paths = generate_round(root, options.applications)
        all_files = sorted((root / "submissions").rglob("*.yaml"))
        assert run_kczy_in_process("validate", "--repo", str(root)) == 0, "generated round must be valid"

        pdfs = sorted((root / "submissions").rglob("*.pdf"))

        def parse_floor() -> None:
            # Merely parsing every file validate reads: YAML with the C loader, each PDF with pypdf.
            for path in all_files:
                yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
            for path in pdfs:
                len(pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)

        floor = best_of(options.repeat, parse_floor)
        whole = best_of(options.repeat, lambda: run_kczy_in_process("validate", "--repo", str(root)))
        command = [sys.executable, "-m", "kczy", "validate", "--repo", str(root)]
        one_path = str(paths[len(paths) // 2])
        one = best_of(options.repeat, lambda: run_kczy_in_process("validate", "--repo", str(root), one_path))
        check_jsonschema = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))

        def run_check_jsonschema() -> None:
            assert check_jsonschema is not None
            for folder in sorted((root / "submissions" / YEAR / "applications").iterdir()):
                schema = root / "schemas" / f"{folder.name}.schema.json"
                files = sorted(str(p) for p in folder.glob("*.yaml"))
                subprocess.run(
                    [check_jsonschema, "--schemafile", str(schema), *files], check=True, capture_output=True
                )

        other = best_of(1, run_check_jsonschema) if check_jsonschema else float("nan")

        # Bytecode is cached as in any installed copy, even where PYTHONDONTWRITEBYTECODE is set.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

        def run(repeat: int, command: list[str]) -> tuple[float, float]:
            """Best wall time and best CPU time (user + system) of `command` as a process: on a shared
            machine the CPU time is the steadier of the two."""
            walls, cpus = [], []
            for _ in range(repeat):
                before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
                subprocess.run(command, check=True, capture_output=True, env=env)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                walls.append(time.perf_counter() - start)
                cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            return min(walls), min(cpus)

        plain = next(p for p in paths if not (p.parent.parent.parent / "attachments" / p.stem).exists())
        one_args = ("validate", "--repo", str(root), str(plain))
        one_read = files_read(*one_args)
        start_repeat = max(options.repeat, 10)
        one_floor, one_floor_cpu = run(start_repeat, process_floor(one_read, []))
        one_alone_floor, one_alone_cpu = run(start_repeat, process_floor([plain], []))
        one_cli, one_cli_cpu = run(start_repeat, [sys.executable, "-m", "kczy", *one_args])
        whole_floor, whole_floor_cpu = run(options.repeat, process_floor(all_files, pdfs))
        whole_cli, whole_cli_cpu = run(options.repeat, command)

    rows = [
        ("parse floor (yaml.CSafeLoader, pypdf)", floor, ""),
        ("kczy validate, whole round (in-process)", whole, f"{whole / floor:5.2f}x the floor (target ≤ 2)"),
        ("kczy validate, whole round (command)", whole_cli, f"{whole_cli / floor:5.2f}x the floor"),
        (
            "check-jsonschema, same files and schemas",
            other,
            f"kczy is {other / whole_cli:5.1f}x faster (target ≥ 5)",
        ),
        ("kczy validate, one changed file", one, f"{one / whole:5.2f} of the whole round (target ≤ 0.25)"),
        (f"process floor: {len(one_read)} files kczy reads", one_floor, ""),
        ("process floor: the application alone", one_alone_floor, ""),
        (
            "kczy validate <one application> (command)",
            one_cli,
            f"{one_cli / one_floor:5.2f}x its process floor (target ≤ 3), "
            f"CPU {one_cli_cpu / one_floor_cpu:5.2f}x; {one_cli / one_alone_floor:5.2f}x the application "
            f"alone, CPU {one_cli_cpu / one_alone_cpu:5.2f}x",
        ),
        ("process floor: whole round (YAML, PDFs)", whole_floor, ""),
        (
            "kczy validate, whole round (command)",
            whole_cli,
            f"{whole_cli / whole_floor:5.2f}x its process floor (target ≤ 1.8), "
            f"CPU {whole_cli_cpu / whole_floor_cpu:5.2f}x",
        ),
    ]
    print(
        f"files: {len(all_files)} YAML ({options.applications} applications), {len(pdfs)} PDF attachments;"
        f" best of {options.repeat}"
    )
    for label, seconds, ratio in rows:
        print(f"{label:<42} {seconds:8.3f} s   {ratio}")


if __name__ == "__main__":
    main()
