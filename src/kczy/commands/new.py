from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kczy.errors import FatalError
from kczy.findings import Finding
from kczy.layout import ID_PATTERN, SUBMISSIONS
from kczy.recusal import recused_units
from kczy.repo import find_root, read_work_tree
from kczy.roundfiles import RoundFiles
from kczy.rounds import add_round_option
from kczy.schemas import TYPE_IDS
from kczy.site.model import unit_name
from kczy.templates import ballot_choices, render_application_template, render_ballot_template, schema_url
from kczy.validate import check_round

HELP = "按模板新建申报书或评审票（不会覆盖已有文件）"
DESCRIPTION = """\
kczy new application --type TYPE --unit UNIT --id ID
    在 submissions/<年度>/applications/<TYPE>/<ID>.yaml 写出申报书模板
kczy new ballot --member ID
    在 submissions/<年度>/ballots/<ID>.yaml 写出评审票模板（列出各类型的可选项目）

模板由 schemas/ 中的 JSON Schema 生成：每个字段都有中文说明，并按评审标准分组。
kczy validate 无论怎样填写都会拒绝的申报书不会新建（退出状态 1）：该类单位不能申报这一类型、
本单位在这一类型中已有申报、编号已被使用。评审票模板中，需要回避的项目标为“回避”，不可选。
目标文件已存在时拒绝覆盖（退出状态 2）。"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=("application", "ballot"), help="新建什么")
    add_round_option(parser)
    parser.add_argument("--type", choices=TYPE_IDS, help="项目类型（application）")
    parser.add_argument("--unit", metavar="UNIT", help="申报单位编号，须已在 units.yaml 登记（application）")
    parser.add_argument("--id", metavar="ID", help="申报编号，即文件名（application）")
    parser.add_argument("--member", metavar="ID", help="委员编号（ballot）")


def run(args: argparse.Namespace) -> int:
    root = find_root(repo=args.repo)
    tree = read_work_tree(root)
    files = tree.chosen_round(args.round)
    year = files.year
    if args.what == "application":
        if not (args.type and args.unit and args.id):
            raise FatalError("new application 需要 --type、--unit 和 --id")
        _check_id("--id", args.id)
        if args.unit not in files.units():
            raise FatalError(f"单位“{args.unit}”未在 {SUBMISSIONS}/{year}/units.yaml 中登记")
        relative = f"{SUBMISSIONS}/{year}/applications/{args.type}/{args.id}.yaml"
        text = render_application_template(
            tree.schemas, args.type, args.unit, schema_url(relative, args.type)
        )
        refusals = refusals_at_new(files, relative, text)
        if refusals:
            for finding in refusals:
                print(f"kczy：不能新建 {relative}：{finding.message}（{finding.code}）", file=sys.stderr)
            return 1
    else:
        if not args.member:
            raise FatalError("new ballot 需要 --member")
        _check_id("--member", args.member)
        member = files.members().get(args.member)
        if member is None:
            raise FatalError(f"委员“{args.member}”不在 {SUBMISSIONS}/{year}/committee.yaml 中")
        relative = f"{SUBMISSIONS}/{year}/ballots/{args.member}.yaml"
        text = render_ballot_template(
            schema_url(relative, "ballot"),
            args.member,
            str(member.get("name", "")),
            ballot_choices(files),
            _recusals(files, member),
        )
    _write_new(root / relative, text)
    print(f"已写出 {relative}")
    return 0


# What validate would refuse in the new file whatever is filled in: the same rules, run on the template.
REFUSED_AT_NEW = frozenset(
    {"cross.applicant-kind", "cross.too-many-applications", "cross.duplicate-id", "cross.type-not-in-round"}
)


def refusals_at_new(files: RoundFiles, relative: str, text: str) -> list[Finding]:
    """The findings of `kczy validate` on the new file that no filling-in can mend."""
    contents = {**files.contents, relative: text.encode("utf-8")}
    merged = RoundFiles(files.year, contents, files.schemas)
    return [f for f in check_round(merged, [relative]) if f.code in REFUSED_AT_NEW]


def _check_id(option: str, value: str) -> None:
    if not ID_PATTERN.fullmatch(value):
        raise FatalError(
            f"{option} {value}：编号只能用小写字母、数字和连字符，以字母或数字开头，2～64 个字符"
        )



def _recusals(files: RoundFiles, member: dict[str, Any]) -> dict[str, list[str]]:
    """Application id → names of the member's units it involves: the same rule the tally applies."""
    found = {}
    for app_id, path in files.application_paths().items():
        document = files.parse(path)
        units = recused_units(member, document.data) if document is not None else []
        if units:
            found[app_id] = [unit_name(files.units(), unit) for unit in units]
    return found


def _write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise FatalError(f"{path} 已存在，不会覆盖") from None
    sys.stdout.flush()
