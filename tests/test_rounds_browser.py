"""A site of two rounds in a real browser (Debian chromium via Playwright, served on 127.0.0.1): the home page
lists the past sample round marked 示例 with links to its results, and search covers both rounds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import serve
from conftest import SAMPLE_YEAR
from test_rounds import REAL_YEAR, SAMPLE_BANNER

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def served_rounds(two_rounds_site: tuple[Path, Path]) -> Iterator[str]:
    with serve(two_rounds_site[1]) as url:
        yield url


def test_past_rounds_on_the_home_page_in_chromium(
    served_rounds: str, browser: Any, screenshots: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1400}, locale="zh-CN")
    page.goto(f"{served_rounds}/", wait_until="networkidle")
    article = page.inner_text("article")
    assert f"{REAL_YEAR}年度“科创中原”" in article and SAMPLE_BANNER not in article
    past = page.locator("article h2", has_text="往年评审")
    assert past.is_visible()
    entry = page.locator("article li", has_text=f"{SAMPLE_YEAR} 年度")
    assert "（示例）" in entry.inner_text() and "入选 9 项" in entry.inner_text()
    nav = page.inner_text("nav.md-nav--primary")
    assert f"{SAMPLE_YEAR} 年度（示例）" in nav and f"{REAL_YEAR} 年度（示例）" not in nav
    page.screenshot(path=str(screenshots / "rounds-home.png"), full_page=True)

    entry.get_by_role("link", name="入选项目公布").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/{SAMPLE_YEAR}/announcement/")
    assert SAMPLE_BANNER in page.inner_text("article")

    # Search covers every published round: the same project title in both years.
    page.keyboard.press("s")  # Material's shortcut that opens the search box
    page.keyboard.type("许昌发制品")
    page.keyboard.press("End")  # typed CJK text sends no key-up, which is what starts a search
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    links = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(link => link.href)")
    assert any(f"/{SAMPLE_YEAR}/" in link for link in links), links
    assert any(f"/{REAL_YEAR}/" in link for link in links), links
    page.screenshot(path=str(screenshots / "rounds-search.png"))
