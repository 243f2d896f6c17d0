"""The catalog's part for the sites: the wording of the public pages, the reading room and the web form.

A plain dict merged into `kczy.messages.CATALOG`; codes are dotted and stable (`area.what`).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {}
