"""RoundFiles keeps what it parsed per instance: a round read by one command is freed with it."""

from __future__ import annotations

import gc
import weakref

from kczy.validate import check_round
from roundbuilder import make_round, round_files

YB = "yiye-yibao"


def test_a_round_and_what_it_parsed_are_freed_with_it() -> None:
    """Every cache of a RoundFiles lives on the instance (no `functools.cache` on a method, which keeps
    `self`, its files and their parsed documents alive for the life of the process)."""
    files = round_files(
        make_round({"m1": []}, {"aa": (YB, "u-aa", []), "bb": (YB, "u-aa", [])}, {"m1": {YB: ["aa"]}})
    )
    assert check_round(files)  # two applications of one unit: the rules read every cache
    assert files.paths_of("application", YB) == files.paths_of("application", YB)
    assert list(files.applications_by_applicant(YB)) == ["u-aa"]
    assert files.units() and files.members() and files.application_paths()
    document = files.parse(files.paths_of("application", YB)[0])
    assert document is not None
    freed = weakref.ref(files)
    parsed = weakref.ref(document)
    del files, document
    gc.collect()
    assert freed() is None and parsed() is None
