"""The site as a folder of sources: the one step every engine builds from. Pure.

The renderers give Markdown pages, download files and a navigation; this turns them into what any
MkDocs-compatible engine reads: files under `docs/` (path → bytes) and a configuration with the
navigation written out and no hook. MkDocs with Material builds it (through the hook, which hands
over the same files, or from the written folder); Zensical and ProperDocs build the written folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kczy.site.public import NavItem, SiteOutput

NavEntry = dict[str, "str | list[NavEntry]"]
DOCS_DIR = "docs"
OVERRIDES_DIR = "overrides"
# What only MkDocs reads and a written folder no longer needs: the hook (its pages are written out
# already) and the parent a reading-room configuration inherits from (merged in by the reader).
_MKDOCS_ONLY = ("hooks", "INHERIT")


@dataclass(frozen=True)
class SiteSources:
    """Every file of the docs folder (path → bytes), the renderers' pages and downloads alike, and
    the navigation in MkDocs' form."""

    files: Mapping[str, bytes]
    nav: list[NavEntry]
    copyright: str = ""
    """HTML for every page's footer (the theme's `copyright`): the organisers and the public contact."""


def site_sources(site: SiteOutput) -> SiteSources:
    """All that the renderers produce, whatever its kind: pages as UTF-8, other files as they are."""
    files: dict[str, bytes] = {path: text.encode("utf-8") for path, text in site.pages.items()}
    files.update({path: bytes(content) for path, content in site.files.items()})
    return SiteSources(dict(sorted(files.items())), [_nav_entry(item) for item in site.nav], site.footer)


def _nav_entry(item: NavItem) -> NavEntry:
    title, target = item
    return {title: target if isinstance(target, str) else [_nav_entry(child) for child in target]}


def engine_config(
    config: Mapping[str, Any], nav: list[NavEntry], site_dir: str, copyright: str = ""
) -> dict[str, Any]:
    """The project's MkDocs configuration for a written folder: the docs and theme overrides beside
    it, the navigation filled in, the hook left out; everything else (theme, Markdown extensions,
    `extra`) as the project has it, so the engines build the same site."""
    written = {key: value for key, value in config.items() if key not in _MKDOCS_ONLY}
    written["docs_dir"] = DOCS_DIR
    written["site_dir"] = site_dir
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        written["theme"] = {**theme, "custom_dir": OVERRIDES_DIR}
    written["nav"] = nav
    if copyright:
        written["copyright"] = copyright
    return written


def merge_inherited(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """MkDocs' `INHERIT`: mappings merge key by key, anything else in the child replaces the parent's."""
    merged = dict(parent)
    for key, value in child.items():
        old = merged.get(key)
        merged[key] = (
            merge_inherited(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
        )
    return merged
