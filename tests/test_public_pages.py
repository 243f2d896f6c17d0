"""The site around the notice and the announcement: the withdrawn project's page, the footer, the 404 page,
the home page during the notice, the feed's absolute links, and `validate` asking for the site's address."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import PROJECT, copy_project_data, run_kczy
from test_site import PREFIX, build, site_repo

pytestmark = pytest.mark.slow
SITE_URL = "https://kczy.example.org/"


@pytest.fixture(scope="module")
def announced_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample round after the announcement, on a site whose address is configured."""
    root = site_repo(tmp_path_factory.mktemp("repo"))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_name:", f"site_url: {SITE_URL}\nsite_name:", 1))
    out = tmp_path_factory.mktemp("site")
    result = build(root, out, "2021-10-20T10:00")
    assert result.returncode == 0, result.stderr
    return out


def article(path: Path) -> str:
    page = path.read_text("utf-8")
    return page[page.index("<article") : page.index("</article>")]


def test_a_project_removed_by_an_upheld_objection_says_so(announced_site: Path) -> None:
    path = announced_site / "2021/projects/ysyp-xuchang-fazhipin/index.html"
    page = path.read_text("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", article(path)))
    assert "未列入公布名单" in text and "异议经调查核实成立" in text
    assert "本项目为拟入选项目" not in text
    assert "<title>2021许昌发制品产业技术发展大会 - " in page  # titled by its name, not its id
    assert "ysyp-xuchang-fazhipin" not in re.search(r"<title>(.*?)</title>", page).group(1)  # type: ignore[union-attr]
    notice = html.unescape(re.sub(r"<[^>]+>", "", article(announced_site / "2021/notice/index.html")))
    assert "2021许昌发制品产业技术发展大会（异议成立，未列入公布名单）" in notice
    assert notice.count("未列入公布名单") == 1
    kept = html.unescape(article(announced_site / "2021/projects/yqdj-muye-dianchi/index.html"))
    assert "未列入公布名单" not in kept and "本项目为拟入选项目" in kept


def test_before_the_decision_the_project_is_not_said_removed(tmp_path: Path) -> None:
    root = site_repo(tmp_path / "repo")
    out = tmp_path / "site"
    assert build(root, out, "2021-09-29T10:00").returncode == 0  # the objection is decided on 09-30
    text = html.unescape(article(out / "2021/projects/ysyp-xuchang-fazhipin/index.html"))
    assert "未列入公布名单" not in text


def test_the_footer_names_the_organisers_and_links_the_contact(announced_site: Path) -> None:
    for page in ("index.html", "2021/notice/index.html", "404.html"):
        footer = (announced_site / page).read_text("utf-8").split('<footer class="md-footer">', 1)[1]
        assert "组织单位：河南省科学技术协会　河南省财政厅" in footer
        assert "秘书处：河南省科协学会学术部（示例）" in footer
        assert '<a href="tel:0371-65950000">' in footer and '<a href="mailto:jiwei@example.org">' in footer
        assert "secretariat@example.org" not in footer  # the secretariat's own addresses are private
    notice = article(announced_site / "2021/notice/index.html")
    assert '<a href="tel:0371-65950000">' in notice and '<a href="mailto:jiwei@example.org">' in notice


def test_the_404_page_is_in_chinese(announced_site: Path) -> None:
    page = (announced_site / "404.html").read_text("utf-8")
    assert "页面不存在（404）" in page and "返回首页" in page and "Not found" not in page
    assert '<a href="/">返回首页</a>' in page  # the site's root, from any missing address


def test_the_feed_links_are_absolute_once_the_address_is_set(announced_site: Path) -> None:
    feed = (announced_site / "feed.xml").read_text("utf-8")
    links = re.findall(r"<link>([^<]*)</link>", feed)
    assert links == [SITE_URL, f"{SITE_URL}2021/announcement/", f"{SITE_URL}2021/notice/"]


def test_the_home_page_leads_with_a_running_notice(tmp_path: Path) -> None:
    root = site_repo(tmp_path / "repo")
    for now, running in (("2021-09-27T10:00", True), ("2021-10-05T10:00", False)):
        out = tmp_path / now[:10]
        assert build(root, out, now).returncode == 0
        body = html.unescape(re.sub(r"<[^>]+>", "", article(out / "index.html")))
        heading = body.index("“科创中原”科技经济融合行动项目评审")
        lead = body.find("正在公示：2021-09-26 至 2021-09-28")
        assert (lead != -1) == running
        if running:
            # Right under the heading, before anything else of the round.
            assert heading < lead < body.index("当前阶段")
            assert "关于2021年度“科创中原”科技经济融合行动拟入选项目名单的公示" in body


def test_validate_asks_for_the_site_address_for_a_real_round(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    (root / "mkdocs.yml").write_text((PROJECT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    round_file = root / PREFIX / "round.yaml"
    sample = run_kczy("validate", cwd=root)
    assert sample.returncode == 0 and "site.url-missing" not in sample.stdout  # the sample needs none
    round_file.write_text(round_file.read_text("utf-8").replace("sample: true", "sample: false"), "utf-8")
    for spoiled in ("chen-guoqiang", "zhang-weimin"):  # the sample's spoiled ballots: errors in a real round
        (root / PREFIX / f"ballots/{spoiled}.yaml").unlink()
    real = run_kczy("validate", cwd=root)
    assert real.returncode == 0, real.stdout  # a warning, not an error
    assert "mkdocs.yml:1:1: 提醒：2021 年度是正式轮次" in real.stdout
    assert "（site.url-missing）" in real.stdout
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_name:", f"site_url: {SITE_URL}\nsite_name:", 1))
    assert "site.url-missing" not in run_kczy("validate", cwd=root).stdout
