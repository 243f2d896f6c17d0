"""Shared by the browser tests: Debian's chromium driven by Playwright, and a site served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Pages:
    """What one test opens in the session's chromium (conftest's `browser`): `new_page` as Playwright's
    Browser has it, each page in a browser context of its own (no cookies or storage from another test),
    and every page closed when the test ends."""

    def __init__(self, chromium: Any) -> None:
        self.chromium = chromium
        self.opened: list[Any] = []

    def new_page(self, **options: Any) -> Any:
        page = self.chromium.new_page(**options)
        self.opened.append(page)
        return page

    def close(self) -> None:
        for page in self.opened:
            page.close()
        self.opened.clear()


def launch(playwright: Any) -> Any:
    """Debian's chromium (never a downloaded one). A missing browser fails the test instead of skipping
    it: a browser test that quietly does not run proves nothing (.ci/run installs chromium)."""
    assert CHROMIUM is not None, "Debian chromium is missing: .ci/run installs chromium and fonts-noto-cjk"
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A built site over http on a free loopback port (search does not work from file://)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
