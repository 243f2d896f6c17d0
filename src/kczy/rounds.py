"""Which rounds the repository shows, and which one a command takes when `--round` is not given. Pure.

Every year under `submissions/` is a round. The secretariat may retire a *sample* round (`kczy retire
YEAR`): the year is written into `submissions/retired.yaml`, outside every round, so that nothing the
round's tally reads changes and `kczy verify --round YEAR` still passes. A retired round is neither
published nor listed, and is never the default round; its files stay in the repository. A real round
cannot be retired: its results stay published for ever (a year of a real round in the file is an error
and retires nothing).
"""

from __future__ import annotations

import argparse
from collections.abc import Collection, Mapping, Sequence

from kczy.findings import Finding
from kczy.layout import RETIRED_FILE, YEAR_PATTERN
from kczy.messages import joined, render_message
from kczy.yamlload import parse_yaml

RETIRED_KEY = "retired"


def parse_retired(content: bytes) -> tuple[list[tuple[str, int, int]], list[Finding]]:
    """The years `submissions/retired.yaml` lists, each with its line and column, and the findings
    about what it holds besides (a file that is not `retired: [years]`)."""
    document, findings = parse_yaml(content, RETIRED_FILE)
    if document is None:
        return [], findings
    data = document.data
    listed = data.get(RETIRED_KEY)
    if set(data) != {RETIRED_KEY} or not isinstance(listed, list):
        line, column = document.place(())
        return [], [*findings, Finding(RETIRED_FILE, line, column, "retired.shape")]
    years: list[tuple[str, int, int]] = []
    for index, value in enumerate(listed):
        line, column = document.place((RETIRED_KEY, index))
        text = str(value)
        if isinstance(value, bool) or not isinstance(value, str | int) or not YEAR_PATTERN.fullmatch(text):
            findings.append(Finding(RETIRED_FILE, line, column, "retired.not-a-year", {"value": text}))
        else:
            years.append((text, line, column))
    return years, findings


def judge_retired(
    listed: Sequence[tuple[str, int, int]], samples: Mapping[str, bool]
) -> tuple[tuple[str, ...], list[Finding]]:
    """The years that are retired: those listed that are sample rounds (`samples`: year → whether the
    round is a sample, for every round of the repository). A listed year that is no round, or a real
    round, is a finding and retires nothing."""
    retired: list[str] = []
    findings: list[Finding] = []
    for year, line, column in listed:
        if year not in samples:
            findings.append(Finding(RETIRED_FILE, line, column, "retired.unknown-round", {"year": year}))
        elif not samples[year]:
            findings.append(Finding(RETIRED_FILE, line, column, "retired.not-sample", {"year": year}))
        elif year not in retired:
            retired.append(year)
    return tuple(sorted(retired)), findings


def render_retired(years: Collection[str]) -> bytes:
    """`submissions/retired.yaml` listing `years`, with what it means for the person who opens it."""
    lines = [
        f"# {render_message('retired.file-comment', {})}",
        f"{RETIRED_KEY}:",
        *[f'  - "{year}"' for year in sorted(set(years))],
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def shown_years(years: Collection[str], retired: Collection[str]) -> list[str]:
    """The rounds that are published and listed, oldest first."""
    return sorted(year for year in years if year not in retired)


def default_year(years: Collection[str], retired: Collection[str]) -> str | None:
    """The round every command takes without `--round`: the latest one that is not retired."""
    shown = shown_years(years, retired)
    return shown[-1] if shown else None


def describe_rounds(years: Collection[str], samples: Mapping[str, bool], retired: Collection[str]) -> str:
    """The rounds as a person reads them in a message: 2021（示例，已撤下）、2022."""
    described = []
    for year in sorted(years):
        marks = [render_message("rounds.mark-sample", {})] if samples.get(year) else []
        if year in retired:
            marks.append(render_message("rounds.mark-retired", {}))
        shown = joined(marks, "rounds.marks-separator")
        params = {"year": year, "marks": shown}
        described.append(render_message("rounds.described", params) if marks else year)
    return joined(described) or render_message("rounds.mark-none", {})


def add_round_option(parser: argparse.ArgumentParser) -> None:
    """`--round YEAR`, the same in every command that works on one round (`WorkTree.chosen_year`)."""
    parser.add_argument("--round", metavar="YEAR", help=render_message("rounds.option-help", {}))
