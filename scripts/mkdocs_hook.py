"""MkDocs adapter: hands the site's sources (`kczy.site.write.read_site_sources`, the same files that
`kczy site DIR` writes for Zensical or ProperDocs) to MkDocs. No logic lives here.

`extra.kczy_edition` in the config chooses the public site or the internal reading room.
"""

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kczy.clock import read_now
from kczy.errors import FatalError
from kczy.site.form import repository_setting
from kczy.site.write import read_site_sources


def on_startup(command: str, dirty: bool) -> None:
    # Material's search segments Chinese with jieba, which logs its dictionary loading at DEBUG to stderr.
    import jieba

    jieba.setLogLevel(logging.WARNING)


def on_files(files: Files, config: Any) -> Files:
    try:
        sources = read_site_sources(
            Path(config.config_file_path).parent,
            config.extra.get("kczy_edition", "public"),
            read_now(),
            config.site_url or "",
            repository_setting(config.extra),
        )
    except FatalError as error:
        raise PluginError(str(error)) from None
    for path, content in sources.files.items():
        files.append(File.generated(config, path, content=content))
    config.nav = sources.nav
    if sources.copyright:
        config.copyright = sources.copyright
    return files
