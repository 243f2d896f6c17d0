"""The catalog's part for documents: the official documents of a round and the dossier.

A plain dict merged into `kczy.messages.CATALOG`; codes are dotted and stable (`area.what`).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # the templates people fill (kczy new, the how-to-apply page, the web form): YAML comments
    "template.application-title": "{type} 申报书",
    "template.application-how": (
        "每个字段上方的注释说明要填写什么；“—— 评审标准 ——”标出该部分对应的评审内容。"
    ),
    "template.application-quotes": (
        "文字中含有冒号、# 号或以数字开头时请加英文引号；电话号码、邮编一律加引号。"
    ),
    "template.application-optional": "“选填”的字段已用 # 注释掉：需要时删去这些行开头的“# ”再填写。",
    "template.ballot-title": "评审票：{name}（{id}）",
    "template.ballot-how": "在每个类型下列出你赞成的申报项目编号，每行一个“- 编号”；不赞成的不写。",
    "template.ballot-limits": "超过可选数量则该类型的全部选票作废；与你所在单位有关的项目须回避。",
    "template.ballot-writing": (
        "写法：删去类型后面的“[]”，在下面每行写一个“    - 编号”（四个空格、减号、空格、编号）。"
    ),
    "template.ballot-recusals": "你须回避的项目共 {count} 项，已在下面标出“【回避】”：选了也是无效票。",
    "template.ballot-type": "{type}：至多选 {limit} 项。可选项目：",
    "template.ballot-recused": "【回避：{units}是本项目的申报单位或合作单位，不能选】",
    "template.criterion": "—— 评审标准 {id}：{title} ——",
    "template.field": "{title}（{required}）：{description}",
    "template.field-untold": "{title}（{required}）",
    "template.required": "必填",
    "template.optional": "选填",
    "template.private": "不公开：不会出现在公开网站上。",
    "template.choices": "可选：{values}",
    "template.date": "日期，格式 2021-09-26",
    "template.min-items": "至少 {count} 项",
    "template.min-length": "至少 {count} 个字",
    "template.max-length": "至多 {count} 个字",
    "template.minimum": "不小于 {value}",
    "template.exclusive-minimum": "大于 {value}",
    "template.constraints-separator": "；",
    "template.first-alternative": "以下按第一种写法（{title}）给出；可选写法：{titles}，详见 Schema",
    "template.chosen-alternative": "以下按“{title}”的写法给出；可选写法：{titles}，详见 Schema",
    "template.names-separator": "、",
}
