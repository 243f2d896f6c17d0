"""The notice, the announcement, a withdrawn project and the 404 page in Debian's chromium, at a desktop's and
a phone's width. Screenshots go to the session's test-output/ (look at them); the layout is measured: nothing
off the right edge, a project name never squeezed to five characters a line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import serve

PAGES = {
    "notice": "2021/notice/",
    "announcement": "2021/announcement/",
    "withdrawn": "2021/projects/ysyp-xuchang-fazhipin/",
    "404": "404.html",
}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Per list table: how wide it is against its frame, and how many characters of the project name fit a line.
MEASURE = """() => [...document.querySelectorAll('.kczy-list table')].map(table => {
  const frame = table.closest('.md-typeset__scrollwrap') || table.parentElement;
  const name = table.querySelector('tbody td:nth-child(2)');
  const style = getComputedStyle(name);
  const inner = name.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {table: table.getBoundingClientRect().right, frame: frame.getBoundingClientRect().right,
          scroll: frame.scrollWidth - frame.clientWidth, chars: inner / parseFloat(style.fontSize)};
})"""


@pytest.fixture(scope="module")
def served_site(announced_site: tuple[Path, Path]) -> Iterator[str]:
    with serve(announced_site[1]) as url:
        yield url


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_public_documents_pages_fit_the_screen(
    served_site: str, width: str, browser: Any, screenshots: Path
) -> None:
    w, h = WIDTHS[width]
    foreign: list[str] = []
    page = browser.new_page(viewport={"width": w, "height": h}, locale="zh-CN", is_mobile=w < 500)
    local = (served_site, "data:")
    page.on(
        "request",
        lambda request: foreign.append(request.url) if not request.url.startswith(local) else None,
    )
    for name, path in PAGES.items():
        page.goto(f"{served_site}/{path}", wait_until="networkidle")
        page.screenshot(path=str(screenshots / f"{name}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= w, (name, width)
        for table in page.evaluate(MEASURE):
            assert table["table"] <= table["frame"] + 1 and table["scroll"] <= 0, (name, width, table)
            assert table["chars"] >= 6, (name, width, table)  # not wrapped at five characters
        footer = page.inner_text("footer")
        assert "组织单位：河南省科学技术协会" in footer, name
        assert page.locator("footer a[href='tel:0371-65950000']").count() == 1
    page.goto(f"{served_site}/404.html", wait_until="networkidle")
    assert page.inner_text("article h1") == "页面不存在（404）"
    page.goto(f"{served_site}/2021/projects/ysyp-xuchang-fazhipin/", wait_until="networkidle")
    assert "未列入公布名单" in page.inner_text("article")
    assert page.title().startswith("2021许昌发制品产业技术发展大会")
    page.goto(f"{served_site}/2021/announcement/", wait_until="networkidle")
    body = page.inner_text("article")
    assert "本类名额2项，入选1项，空缺1项。" in body and "各省辖市科协" in body
    with page.expect_download() as download:
        page.click("a[href$='2021-announcement.docx']")
    assert download.value.suggested_filename == "2021-announcement.docx"
    pdf = page.request.get(page.locator("a[href$='2021-announcement.pdf']").evaluate("a => a.href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF-")
    assert foreign == []
