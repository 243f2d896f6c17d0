from __future__ import annotations

import argparse
from dataclasses import dataclass

from kczy.checkpr import check_pull_request, merge_refusals, parse_base_rounds, signed_ballot_paths
from kczy.clock import read_now
from kczy.gitobjects import REGULAR_MODES, read_blobs, read_changes, read_merge, read_tree_files
from kczy.layout import SUBMISSIONS
from kczy.provenance import read_signatures
from kczy.repo import SCHEMA_DIR, find_root
from kczy.report import FORMATS, emit
from kczy.signing import BallotCommits, allowed_signers

HELP = "检查一次合并请求：作者是否有权修改这些文件，是否在规定时间内"
DESCRIPTION = """\
在内存中把 --head 合并进 --base（git merge-tree，与 git merge 的结果相同），比较合并结果与 --base
（改名视为删除加新增），逐个文件检查合并后的内容；不能无冲突合并的合并请求直接拒绝：
  - 申报书只能由申报单位的账号提交，且在申报截止之前；
  - 选票只能由评委本人提交，且在投票开始与截止之间；选票中的回避、超票、未知或错类项目也拒绝；
  - 轮次配置（含本年度的评审规则 submissions/<年度>/schemas/）、单位和评委名单、审议、异议、公布记录，
    以及 schemas/ 和 .github/ 只能由秘书处修改；
  - 不允许符号链接，不允许在规定目录之外放文件；党组审议之后，计票所依据的文件不能再改；
  - 要求签名选票的轮次（voting.signed: true），本次新增或修改选票的每个提交都必须有
    该评委本人的 SSH 签名（公钥取自 --base 版本的 committee.yaml）。
所有规则（账号、名单、时间安排）都从 --base 版本读取，不从本次更改中读取。
每条拒绝理由一行；有拒绝时退出状态为 1。输出格式与 kczy validate 相同：
  text    每条拒绝理由一行：路径:行:列: 说明（代码），最后一行为汇总
  github  GitHub Actions 注解（并在设置了 GITHUB_STEP_SUMMARY 时写出完整列表）
  json    JSON 数组，每项含 file、line、column、code、message、severity
  gitlab  GitLab 代码质量报告（Code Quality，JSON 数组），供合并请求页面显示每条拒绝理由"""


SUMMARY_TITLE = "修改权限与截止时间核对结果"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base", required=True, metavar="REV", help="目标分支的版本（规则从这里读取）")
    parser.add_argument("--head", required=True, metavar="REV", help="合并请求的版本")
    parser.add_argument("--author", required=True, metavar="LOGIN", help="合并请求作者的账号")
    parser.add_argument("--now", metavar="YYYY-MM-DDTHH:MM", help="按此北京时间判断（默认：现在）")
    parser.add_argument("--format", choices=FORMATS, default="text", help="输出格式（默认 text）")


@dataclass(frozen=True)
class Options:
    repo: str | None
    base: str
    head: str
    author: str
    now: str | None
    format: str


def run(options: Options) -> int:
    root = find_root(repo=options.repo)
    now = read_now(options.now)
    merge = read_merge(root, options.base, options.head)
    if merge.tree is None:
        findings = merge_refusals(merge.conflicts, merge.unrelated)
        emit(findings, len(findings), options.format, SUMMARY_TITLE)
        return 1
    changes = read_changes(root, merge.base, merge.tree)
    # Each round is judged by the base revision's copy of its own rules (or the base's default set).
    base_rounds = parse_base_rounds(read_tree_files(root, merge.base, [SUBMISSIONS, SCHEMA_DIR]))
    # What is judged is what the merge holds: the merged tree's blobs, not the pull request's own.
    merged = {c.path: c.blob for c in changes if c.action != "delete" and c.mode in REGULAR_MODES}
    head = read_blobs(root, merged)
    signatures: dict[str, BallotCommits] = {}
    for year, paths in signed_ballot_paths(changes, base_rounds).items():
        signers = allowed_signers(base_rounds[year])[0]
        revisions = [f"{merge.base}..{merge.head}"]
        signatures |= read_signatures(root, revisions, merge.tree, paths, signers)
    findings = check_pull_request(changes, base_rounds, head, options.author, now, signatures)
    emit(findings, len(changes), options.format, SUMMARY_TITLE)
    return 1 if any(f.severity == "error" for f in findings) else 0
