"""The pages as a new reader meets them, built by the real `mkdocs` and read in Debian's chromium: the home
page's stage line, the how-to-apply page before and after the window, search, and the reading room."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from browser import serve
from test_site import build, site_repo

REPOSITORY = "https://git.example.org/hnkx/kczy-review"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def with_repository(root: Path, address: str) -> Path:
    """The site's setting `extra.repository` (the review repository's address); none for ""."""
    config = root / "mkdocs.yml"
    text = re.sub(r"(?m)^  repository: .*$", f'  repository: "{address}"', config.read_text("utf-8"))
    config.write_text(text, "utf-8")
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, reading_room_site: tuple[Path, Path]) -> dict[str, Path]:
    """The sample round's public site before applications open (with a repository address), after the
    announcement (without one), and its reading room (the session's: the reading room has no link to the
    repository)."""
    built = {"internal": reading_room_site[1]}
    for name, now, repository in [
        ("upcoming", "2021-07-01T09:00", True),
        ("announced", "2026-11-30T09:00", False),
    ]:
        root = site_repo(tmp_path_factory.mktemp(f"repo-{name}"))
        with_repository(root, REPOSITORY if repository else "")
        out = tmp_path_factory.mktemp(name)
        result = build(root, out, now)
        assert result.returncode == 0, result.stderr
        built[name] = out
    return built


def text_of(site: Path, page: str) -> str:
    return html.unescape((site / page).read_text("utf-8"))


def test_the_home_page_dates_the_stage_by_its_own_event_not_the_build(sites: dict[str, Path]) -> None:
    home = text_of(sites["announced"], "index.html")
    assert "结果已公布</strong>，2021-10-15 公布。（本页按 2026-11-30 的情况生成）" in home
    assert "结果已公布</strong>（2026-11-30）" not in home
    upcoming = text_of(sites["upcoming"], "index.html")
    assert "申报尚未开始</strong>，2021-07-15 09:00（北京时间）开始申报" in upcoming


def test_how_to_apply_before_the_window_and_after_it(sites: dict[str, Path]) -> None:
    before = text_of(sites["upcoming"], "2021/apply/index.html")
    assert "申报尚未开始" in before and "本年度 2021-07-15 09:00（北京时间）开始申报" in before
    assert f'href="{REPOSITORY}"' in before and "评审仓库" in before
    after = text_of(sites["announced"], "2021/apply/index.html")
    assert "本年度申报已经截止" in after and "已于 2021-08-31 17:30（北京时间）截止，不再受理" in after
    assert "网址请向秘书处索取" in after  # no repository address set: no dead link
    assert "评审标准 yiye-yihui.1" in after  # the guide stays readable for next year
    for page in (before, after):
        assert "“Add file”（添加文件）→“Create new file”（新建文件）" in page
        assert "（新建分支并发起拉取请求）" in page
        assert "JSON Schema" not in page and "公共定义" not in page
    # The template is right where it is pasted: submissions/2021/applications/<type>/<id>.yaml.
    template = (sites["announced"] / "2021/templates/yiye-yihui.yaml").read_text("utf-8")
    assert template.startswith("# yaml-language-server: $schema=../../schemas/yiye-yihui.schema.json\n")


def test_the_reading_room_speaks_in_names_and_warns_on_every_page(sites: dict[str, Path]) -> None:
    room = sites["internal"]
    pages = sorted(room.rglob("*.html"))  # the reading room opens from file://: plain .html addresses
    articles = [p for p in pages if "404" not in p.name and "/assets/" not in p.as_posix()]
    assert len(articles) > 20
    for page in articles:
        text = text_of(room, page.relative_to(room).as_posix())
        assert "内部资料" in text, page
        assert "阅读室" not in text and "feed.xml" not in text, page
    application = text_of(room, "2021/applications/yyyh-zhengzhou.html")
    assert "郑州市科学技术协会（zz-kx）" in application
    assert "“一业一会”" in application and "：yiye-yihui" not in application
    assert "✅" not in application and "❌" not in application and "√ 满足" in application
    muye = text_of(room, "2021/applications/yqdj-muye-dianchi.html")
    assert " KB" in muye and "KiB" not in muye
    assert "评审阅览室" in text_of(room, "index.html")
    assert "✅" not in text_of(room, "2021/yiye-yihui.html")


def search(page: Any, url: str, words: str) -> list[str]:
    page.goto(url, wait_until="networkidle")
    page.keyboard.press("s")  # Material's shortcut that opens the search box
    page.keyboard.type(words)
    page.keyboard.press("End")  # typed CJK text sends no key-up, which is what starts a search
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    page.wait_for_timeout(500)
    items: list[str] = page.locator(".md-search-result__item").all_inner_texts()
    return items


def test_search_finds_what_people_look_for_and_no_template_or_banner(
    sites: dict[str, Path], browser: Any, screenshots: Path
) -> None:
    with serve(sites["announced"]) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        notice = f"{url}/2021/notice/"
        phone = search(page, notice, "电话")
        assert any("0371-65950000" in item for item in phone), phone
        page.screenshot(path=str(screenshots / "ux-search-phone-number.png"))
        for item in search(page, notice, "一业一会") + search(page, notice, "公示期"):
            assert "yaml-language-server" not in item and "演示数据" not in item, item


@pytest.mark.parametrize(
    ("site", "page", "name"),
    [
        ("announced", "", "home"),
        ("upcoming", "2021/apply/", "apply-upcoming"),
        ("announced", "2021/apply/", "apply-closed"),
        ("internal", "2021/applications/yyyh-zhengzhou.html", "reading-room"),
    ],
)
def test_pages_on_desktop_and_phone(
    sites: dict[str, Path], site: str, page: str, name: str, browser: Any, screenshots: Path
) -> None:
    """Screenshots for the eye (the session's test-output/), and what a screenshot would show wrong: a box
    for a missing glyph, a page that scrolls sideways on a phone."""
    with serve(sites[site]) as url:
        for device, viewport, mobile in [("desktop", (1280, 900), False), ("phone", (390, 844), True)]:
            tab = browser.new_page(
                viewport={"width": viewport[0], "height": viewport[1]}, locale="zh-CN", is_mobile=mobile
            )
            tab.goto(f"{url}/{page}", wait_until="networkidle")
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport[0], f"{name} scrolls sideways on {device} ({width}px)"
            tab.screenshot(path=str(screenshots / f"ux-{name}-{device}.png"), full_page=True)
            tab.close()
