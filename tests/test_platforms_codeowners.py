"""CODEOWNERS for every platform: each file read back the way its platform reads it (a small model of
each matcher, written from the platforms' documentation and Gitea's parser) gives the same reviewers
as check-pr's rule, for every file of the sample round and for the files only the secretariat owns."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, copy_project_data, git, run_kczy
from kczy.codeowners import OwnerRule
from kczy.codeowners_syntax import PLATFORMS, gitea_pattern

SECRETARIAT = {"hnkx-secretariat", "hnkx-xueshu"}
OTHER_FILES = [
    "submissions/2021/round.yaml",
    "submissions/2021/units.yaml",
    "submissions/2021/applications/yiye-yihui/not-yet-registered.yaml",
    "schemas/yishi-yipin.schema.json",
    ".github/workflows/check.yml",
    ".gitea/workflows/check.yml",
    ".gitlab-ci.yml",
    ".gitlab/CODEOWNERS",
    "src/kczy/cli.py",
]


def as_real_round(tmp_path: Path) -> Path:
    """A copy of the project whose sample round is made a real one (a sample round grants nothing: the
    shipped CODEOWNERS lists nobody), with its CODEOWNERS written."""
    root = copy_project_data(tmp_path / "repo")
    round_yaml = root / "submissions/2021/round.yaml"
    round_yaml.write_text(round_yaml.read_text("utf-8").replace("sample: true", "sample: false", 1), "utf-8")
    git("init", "-q", cwd=root)
    assert run_kczy("codeowners", cwd=root).returncode == 0
    return root


def lines(root: Path, path: str) -> list[str]:
    text = (root / path).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def glob_matches(pattern: str, path: str) -> bool:
    """GitHub's and GitLab's patterns, as far as kczy writes them: `*`, `/file` and `/folder/`."""
    if pattern == "*":
        return True
    assert pattern.startswith("/") and "*" not in pattern, pattern
    return path.startswith(pattern[1:]) if pattern.endswith("/") else path == pattern[1:]


def github_owners(root: Path, path: str) -> set[str]:
    """The last matching line decides."""
    owners: set[str] = set()
    for line in lines(root, ".github/CODEOWNERS"):
        pattern, *names = line.split()
        if glob_matches(pattern, path):
            owners = {name.removeprefix("@") for name in names}
    return owners


def gitea_tokens(line: str) -> list[str]:
    """Gitea's TokenizeCodeOwnersLine: backslash escapes the next character, `#` starts a comment."""
    tokens, token, escape = [], "", False
    for char in line.strip():
        if escape:
            token, escape = token + char, False
        elif char == "\\":
            escape = True
        elif char == "#":
            break
        elif char == " ":
            if token:
                tokens, token = [*tokens, token], ""
        else:
            token += char
    return [*tokens, token] if token else tokens


def gitea_owners(root: Path, path: str, text: str | None = None) -> set[str]:
    """Every matching line's owners (Gitea compiles each rule as ^rule$)."""
    owners: set[str] = set()
    for line in (text or (root / ".gitea/CODEOWNERS").read_text("utf-8")).splitlines():
        tokens = gitea_tokens(line)
        if len(tokens) >= 2 and re.fullmatch(tokens[0], path):
            owners |= {name.removeprefix("@") for name in tokens[1:]}
    return owners


def gitlab_sections(root: Path, path: str) -> list[set[str]]:
    """Per section, the owners of its last matching line; each section needs its own approval."""
    sections: dict[str, set[str]] = {}
    current = ""
    for line in lines(root, ".gitlab/CODEOWNERS"):
        if line.startswith("["):
            current = line.strip("[]")
            continue
        pattern, *names = line.split()
        if glob_matches(pattern, path):
            sections[current] = {name.removeprefix("@") for name in names}
    return list(sections.values())


def expected_owners() -> dict[str, set[str]]:
    """check-pr's rule, read from the sample round's registries: the applying unit's accounts for an
    application and its attachments, the member's for a ballot, and the secretariat's for everything."""
    prefix = PROJECT / "submissions/2021"
    units = {
        u["id"]: set(u["logins"]) for u in yaml.safe_load((prefix / "units.yaml").read_text("utf-8"))["units"]
    }
    committee = yaml.safe_load((prefix / "committee.yaml").read_text("utf-8"))["members"]
    owners = {}
    for application in sorted((prefix / "applications").rglob("*.yaml")):
        unit = units[yaml.safe_load(application.read_text("utf-8"))["applicant"]]
        owners[application.relative_to(PROJECT).as_posix()] = unit | SECRETARIAT
        owners[f"submissions/2021/attachments/{application.stem}/协议.pdf"] = unit | SECRETARIAT
    for member in committee:
        owners[f"submissions/2021/ballots/{member['id']}.yaml"] = set(member["logins"]) | SECRETARIAT
    return owners


def test_every_file_has_the_same_reviewers_on_every_platform(tmp_path: Path) -> None:
    root = as_real_round(tmp_path)
    owned = expected_owners()
    assert len([p for p in owned if "/ballots/" in p]) == 12
    assert owned["submissions/2021/applications/yiye-yihui/yyyh-zhengzhou.yaml"] == {"zz-kx", *SECRETARIAT}
    for path, owners in owned.items():
        assert owners > SECRETARIAT, path
        assert github_owners(root, path) == gitea_owners(root, path) == owners, path
        sections = gitlab_sections(root, path)
        assert set().union(*sections) == owners and all(s >= SECRETARIAT for s in sections), path
    for path in OTHER_FILES:
        assert github_owners(root, path) == gitea_owners(root, path) == SECRETARIAT, path
        assert gitlab_sections(root, path) == [SECRETARIAT], path


def test_a_rounds_own_rules_are_listed_for_its_secretariat_on_every_platform(tmp_path: Path) -> None:
    """submissions/<year>/schemas/ is round configuration: check-pr gives it to the round's secretariat
    alone, and each platform's file lists the folder for it."""
    root = as_real_round(tmp_path)
    path = "submissions/2021/schemas/yiqi-yiduijie.schema.json"
    assert github_owners(root, path) == gitea_owners(root, path) == SECRETARIAT
    assert gitlab_sections(root, path) == [SECRETARIAT, SECRETARIAT]  # [secretariat] and [round-2021]
    mentions = " ".join(f"@{login}" for login in sorted(SECRETARIAT))
    assert f"/submissions/2021/schemas/ {mentions}" in lines(root, ".github/CODEOWNERS")
    assert f"/submissions/2021/schemas/ {mentions}" in lines(root, ".gitlab/CODEOWNERS")
    assert f"submissions/2021/schemas/.* {mentions}" in lines(root, ".gitea/CODEOWNERS")


def test_the_shipped_sample_round_gives_nobody_any_file() -> None:
    for path in [*expected_owners(), *OTHER_FILES]:
        assert github_owners(PROJECT, path) == gitea_owners(PROJECT, path) == set(), path
        assert gitlab_sections(PROJECT, path) == [], path


@pytest.mark.parametrize(
    "path",
    ["a b/c#d.yaml", "x+y/(z)[1]{2}^$|?*.yaml", "back\\slash/f.yaml", "dir.with.dots/"],
)
def test_gitea_patterns_match_their_path_and_nothing_else(path: str) -> None:
    line = f"{gitea_pattern(OwnerRule(path, ('owner',)))} @owner"
    assert gitea_owners(PROJECT, path + ("any/file" if path.endswith("/") else ""), line) == {"owner"}
    near = path.replace(".", "x", 1) if "." in path else path + "x"
    assert gitea_owners(PROJECT, near, line) == set()


def test_no_codeowners_where_a_platform_would_read_it_first() -> None:
    assert not (PROJECT / "CODEOWNERS").exists() and not (PROJECT / "docs/CODEOWNERS").exists()
    assert [path for path, _ in PLATFORMS.values()] == [
        ".github/CODEOWNERS",
        ".gitea/CODEOWNERS",
        ".gitlab/CODEOWNERS",
    ]


def test_check_names_each_stale_file(tmp_path: Path) -> None:
    root = as_real_round(tmp_path)
    written = run_kczy("codeowners", cwd=root)
    assert written.returncode == 0 and written.stdout.count("已写出") == 3
    assert run_kczy("codeowners", "--check", cwd=root).returncode == 0
    for path, _ in PLATFORMS.values():
        saved = tmp_path / "saved"
        shutil.copy(root / path, saved)
        (root / path).write_text((root / path).read_text("utf-8").replace("@zz-kx", "@someone"), "utf-8")
        result = run_kczy("codeowners", "--check", cwd=root)
        assert result.returncode == 1 and path in result.stderr and result.stderr.count("不一致") == 1
        shutil.copy(saved, root / path)
