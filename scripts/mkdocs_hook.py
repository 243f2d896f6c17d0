"""MkDocs adapter: hands the pages that `kczy.site` renders to MkDocs (no logic lives here).

`extra.kczy_edition` in the config chooses the public site or the internal reading room.
"""

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kczy.clock import read_now
from kczy.errors import FatalError
from kczy.site.read import build_site


def on_startup(command: str, dirty: bool) -> None:
    # Material's search segments Chinese with jieba, which logs its dictionary loading at DEBUG to stderr.
    import jieba

    jieba.setLogLevel(logging.WARNING)


def on_files(files: Files, config: Any) -> Files:
    try:
        site = build_site(
            Path(config.config_file_path).parent,
            config.extra.get("kczy_edition", "public"),
            read_now(),
            config.site_url or "",
        )
    except FatalError as error:
        raise PluginError(str(error)) from None
    for path, text in {**site.pages, **site.files}.items():
        files.append(File.generated(config, path, content=text))
    config.nav = [_nav(item) for item in site.nav]
    return files


def _nav(item: Any) -> dict[str, Any]:
    title, target = item
    return {title: target if isinstance(target, str) else [_nav(child) for child in target]}
