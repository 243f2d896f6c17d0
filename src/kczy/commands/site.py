from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kczy.console import say
from kczy.errors import FatalError
from kczy.messages import render_message
from kczy.rounds import add_round_option

CONFIG_NAME = "mkdocs.yml"

HELP = render_message("help.site.summary", {})
DESCRIPTION = render_message("help.site.description", {})


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="DIR", help=render_message("help.site.option.out", {}))
    parser.add_argument(
        "-f", "--config", metavar="FILE", default=CONFIG_NAME,
        help=render_message("help.site.option.config", {}),
    )
    parser.add_argument("--now", metavar="YYYY-MM-DDTHH:MM", help=render_message("help.site.option.now", {}))
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
    name = render_message(f"site.edition.{chosen}", {})
    params = {"edition": name, "path": out, "count": len(sources.files), "config": out / CONFIG_NAME}
    say("site.written", params)
    return 0
