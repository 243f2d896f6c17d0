"""The promise of per-round rules, on a real repository (issue 12): open 2022 from 2021 with
`kczy new round`, change one criterion in 2022's own copy of one type schema, and nothing about 2021
moves (its validation, its tally bytes, its built pages), while 2022 is judged by the new rule."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import git, run_kczy
from gitrounds import commit_files, dated
from test_site import build, site_repo

pytestmark = pytest.mark.slow

APPLICATION = "applications/yiqi-yiduijie/yqdj-muye-dianchi.yaml"  # 3 visits: the 2021 minimum
OLD, NEW = Path("submissions/2021"), Path("submissions/2022")
FILLED = {
    "  name:": "  name: 测试秘书处",
    "  logins:": "  logins: [mishu-2022]",
    "  applications_open:": '  applications_open: "2022-07-15T09:00+08:00"',
    "  applications_close:": '  applications_close: "2022-08-31T17:30+08:00"',
    "  voting_opens:": '  voting_opens: "2022-09-10T09:00+08:00"',
    "  voting_closes:": '  voting_closes: "2022-09-17T17:00+08:00"',
    "    office:": "    office: 测试纪委",
    "    phone:": '    phone: "0371-65950000"',
    "    email:": "    email: jiwei@test.invalid",
    "    address:": "    address: 郑州市测试路 1 号测试楼",
    "    postcode:": '    postcode: "450000"',
}


def open_2022(root: Path) -> None:
    """`kczy new round 2022`, its blanks filled in, the sample's registries and one of its applications
    (with its attachments) submitted before the close."""
    made = run_kczy("new", "round", "2022", cwd=root)
    assert made.returncode == 0, made.stderr
    round_yaml = root / NEW / "round.yaml"
    lines = round_yaml.read_text("utf-8").splitlines()
    round_yaml.write_text("\n".join(FILLED.get(line, line) for line in lines) + "\n", "utf-8")
    for name in ("units.yaml", "committee.yaml"):
        shutil.copy(root / OLD / name, root / NEW / name)
    (root / NEW / APPLICATION).parent.mkdir(parents=True)
    shutil.copy(root / OLD / APPLICATION, root / NEW / APPLICATION)
    attachments = "attachments/yqdj-muye-dianchi"
    shutil.copytree(root / OLD / attachments, root / NEW / attachments)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "open 2022", cwd=root, env=dated("2022-07-20T10:00"))


def observe_2021(root: Path) -> tuple[str, str, str]:
    validated = run_kczy("validate", "--round", "2021", cwd=root)
    tally = run_kczy("tally", "--round", "2021", "--format", "json", cwd=root)
    verified = run_kczy("verify", "--round", "2021", cwd=root)
    assert validated.returncode == 0 and tally.returncode == 0 and verified.returncode == 0, verified.stdout
    return validated.stdout, tally.stdout, verified.stdout


def built_pages(root: Path, out: Path, year: str) -> dict[str, bytes]:
    result = build(root, out, "2021-09-27T10:00")
    assert result.returncode == 0, result.stderr
    files = sorted(p for p in (out / year).rglob("*") if p.is_file())
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in files}


def test_a_criterion_changed_for_2022_changes_nothing_about_2021(tmp_path: Path) -> None:
    root = site_repo(tmp_path / "repo")
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "the sample round", cwd=root, env=dated("2021-07-01T10:00"))
    open_2022(root)
    assert run_kczy("validate", "--round", "2022", cwd=root).returncode == 0
    before = observe_2021(root)
    pages_before = built_pages(root, tmp_path / "before", "2021")
    assert "2021/rules/index.html" in pages_before

    # 2022's criterion yiqi-yiduijie.3: at least 4 visits instead of 3, in 2022's copy only.
    schema_path = root / NEW / "schemas/yiqi-yiduijie.schema.json"
    schema = json.loads(schema_path.read_text("utf-8"))
    schema["properties"]["visits"]["minItems"] = 4
    schema["properties"]["visits"]["description"] = "专家到企业开展的对接、培训或协同攻关，合计不少于 4 次。"
    changed = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    commit_files(root, {schema_path.relative_to(root).as_posix(): changed.encode("utf-8")},
                 "2022: four visits", "2022-07-21T10:00")

    assert observe_2021(root) == before  # validation, tally bytes, verify: byte for byte
    judged = run_kczy("validate", "--round", "2022", "--format", "json", cwd=root)
    assert judged.returncode == 1
    errors = [f for f in json.loads(judged.stdout) if f["severity"] == "error"]
    findings = [(f["file"], f["code"], f["pointer"]) for f in errors]
    assert findings == [((NEW / APPLICATION).as_posix(), "schema.minItems", "/visits")]

    # The application meets the new rule with a fourth visit (before the close): the site builds again.
    path = root / NEW / APPLICATION
    text = path.read_text("utf-8")
    visits = re.search(r"(?ms)^visits:\n(  - .*?)(?=^\S)", text)
    assert visits is not None
    first = re.match(r"(?s)  - .*?(?=\n  - |\Z)", visits.group(1))
    assert first is not None
    fourth = text.replace(visits.group(1), visits.group(1) + first.group(0).rstrip("\n") + "\n", 1)
    commit_files(root, {(NEW / APPLICATION).as_posix(): fourth.encode("utf-8")}, "a fourth visit",
                 "2022-08-01T10:00")
    assert run_kczy("validate", "--round", "2022", cwd=root).returncode == 0
    pages_after = built_pages(root, tmp_path / "after", "2021")
    assert pages_after == pages_before  # every page and download of 2021, byte for byte
    old_template = pages_after["2021/templates/yiqi-yiduijie.yaml"].decode("utf-8")
    new_template = (tmp_path / "after/2022/templates/yiqi-yiduijie.yaml").read_text("utf-8")
    assert "至少 3 项" in old_template and "至少 4 项" not in old_template
    assert "至少 4 项" in new_template
