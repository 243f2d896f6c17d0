"""`kczy new round`: the files that open a round, as a pure function of the round it starts from.

The new round gets its own copy of the source round's rules (so that changing them later changes
nothing about the source), round.yaml with the source's settings (title, organisers, types and quotas,
notice period, voting rules, attachment limits) and blanks for what belongs to the new year only (the
schedule, the notice's contact), and the registries. A sample round lends its rules and settings but no
content: no invented units, members, logins, addresses or 示例 comments.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kczy.layout import RECORD_FILES, RULES_FOLDER, SCHEMA_SUFFIX, TYPE_IDS, round_prefix

BLANK = "待填写"
"""The word that marks each blank in the written round.yaml (validate reports each blank as not filled)."""

DEFAULT_VOTING = {"quorum": "majority", "threshold": "none", "show_counts": True}
"""The counting rules' defaults (README), for a first round that has no earlier one to follow."""
SCHEDULE_BLANKS = (
    ("applications_open", "开始申报的时间（北京时间，带 +08:00，请加引号），如 \"{year}-07-15T09:00+08:00\"；"
     "不设开始时间可删去这一行"),
    ("applications_close", "申报截止时间（北京时间，带 +08:00，请加引号），如 \"{year}-08-31T17:30+08:00\""),
    ("voting_opens", "投票开始时间（北京时间，带 +08:00，请加引号），如 \"{year}-09-10T09:00+08:00\""),
    ("voting_closes", "投票截止时间（北京时间，带 +08:00，请加引号），如 \"{year}-09-17T17:00+08:00\""),
)
CONTACT_BLANKS = (
    ("office", "受理异议的部门（监督单位）全称"),
    ("phone", "受理电话，请加引号，如 \"区号-号码\""),
    ("email", "接收书面异议的电子邮箱"),
    ("address", "邮寄书面异议的通信地址"),
    ("postcode", "通信地址的邮政编码，请加引号"),
)
SECRETARIAT_BLANKS = (
    ("name", "秘书处所在部门的全称"),
    ("logins", "秘书处工作人员在代码托管平台的账号：删去冒号后的空白，在下面每行写一个“  - 账号”"),
)


@dataclass(frozen=True)
class Source:
    """The round a new one starts from. `rules`: file name → bytes of the schemas that judge it (its own
    copy, or the default set when it has none or when there is no earlier round: `year` is then "")."""

    year: str
    round_data: Mapping[str, Any]
    rules: Mapping[str, bytes]
    sample: bool
    registries: Mapping[str, bytes]
    """`units.yaml` and `committee.yaml` as written (carried over from a real round only)."""


def plan_new_round(year: str, source: Source) -> dict[str, bytes]:
    """Repository-relative path → bytes of every file that opens round `year`."""
    prefix = round_prefix(year)
    files = {f"{prefix}{RULES_FOLDER}/{name}": body for name, body in sorted(source.rules.items())}
    files[f"{prefix}round.yaml"] = render_round_yaml(year, source).encode("utf-8")
    for name in ("units.yaml", "committee.yaml"):
        carried = source.registries.get(name)
        if source.sample or carried is None:
            files[prefix + name] = _empty_registry(name).encode("utf-8")
        else:
            files[prefix + name] = carried
    return files


def _modeline(schema: str) -> str:
    return f"# yaml-language-server: $schema={RULES_FOLDER}/{schema}{SCHEMA_SUFFIX}"


def _empty_registry(name: str) -> str:
    kind = RECORD_FILES[name]
    if kind == "units":
        return "\n".join([
            _modeline("units"),
            "# 本轮登记的申报单位。请在 units: 下逐个登记（删去“[]”），每个单位写：",
            "#   id（单位标识符，小写字母、数字和连字符）、name（单位全称）、",
            "#   kind（city-association 省辖市科协、provincial-society 全省学会、enterprise 企业、",
            "#   university-association 高校科协）、logins（代码托管平台的账号）、emails（提交邮箱）。",
            "# 只有登记的单位可以申报；kczy validate 会报告尚未登记任何单位。",
            "units: []",
            "",
        ])
    return "\n".join([
        _modeline("committee"),
        "# 本轮评审委员会。请在 members: 下逐位登记（删去“[]”），每位评委写：",
        "#   id（评委标识符，也是其选票文件名）、name（姓名）、role（身份，见 Schema 的说明）、",
        "#   logins（代码托管平台的账号）、emails（提交邮箱）、",
        "#   affiliations（须回避的单位标识符，可为空列表）。",
        "# kczy validate 会报告尚未登记任何评委。",
        "members: []",
        "",
    ])


def render_round_yaml(year: str, source: Source) -> str:
    data = source.round_data
    origin = f"从 {source.year} 年度开启" if source.year else "按默认规则开启"
    lines = [
        _modeline("round"),
        f"# {year} 年度评审轮次，由 kczy new round {origin}。",
        f"# 标有“{BLANK}”的项必须填写：kczy validate 逐项报告尚未填写的项，全部填好后才能开始申报。",
        f"year: {int(year)}",
        f"title: {_scalar(_retitled(data.get('title'), source.year, year))}",
    ]
    organisers = data.get("organisers")
    if isinstance(organisers, list) and organisers:
        lines += _block("organisers", organisers, 0)
    else:
        lines += [f"# {BLANK}：组织评审的单位，按发文顺序每行一个“  - 单位全称”", "organisers:"]
    lines.append("sample: false")
    lines += _secretariat(data.get("secretariat"), source.sample)
    types = data.get("types")
    if isinstance(types, dict) and types:
        lines += _block("types", types, 0)
    else:
        lines.append("types:")
        for type_id in TYPE_IDS:
            lines += [f"  {type_id}:", f"    # {BLANK}：本类项目的入选名额", "    quota:"]
    lines.append("schedule:")
    for key, hint in SCHEDULE_BLANKS:
        lines += [f"  # {BLANK}：{hint.format(year=year)}", f"  {key}:"]
    lines += _notice(data.get("notice"))
    lines += _voting(data.get("voting"))
    attachments = data.get("attachments")
    if isinstance(attachments, dict) and attachments:
        lines += _block("attachments", attachments, 0)
    return "\n".join(lines) + "\n"


def _retitled(title: Any, old: str, new: str) -> str:
    text = title if isinstance(title, str) else ""
    if old and old in text:
        return text.replace(old, new)
    return text or f"{new}年度“科创中原”科技经济融合行动项目评审"


def _secretariat(secretariat: Any, sample: bool) -> list[str]:
    """A real round's secretariat carries over (the handover to a new one is the secretariat's own
    change, OPERATIONS); a sample round's is invented, so the new round gets blanks."""
    if not sample and isinstance(secretariat, dict) and secretariat:
        return _block("secretariat", secretariat, 0)
    lines = ["secretariat:"]
    for key, hint in SECRETARIAT_BLANKS:
        lines += [f"  # {BLANK}：{hint}", f"  {key}:"]
    return lines


def _notice(notice: Any) -> list[str]:
    """The period (days, how they count) carries over; the contact is the new year's to fill in, and a
    holiday calendar (`calendar`) belongs to the years it lists."""
    notice = notice if isinstance(notice, dict) else {}
    lines = ["notice:"]
    lines += _block("days", notice.get("days", 3), 2)
    lines += _block("count", notice.get("count", "calendar"), 2)
    lines.append("  contact:")
    for key, hint in CONTACT_BLANKS:
        lines += [f"    # {BLANK}：{hint}（公示页面公开显示）", f"    {key}:"]
    return lines


def _voting(voting: Any) -> list[str]:
    """The voting rules carry over, except the tally key: a new key pair each round (`kczy keys new`)."""
    voting = dict(voting) if isinstance(voting, dict) and voting else dict(DEFAULT_VOTING)
    recipient = voting.pop("tally_recipient", None)
    lines = _block("voting", voting, 0)
    if voting.get("sealed") is True or recipient is not None:
        hint = "本轮的计票公钥（age1 开头）：用 kczy keys new 生成新的密钥对，不要沿用往年的"
        lines += [f"  # {BLANK}：{hint}", "  tally_recipient:"]
    return lines


def _block(key: str, value: Any, indent: int) -> list[str]:
    """`key: value` as YAML lines; strings quoted as JSON (a valid YAML scalar whatever they hold)."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [f"{pad}{key}: {{}}"]
        lines = [f"{pad}{key}:"]
        for child_key, child in value.items():
            lines += _block(str(child_key), child, indent + 2)
        return lines
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []"]
        lines = [f"{pad}{key}:"]
        for item in value:
            if isinstance(item, dict | list):
                lines.append(f"{pad}  - {json.dumps(item, ensure_ascii=False)}")
            else:
                lines.append(f"{pad}  - {_scalar(item)}")
        return lines
    return [f"{pad}{key}: {_scalar(value)}"]


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
