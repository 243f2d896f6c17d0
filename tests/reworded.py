"""kczy with every message of its catalog in other words (issue 12: nothing an approval pins may depend
on the wording). `reworded_catalog(catalog)` is the catalog in other words, for tests that patch it in
their own process (tests/test_tally_record.py); run as a script, this file is the `kczy` command speaking
them (`python tests/reworded.py verify --round 2021`), for tests that run kczy as a user would."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

REWORDED = "〔改写〕"


def reworded_catalog(catalog: Mapping[str, str]) -> dict[str, str]:
    """Every message says the same thing in other words: a mark in front, other punctuation."""
    return {code: REWORDED + text.replace("，", "；") for code, text in catalog.items()}


def main(argv: Sequence[str]) -> int:
    from kczy import messages

    messages.CATALOG.update(reworded_catalog(messages.CATALOG))
    from kczy.cli import main as kczy

    return kczy(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
