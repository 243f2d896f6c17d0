from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kczy.errors import FatalError
from kczy.messages import render_message
from kczy.rounds import add_round_option

CONFIG_NAME = "mkdocs.yml"

HELP = "写出网站的源文件目录（Markdown 页面、下载文件和配置），供 MkDocs、Zensical 或 ProperDocs 构建"
DESCRIPTION = """\
把公开网站（或用 -f mkdocs.internal.yml 选评委阅览室）的全部页面和下载文件写进目录 DIR/docs/，
并写出 DIR/mkdocs.yml（导航已写好，不用钩子）。然后任选一种工具构建：
  mkdocs build --strict -f DIR/mkdocs.yml
  zensical build -f DIR/mkdocs.yml
  properdocs build --strict -f DIR/mkdocs.yml
网站写进 DIR/site/（mkdocs 和 properdocs 可用 -d 另指目录；zensical 只能写在 DIR 之内）。
公示、公布按 --now（默认：现在）的日期生成。
网站含所有未撤下的年度：首页介绍 --round 指定的年度（默认：最新的、未撤下的年度），其余年度列在首页的
“往年评审”中，附公示、公布页面的链接；每个年度的页面都在以年度开头的固定网址下（如 2022/notice/）。
已撤下的示例年度（kczy retire）不生成任何页面。
DIR 须为空目录或以前由本命令写出的目录（会整个替换）。"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="DIR", help="写出源文件的目录")
    parser.add_argument(
        "-f", "--config", metavar="FILE", default=CONFIG_NAME, help="网站配置（默认 mkdocs.yml）"
    )
    parser.add_argument("--now", metavar="YYYY-MM-DDTHH:MM", help="按此北京时间生成（默认：现在）")
    add_round_option(parser)


@dataclass(frozen=True)
class Options:
    repo: str | None
    out: str
    config: str
    now: str | None
    round: str | None


def run(options: Options) -> int:
    from kczy.clock import read_now
    from kczy.repo import find_root
    from kczy.site.form import repository_setting
    from kczy.site.write import read_mkdocs_config, read_site_sources, write_site_folder

    root = find_root(repo=options.repo)
    config_path = (root / options.config).resolve()
    config = read_mkdocs_config(config_path)
    extra = config.get("extra")
    edition = extra.get("kczy_edition", "public") if isinstance(extra, dict) else "public"
    if edition not in ("public", "internal"):
        raise FatalError(render_message("stop.bad-edition", {"config": options.config}))
    chosen: Literal["public", "internal"] = "internal" if edition == "internal" else "public"
    site_url = str(config.get("site_url") or "")
    repository = repository_setting(extra if isinstance(extra, dict) else {})
    sources = read_site_sources(root, chosen, read_now(options.now), site_url, repository, options.round)
    config["site_dir"] = "site"  # Zensical builds only into a folder inside DIR
    out = Path(options.out).resolve()
    write_site_folder(out, sources, config, config_path.parent)
    name = "评委阅览室（内部，切勿公开发布）" if chosen == "internal" else "公开网站"
    count = len(sources.files)
    print(f"已写出{name}的源文件：{out}（{count} 个文件）；构建：mkdocs build -f {out / CONFIG_NAME}")
    return 0
