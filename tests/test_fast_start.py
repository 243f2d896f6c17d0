"""A fast start: `kczy` imports a command's module only when that command runs, and the heavy libraries
(git, pypdf, jsonschema) only where they are used. Checked on `sys.modules` of a fresh interpreter."""

from __future__ import annotations

import ast
import base64
import importlib
import inspect
import json
import marshal
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import PROJECT, run_kczy
from kczy.commands import COMMANDS, load_command
from kczy.history import Provenance
from kczy.roundfiles import RoundFiles
from kczy.schemas import SchemaSet
from kczy.yamlload import parse_yaml

HEAVY = ("git", "pypdf", "jsonschema")
SCHEMAS = sorted((PROJECT / "schemas").glob("*.schema.json"))
APPLICATION = PROJECT / "submissions" / "2021" / "applications" / "yiye-yibao" / "yb-jxgc-zhuangbei.yaml"


def imported_after(code: str, cwd: Path = PROJECT, env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter has imported after running `code`."""
    probe = f"{code}\nimport sys\nprint(*sys.modules)"
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=cwd, env=env
    )
    return set(completed.stdout.split())


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in HEAVY}


def commands(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith("kczy.commands.")}


def test_importing_the_cli_imports_no_command_and_no_heavy_library() -> None:
    modules = imported_after("import kczy.cli")
    assert "kczy.cli" in modules
    assert not heavy(modules)
    assert not commands(modules)


def test_parsing_one_command_imports_only_that_command() -> None:
    modules = imported_after("from kczy.cli import build_parser\nbuild_parser(['status'])")
    assert commands(modules) == {"kczy.commands.status"}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_registered_command_has_its_parts(name: str) -> None:
    module = load_command(name)
    assert module.HELP and module.DESCRIPTION
    assert callable(module.configure) and callable(module.run)


def test_help_lists_every_command_and_each_command_has_its_help() -> None:
    result = run_kczy("--help", cwd=PROJECT)
    assert result.returncode == 0
    for name in COMMANDS:
        assert name in result.stdout
        assert load_command(name).HELP[:10] in result.stdout
    sub = run_kczy("validate", "--help", cwd=PROJECT)
    assert sub.returncode == 0 and "--format" in sub.stdout


def test_a_mistyped_command_names_the_choices() -> None:
    result = run_kczy("valdate", cwd=PROJECT)
    assert result.returncode == 2
    assert "validate" in result.stderr and "check-pr" in result.stderr


def test_validating_one_application_imports_no_heavy_library(sample_repo: Path, tmp_path: Path) -> None:
    """Once the compiled validators are cached, a file that passes needs neither jsonschema nor the
    validator generator, and an application without attachments needs no pypdf; nothing needs git."""
    application = (
        sample_repo / "submissions" / "2021" / "applications" / "yiye-yibao" / "yb-jxgc-zhuangbei.yaml"
    )
    assert not (sample_repo / "submissions" / "2021" / "attachments" / application.stem).exists()
    code = (
        "import contextlib, io, sys\nfrom kczy.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main(['validate', {str(application)!r}])\n"
        "assert status == 0, status"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=sample_repo, env=env)  # fills the cache
    modules = imported_after(code, cwd=sample_repo, env=env)
    assert "kczy.commands.validate" in modules
    assert not heavy(modules)
    assert not {
        m for m in modules if m.split(".")[0] in ("fastjsonschema", "referencing", "chinese_calendar")
    }


def test_the_validate_command_of_one_valid_application_loads_no_heavy_module(sample_repo: Path) -> None:
    """`kczy validate FILE` as the pre-commit hook runs it, seen through `python -X importtime`: no git,
    pypdf or jsonschema, and none of the modules of other commands' rules (check-pr, the tally, sealed
    ballots, git history), which are what made a fast start slow (issue 11)."""
    application = sample_repo / APPLICATION.relative_to(PROJECT)
    command = [sys.executable, "-X", "importtime", "-m", "kczy", "validate", str(application)]
    for _ in range(2):  # the first run may fill the validator cache (with jsonschema), the second reads it
        completed = subprocess.run(command, capture_output=True, text=True, cwd=sample_repo, check=False)
        assert completed.returncode == 0, completed.stderr
    lines = completed.stderr.splitlines()
    imported = {line.split("|")[-1].strip() for line in lines if line.startswith("import time:")}
    assert {"kczy.cli", "kczy.repo", "kczy.validate", "yaml"} <= imported  # the probe sees imports
    assert not heavy(imported)
    unneeded = {
        "kczy.checkpr", "kczy.tally", "kczy.sealed", "kczy.signing", "kczy.runoffs", "kczy.provenance",
        "kczy.publication", "kczy.stages", "pyrage",
    }
    assert not imported & unneeded


def test_the_suite_keeps_the_validator_cache_in_its_temporary_folder(sample_repo: Path) -> None:
    """conftest points XDG_CACHE_HOME at a folder of the session: tests write nothing in ~/.cache."""
    assert run_kczy("validate", cwd=sample_repo).returncode == 0
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "kczy" / "validators"
    assert any(cache.glob("*.py"))
    assert Path(tempfile.gettempdir()).resolve() in cache.resolve().parents
    assert Path.home().resolve() not in cache.resolve().parents


def _module_imports() -> dict[str, set[str]]:
    """Every module of src/kczy → the kczy modules it imports anywhere (functions, TYPE_CHECKING too)."""
    source = PROJECT / "src"
    modules = {
        ".".join(path.relative_to(source).with_suffix("").parts).removesuffix(".__init__"): path
        for path in source.rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    base = ".".join([*parts[: len(parts) - node.level + 1], *([base] if base else [])])
                found |= {base, *(f"{base}.{alias.name}" for alias in node.names)}
        graph[name] = {module for module in found if module in modules and module != name}
    return graph


def test_no_command_module_imports_another() -> None:
    """What commands share lives outside kczy.commands (kczy.counting for tally, verify and approve)."""
    graph = _module_imports()
    commands = {name for name in graph if name.startswith("kczy.commands.")}
    assert {"kczy.commands.tally", "kczy.commands.verify", "kczy.commands.approve"} <= commands
    assert "kczy.counting" in graph["kczy.commands.verify"]  # the walk sees real imports
    assert sorted(f"{a} → {b}" for a in commands for b in graph[a] & commands) == []


def test_only_the_edge_reads_git() -> None:
    """The core takes history as data (RoundFiles' `provenance`, tally_round's argument): only kczy.provenance
    imports GitPython, and only the edges (the work tree's reader, check-pr) call it or kczy.gitobjects."""
    graph = _module_imports()
    git_modules = {"kczy.provenance", "kczy.gitobjects"}
    readers = sorted(name for name, imports in graph.items() if imports & git_modules)
    assert readers == ["kczy.commands.check_pr", "kczy.repo"]
    gitpython = sorted(
        ".".join(path.relative_to(PROJECT / "src").with_suffix("").parts)
        for path in (PROJECT / "src" / "kczy").rglob("*.py")
        if any(
            isinstance(node, ast.Import) and any(alias.name == "git" for alias in node.names)
            for node in ast.walk(ast.parse(path.read_text("utf-8")))
        )
    )
    assert gitpython == ["kczy.provenance"]


def test_a_rounds_history_is_data_handed_in() -> None:
    """RoundFiles holds no reader to call back: the history is handed in, and kept with what is parsed."""
    history = Provenance("checked")
    files = RoundFiles("2021", {"submissions/2021/round.yaml": b"year: 2021\n"}, SchemaSet.from_files({}, {}))
    assert files.provenance is None and list(inspect.signature(RoundFiles).parameters)[-1] == "history"
    document = files.parse("submissions/2021/round.yaml")
    dated = files.with_history(history)
    assert dated.provenance is history and dated.parse("submissions/2021/round.yaml") is document


def test_no_import_cycles_in_kczy() -> None:
    graph = _module_imports()
    assert graph["kczy.tally.count"] >= {"kczy.roundfiles", "kczy.history"}  # the walk sees real imports

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            for module in graph[todo.pop()] - seen:
                if module == goal:
                    return True
                seen.add(module)
                todo.append(module)
        return False

    cycles = sorted(f"{a} ⇄ {b}" for a in graph for b in graph[a] if reaches(b, a))
    assert cycles == []


def test_the_validator_cache_keeps_bytecode_and_survives_damage() -> None:
    """A cached validator runs from its bytecode (compiling the source costs more than validating a file),
    schemas checked once are kept prepared; a damaged entry is made again, never trusted."""
    raw = {path.name.removesuffix(".schema.json"): json.loads(path.read_text("utf-8")) for path in SCHEMAS}
    document, _ = parse_yaml(APPLICATION.read_bytes(), APPLICATION.name)
    assert document is not None
    application = document.data
    broken = {**application, "applicant": 12}
    cache: dict[str, str] = {}
    schemas = SchemaSet.from_files(raw, cache)
    assert schemas.passes("yiye-yibao", application) and not schemas.passes("yiye-yibao", broken)
    assert {key.split("-")[0] for key in cache} >= {"prepared"}
    assert len([key for key in cache if "-bytecode-" in key]) == 1 and len(cache) == 3
    for damage in ("not base64 at all", base64.b64encode(marshal.dumps(42)).decode(), "def broken(:"):
        damaged = dict.fromkeys(cache, damage)
        again = SchemaSet.from_files(raw, damaged)
        assert again.passes("yiye-yibao", application) and not again.passes("yiye-yibao", broken)
        assert damaged == cache  # written anew


def test_every_check_imported_when_it_runs_exists() -> None:
    """The checks `kczy.validate` names by module (imported only when they run) are all there."""
    from kczy.validate import CHECKS

    late = [check for checks in CHECKS.values() for check in checks if hasattr(check, "module")]
    assert len(late) >= 10
    for check in late:
        assert callable(getattr(importlib.import_module(check.module), check.name)), check
