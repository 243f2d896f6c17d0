"""The site's sources on disk: read the configuration, render, write the folder any engine builds."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import Any, Literal

import yaml

from kczy.errors import FatalError
from kczy.messages import os_reason, render_message, words
from kczy.newfiles import output_folder
from kczy.site.form import Repository
from kczy.site.read import build_site
from kczy.site.sources import (
    DOCS_DIR,
    OVERRIDES_DIR,
    SiteSources,
    engine_config,
    merge_inherited,
    site_sources,
)

CONFIG_NAME = "mkdocs.yml"  # the name every engine looks for beside docs/
# Left in every folder this command writes, so that writing again may replace it and nothing else.
MARKER = ".kczy-site"


def read_site_sources(
    root: Path,
    edition: Literal["public", "internal"],
    now: datetime.datetime,
    site_url: str = "",
    repository: Repository | None = None,
    featured: str | None = None,
) -> SiteSources:
    """The repository at `root` rendered as of `now`: what the MkDocs hook hands over and what
    `write_site_folder` writes. `repository`: where the web form sends units to submit. `featured`: the
    round of the home page (`--round`; by default the latest that is not retired)."""
    return site_sources(build_site(root, edition, now, site_url, repository, featured))


def read_mkdocs_config(path: Path) -> dict[str, Any]:
    """An MkDocs configuration with its `INHERIT` parents merged in."""
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except OSError as error:
        params = {"path": path, "reason": os_reason(error)}
        raise FatalError(render_message("stop.site-config-unreadable", params)) from None
    except yaml.YAMLError as error:
        params = {"path": path, "reason": str(error)}
        raise FatalError(render_message("stop.site-config-not-yaml", params)) from None
    if not isinstance(data, dict):
        raise FatalError(render_message("stop.site-config-not-mapping", {"path": path}))
    parent = data.get("INHERIT")
    if isinstance(parent, str):
        return merge_inherited(read_mkdocs_config(path.parent / parent), data)
    return data


def write_site_folder(out: Path, sources: SiteSources, config: dict[str, Any], config_dir: Path) -> None:
    """Write `out/docs/` (the project's static docs, then every rendered file), `out/overrides/` and
    `out/mkdocs.yml`. Refuses a folder that holds anything this command did not write."""
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise FatalError(render_message("stop.site-folder-not-ours", {"path": out}))
        shutil.rmtree(out)
    output_folder(out)
    (out / MARKER).write_text(words("site.folder-marker") + "\n", "utf-8")
    docs = out / DOCS_DIR
    static = config_dir / str(config.get("docs_dir", "docs"))
    if static.is_dir():
        shutil.copytree(static, docs)
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if isinstance(custom, str) and (config_dir / custom).is_dir():
        shutil.copytree(config_dir / custom, out / OVERRIDES_DIR)
    for name, content in sources.files.items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    site_dir = str(config.get("site_dir", "site"))
    written = engine_config(config, sources.nav, site_dir, sources.copyright)
    text = yaml.safe_dump(written, allow_unicode=True, sort_keys=False, width=1000)
    header = f"# {words('site.config-header')}\n"
    (out / CONFIG_NAME).write_text(header + text, "utf-8")
