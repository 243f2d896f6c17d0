"""The reading room in a real browser: an attachment opens from its application's page (issue 6)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import shutil
import threading
from collections.abc import Iterator

import pytest

from conftest import PROJECT
from test_site import build, site_repo

CHROMIUM = shutil.which("chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
AGREEMENT = PROJECT / "submissions/2021/attachments/yqdj-muye-dianchi/合作协议.pdf"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (.ci/run installs it)"),
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def reading_room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = site_repo(tmp_path_factory.mktemp("repo"))
    out = tmp_path_factory.mktemp("internal")
    result = build(root, out, "2021-09-12T09:00", "mkdocs.internal.yml")
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_an_attachment_opens_from_the_reading_room(reading_room: str) -> None:
    from playwright.sync_api import sync_playwright

    expected = AGREEMENT.read_bytes()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(locale="zh-CN")
            page.goto(f"{reading_room}/2021/applications/yqdj-muye-dianchi/", wait_until="networkidle")
            article = page.inner_text("article")
            assert "佐证材料" in article and "yiqi-yiduijie.2" in article
            assert hashlib.sha256(expected).hexdigest() in article
            link = page.get_by_role("link", name="合作协议（含签字盖章页）")
            # The PDF viewer may replace the page mid-click; the response is what counts.
            is_pdf = lambda response: response.url.endswith(".pdf")  # noqa: E731
            with page.expect_response(is_pdf) as caught, contextlib.suppress(Exception):
                link.click()
            response = caught.value
            assert response.status == 200
            assert response.headers["content-type"] == "application/pdf"
            # Chromium's PDF viewer hands the page a stub; the bytes at the opened address are the file.
            assert page.request.get(response.url).body() == expected
        finally:
            browser.close()
