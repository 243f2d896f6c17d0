"""The catalog's part for the small words every other part uses: how items are listed in a sentence, yes and
no, the other words a value is shown with.

A plain dict merged into `kczy.messages.CATALOG`; codes are dotted and stable (`area.what`).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "common.separator": "、",
    "common.beijing-time": "{moment}（北京时间）",
    "common.or": "或",
    "common.yes": "是",
    "common.no": "否",
    "common.empty": "（空）",
    "common.item": "第 {number} 项",
    "common.line": "第 {line} 行",
    "common.named": "{name}（{id}）",
    "common.warning": "提醒：",
    "common.finding-line": "{place}: {warning}{message}（{code}）",
    # who is who in a round (kczy.identities)
    "common.secretariat": "秘书处",
    "common.unit": "单位“{id}”",
    "common.member": "评委“{id}”",
    "common.login": "登录账号",
    "common.email": "提交邮箱",
    # where a file should be (kczy.layout's hints, appended to the message)
    "layout.hint-yaml": "：文件名应以 .yaml 结尾，是否应为 {fixed}",
    "layout.hint-type-folder": "：项目类型的目录名是“{folder}”，是否应为 {fixed}",
    "layout.hint-type-folders": "：applications/ 下的目录只能是项目类型编号（{types}）",
    "layout.hint-in-type-folder": "：申报书要放在项目类型的目录中，如 applications/yiye-yihui/申报编号.yaml",
    # what a person most likely meant (kczy.suggest, kczy.schemavocab)
    "suggest.id-not-name": "。这里要写编号而不是名称，例如“{id}”（{name}）",
    "suggest.close": "，是否想写“{id}”",
    "suggest.close-named": "，是否想写“{id}”（{name}）",
    "suggest.close-question": "，是否想写“{id}”？",
    # attachments (kczy.attachments): kinds, what a refused file looks like, sizes
    "attachment.kind.pdf": "PDF 文件",
    "attachment.kind.png": "PNG 图片",
    "attachment.kind.jpeg": "JPEG 图片",
    "attachment.no-extension": "（无）",
    "attachment.found.html": "HTML 网页",
    "attachment.found.script": "HTML 网页（含脚本）",
    "attachment.found.svg": "SVG 图形（可含脚本）",
    "attachment.found.xml": "XML 文件",
    "attachment.found.zip": "ZIP 压缩包或 Word/Excel 文档（docx、xlsx）",
    "attachment.found.ole": "旧版 Word/Excel 文档（doc、xls）",
    "attachment.found.gif": "GIF 图片",
    "attachment.found.riff": "WebP 图片或音视频文件",
    "attachment.found.rar": "RAR 压缩包",
    "attachment.found.7z": "7z 压缩包",
    "attachment.found.rtf": "RTF 文档",
    "attachment.found.exe": "Windows 可执行程序",
    "attachment.found.elf": "可执行程序",
    "attachment.found.unknown": "无法识别的文件",
    "attachment.bytes": "{size} 字节",
    "attachment.size-exact": "{shown}（{size} 字节）",
    # schema messages' parts (kczy.schemas)
    "schema.top-level": "顶层",
    "schema.this-file": "本文件",
    "schema.what-items": "项",
    "schema.what-fields": "字段",
    "schema.format-name.date": "日期（如 2021-09-26）",
    "schema.format-name.date-time": "日期时间（如 2021-09-17T17:00+08:00）",
    "schema.format-name.email": "电子邮箱",
    "schemafile.refused-line": "{path}：{pointer}：{message}",
    # what replaces a keyword of older drafts (kczy.schemavocab)
    "schemafile.instead-dependencies": "dependentRequired 或 dependentSchemas",
    "schemafile.instead-additional-items": "items（配合 prefixItems）",
    # the choices of a field (kczy.choices)
    "choices.allowed": "“{word}”（{id}）",
    "choices.template": "可选：{words}（也可写英文标识 {ids}，含义相同）",
    # the schedule's moments (round.yaml's schedule)
    "schedule.applications_open": "开始申报",
    "schedule.applications_close": "申报截止",
    "schedule.voting_opens": "投票开始",
    "schedule.voting_closes": "投票截止",
    # validate's summary (kczy.report)
    "summary.passed": "已检查 {checked} 个文件，全部通过。",
    "summary.warnings": "已检查 {checked} 个文件，没有错误，全部通过；另有 {warnings} 个提醒。",
    "summary.errors": "已检查 {checked} 个文件：{files} 个文件中有 {errors} 个错误、{warnings} 个提醒。",
    "summary.title": "申报材料校验结果",
    "summary.column.file": "文件",
    "summary.column.line": "行",
    "summary.column.column": "列",
    "summary.column.code": "代码",
    "summary.column.message": "说明",
    # the rounds in a sentence (kczy.rounds)
    "rounds.described": "{year}（{marks}）",
    "rounds.marks-separator": "，",
    # what the reading room and the dossier show for a private field (kczy.review)
    "review.private-omitted": "（不公开信息，已略去）",
    # history and files that cannot be read
    "history.not-a-git-repo": "不是 git 仓库",
    "history.no-git": "找不到 git 命令",
    "file.not-regular": "不是普通文件",
    # the sealed ballots' key (kczy.sealed)
    "sealed.identity-malformed": (
        "计票私钥格式不正确：应是 age-keygen 或 kczy keys new 生成的 AGE-SECRET-KEY-1… 行"
    ),
    "sealed.identity-empty": "计票私钥是空的：其中没有 AGE-SECRET-KEY-1… 行",
    "sealed.ballot-header": (
        "密封选票：投票内容已用本轮计票公钥加密（age 格式），只有计票时用计票私钥才能打开。"
    ),
    # a bug (kczy.bugreport): the log's header and what the person is told
    "bug.time": "时间：{time}",
    "bug.command": "命令：kczy {command}",
    "bug.folder": "目录：{folder}",
    "bug.python": "Python {version}，{platform}",
    "bug.logged": "详细信息已写入 {log}",
    "bug.not-logged": "详细信息未能写入文件",
    "bug.message": (
        "kczy：程序内部出错（{error}）。这是 kczy 的缺陷，不是您的文件有问题。"
        "{where}，请把它和所运行的命令一起发给仓库维护者。"
    ),
}
