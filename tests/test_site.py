"""The public site and the reading room, built through the real `mkdocs` command into temporary folders."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import PROJECT, SAMPLE_YEAR, copy_project_data, run_kczy
from kczy.layout import classify
from kczy.repo import read_schemas
from kczy.site.markup import csv_bytes, md
from kczy.yamlload import parse_yaml

PREFIX = f"submissions/{SAMPLE_YEAR}/"
HOSTILE = "洛阳<img src=x onerror=alert(3)>[点我](javascript:alert(2))**粗**"
HOSTILE_APP = "applications/yishi-yipin/ysyp-luoyang-zhuangbei.yaml"
SITE_FILES = ("mkdocs.yml", "mkdocs.internal.yml", "docs", "overrides", "scripts/mkdocs_hook.py")


def site_repo(root: Path) -> Path:
    copy_project_data(root)
    for name in SITE_FILES:
        source, target = PROJECT / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    return root


def build(root: Path, out: Path, now: str, config: str = "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run(
        [str(mkdocs), "build", "--strict", "-q", "-f", str(root / config), "-d", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "KCZY_NOW": now, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
        check=False,
    )


def repin_approval(root: Path) -> None:
    """After a change to what the tally reads, pin the new tally (as the secretariat would)."""
    result = run_kczy("tally", "--format", "json", cwd=root)
    digest = hashlib.sha256(result.stdout.encode("utf-8")).hexdigest()
    path = root / PREFIX / "approval.yaml"
    path.write_text(
        re.sub(r'tally_sha256: "[0-9a-f]{64}"', f'tally_sha256: "{digest}"', path.read_text("utf-8"))
    )


def make_hostile(root: Path) -> None:
    path = root / PREFIX / HOSTILE_APP
    text = path.read_text("utf-8")
    path.write_text(
        re.sub(r"(?m)^title: .*$", "title: " + json.dumps(HOSTILE, ensure_ascii=False), text, count=1)
    )
    repin_approval(root)


NOTICE_DAY = "2021-09-27T10:00"


@pytest.fixture
def sample_site(notice_site: tuple[Path, Path]) -> Path:
    """The sample round's public site on a day during the notice period, with a hostile title in it
    (built once for the session: conftest's `notice_site`)."""
    return notice_site[1]


# The sample round's life: (moment, stage, pages that exist, pages that must not).
REPLAY = [
    (
        "2021-08-01T09:00",
        "applications",
        ["2021/rules/", "2021/apply/"],
        ["2021/notice/", "2021/announcement/"],
    ),
    ("2021-09-05T09:00", "review", [], ["2021/notice/"]),
    ("2021-09-12T09:00", "voting", [], ["2021/notice/"]),
    ("2021-09-20T09:00", "tally", [], ["2021/notice/", "2021/projects/"]),
    ("2021-09-25T09:00", "approved", [], ["2021/notice/", "2021/notice.csv"]),
    (
        "2021-09-26T09:00",
        "notice",
        ["2021/notice/", "2021/notice.csv", "2021/notice.json"],
        ["2021/announcement/"],
    ),
    ("2021-10-05T09:00", "objections", ["2021/notice/"], ["2021/announcement/"]),
    ("2021-10-15T09:00", "announced", ["2021/notice/", "2021/announcement/", "2021/announcement.csv"], []),
]


@pytest.mark.slow
@pytest.mark.parametrize(("now", "stage", "present", "absent"), REPLAY, ids=[r[1] for r in REPLAY])
def test_replay_the_sample_round(
    tmp_path: Path, now: str, stage: str, present: list[str], absent: list[str]
) -> None:
    root = site_repo(tmp_path / "repo")
    status = run_kczy("status", "--now", now, "--format", "json", cwd=root)
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert data["stage"] == stage
    if stage in ("applications", "review", "voting", "tally"):
        assert data["notice"]["first_day"] is None
    else:
        assert (data["notice"]["first_day"], data["notice"]["last_day"]) == ("2021-09-26", "2021-09-28")
    out = tmp_path / "site"
    result = build(root, out, now)
    assert result.returncode == 0, result.stderr
    for page in ["index.html", "2021/", "feed.xml", *present]:
        assert (out / page).exists(), page
    for page in absent:
        assert not (out / page).exists(), page
    nav = (out / "2021/index.html").read_text("utf-8")
    assert ("拟入选项目公示" in nav) == (stage in ("notice", "objections", "announced"))
    if stage == "announced":
        announcement = (out / "2021/announcement/index.html").read_text("utf-8")
        # The upheld objection removes the Xuchang project; the rejected one leaves Muye's in.
        assert "许昌发制品" not in announcement and "高镍正极材料" in announcement
        assert "豫科协〔2021〕58号" in announcement
        assert "异议成立 1 件" in announcement and "示例实名来信人" not in announcement


def test_project_pages_stay_out_of_the_nav(sample_site: Path) -> None:
    notice = (sample_site / "2021/notice/index.html").read_text("utf-8")
    nav = notice[notice.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "projects/" not in nav
    assert (sample_site / "2021/projects/ysyp-luoyang-zhuangbei/index.html").exists()


def private_values(root: Path) -> set[str]:
    """Every text value under a field marked x-private, and every committee member's id and name."""
    schemas = read_schemas(root)
    found: set[str] = set()

    def walk(name: str, path: tuple[Any, ...], value: Any, private: bool) -> None:
        node = schemas.subschema(name, path) if path else schemas.schemas[name]
        if node is not None and (node.get("x-private") or schemas.resolve(name, node).get("x-private")):
            private = True
        if isinstance(value, dict):
            for key, child in value.items():
                walk(name, (*path, key), child, private)
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(name, (*path, index), child, private)
        elif private and isinstance(value, str | int) and len(str(value)) >= 4:
            found.add(str(value))

    walked = set()
    for path in sorted((root / PREFIX).rglob("*.yaml")):
        relative = path.relative_to(root).as_posix()
        role = classify(relative)
        if role is None or role.kind == "attachment" or role.year != SAMPLE_YEAR:
            continue  # the round's own copy of its rules (schemas/) is no record
        document, _ = parse_yaml(path.read_bytes(), relative)
        assert document is not None and role.schema in schemas.schemas, relative
        walk(role.schema, (), document.data, False)
        walked.add(role.kind)
    # Every registry and record the sample holds is read by its own schema (units.yaml was once skipped).
    assert walked >= {"round", "units", "committee", "application", "ballot", "objection", "approval"}
    committee, _ = parse_yaml((root / PREFIX / "committee.yaml").read_bytes(), "committee.yaml")
    assert committee is not None
    for member in committee.data["members"]:
        found |= {member["id"], member["name"]}
    # Criterion ids are public (the rules page lists them); private attachment entries name them too.
    found -= {str(c.get("id")) for schema in schemas.schemas.values() for c in schema.get("x-criteria", [])}
    return found


def readable(path: Path) -> str:
    """A built file's text as a reader (or a search engine) would get it back."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    if path.suffix == ".json":
        text += json.dumps(json.loads(text), ensure_ascii=False)
    return html.unescape(text).replace("\u200b", "")


def test_no_private_value_reaches_any_public_file(sample_site: Path) -> None:
    secrets = private_values(PROJECT)
    registries = {"zz-kx@example.org", "zhang.weimin@example.org", "secretariat@example.org"}  # e-mails
    assert {"13800000101", "ly-contact@example.org", "示例实名来信人", *registries} <= secrets
    leaks = []
    for path in sorted(p for p in sample_site.rglob("*") if p.is_file()):
        text = readable(path)
        leaks += [(path.relative_to(sample_site).as_posix(), s) for s in secrets if s in text]
    assert leaks == []


LOADS = re.compile(
    r"""<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    # `new URL("http://" + host)` in a script (ajv's URI library converting a host name) loads nothing.
    r"""|<link\b[^>]*\bhref=["']?(?:https?:)?//|(?<!new )url\(\s*["']?(?:https?:)?//"""
    r"""|@import\s+["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_nothing_loads_from_another_host(sample_site: Path) -> None:
    found = []
    for path in sorted(sample_site.rglob("*")):
        if path.suffix in (".html", ".css", ".js") and path.is_file():
            text = path.read_text("utf-8", errors="replace")
            found += [(path.name, m.group()) for m in LOADS.finditer(text)]
            if path.suffix == ".html":
                found += [
                    (path.name, h)
                    for h in ("fonts.googleapis", "fonts.gstatic", "api.github.com")
                    if h in text
                ]
    assert found == []


def test_a_hostile_title_is_text_everywhere(sample_site: Path) -> None:
    for page in ("2021/notice/index.html", "2021/projects/ysyp-luoyang-zhuangbei/index.html"):
        text = (sample_site / page).read_text("utf-8")
        assert "<script>alert" not in text and re.search(r"<img\b[^>]*onerror", text) is None
        assert 'href="javascript:' not in text.lower()
        assert "<strong>粗</strong>" not in text
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        assert title is not None and "<" not in title.group(1)
    # A project's page is titled with its name (< and > in their full-width forms there), not its id.
    project = (sample_site / "2021/projects/ysyp-luoyang-zhuangbei/index.html").read_text("utf-8")
    assert "<title>洛阳＜img src=x onerror=alert(3)＞[点我](javascript:alert(2))**粗** - " in project
    index = json.loads((sample_site / "search/search_index.json").read_text("utf-8"))
    blob = json.dumps(index, ensure_ascii=False)
    assert "<script>" not in blob and "<img" not in blob
    assert all("<script" not in doc["title"] for doc in index["docs"])
    sitemap = (sample_site / "sitemap.xml").read_text("utf-8")
    assert "script" not in sitemap
    feed = (sample_site / "feed.xml").read_text("utf-8")
    assert "<script" not in feed


def test_downloads(sample_site: Path) -> None:
    csv = (sample_site / "2021/notice.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf")
    rows = csv.decode("utf-8-sig").splitlines()
    # The sample round's list is marked as its pages are (their banner), on the line above the headers.
    assert rows[0] == (
        "示例数据：本轮是随软件发布的演示数据，单位、项目、人员和联系方式均为虚构，不是真实的申报或评审结果。"
    )
    assert rows[1] == "类别,序号,项目名称,申报单位,合作单位,得票"
    assert len(rows) == 12
    listing = json.loads((sample_site / "2021/notice.json").read_text("utf-8"))
    assert listing["notice"]["first_day"] == "2021-09-26"
    assert sum(len(t["projects"]) for t in listing["types"].values()) == 10
    assert "<rss" in (sample_site / "feed.xml").read_text("utf-8")
    # Every page announces the feed, with a link that resolves from that page.
    notice = (sample_site / "2021/notice/index.html").read_text("utf-8")
    feed_link = (
        '<link rel="alternate" type="application/rss+xml" title="公示与结果公布" href="../../feed.xml">'
    )
    assert feed_link in notice
    for name in ("yishi-yipin", "yiye-yibao", "yiqi-yiduijie", "yiye-yihui", "yiye-yituan", "defs"):
        # The download is the schema as written (an editor reads its ECMA-262 patterns), not kczy's
        # prepared copy with Python-only regex syntax.
        served = json.loads((sample_site / f"schemas/{name}.schema.json").read_text("utf-8"))
        assert served == json.loads((PROJECT / f"schemas/{name}.schema.json").read_text("utf-8"))
    assert (
        (sample_site / "2021/templates/yishi-yipin.yaml")
        .read_text("utf-8")
        .startswith("# yaml-language-server")
    )


def test_rules_come_from_the_schemas(sample_site: Path) -> None:
    rules = html.unescape((sample_site / "2021/rules/index.html").read_text("utf-8"))
    for type_id in ("yishi-yipin", "yiye-yibao", "yiqi-yiduijie", "yiye-yihui", "yiye-yituan"):
        schema = json.loads((PROJECT / f"schemas/{type_id}.schema.json").read_text("utf-8"))
        for criterion in schema["x-criteria"]:
            assert criterion["id"] in rules and criterion["title"] in rules


def test_sample_banner_and_period_on_the_notice(sample_site: Path) -> None:
    notice = html.unescape((sample_site / "2021/notice/index.html").read_text("utf-8"))
    assert "示例数据" in notice
    assert "2021-09-26 至 2021-09-28" in notice
    for needed in (
        "河南省科协机关纪委（示例）",
        "0371-65950000",
        "jiwei@example.org",
        "450000",
        "实名",
        "书面",
    ):
        assert needed in notice


def test_reading_room_shows_every_application_with_its_checklist(
    reading_room_site: tuple[Path, Path],
) -> None:
    root, out = reading_room_site
    applications = sorted((root / PREFIX / "applications").rglob("*.yaml"))
    # Plain .html addresses (use_directory_urls: false): the package opens from file:// (issue 17).
    pages = sorted((out / "2021/applications").glob("*.html"))
    assert [p.stem for p in pages] == sorted(p.stem for p in applications)
    page = html.unescape((out / "2021/applications/ysyp-luoyang-zhuangbei.html").read_text("utf-8"))
    assert "yishi-yipin.9" in page and "满足" in page
    assert "13800000101" not in page and "不公开信息，已略去" in page
    assert (out / "2021/ballot.html").exists()


def test_a_broken_round_stops_the_build(tmp_path: Path) -> None:
    root = site_repo(tmp_path / "repo")
    approval = root / PREFIX / "approval.yaml"
    approval.write_text(
        approval.read_text("utf-8").replace("notice_starts: 2021-09-26", "notice_starts: 2021-09-31")
    )
    result = build(root, tmp_path / "site", "2021-09-27T10:00")
    assert result.returncode != 0
    assert "网站未生成" in result.stderr and "approval.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_markup_escapes_markdown_and_html() -> None:
    assert md("[x](javascript:alert(1))") == "&#91;x&#93;&#40;javascript&#58;alert&#40;1&#41;&#41;"
    assert md("a\nb|c") == "a b&#124;c"
    assert "<" not in md("<b>") and "&" not in md("&amp;").replace("&#", "")
    assert csv_bytes(["a"], [["=1+1"]]).decode("utf-8-sig").splitlines()[1] == "'=1+1"


def test_the_build_is_deterministic(tmp_path: Path) -> None:
    """Two builds of the same files for the same day, from copies in different folders, are byte-identical."""
    outputs = []
    for name in ("first", "second"):
        root = site_repo(tmp_path / f"repo-{name}")
        out = tmp_path / f"site-{name}"
        result = build(root, out, "2021-10-20T10:00")
        assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outputs[0].keys() == outputs[1].keys()
    assert [path for path in outputs[0] if outputs[0][path] != outputs[1][path]] == []
