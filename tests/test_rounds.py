"""Several rounds in one repository (issue 12, design decision D4): `--round` on every command, the latest
round that is not retired as the default, past rounds on the public site, and retiring the sample with
`kczy retire` without touching what its tally reads. Real commands and real MkDocs builds."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE_YEAR, Result, parse_finding_line, run_kczy
from kczy.layout import RETIRED_FILE
from kczy.rounds import default_year, judge_retired, parse_retired, render_retired
from test_site import build, site_repo

REAL_YEAR = "2022"
NOW = "2026-11-30T10:00"
SAMPLE_BANNER = "本轮是随软件发布的演示数据"


def add_real_round(root: Path, year: str = REAL_YEAR) -> None:
    """A second, real round: the sample's folder copied, its year and dates moved, `sample: false`, its
    deliberately wrong votes taken out, the word 示例 replaced, and approved again with `kczy approve`."""
    source, target = root / "submissions" / SAMPLE_YEAR, root / "submissions" / year
    shutil.copytree(source, target)
    for path in target.rglob("*.yaml"):
        text = path.read_text("utf-8").replace(SAMPLE_YEAR, year).replace("示例", "演练")
        path.write_text(text.replace("\nsample: true\n", "\nsample: false\n"), "utf-8")
    for name, vote in (("chen-guoqiang", "yqdj-sichou-fazhi"), ("zhang-weimin", "yb-jxgc-zhuangbei")):
        ballot = target / "ballots" / f"{name}.yaml"
        lines = ballot.read_text("utf-8").splitlines(keepends=True)
        ballot.write_text("".join(line for line in lines if line.strip() != f"- {vote}"), "utf-8")
    (target / "approval.yaml").unlink()
    approved = run_kczy(
        "approve", "--round", year, "--meeting", f"省科协党组会议（{year}年第16次）",
        "--date", f"{year}-09-24", "--notice-starts", f"{year}-09-26", cwd=root,
    )
    assert approved.returncode == 0, approved.stderr


@pytest.fixture(scope="module")
def two_rounds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample round and a real round after it, with the site's configuration (no git)."""
    root = site_repo(tmp_path_factory.mktemp("repo"))
    add_real_round(root)
    return root


def kczy(root: Path, *args: str) -> Result:
    return run_kczy(*args, cwd=root, env={"KCZY_NOW": NOW})


def copy_of(two_rounds: Path, tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(two_rounds, root)
    return root


def text_of(folder: Path) -> str:
    """Every page, the feed, the sitemap (also unpacked), the search index and the lists (CSV) of a built
    site (not the web form's copy of the message catalog)."""
    parts = [
        p.read_text("utf-8")
        for p in sorted(folder.rglob("*"))
        if p.suffix in (".html", ".xml", ".json", ".csv") and "assets" not in p.relative_to(folder).parts
    ]
    parts.append(gzip.decompress((folder / "sitemap.xml.gz").read_bytes()).decode("utf-8"))
    return "\n".join(parts)


# The pure rules


def test_the_default_round_is_the_latest_that_is_not_retired() -> None:
    assert default_year(["2021", "2023", "2022"], ()) == "2023"
    assert default_year(["2021", "2022"], ("2022",)) == "2021"
    assert default_year(["2021"], ("2021",)) is None


def test_the_retired_file_is_read_with_places() -> None:
    years, findings = parse_retired(render_retired(["2021"]))
    assert [year for year, _, _ in years] == ["2021"] and findings == []
    years, findings = parse_retired(b'retired:\n  - "2021"\n  - twenty\n  - 2022\n')
    assert [year for year, _, _ in years] == ["2021", "2022"]  # 2022 unquoted is a year too
    assert [(f.line, f.column, f.code) for f in findings] == [(3, 5, "retired.not-a-year")]
    _, findings = parse_retired(b"retire: [2021]\n")
    assert [f.code for f in findings] == ["retired.shape"]


def test_only_a_listed_sample_round_is_retired() -> None:
    listed = [("2021", 2, 5), ("2022", 3, 5), ("2019", 4, 5)]
    retired, findings = judge_retired(listed, {"2021": True, "2022": False})
    assert retired == ("2021",)
    assert [(f.line, f.code) for f in findings] == [(3, "retired.not-sample"), (4, "retired.unknown-round")]


# Every command: the default round, --round, an unknown year

DIRS = "{tmp}"
ROUND_COMMANDS = {
    "status": ["status"],
    "tally": ["tally"],
    "verify": ["verify"],
    "site": ["site", DIRS],
    "documents": ["documents", "--output", DIRS],
    "dossier": ["dossier", "--type", "yiye-yihui", "--output", DIRS],
    "approve": ["approve", "--meeting", "省科协党组会议（第16次）", "--date", "2022-09-24",
                "--notice-starts", "2022-09-26"],
    "new": ["new", "ballot", "--member", "sun-zhigang"],
    "validate": ["validate"],
    "keys": ["keys", "new", "--identity-out", DIRS + "/key.txt"],
}


@pytest.mark.parametrize("command", list(ROUND_COMMANDS))
def test_an_unknown_round_is_a_usage_error_that_lists_the_rounds(
    two_rounds: Path, tmp_path: Path, command: str
) -> None:
    args = [a.replace(DIRS, str(tmp_path / "out")) for a in ROUND_COMMANDS[command]]
    result = kczy(two_rounds, *args, "--round", "2019")
    assert result.returncode == 2, result.stderr
    assert "没有 2019 年度（submissions/2019/ 不存在）。仓库中的年度：2021（示例）、2022" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_without_round_every_command_takes_the_latest_round(two_rounds: Path, tmp_path: Path) -> None:
    assert kczy(two_rounds, "status").stdout.startswith(f"{REAL_YEAR} 年度")
    assert kczy(two_rounds, "status", "--round", SAMPLE_YEAR).stdout.startswith(f"{SAMPLE_YEAR} 年度")
    for year in (REAL_YEAR, SAMPLE_YEAR):
        verified = kczy(two_rounds, "verify", "--round", year)
        assert verified.returncode == 0 and "全部一致" in verified.stdout, verified.stderr
    assert kczy(two_rounds, "verify").stdout == kczy(two_rounds, "verify", "--round", REAL_YEAR).stdout
    tallies = {year: kczy(two_rounds, "tally", "--round", year, "--format", "json").stdout
               for year in (REAL_YEAR, SAMPLE_YEAR)}
    assert tallies[REAL_YEAR] != tallies[SAMPLE_YEAR]
    assert kczy(two_rounds, "tally", "--format", "json").stdout == tallies[REAL_YEAR]
    # documents and dossier write the chosen year's files
    documents = kczy(two_rounds, "documents", "--round", SAMPLE_YEAR, "--output", str(tmp_path / "d"))
    assert documents.returncode == 0, documents.stderr
    assert {p.name.split("-")[0] for p in (tmp_path / "d").iterdir()} == {SAMPLE_YEAR}
    assert kczy(two_rounds, "documents", "--output", str(tmp_path / "e")).returncode == 0
    assert {p.name.split("-")[0] for p in (tmp_path / "e").iterdir()} == {REAL_YEAR}
    dossier = kczy(two_rounds, "dossier", "--type", "yiye-yihui", "--output", str(tmp_path / "b"))
    assert dossier.returncode == 0, dossier.stderr
    assert [p.name for p in (tmp_path / "b").iterdir()] == [f"kczy-{REAL_YEAR}-yiye-yihui.pdf"]
    # approve and new act on the chosen round's folder
    approve = kczy(two_rounds, "approve", "--round", SAMPLE_YEAR, "--meeting", "省科协党组会议（第16次）",
                   "--date", "2021-09-24", "--notice-starts", "2021-09-26")
    refused = f"submissions/{SAMPLE_YEAR}/approval.yaml：文件已经存在"
    assert approve.returncode == 1 and refused in approve.stderr
    copy = copy_of(two_rounds, tmp_path)
    for chosen, args in ((REAL_YEAR, ()), (SAMPLE_YEAR, ("--round", SAMPLE_YEAR))):
        written = kczy(copy, "new", "ballot", "--member", "sun-zhigang", *args)
        assert written.returncode == 0, written.stderr
        assert (copy / "submissions" / chosen / "ballots" / "sun-zhigang.yaml").exists()


@pytest.mark.slow
def test_the_site_lists_past_rounds_with_their_results(
    two_rounds: Path, two_rounds_site: tuple[Path, Path], tmp_path: Path
) -> None:
    out = two_rounds_site[1]  # the same two rounds, built once for the session (conftest)
    home = (out / "index.html").read_text("utf-8")
    article = home[home.index("<article"):]
    # The latest round presented on the home page, not as a sample; the sample listed below, marked.
    assert f"{REAL_YEAR}年度“科创中原”" in article and SAMPLE_BANNER not in article
    past = article[article.index("往年评审"):]
    entry = next(line for line in past.splitlines() if f"{SAMPLE_YEAR} 年度" in line)
    assert "（示例）" in entry and "结果已公布" in entry and "入选 9 项" in entry
    for link in (f"{SAMPLE_YEAR}/notice/", f"{SAMPLE_YEAR}/announcement/", f"{SAMPLE_YEAR}/"):
        assert f'href="{link}"' in entry, entry
    assert f'href="{REAL_YEAR}/' not in past  # the presented round is not listed again
    # Each round's pages under its own year; the sample's all say 示例, the real round's do not.
    for year in (SAMPLE_YEAR, REAL_YEAR):
        for page in ("index.html", "notice/index.html", "announcement/index.html", "rules/index.html"):
            text = (out / year / page).read_text("utf-8")
            assert (SAMPLE_BANNER in text) == (year == SAMPLE_YEAR), (year, page)
    # Every feed item about the sample says so.
    feed = (out / "feed.xml").read_text("utf-8")
    items = re.findall(r"<item>.*?</item>", feed, re.S)
    assert len(items) == 4
    for item in items:
        assert ("【示例】" in item) == (f"{SAMPLE_YEAR}/" in item), item
    assert sum("【示例】" in item for item in items) == 2
    # --round chooses the home page's round for `kczy site`; the sample's home page is marked.
    written = kczy(two_rounds, "site", str(tmp_path / "src"), "--round", SAMPLE_YEAR)
    assert written.returncode == 0, written.stderr
    index = (tmp_path / "src" / "docs" / "index.md").read_text("utf-8")
    assert SAMPLE_BANNER in index and "（示例）" in index
    assert "## 其他年度评审" in index and f"]({REAL_YEAR}/index.md)" in index


def test_only_a_sample_round_can_be_retired(two_rounds: Path, tmp_path: Path) -> None:
    root = copy_of(two_rounds, tmp_path)
    refused = kczy(root, "retire", REAL_YEAR)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith(f"kczy：{REAL_YEAR} 年度是正式轮次（sample: false），不能撤下")
    assert not (root / RETIRED_FILE).exists()
    unknown = kczy(root, "retire", "2019")
    assert unknown.returncode == 2 and "仓库中的年度：2021（示例）、2022" in unknown.stderr


def test_a_hand_written_retirement_of_a_real_round_is_an_error_and_retires_nothing(
    two_rounds: Path, tmp_path: Path
) -> None:
    root = copy_of(two_rounds, tmp_path)
    (root / RETIRED_FILE).write_text(f'retired:\n  - "{SAMPLE_YEAR}"\n  - "{REAL_YEAR}"\n', "utf-8")
    result = kczy(root, "validate")
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith(RETIRED_FILE)]
    assert [parse_finding_line(line)[:2] for line in lines] == [(f"{RETIRED_FILE}:3:5", "retired.not-sample")]
    assert kczy(root, "status").stdout.startswith(f"{REAL_YEAR} 年度")  # still shown, still the default
    again = kczy(root, "retire", SAMPLE_YEAR)
    assert again.returncode == 1 and again.stdout == "" and again.stderr.startswith("kczy：")
    assert f"{RETIRED_FILE}:3:5: " in again.stderr and "retired.not-sample" in again.stderr


@pytest.mark.slow
def test_retiring_the_sample_unpublishes_it_and_keeps_it_verifiable(two_rounds: Path, tmp_path: Path) -> None:
    root = copy_of(two_rounds, tmp_path)
    before = kczy(root, "tally", "--round", SAMPLE_YEAR, "--format", "json").stdout
    retired = kczy(root, "retire", SAMPLE_YEAR)
    assert retired.returncode == 0, retired.stderr
    assert f"各命令不带 --round 时使用 {REAL_YEAR} 年度" in retired.stdout
    assert kczy(root, "retire", SAMPLE_YEAR).stdout.startswith(f"{SAMPLE_YEAR} 年度已经撤下")
    # Nothing the sample's tally reads changed: the same bytes, and the approval still holds.
    assert kczy(root, "tally", "--round", SAMPLE_YEAR, "--format", "json").stdout == before
    verified = kczy(root, "verify", "--round", SAMPLE_YEAR)
    assert verified.returncode == 0 and "全部一致" in verified.stdout, verified.stderr
    validated = kczy(root, "validate")
    assert validated.returncode == 0, validated.stdout
    assert kczy(root, "status").stdout.startswith(f"{REAL_YEAR} 年度")
    # Not published: no page, no link, no feed item, no sitemap or search entry.
    out = tmp_path / "site"
    result = build(root, out, NOW)
    assert result.returncode == 0, result.stderr
    assert not (out / SAMPLE_YEAR).exists() and (out / REAL_YEAR / "announcement" / "index.html").exists()
    assert not list(out.rglob(f"*{SAMPLE_YEAR}*"))  # nor the web form's data of that year
    everything = text_of(out)
    for trace in (f"{SAMPLE_YEAR}/", f"{SAMPLE_YEAR} 年度", f"{SAMPLE_YEAR}年度", "示例", SAMPLE_BANNER):
        assert trace not in everything, trace
    search = json.loads((out / "search" / "search_index.json").read_text("utf-8"))
    assert search["docs"] and not [d for d in search["docs"] if d["location"].startswith(SAMPLE_YEAR)]
    assert "往年评审" not in (out / "index.html").read_text("utf-8")
    # Not in the reading room either, and `kczy site --round` refuses it.
    internal = build(root, tmp_path / "internal", NOW, "mkdocs.internal.yml")
    assert internal.returncode == 0, internal.stderr
    assert not (tmp_path / "internal" / SAMPLE_YEAR).exists() and (tmp_path / "internal" / REAL_YEAR).exists()
    refused = kczy(root, "site", str(tmp_path / "src"), "--round", SAMPLE_YEAR)
    assert refused.returncode == 2 and f"{SAMPLE_YEAR} 年度是已撤下的示例年度，网站不发布它" in refused.stderr


def test_with_the_only_round_retired_a_command_asks_for_a_round(tmp_path: Path) -> None:
    root = site_repo(tmp_path / "repo")
    assert kczy(root, "retire", SAMPLE_YEAR).returncode == 0
    result = kczy(root, "status")
    assert result.returncode == 2
    assert "没有未撤下的年度（仓库中的年度：2021（示例，已撤下））" in result.stderr
    assert kczy(root, "status", "--round", SAMPLE_YEAR).returncode == 0
    assert kczy(root, "verify", "--round", SAMPLE_YEAR).returncode == 0
    written = kczy(root, "site", str(tmp_path / "src"))
    assert written.returncode == 0, written.stderr
    assert "目前还没有评审轮次" in (tmp_path / "src" / "docs" / "index.md").read_text("utf-8")
