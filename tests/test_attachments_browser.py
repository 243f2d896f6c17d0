"""The reading room in a real browser: an attachment opens from its application's page (issue 6)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import ARGS, CHROMIUM, serve
from conftest import PROJECT

AGREEMENT = PROJECT / "submissions/2021/attachments/yqdj-muye-dianchi/合作协议.pdf"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def reading_room(reading_room_site: tuple[Path, Path]) -> Iterator[str]:
    with serve(reading_room_site[1]) as url:
        yield url


@pytest.fixture
def browser_of_its_own(chromium: Any) -> Iterator[Any]:
    """A chromium for this test alone, closed as a whole after it: a page that Chromium's PDF viewer holds
    may never close (Playwright's page.close then waits forever, as it once did in CI), a browser does."""
    launched = chromium.browser_type.launch(executable_path=CHROMIUM, args=ARGS)
    try:
        yield launched
    finally:
        launched.close()


def test_an_attachment_opens_from_the_reading_room(reading_room: str, browser_of_its_own: Any) -> None:
    expected = AGREEMENT.read_bytes()
    page = browser_of_its_own.new_page(locale="zh-CN")
    page.goto(f"{reading_room}/2021/applications/yqdj-muye-dianchi.html", wait_until="networkidle")
    article = page.inner_text("article")
    assert "佐证材料" in article and "yiqi-yiduijie.2" in article
    assert hashlib.sha256(expected).hexdigest() in article
    link = page.get_by_role("link", name="合作协议（含签字盖章页）")
    # The PDF viewer may replace the page mid-click; the response is what counts.
    is_pdf = lambda response: response.url.endswith(".pdf")  # noqa: E731
    with page.expect_response(is_pdf, timeout=60_000) as caught:
        link.click(no_wait_after=True)
    response = caught.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    # Chromium's PDF viewer hands the page a stub; the bytes at the opened address are the file.
    assert page.request.get(response.url).body() == expected
