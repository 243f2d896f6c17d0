"""Any engine: `kczy site DIR` writes the site's sources once, and MkDocs (through the hook or from the
folder), Zensical and ProperDocs build them into the same pages, links and notice; the safety checks of
test_site run on every engine's output."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, run_kczy
from test_site import LOADS, NOTICE_DAY, PREFIX, private_values, readable, site_repo

NOW = NOTICE_DAY
BIN = Path(sys.executable).parent
ENGINES = ("mkdocs", "zensical", "properdocs")
# What an engine makes for itself rather than from our sources: its theme's assets, its search index
# (MkDocs: search/search_index.json, Zensical: search.json), MkDocs' gzipped sitemap.
OWN = re.compile(r"^(assets/(javascripts|stylesheets|images)/|search/|search\.json$|sitemap\.xml\.gz$)")


def engine_build(engine: str, config: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """Build a written folder. Zensical takes the site folder from the configuration only (no -d)."""
    command = [str(BIN / engine), "build", "-f", str(config)]
    command += ["--strict", "-q", "-d", str(out)] if engine != "zensical" else []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)


def write_sources(root: Path, out: Path, *options: str) -> Path:
    result = run_kczy("site", str(out), "--now", NOW, *options, cwd=root)
    assert result.returncode == 0, result.stderr
    assert "已写出" in result.stdout
    return out / "mkdocs.yml"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, notice_site: tuple[Path, Path]) -> dict[str, Path]:
    """The sample round during its notice period, with a hostile title: built by MkDocs through the hook
    (as today) and by each engine from the folder `kczy site` writes."""
    root, hook = notice_site  # built by MkDocs through the hook, shared with test_site
    built = {"hook": hook}
    for engine in ENGINES:
        config = write_sources(root, tmp_path_factory.mktemp(engine) / "sources")
        out = config.parent / "site"
        result = engine_build(engine, config, out)
        assert result.returncode == 0, result.stdout + result.stderr
        built[engine] = out
    return built


def files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not OWN.match(p.relative_to(site).as_posix())
    }


def search_docs(site: Path) -> list[str]:
    index = site / "search/search_index.json"
    data = json.loads((index if index.is_file() else site / "search.json").read_text("utf-8"))
    docs = data["docs"] if "docs" in data else data["items"]  # MkDocs' and Zensical's index formats
    return sorted(json.dumps(doc, ensure_ascii=False, sort_keys=True) for doc in docs)


def article_links(page: str) -> list[str]:
    article = page[page.index("<article") : page.index("</article>")]
    links = set(re.findall(r'href="([^"#]*)', article)) - {""}
    # Links to other hosts (the review repository on the how-to-apply page) are not the site's files.
    return sorted(link for link in links if not link.startswith(("https://", "http://")))


def test_the_written_folder_builds_byte_for_byte_the_site_of_the_hook(sites: dict[str, Path]) -> None:
    hook, written = files(sites["hook"]), files(sites["mkdocs"])
    assert hook.keys() == written.keys()
    assert [path for path in hook if hook[path] != written[path]] == []
    assert search_docs(sites["hook"]) == search_docs(sites["mkdocs"])


def test_properdocs_builds_the_same_site(sites: dict[str, Path]) -> None:
    mkdocs, properdocs = files(sites["mkdocs"]), files(sites["properdocs"])
    assert mkdocs.keys() == properdocs.keys()
    downloads = [p for p in mkdocs if not p.endswith(".html")]
    assert [p for p in downloads if mkdocs[p] != properdocs[p]] == []


def test_zensical_builds_the_same_pages_links_and_downloads(sites: dict[str, Path]) -> None:
    mkdocs, zensical = files(sites["mkdocs"]), files(sites["zensical"])
    assert sorted(zensical) == sorted(p for p in mkdocs if p != "sitemap.xml.gz")
    pages = [p for p in mkdocs if p.endswith(".html")]
    assert {"index.html", "2021/notice/index.html", "2021/projects/ysyp-luoyang-zhuangbei/index.html"} <= set(
        pages
    )
    # Downloads (CSV, JSON, feed, templates, schemas) pass through every engine untouched.
    assert [p for p in mkdocs if not p.endswith((".html", ".xml")) and mkdocs[p] != zensical[p]] == []
    assert zensical["feed.xml"] == mkdocs["feed.xml"]
    for page in pages:
        if page == "404.html":
            continue
        links = article_links(zensical[page].decode("utf-8"))
        assert links == article_links(mkdocs[page].decode("utf-8")), page
        for link in links:  # each one leads to a page or file of the site (or dials, or writes a mail)
            if link.startswith(("tel:", "mailto:")):
                continue
            target = (sites["zensical"] / page).parent / link
            assert target.is_file() or (target / "index.html").is_file(), (page, link)


@pytest.mark.parametrize("engine", ["hook", "zensical"])
def test_the_notice_says_the_same_on_every_engine(sites: dict[str, Path], engine: str) -> None:
    notice = html.unescape((sites[engine] / "2021/notice/index.html").read_text("utf-8"))
    for needed in (
        "示例数据",
        "2021-09-26 至 2021-09-28",
        "河南省科协机关纪委（示例）",
        "0371-65950000",
        "实名",
    ):
        assert needed in notice, needed
    feed = '<link rel="alternate" type="application/rss+xml" title="公示与结果公布" href="../../feed.xml">'
    assert feed in notice
    # The footer (the theme's copyright) on every page.
    assert "kczy-footer" in notice and "组织单位" in notice


@pytest.mark.parametrize("engine", ENGINES)
def test_no_private_value_reaches_any_file_of_any_engine(sites: dict[str, Path], engine: str) -> None:
    secrets = private_values(PROJECT)
    leaks = []
    for path in sorted(p for p in sites[engine].rglob("*") if p.is_file()):
        text = readable(path)
        leaks += [(path.relative_to(sites[engine]).as_posix(), s) for s in secrets if s in text]
    assert leaks == []


@pytest.mark.parametrize("engine", ENGINES)
def test_nothing_loads_from_another_host_on_any_engine(sites: dict[str, Path], engine: str) -> None:
    found = []
    for path in sorted(sites[engine].rglob("*")):
        if path.suffix in (".html", ".css", ".js") and path.is_file():
            text = path.read_text("utf-8", errors="replace")
            found += [(path.name, m.group()) for m in LOADS.finditer(text)]
            if path.suffix == ".html":
                found += [(path.name, h) for h in ("fonts.googleapis", "fonts.gstatic") if h in text]
    assert found == []


@pytest.mark.parametrize("engine", ENGINES)
def test_a_hostile_title_is_text_on_every_engine(sites: dict[str, Path], engine: str) -> None:
    site = sites[engine]
    for page in ("2021/notice/index.html", "2021/projects/ysyp-luoyang-zhuangbei/index.html"):
        text = (site / page).read_text("utf-8")
        assert re.search(r"<img\b[^>]*onerror", text) is None
        assert 'href="javascript:' not in text.lower() and "<strong>粗</strong>" not in text
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        assert title is not None and "<" not in title.group(1)
    blob = "".join(search_docs(site))
    assert "<script" not in blob and "<img" not in blob
    assert "<script" not in (site / "feed.xml").read_text("utf-8")


def test_the_reading_room_builds_with_zensical(tmp_path: Path) -> None:
    root = site_repo(tmp_path / "repo")
    config = write_sources(root, tmp_path / "sources", "-f", "mkdocs.internal.yml")
    out = config.parent / "site"
    assert "kczy_edition: internal" in config.read_text("utf-8")
    result = engine_build("zensical", config, out)
    assert result.returncode == 0, result.stdout + result.stderr
    applications = sorted(p.stem for p in (root / PREFIX / "applications").rglob("*.yaml"))
    # The reading room has plain .html addresses (use_directory_urls: false, to open from file://).
    assert sorted(p.stem for p in (out / "2021/applications").glob("*.html")) == applications
    page = html.unescape((out / "2021/applications/ysyp-luoyang-zhuangbei.html").read_text("utf-8"))
    assert "yishi-yipin.9" in page and "13800000101" not in page


def test_writing_again_replaces_only_its_own_folder(tmp_path: Path) -> None:
    root = site_repo(tmp_path / "repo")
    out = tmp_path / "sources"
    write_sources(root, out)
    (out / "docs" / "stale.md").write_text("旧页面", "utf-8")
    write_sources(root, out)
    assert not (out / "docs" / "stale.md").exists()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("别人的文件", "utf-8")
    result = run_kczy("site", str(foreign), "--now", NOW, cwd=root)
    assert result.returncode == 2 and "不是空目录" in result.stderr
    assert (foreign / "keep.txt").read_text("utf-8") == "别人的文件"


def test_a_broken_round_writes_nothing(tmp_path: Path) -> None:
    root = site_repo(tmp_path / "repo")
    approval = root / PREFIX / "approval.yaml"
    approval.write_text(
        approval.read_text("utf-8").replace("notice_starts: 2021-09-26", "notice_starts: 2021-09-31")
    )
    result = run_kczy("site", str(tmp_path / "sources"), "--now", NOW, cwd=root)
    assert result.returncode == 1  # the input has errors, as validate would say: not a broken environment
    assert (
        "网站未生成" in result.stderr
        and "approval.yaml" in result.stderr
        and "Traceback" not in result.stderr
    )
    assert not (tmp_path / "sources").exists()
