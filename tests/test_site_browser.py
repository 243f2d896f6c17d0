"""The built notice page in a real browser: Debian chromium driven by Playwright, served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import serve
from test_site import HOSTILE

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def served_site(notice_site: tuple[Path, Path]) -> Iterator[str]:
    """The sample round's public site on a day of the notice period, with a hostile title (conftest's
    `notice_site`, built once for the session)."""
    with serve(notice_site[1]) as url:
        yield url


def test_notice_page_in_chromium(served_site: str, browser: Any, screenshots: Path) -> None:
    dialogs: list[str] = []
    foreign: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 1600}, locale="zh-CN")
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if not request.url.startswith((served_site, "data:", "blob:"))
            else None
        ),
    )
    page.goto(f"{served_site}/2021/notice/", wait_until="networkidle")
    body = page.inner_text("article")
    assert "2021-09-26 至 2021-09-28" in body
    assert "公示第一天：2021-09-26" in body and "公示最后一天：2021-09-28" in body
    for title in (
        "2021许昌发制品产业技术发展大会",
        "郑州市“一业一会”建设推进项目",
        "漯河食品产业高质量发展研究报告",
    ):
        assert title in body
    # The hostile title is shown as the text it is, and nothing of it ran.
    assert HOSTILE in body
    assert page.locator("article img[src='x']").count() == 0
    assert page.locator("article a[href^='javascript']").count() == 0
    page.screenshot(path=str(screenshots / "notice.png"), full_page=True)

    page.keyboard.press("s")  # Material's shortcut that opens the search box
    page.keyboard.type("许昌发制品")
    page.keyboard.press("End")  # typed CJK text sends no key-up, which is what starts a search
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    results = page.inner_text(".md-search-result")
    assert "许昌" in results and "发制品" in results
    page.screenshot(path=str(screenshots / "notice-search.png"))
    page.keyboard.press("Escape")
    page.emulate_media(media="print")
    page.screenshot(path=str(screenshots / "notice-print.png"), full_page=True)
    assert dialogs == []
    assert foreign == []


def test_how_to_apply_page_and_the_phone_layout(served_site: str, browser: Any, screenshots: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1200}, locale="zh-CN")
    page.goto(f"{served_site}/2021/apply/", wait_until="networkidle")
    assert "pull request" in page.inner_text("article")
    page.click("summary:has-text('一企一对接')")
    template = page.inner_text("details[open] pre")
    assert "评审标准 yiqi-yiduijie.2" in template  # the template, generated from the schema
    assert template.startswith("# yaml-language-server: $schema=")
    page.screenshot(path=str(screenshots / "apply.png"), full_page=True)
    phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    phone.goto(f"{served_site}/2021/notice/", wait_until="networkidle")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the notice scrolls sideways on a phone ({width}px)"
    phone.screenshot(path=str(screenshots / "notice-phone.png"), full_page=True)
