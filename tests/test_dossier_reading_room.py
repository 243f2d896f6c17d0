"""The reading room as a package that works by double-click (issue 17): unzipped, opened from file:// in
Chromium with no server, its navigation, its search and its dossier downloads work; nothing of the
dossier reaches the public site."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from conftest import SAMPLE_YEAR
from test_site import build

pytestmark = [pytest.mark.slow]
BOOKS = ["all", "yishi-yipin", "yiye-yibao", "yiqi-yiduijie", "yiye-yihui", "yiye-yituan"]


@pytest.fixture(scope="module")
def sites(
    tmp_path_factory: pytest.TempPathFactory, announced_site: tuple[Path, Path]
) -> Iterator[tuple[Path, Path]]:
    """The public site and the reading room, the latter zipped and unzipped as a member downloads it."""
    root, public = announced_site
    built = tmp_path_factory.mktemp("internal")
    result = build(root, built, "2021-10-20T10:00", "mkdocs.internal.yml")
    assert result.returncode == 0, result.stderr
    archive = tmp_path_factory.mktemp("download") / "reading-room.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        for path in sorted(built.rglob("*")):
            packed.write(path, path.relative_to(built).as_posix())
    shutil.rmtree(built)
    unpacked = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(archive) as packed:
        packed.extractall(unpacked)
    yield public, unpacked


def test_the_reading_room_offers_the_dossier(sites: tuple[Path, Path]) -> None:
    _, room = sites
    folder = room / SAMPLE_YEAR / "dossier"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"kczy-{SAMPLE_YEAR}-{b}.pdf" for b in BOOKS)
    whole = PdfReader(folder / f"kczy-{SAMPLE_YEAR}-all.pdf")
    assert "内部资料 注意保密" in whole.pages[0].extract_text()
    page = (room / SAMPLE_YEAR / "dossier.html").read_text("utf-8")
    for book in BOOKS:
        assert f'href="dossier/kczy-{SAMPLE_YEAR}-{book}.pdf"' in page
    assert f"<td>{len(whole.pages)}</td>" in page


def test_the_public_site_holds_no_dossier(sites: tuple[Path, Path]) -> None:
    public, _ = sites
    assert not [p for p in public.rglob("*.pdf") if p.name.startswith("kczy-")]
    words = ("评审材料汇编".encode(), "内部资料".encode(), b"dossier")
    leaks = [
        p.relative_to(public).as_posix()
        for p in public.rglob("*")
        if p.is_file() and any(word in p.read_bytes() for word in words)
    ]
    assert leaks == []
    # Every PDF the public site offers (the notice as an official document) is not a dossier.
    for pdf in public.rglob("*.pdf"):
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert "注意保密" not in text and "评审标准核对" not in text, pdf.name


@pytest.mark.browser
def test_the_unzipped_reading_room_works_from_file_urls(sites: tuple[Path, Path], browser: Any) -> None:
    _, room = sites
    elsewhere: list[str] = []
    page = browser.new_page(locale="zh-CN")
    page.on("request", lambda r: None if r.url.startswith("file://") else elsewhere.append(r.url))
    page.goto((room / "index.html").as_uri())
    assert "评审阅览室" in page.inner_text("article")

    # Navigation: the type's list, an application, the downloads, by clicking links as a member does.
    page.locator("nav.md-nav--primary").get_by_role("link", name="“一企一对接”项目").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/{SAMPLE_YEAR}/yiqi-yiduijie.html")
    page.locator("article").get_by_role("link", name="yqdj-muye-dianchi").click()
    page.wait_for_load_state()
    assert page.url.endswith("/applications/yqdj-muye-dianchi.html")
    assert "高镍正极材料循环稳定性提升协同攻关" in page.inner_text("article")
    page.locator("nav.md-nav--primary").get_by_role("link", name="评审材料汇编（PDF）").first.click()
    page.wait_for_load_state()
    links = page.locator("article a[href$='.pdf']")
    assert links.count() == len(BOOKS)
    for index in range(links.count()):
        target = links.nth(index).evaluate("a => a.href")
        assert target.startswith("file://") and Path(target.removeprefix("file://")).is_file()

    # Search, with no server: the offline index and the worker shim.
    page.keyboard.press("s")  # Material's shortcut that opens the search box
    page.keyboard.type("高镍正极材料")
    page.keyboard.press("End")  # typed CJK text sends no key-up, which is what starts a search
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    result = page.locator(".md-search-result__item a[href*='yqdj-muye-dianchi']").first
    result.click()
    page.wait_for_load_state()
    address = page.url.split("#")[0].split("?")[0]  # search adds ?h=<the words>
    assert address.startswith("file://") and address.endswith("yqdj-muye-dianchi.html")
    assert "评审标准核对" in page.inner_text("article")
    assert elsewhere == [], "nothing may load from another host or a server"
