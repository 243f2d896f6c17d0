"""Each role's path through the real commands, as a new user walks it with only the guides in hand: make the
file, make the usual mistakes, read what kczy says, mend them, check the pull request, vote, count, and ask
where the round stands. The assertions are on the sentences a person reads, not only on codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import git, parse_finding_line, run_kczy

pytestmark = pytest.mark.slow

ROUND = "submissions/2021"
BEFORE_OPEN, APPLYING, AFTER_CLOSE = "2021-07-01T09:00", "2021-08-01T09:00", "2021-09-01T09:00"
VOTING, AFTER_VOTING = "2021-09-12T09:00", "2021-09-20T09:00"


def lines_of(output: str) -> list[tuple[str, str, str]]:
    """(place, code, message) of every finding line; the summary line is left out."""
    return [parse_finding_line(line) for line in output.splitlines()[:-1]]


def branch(root: Path, name: str, files: dict[str, str | None]) -> None:
    """A pull request's branch from main that writes (or, for None, deletes) `files`."""
    git("checkout", "-q", "-b", name, "main", cwd=root)
    for path, text in files.items():
        if text is None:
            (root / path).unlink()
        else:
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, "utf-8")
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", name, cwd=root)
    git("checkout", "-q", "main", cwd=root)


def check_pr(root: Path, head: str, author: str, now: str) -> tuple[int, str]:
    result = run_kczy(
        "check-pr", "--base", "main", "--head", head, "--author", author, "--now", now, cwd=root
    )
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, result.stdout


def real_round(root: Path) -> None:
    """The sample round as a real one (check-pr changes nothing in a sample round)."""
    round_yaml = root / ROUND / "round.yaml"
    round_yaml.write_text(round_yaml.read_text("utf-8").replace("sample: true", "sample: false"), "utf-8")
    git("commit", "-q", "-am", "a real round", cwd=root)


def round_in_progress(root: Path) -> None:
    """The sample round as a real one before its approval: no approval, objections or announcement yet."""
    for name in ("approval.yaml", "announcement.yaml", "objections"):
        git("rm", "-r", "-q", f"{ROUND}/{name}", cwd=root)
    git("commit", "-q", "-m", "the round before its approval", cwd=root)
    real_round(root)


def test_a_new_unit_applies(sample_repo: Path) -> None:
    """洛阳市科协 (ly-kx) applies for 一业一会, as CONTRIBUTING tells it to."""
    root = sample_repo
    round_in_progress(root)
    status = run_kczy("status", "--now", BEFORE_OPEN, cwd=root)
    assert "当前阶段：申报尚未开始，2021-07-15 09:00（北京时间）开始申报" in status.stdout

    # The wrong type for a city association: refused at once, with the rule, before any typing.
    new = ("new", "application", "--unit", "ly-kx", "--type")
    wrong = run_kczy(*new, "yiye-yibao", "--id", "ly-yb", cwd=root)
    assert wrong.returncode == 1
    assert "“省辖市科协”类单位不能申报“一业一研报”项目，可申报的单位类型：全省学会" in wrong.stderr

    made = run_kczy(*new, "yiye-yihui", "--id", "yyyh-luoyang", cwd=root)
    path = f"{ROUND}/applications/yiye-yihui/yyyh-luoyang.yaml"
    assert made.returncode == 0 and made.stdout == f"已写出 {path}\n"
    blank = run_kczy("validate", path, cwd=root)
    found = lines_of(blank.stdout)
    assert found[0][0] == f"{path}:1:1" and found[0][1] == "template.blank"
    assert found[0][2].startswith("提醒：这还是空白模板：请按每个字段上方的注释填写")
    assert {code for _, code, _ in found[1:]} == {"schema.empty"}

    # The unit fills it in (here: the Zhengzhou application, rewritten for Luoyang) with three slips.
    filled = (root / f"{ROUND}/applications/yiye-yihui/yyyh-zhengzhou.yaml").read_text("utf-8")
    filled = filled.replace("applicant: zz-kx", "applicant: ly-kx").replace("郑州市", "洛阳市")
    slips = filled.replace("title: 洛阳市", "title：洛阳市", 1)  # a full-width colon
    (root / path).write_text(slips, "utf-8")
    said = lines_of(run_kczy("validate", path, cwd=root).stdout)
    assert [(place, code) for place, code, _ in said] == [(f"{path}:4:6", "yaml.fullwidth-colon")]
    assert "请改为半角冒号“:”并在其后加一个空格" in said[0][2]
    quote = filled.replace("applicant: ly-kx", 'applicant: "ly-kx')  # a quotation mark never closed
    (root / path).write_text(quote, "utf-8")
    said = lines_of(run_kczy("validate", path, cwd=root).stdout)
    assert [(place, code) for place, code, _ in said] == [(f"{path}:5:12", "yaml.unclosed-quote")]
    dated = filled.replace("date: 2021-03-26", "date: 2021-3-26")  # a date as people jot it
    (root / path).write_text(dated, "utf-8")
    said = lines_of(run_kczy("validate", path, cwd=root).stdout)
    assert [code for _, code, _ in said] == ["schema.format"]  # one mistake, one message
    assert "不是有效的日期（如 2021-09-26）：“2021-3-26”" in said[0][2]

    (root / path).write_text(filled, "utf-8")
    assert run_kczy("validate", path, cwd=root).stdout.endswith("已检查 1 个文件，全部通过。\n")
    (root / path).unlink()
    branch(root, "luoyang", {path: filled})
    assert check_pr(root, "luoyang", "ly-kx", APPLYING) == (0, "已检查 1 个文件，全部通过。\n")
    code, said_late = check_pr(root, "luoyang", "ly-kx", AFTER_CLOSE)
    assert code == 1 and "申报已于 2021-08-31 17:30（北京时间）截止" in said_late
    code, other = check_pr(root, "luoyang", "zz-kx", APPLYING)
    assert code == 1 and "这是单位“洛阳市科学技术协会”（ly-kx）的申报书" in other


def test_a_committee_member_votes(sample_repo: Path) -> None:
    """王磊 (wang-lei, affiliated with zylg-kx) fills a ballot in a real, not sample, round."""
    root = sample_repo
    round_in_progress(root)
    (root / ROUND / "ballots/wang-lei.yaml").unlink()
    git("commit", "-q", "-am", "without wang-lei's ballot", cwd=root)

    early = run_kczy("tally", "--now", AFTER_CLOSE, cwd=root)
    assert early.stdout.startswith(
        "投票尚未开始（2021-09-10 09:00（北京时间）开始，2021-09-17 17:00（北京时间）截止），"
        "现在还没有可以计的选票"
    )

    made = run_kczy("new", "ballot", "--member", "wang-lei", cwd=root)
    assert made.returncode == 0
    path = f"{ROUND}/ballots/wang-lei.yaml"
    template = (root / path).read_text("utf-8")
    assert "#   yqdj-muye-dianchi  高镍正极材料循环稳定性提升协同攻关  【回避：中原理工大学" in template

    # Items added under the template's `yiqi-yiduijie: []` without deleting the brackets.
    slipped = template.replace("  yiqi-yiduijie: []\n", "  yiqi-yiduijie: []\n    - yqdj-songyue-zhoucheng\n")
    (root / path).write_text(slipped, "utf-8")
    said = lines_of(run_kczy("validate", path, cwd=root).stdout)
    line = slipped.splitlines().index("  yiqi-yiduijie: []") + 1
    assert [(place, code) for place, code, _ in said] == [(f"{path}:{line}:18", "yaml.empty-then-items")]
    assert f"请删去第 {line} 行的“[]”" in said[0][2]

    # Votes that would be lost: a recused project, a mistyped id, a project title written as its id.
    ballot = (
        "member: wang-lei\nvotes:\n  yiqi-yiduijie:\n    - yqdj-muye-dianchi\n    - yqdj-songyue-zhouchen\n"
        "  yiye-yihui:\n    - 郑州市“一业一会”建设推进项目\n"
    )
    (root / path).write_text(ballot, "utf-8")
    validated = run_kczy("validate", path, cwd=root)
    assert validated.returncode == 1
    said = lines_of(validated.stdout)
    assert [code for _, code, _ in said] == ["schema.pattern"]  # a title is no id: the ballot would be void
    assert "这里要写编号而不是名称，例如“yyyh-zhengzhou”（郑州市“一业一会”建设推进项目）" in said[0][2]
    ballot = ballot.replace("郑州市“一业一会”建设推进项目", "yyyh-zhengzhou")
    (root / path).write_text(ballot, "utf-8")
    validated = run_kczy("validate", path, cwd=root)
    said = lines_of(validated.stdout)
    assert validated.returncode == 1
    assert [code for _, code, _ in said] == ["tally.vote.recused", "tally.vote.unknown"]
    assert said[0][2].startswith("投给“yqdj-muye-dianchi”的一票：申报单位或合作单位（zylg-kx）是该评委的回避")
    assert said[1][2] == (
        "投给“yqdj-songyue-zhouchen”的一票：没有这个申报书，该票无效，"
        "是否想写“yqdj-songyue-zhoucheng”（高速精密轴承长寿命热处理技术对接）"
    )
    (root / path).unlink()
    branch(root, "lost-votes", {path: ballot})
    code, refused = check_pr(root, "lost-votes", "wang-lei-zylg", VOTING)
    assert code == 1 and refused.splitlines()[:-1] == validated.stdout.splitlines()[:-1]  # one verdict

    mended = ballot.replace("    - yqdj-muye-dianchi\n", "").replace("zhouchen\n", "zhoucheng\n")
    branch(root, "vote", {path: mended})
    assert check_pr(root, "vote", "wang-lei-zylg", VOTING) == (0, "已检查 1 个文件，全部通过。\n")
    code, late = check_pr(root, "vote", "wang-lei-zylg", AFTER_VOTING)
    assert code == 1 and "投票已于 2021-09-17 17:00（北京时间）截止" in late


def test_the_secretariat_runs_the_round(sample_repo: Path) -> None:
    root = sample_repo
    stages = {
        BEFORE_OPEN: "申报尚未开始，2021-07-15 09:00（北京时间）开始申报",
        APPLYING: "申报，2021-08-31 17:30（北京时间）截止",
        VOTING: "投票，2021-09-17 17:00（北京时间）截止",
        AFTER_VOTING: "计票与党组审议，投票已于 2021-09-17 17:00（北京时间）截止",
        "2021-09-27T09:00": "公示，公示期 2021-09-26 至 2021-09-28",
        "2021-10-20T09:00": "结果已公布，2021-10-15 公布",
    }
    for now, stage in stages.items():
        status = run_kczy("status", "--now", now, cwd=root)
        assert status.stdout.splitlines()[1] == f"当前阶段：{stage}", now
        assert not re.search(r"\((applications|voting|notice|announced)\)|（[a-z]+）", status.stdout)

    partial = run_kczy("tally", "--now", VOTING, cwd=root)
    assert partial.stdout.startswith(
        "投票尚未截止（2021-09-17 17:00（北京时间）截止）：评委 12 人，已收到选票 10 张"
    )
    tally = run_kczy("tally", "--now", AFTER_VOTING, cwd=root)
    assert "洛阳市科学技术协会" in tally.stdout and "  ly-kx  " not in tally.stdout
    assert "chen-guoqiang → yqdj-songyue-zhoucheng（“一企一对接”类）：" in tally.stdout
    csv = run_kczy("tally", "--now", AFTER_VOTING, "--format", "csv", cwd=root)
    assert ",洛阳市科学技术协会,ly-kx," in csv.stdout

    # The sample's spoiled ballots: warnings that say why they are there, not errors.
    validated = run_kczy("validate", cwd=root)
    assert validated.returncode == 0
    assert "示例轮次故意保留的错票" in validated.stdout
    assert "没有错误，全部通过；另有 4 个提醒" in validated.stdout

    # After the approval a late change to a ballot is refused with every reason, not only the lock.
    assert run_kczy("verify", cwd=root).returncode == 0
    real_round(root)
    path = f"{ROUND}/ballots/zhou-jun.yaml"
    text = (root / path).read_text("utf-8")
    branch(root, "late", {path: text.replace("- yt-zyyx-yiliao", "- yt-clyj-xincailiao")})
    code, refused = check_pr(root, "late", "hnkx-secretariat", "2021-10-20T09:00")
    assert code == 1
    assert [c for _, c, _ in lines_of(refused)] == [
        "checkpr.locked-after-approval", "checkpr.not-member", "checkpr.voting-closed",
    ]
