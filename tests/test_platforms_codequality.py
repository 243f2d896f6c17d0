"""`kczy validate --format gitlab`: GitLab's Code Quality report, checked against GitLab's published field
list (vendored as tests/platforms/gitlab-code-quality.schema.json) and against `--format json`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema

from conftest import PROJECT, run_kczy
from test_check_pr import IN_VOTING, ballot, pull_request, work

__all__ = ["work"]  # the fixture of the check-pr tests: a round in a real origin and clone

SCHEMA = json.loads((PROJECT / "tests/platforms/gitlab-code-quality.schema.json").read_text("utf-8"))
BROKEN_FIXTURE = PROJECT / "tests" / "fixtures" / "broken-yiye-yibao.yaml"
YIBAO = "submissions/2021/applications/yiye-yibao"


def reports(root: Path, *paths: str) -> tuple[list[dict[str, object]], list[dict[str, object]], str]:
    as_json = run_kczy("validate", "--format", "json", *paths, cwd=root)
    as_gitlab = run_kczy("validate", "--format", "gitlab", *paths, cwd=root)
    assert as_gitlab.returncode == as_json.returncode
    return json.loads(as_json.stdout), json.loads(as_gitlab.stdout), as_gitlab.stdout


def test_the_vendored_schema_is_a_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert not jsonschema.Draft202012Validator(SCHEMA).is_valid([{"description": "x"}])


def test_every_finding_of_json_is_in_the_code_quality_report(sample_repo: Path) -> None:
    shutil.copy(BROKEN_FIXTURE, sample_repo / YIBAO / "yb-broken.yaml")
    findings, report, text = reports(sample_repo)
    assert not text.startswith("\ufeff"), "GitLab's parser refuses a byte order mark"
    jsonschema.validate(report, SCHEMA)
    # The broken application's errors and the sample ballots' warnings, all of them, in the same order.
    assert len(report) == len(findings) > 9
    assert [
        (r["location"]["path"], r["location"]["lines"]["begin"], r["check_name"], r["description"])  # type: ignore[index]
        for r in report
    ] == [(f["file"], f["line"], f["code"], f["message"]) for f in findings]
    severities = {f["code"]: r["severity"] for f, r in zip(findings, report, strict=True)}
    assert severities["schema.required"] == "blocker" and severities["tally.vote.recused"] == "minor"
    fingerprints = [r["fingerprint"] for r in report]
    assert len(set(fingerprints)) == len(fingerprints), "GitLab shows one entry per fingerprint"


def test_fingerprints_are_stable_when_a_finding_only_moves(sample_repo: Path) -> None:
    target = sample_repo / YIBAO / "yb-broken.yaml"
    shutil.copy(BROKEN_FIXTURE, target)
    findings, before, _ = reports(sample_repo, str(target))
    text = target.read_text("utf-8")
    target.write_text(text.replace("type: yiye-yibao\n", "# 加一行注释\ntype: yiye-yibao\n", 1), "utf-8")
    _, after, _ = reports(sample_repo, str(target))
    # A finding at a field keeps its fingerprint; one without a field (a repeated key, whose message names
    # the line of the first one) can only be named by its place.
    placed = [i for i, f in enumerate(findings) if f["pointer"]]
    assert len(placed) == len(findings) - 1
    assert [after[i]["fingerprint"] for i in placed] == [before[i]["fingerprint"] for i in placed]
    assert [r["location"]["lines"]["begin"] for r in after] == [  # type: ignore[index]
        r["location"]["lines"]["begin"] + 1
        for r in before  # type: ignore[index,operator]
    ]
    _, again, _ = reports(sample_repo, str(target))
    assert again == after


def test_clean_files_give_an_empty_array(sample_repo: Path) -> None:
    findings, report, text = reports(sample_repo, YIBAO)
    assert findings == report == [] and text == "[]\n"


def test_check_pr_writes_the_code_quality_report_too(work: Path) -> None:
    pull_request(work, "vote", ballot("m2", "aa"))
    args = ("check-pr", "--base", "main", "--head", "vote", "--author", "m1", "--now", IN_VOTING)
    result = run_kczy(*args, "--format", "gitlab", cwd=work)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    text = run_kczy(*args, cwd=work).stdout.splitlines()[:-1]
    places = [re.match(r"(.+):(\d+):\d+: .*（([\w.-]+)）$", line) for line in text]
    assert [(r["location"]["path"], r["location"]["lines"]["begin"], r["check_name"]) for r in report] == [
        (m.group(1), int(m.group(2)), m.group(3)) for m in places if m
    ]
    assert len(report) == len(text) >= 1
    assert report[0]["check_name"] == "checkpr.other-ballot" and report[0]["severity"] == "blocker"
