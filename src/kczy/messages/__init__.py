"""The one catalog of user-facing messages, keyed by a stable code.

Templates are Chinese (the users are); the English gloss in the comment helps maintainers and
reviewers. Parameters are filled with `str.format_map`; a missing parameter shows as `{name}`.

The wording is split into parts by audience, each a plain dict merged into the one `CATALOG`:
`GENERAL` here (stops, findings, notes), `commands.MESSAGES` (command output and `--help` texts),
`site.MESSAGES` (page wording), `documents.MESSAGES` (official documents, the dossier, templates),
`reports.MESSAGES` (the tally's text and CSV, verify's findings). A code is
defined in exactly one part (a test checks it).
"""

from __future__ import annotations

import datetime
import errno
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from kczy.beijing import BEIJING
from kczy.messages import commands, common, documents, reports, site

K = TypeVar("K", bound=str)

GENERAL: dict[str, str] = {
    # stops (exit status 2): the repository, git, an option or the environment is wrong, not an input file
    "stop.repo-without-schemas": "--repo {repo}：该目录下没有 schemas/，不是评审仓库",
    "stop.git-repo-without-schemas": (
        "{path} 是 git 仓库，但没有 schemas/ 目录：请在评审仓库中运行，或使用 --repo"
    ),
    "stop.not-in-repo": "当前目录不在评审仓库中：请进入仓库目录，或使用 --repo 指定",
    "stop.schema-unreadable": "无法读取 {path}：{reason}",
    "stop.rules-incomplete": (
        "{folder} 中缺少 {names}：一个年度的规则须有 kczy 用到的全部 Schema，请从上一年度的规则中复制过来"
    ),
    "stop.outside-repo": "{argument} 不在评审仓库 {root} 中",
    "stop.not-a-time": (
        "用法错误：{source} 的值“{text}”不是北京时间 YYYY-MM-DDTHH:MM（例如 2021-09-17T17:00，"
        "可带 +08:00；不接受其他时区、周日期或不带分隔符的写法）"
    ),
    "stop.no-git": "找不到 git 命令：check-pr 需要 git",
    "stop.no-such-commit": "无法读取版本 {rev}：仓库中没有这个提交（或当前目录不是 git 仓库）",
    "stop.merge-failed": "无法合并 {base} 与 {head}：{reason}",
    "stop.diff-failed": "无法比较 {base} 与合并结果：{reason}",
    "stop.git-objects-unreadable": "无法读取 git 对象：{reason}",
    "stop.git-object-not-a-file": "git 对象 {object} 不是文件内容（{kind}）",
    "stop.revision-unreadable": "无法读取版本 {rev}：{reason}",
    "stop.git-repo-unreadable": "无法读取 git 仓库：{reason}",
    "stop.shallow-clone": (
        "当前仓库是浅克隆（shallow clone），没有完整的 git 历史，无法核对选票的提交时间。"
        "请运行 git fetch --unshallow；在 GitHub Actions 中请给 actions/checkout 设置 fetch-depth: 0"
    ),
    "stop.history-unreadable": "无法读取 git 历史（{rev}）：{reason}",
    "stop.signatures-unreadable": "无法读取选票提交的签名：{reason}",
    "stop.not-a-git-repo": "{root} 不是 git 仓库：check-pr 需要比较两个版本",
    "stop.cannot-read": "无法读取 {path}：{reason}",
    "stop.missing-record": "缺少 {path}",
    "stop.tally-missing-record": "缺少 {path}，无法计票",
    "stop.tally-format-unknown": "无法核对 {path}：{reason}",
    "stop.output-in-submissions": (
        "{option} {path}：不能写到 submissions/ 中，本命令不向 submissions/ 写文件"
    ),
    "stop.no-such-type-in-round": "{year} 年度的 round.yaml 中没有“{type}”类项目",
    "stop.identity-in-repo-new": (
        "{path} 在评审仓库之内：计票私钥绝不能放进仓库，请用 --identity-out 指定仓库之外的位置"
    ),
    "stop.identity-in-repo": (
        "{path} 在评审仓库之内：计票私钥绝不能放进仓库，请移到仓库之外并确认它从未被提交"
    ),
    "stop.identity-unreadable": "无法读取计票私钥 {path}：{reason}",
    "stop.not-a-text-file": "不是文本文件",
    "stop.bad-runoff-option": "--runoff {value}：决选轮次应是正整数（不写表示正式选票）",
    "stop.no-tally-recipient": "{path} 没有有效的计票公钥（voting.tally_recipient），无法加密",
    "stop.bad-edition": "{config}：extra.kczy_edition 应为 public 或 internal",
    "stop.detail-in-repo": "--detail-to {path}：明细文件不能放在仓库内（可能被提交公开），请写到仓库之外",
    "stop.detail-unwritable": "--detail-to {path}：无法写入：{reason}",
    "stop.not-in-submissions": "{argument}：不在 submissions/ 下；kczy validate 只校验申报材料和各类记录",
    "stop.no-such-file": "{argument}：文件不存在",
    "stop.form-script-missing": (
        "网站未生成：填报助手的脚本（web/form/）还没有构建，构建需要 Node.js 和 npm 依赖："
        "请先运行 make setup（其中有 npm ci 和 node web/build.mjs）"
    ),
    "stop.form-script-failed": "网站未生成：填报助手的脚本构建失败：\n{reason}",
    "refusal.site": "网站未生成：{reason}",
    "refusal.documents": "公文未生成：{reason}",
    "stop.refused-errors": "{year} 年度有 {count} 个校验错误，请先运行 kczy validate 并改正：\n{shown}{more}",
    "stop.refused-more-errors": "\n  ……另有 {count} 个",
    "stop.refused-sealed": "{year} 年度有密封选票，计票需要计票私钥（环境变量 {variable}）",
    "stop.site-config-unreadable": "无法读取网站配置 {path}：{reason}",
    "stop.site-config-not-yaml": "网站配置 {path} 不是可读的 YAML：{reason}",
    "stop.site-config-not-mapping": "网站配置 {path} 应为键值映射",
    "stop.site-folder-not-ours": (
        "{path} 不是空目录，也不是 kczy site 写出的目录：请换一个目录，以免覆盖其他文件"
    ),
    "stop.book-bookmarks": "汇编排版失败：附件书签 {bookmarks} 个，附件 {attachments} 个",
    "stop.pdf-failed": "PDF 未生成：{reason}",
    # what commands report (results on stdout) and note (diagnostics on stderr, after “kczy：”)
    "report.signers-written": "已写出 {path}（{count} 位评委）",
    "note.member-without-signing-key": "注意：评委“{member}”没有登记可用的签名公钥（signing_key），未写入",
    "note.no-signing-keys": "{path} 中没有任何评委登记签名公钥",
    "note.plain-ballot-refused": "明文选票有以上错误，未加密。请改正后重试。",
    "note.votes-will-not-count": (
        "注意：以上赞成票计票时不会计入（选票本身有效），如需修改请改正明文选票后重新加密。"
    ),
    "report.sealed-written": "已写出密封选票 {path}\n回执（密文的 SHA-256）：{receipt}",
    "note.plain-ballot-in-repo": "注意：明文选票 {path} 在仓库目录中，请删除它，不要提交。",
    "note.recipient-replaced": (
        "注意：round.yaml 已有计票公钥 {existing}；替换后，已用旧公钥加密的选票无法用新私钥打开。"
    ),
    "verify.cannot-count": "✗ 无法重新计票：以上文件有错误",
    # reading the file
    "file.unreadable": "无法读取文件：{reason}",
    "file.symlink": "不允许使用符号链接，请提交普通文件",
    "file.submodule": "这里是一个子模块（submodule），不是普通文件：申报材料只能是普通文件，请删除该子模块",
    "file.name-not-utf8": (
        "文件名不是 UTF-8 编码（{name}，\\x 后是无法识别的字节），常见于在 GBK 系统中压缩或复制的文件；"
        "请把文件改成中文或英文的正常名称后重新提交"
    ),
    "encoding.utf16": "文件是 UTF-16 编码，请另存为 UTF-8 编码",
    "encoding.gbk": "文件不是 UTF-8 编码（看起来是 GBK/GB18030），请在编辑器中“另存为 UTF-8”后重新提交",
    "encoding.not-utf8": "文件不是 UTF-8 编码，请另存为 UTF-8 后重新提交",
    "text.fullwidth-space": "缩进中有全角空格（U+3000），请改为半角空格",
    "text.zero-width": "此处有看不见的零宽字符（{char}），通常来自复制粘贴，请删除",
    "text.control-char": "此处有不可见的控制字符（{char}），请删除",
    "text.bidi-control": (
        "此处有看不见的文字方向控制字符（{char}），会让网页和表格中显示的文字顺序与实际不同，请删除"
    ),
    # YAML structure
    "yaml.too-large": "文件过大（{size} 字节），上限为 {limit} 字节",
    "yaml.tab": "缩进中有制表符（Tab），YAML 只允许用空格缩进",
    "yaml.syntax": "YAML 格式错误：{problem}。请检查本行及上一行的缩进、冒号和引号",
    "yaml.fullwidth-colon": "键后面用了全角冒号“：”（{text}），请改为半角冒号“:”并在其后加一个空格",
    "yaml.fullwidth-space-after-colon": "冒号后面不是普通空格（{char}，如全角空格），请改为半角空格",
    "yaml.unclosed-quote": "这一行的引号 {quote} 没有闭合：请在文字末尾补上 {quote}，或删去开头的 {quote}",
    "yaml.over-indented": (
        "这一行比上一行多缩进了 {extra} 个空格：上一行的“{key}”已经写了值，下面不能再缩进。"
        "同一层的键请左对齐"
    ),
    "yaml.empty-then-items": (
        "“{empty}”表示这里是空的，下面就不能再写内容：要填写时请删去第 {line} 行的“{empty}”"
    ),
    "yaml.empty": "文件是空的",
    "yaml.not-mapping": "文件顶层应当是“键: 值”形式的映射，而不是 {kind}",
    "yaml.too-deep": "嵌套层级过深（超过 {limit} 层）",
    "yaml.alias": "不支持 YAML 别名（*{name}），请直接写出内容",
    "yaml.anchor": "不支持 YAML 锚点（&{name}），请直接写出内容",
    "yaml.tag": "不支持 YAML 标签 {tag}，请删除它",
    "yaml.duplicate-key": "键“{key}”重复（第 {first_line} 行已出现），请删除或合并其中一个",
    "yaml.complex-key": "键必须是简单文字，不能是列表或映射",
    "yaml.number-range": "数字“{text}”超出可处理的范围，请核对（不是数字的编号请加引号写成文字）",
    "yaml.multiple-documents": "一个文件只能包含一个文档，请删除多余的“---”及其后的内容",
    # the schema
    "schema.required": "{parent}缺少必填字段{field}（{key}）",
    "schema.additionalProperties": "{parent}中没有字段“{key}”{suggestion}",
    "schema.propertyNames": "“{key}”不是允许的键，可选：{allowed}",
    "schema.empty": "{field}（{key}）还没有填写",
    "schema.type": "{field}（{key}）应为{expected}，实际写的是{actual}“{typed}”{hint}",
    "shape.type": (
        "{field}（{key}）应为{expected}，实际写的是{actual}“{typed}”{hint}；"
        "kczy 只能按{expected}读取这里（不论本年度的评审规则怎样规定），本文件的其余检查暂不进行"
    ),
    "shape.missing": (
        "缺少“{field}”（{key}）或没有填写；kczy 需要读取它（不论本年度的评审规则怎样规定），"
        "本文件的其余检查暂不进行"
    ),
    "shape.missing-either": (
        "{first} 和 {second} 至少要填写一项；kczy 需要读取其中之一（不论本年度的评审规则怎样规定），"
        "本文件的其余检查暂不进行"
    ),
    "schema.enum": "{field}（{key}）的值“{typed}”不在可选范围内，可选：{allowed}",
    "schema.const": "{field}（{key}）应为“{expected}”，实际是“{typed}”",
    "schema.pattern": "{field}（{key}）的格式不正确：“{typed}”{hint}",
    "schema.format": "{field}（{key}）不是有效的{format}：“{typed}”",
    "schema.minLength": "{field}（{key}）太短：至少 {limit} 个字，现有 {actual} 个字",
    "schema.maxLength": "{field}（{key}）太长：至多 {limit} 个字，现有 {actual} 个字",
    "schema.minItems": "{field}（{key}）至少需要 {limit} 项，现有 {actual} 项",
    "schema.maxItems": "{field}（{key}）至多 {limit} 项，现有 {actual} 项",
    "schema.uniqueItems": "{field}（{key}）中有重复的项",
    "schema.minimum": "{field}（{key}）不能小于 {limit}，实际是 {typed}",
    "schema.maximum": "{field}（{key}）不能大于 {limit}，实际是 {typed}",
    "schema.exclusiveMinimum": "{field}（{key}）必须大于 {limit}，实际是 {typed}",
    "schema.exclusiveMaximum": "{field}（{key}）必须小于 {limit}，实际是 {typed}",
    "schema.oneOf": "{field}（{key}）不符合任何一种允许的写法：{detail}",
    "schema.invalid": "{field}（{key}）不符合要求：{detail}",
    "schema.see-keyword": "见 Schema 中“{keyword}”的规定",
    "schema.minProperties": "{field}（{key}）至少需要 {limit} 个字段，现有 {actual} 个",
    "schema.maxProperties": "{field}（{key}）至多 {limit} 个字段，现有 {actual} 个",
    "schema.multipleOf": "{field}（{key}）应是 {limit} 的整数倍，实际是 {typed}",
    "schema.dependentRequired": "填写了{present_field}（{present}），还须填写{field}（{missing}）",
    "schema.contains": "{field}（{key}）中至少要有 {limit} 项符合要求",
    "schema.maxContains": "{field}（{key}）中符合这一要求的项至多 {limit} 项",
    "schema.unevaluated": "{field}（{key}）中有 Schema 没有规定的{what}",
    "schema.not": "{field}（{key}）不能是“{typed}”",
    "schema.false": "{field}（{key}）这里不允许有内容",
    # the schema files themselves (for whoever edits the rules: schemas/, or a round's own copy)
    "schemafile.refused": "{folder}/ 中有 {count} 处 kczy 不能准确校验的写法，请修改后再运行：",
    "schemafile.not-schema": "这里应是一个 Schema（JSON 对象，或 true/false）",
    "rulesfile.not-json": (
        "不是有效的 JSON：请检查这一处附近的括号、引号和逗号（评审规则文件须是 JSON Schema）"
    ),
    "rulesfile.not-json-at": "第 {line} 行第 {column} 列附近不是有效的 JSON（kczy validate 该文件看详情）",
    "rulesfile.not-utf8": "文件不是 UTF-8 编码：请在编辑器里“另存为 UTF-8”",
    "schemafile.unknown-keyword": (
        "不认识的关键字“{keyword}”{suggestion}（JSON Schema 会悄悄忽略它；说明性的字段请以 x- 开头）"
    ),
    "schemafile.old-keyword": "“{keyword}”是旧版 JSON Schema 的关键字，draft 2020-12 中请改用 {instead}",
    "schemafile.id": "不支持 $id：kczy 按文件名称呼各个 Schema，请删除 $id，用“文件名#/$defs/名称”引用",
    "schemafile.vocabulary": "不支持 $vocabulary（自定义元模式）",
    "schemafile.content": (
        "kczy 不检查 {keyword}（在 draft 2020-12 中它只是说明），请删除，或改用 pattern 等能检查的关键字"
    ),
    "schemafile.draft": (
        "$schema 只能写在文件顶层，且只能是 https://json-schema.org/draft/2020-12/schema（现为“{value}”）"
    ),
    "schemafile.format": "kczy 只检查 {allowed} 这几种 format，不检查“{value}”；请改用 pattern",
    "schemafile.value": "关键字“{keyword}”的值写法不对，请对照 JSON Schema draft 2020-12 的规定",
    "schemafile.ref-outside": (
        "引用“{ref}”指向本目录的 Schema 之外（校验时不联网），请把被引用的 Schema 放进同一目录"
    ),
    "schemafile.choices-shape": (
        "x-choices 应是成对写出的列表：每一项为 [标识, 中文写法]，例如 [\"upheld\", \"成立\"]，至少一项"
    ),
    "schemafile.choices-enum": "x-choices 中的“{value}”不在 enum 中：每个标识和中文写法都必须列入 enum",
    "schemafile.choices-meaningless": (
        "enum 中的“{value}”不是 x-choices 中任何一项的标识或中文写法：请在 x-choices 中写明它的含义，"
        "否则它能通过校验却没有意义"
    ),
    "schemafile.choices-repeated": "x-choices 中的“{value}”写了两次：每个标识和中文写法只能代表一项",
    "schemafile.ref-missing": "引用“{ref}”指向的位置不存在，或那里不是 Schema",
    "regex.property": (
        "正则表达式“{pattern}”第 {position} 个字符起的 Unicode 属性"
        "（\\p{{…}}）不受支持，请改用字符范围，如 [\\u4e00-\\u9fff]"
    ),
    "regex.backreference": "正则表达式“{pattern}”第 {position} 个字符起的反向引用不受支持",
    "regex.lookbehind": "正则表达式“{pattern}”第 {position} 个字符起的后行断言（(?<= 或 (?<!）不受支持",
    "regex.negated-class-in-class": (
        "正则表达式“{pattern}”第 {position} 个字符：方括号中不支持 \\D、\\W、\\S，请写出字符范围"
    ),
    "regex.surrogate": (
        "正则表达式“{pattern}”第 {position} 个字符：请用 \\u{{…}} 写出完整的字符，不要写代理项"
    ),
    "regex.brace": (
        "正则表达式“{pattern}”第 {position} 个字符：花括号只能用于 {{n}}、{{n,}}、{{n,m}} 这样的次数，"
        "字面的花括号请写成 \\{{"
    ),
    "regex.invalid": "正则表达式“{pattern}”第 {position} 个字符起写法不对（按 ECMA-262 的规定）",
    "template.blank": "这还是空白模板：请按每个字段上方的注释填写，下面列出的 {count} 个字段还没有填写",
    # where files live
    "layout.unexpected-file": "此处不应有这个文件{suggestion}（各类文件的存放位置见 README）",
    "layout.bad-id": "文件名“{name}”不合规：只能用小写字母、数字和连字符，以字母或数字开头，2～64 个字符",
    "layout.type-mismatch": "项目类型“{type}”与所在目录“{folder}”不一致",
    "layout.member-mismatch": "评审票中的委员编号“{member}”与文件名“{name}”不一致",
    "layout.unit-mismatch": "合作确认中的单位标识符“{unit}”与文件名“{name}”不一致",
    "layout.year-mismatch": "年度 {year} 与所在目录“{folder}”不一致",
    # the website's configuration
    "site.url-missing": (
        "{year} 年度是正式轮次（sample: false），但 mkdocs.yml 没有填写网站地址 site_url："
        "RSS 订阅里的链接会是相对地址，订阅软件打不开公示和公布页面。"
        "请填写网站的完整地址，例如 site_url: https://kczy.example.org/"
    ),
    # across files
    "round.schedule-order": "“{name}”不能早于“{earlier}”，请核对日程",
    "round.schedule-no-such-time": "“{name}”写的“{value}”不是日历上存在的日期时间，请核对",
    "cross.missing-registry": "缺少本轮的 {name}，无法核对",
    "round.unreadable": "无法读取本轮的设置（{path}），请先改正以下问题再运行：",
    "round.registry-unreadable": "无法读取本轮的名单（{path}），请先改正以下问题再运行：",
    "round.files-unreadable": (
        "本轮有文件的写法 kczy 无法读取，请先改正以下问题再运行（kczy validate 会列出全部问题）："
    ),
    "cross.duplicate-id": "编号“{id}”重复（{other} 已使用）",
    "cross.unknown-unit": "申报单位“{unit}”未在 units.yaml 中登记",
    "cross.confirmation-unknown-unit": "单位“{unit}”未在 units.yaml 中登记，不能确认合作",
    "cross.partner-unconfirmed": (
        "合作单位“{name}”（{unit}）还没有确认参与本项目：须由该单位用自己登记的账号提交 {file}，"
        "在 confirms 中列出本申报书编号 {application}，确认之前不能公示（一企一对接项目以签署的合作协议为凭，"
        "不需此确认）"
    ),
    "cross.partner-registered-by-name": (
        "“{name}”是已登记的单位（{unit}），请写成 {{unit: {unit}}}：已登记单位作为合作单位须经其本单位确认，"
        "不能当作外部机构填写"
    ),
    "cross.confirms-unnamed": "申报书 {application} 不存在，或没有把本单位列为合作单位，无需确认",
    "cross.unknown-partner": "合作单位“{unit}”未在 units.yaml 中登记",
    "cross.applicant-kind": "“{kind_name}”类单位不能申报{type_name}，可申报的单位类型：{allowed}",
    "cross.together-missing": "{type_name}须由{needed}参与（作为申报单位或在合作单位中登记）",
    "cross.too-many-applications": (
        "{unit_name}（{unit}）在{type_name}中至多申报 {limit} 项，连同本申报书已有 {count} 项"
        "（另有 {others}）：请修改已有的申报书，或另选一类"
    ),
    "cross.type-not-in-round": "本轮未设置项目类型{type_name}",
    "cross.unknown-member": "委员“{member}”不在 committee.yaml 中{suggestion}",
    "cross.unknown-application": "申报项目“{application}”不存在{suggestion}",
    "cross.unknown-affiliation": "委员所属单位“{unit}”未在 units.yaml 中登记",
    # the tally: why a ballot or a vote does not count (also shown by validate and check-pr)
    "tally.ballot.schema": (
        "选票不符合格式要求（第 {line} 行第 {column} 列：{finding}；kczy validate 或 kczy seal 会说明详情），"
        "整张无效"
    ),
    "tally.ballot.unreadable": "选票无法读取，整张无效",
    "tally.ballot.member-mismatch": "选票中的评委标识符“{member}”与文件名“{name}”不一致，整张无效",
    "tally.ballot.not-member": "“{member}”不是本轮评审委员会成员，整张无效",
    "tally.ballot.uncommitted": (
        "选票还没有提交到主分支（或工作区中有未提交的修改），无法核对提交时间，整张无效"
    ),
    "tally.ballot.late-added": "选票在投票截止之后才加入主分支（{time}，提交 {commit}），整张无效",
    "tally.ballot.late-changed": "选票在投票截止之后被修改（{time}，提交 {commit}），整张无效",
    "tally.ballot.late-deleted": "选票在投票截止之后被删除（{time}，提交 {commit}），请核实",
    "tally.ballot.schema-sealed": "选票（打开后的）内容不符合格式，整张无效",
    "tally.status.selected": "入选",
    "tally.status.tie": "并列（待决选）",
    "tally.status.not-selected": "未入选",
    "tally.deadline.checked": "已按 git 历史核对",
    "tally.deadline.unavailable": "未能核对（没有 git 历史）",
    "tally.deadline.skipped-sample": "示例轮次，不核对",
    "tally.vote.repeated": "同一项目重复填写，只计一票",
    "tally.vote.type-not-in-round": "本轮没有设置项目类别{type_name}，该票无效",
    "tally.vote.no-runoff": "本轮决选中{type_name}类没有需要决选的并列项目，该票无效",
    "tally.vote.over-limit": "本类赞成了 {count} 个项目，超过每票上限 {limit} 个，该评委本类的全部赞成票作废",
    "tally.vote.unknown": "没有这个申报书，该票无效",
    "tally.vote.late-application": "该申报书在申报截止之后才进入主分支或被修改，不参加排名，该票无效",
    "application.late-added": "申报书在申报截止之后才进入主分支（{time}，提交 {commit}），不参加排名",
    "application.late-changed": (
        "申报书在申报截止之后在主分支上被修改（{time}，提交 {commit}），不参加排名；"
        "如需延长申报期，请由秘书处修改 round.yaml 的 applications_close"
    ),
    "tally.vote.wrong-type": "该申报书属于{actual_name}类，不能计入{type_name}类，该票无效",
    "tally.vote.not-in-runoff": "该项目不在本轮决选的并列项目中，该票无效",
    "tally.vote.recused": "申报单位或合作单位（{units}）是该评委的回避单位，该票无效（回避）",
    "tally.note.sample": (
        "本轮是示例数据（sample: true），文件在多年之后才提交，因此不按 git 历史核对选票的提交时间"
    ),
    "tally.note.no-history": (
        "没有可以读取的 git 历史（不是 git 仓库，或本机没有 git），未能核对选票是否在投票截止前提交"
    ),
    "tally.note.no-quorum": (
        "有效选票 {valid} 张，少于要求的 {required} 张，未达到有效票数要求：本次计票不产生入选项目"
    ),
    "tally.note.zero-votes": "没有获得任何有效赞成票的项目不入选",
    "tally.runoff.not-called": (
        "秘书处没有召集第 {number} 轮决选（缺少 runoffs/{number}/call.yaml 或其格式有误），这些决选票不计"
    ),
    "tally.note.runoff-call-mismatch": (
        "第 {number} 轮决选通知中 {type} 类的申报书或名额与计票结果的并列组不一致"
        "（并列：{tied}，剩余名额 {places}），该类不按这轮决选排序"
    ),
    "tally.ballot.runoff-early": "决选票在第 {number} 轮决选开始（{time}）之前就已进入主分支，整张无效",
    "runoff.not-called": "秘书处没有召集第 {number} 轮决选（runoffs/{number}/call.yaml），不能提交决选票",
    "runoff.not-open": "第 {number} 轮决选 {time} 才开始，之前不能提交决选票",
    "runoff.closed": "第 {number} 轮决选已于 {time} 截止，不能再新增、修改或删除决选票",
    "runoff.unknown-application": "申报书“{application}”不存在",
    "runoff.wrong-type": "申报书“{application}”不是 {type} 类的项目",
    "runoff.places": "剩余名额 {places} 个，不少于参加决选的 {count} 个申报书：没有需要决选的并列",
    "runoff.window-order": "决选截止时间必须晚于开始时间",
    "runoff.before-voting-closes": "决选只能在投票截止（{time}）之后开始",
    "tally.note.runoff-no-quorum": (
        "第 {number} 轮决选有效选票 {valid} 张，少于要求的 {required} 张，决选不改变排名"
    ),
    "approval.tally-format-unknown": (
        "审议记录写明计票记录的格式是 {format}（tally_format），本版本 kczy 只会计算格式 {known} 的计票记录，"
        "无法按审议时的格式核对（这不表示计票结果被改动）：请用认识格式 {format} 的 kczy 版本运行 kczy verify"
    ),
    "approval.hash-mismatch": (
        "计票结果的哈希值不一致：审议记录锁定的是 {pinned}，现在 kczy tally --format json 的结果是 {actual}。"
        "审议之后计票所依据的文件被改动过，请核查（kczy verify 会逐项列出）"
    ),
    # check-pr: who may change what, and when (rules read from the base revision)
    "cross.identity-shared": (
        "{what}“{value}”已登记给{other}，这里又登记给{owner}：一个账号或提交邮箱在一轮评审中只能属于"
        "秘书处、一个单位或一位评委中的一个（不区分大小写）"
    ),
    "checkpr.symlink": "不允许提交符号链接，请提交普通文件",
    "checkpr.merge-conflict": (
        "合并请求与目标分支有冲突，不能直接合并：请先把目标分支的最新内容合并进来（或变基），解决冲突后再提交"
    ),
    "checkpr.unrelated-histories": "合并请求与目标分支没有共同的历史，不能合并：请从目标分支新建分支后再提交",
    "checkpr.submodule": "不允许提交子模块（submodule）",
    "checkpr.outside-layout": "此处不允许放文件：申报书、选票等只能放在 README 说明的目录中{suggestion}",
    "checkpr.round-unreadable": (
        "主分支上的 {round} 无法读取（运行 kczy validate 查看），本轮暂不能受理申报书、合作确认和选票的修改："
        "请秘书处先改正 round.yaml"
    ),
    "checkpr.secretariat-only": (
        "只有秘书处的账号可以修改这个文件（轮次配置、单位和评委名单、各类记录；schemas/、.github/ 等"
        "仓库程序只能由当前轮次——最新的非示例年度——的秘书处修改）"
    ),
    "checkpr.retired-rounds": (
        "撤下示例年度（submissions/retired.yaml）只能由当前轮次的秘书处提交（kczy retire 年度）"
    ),
    "checkpr.sample-round": (
        "{year} 年度是示例数据（sample: true），示例中的账号没有任何权限：只有当前轮次的秘书处可以修改，"
        "仓库中只有示例年度时由维护者审核"
    ),
    "checkpr.login-ambiguous": (
        "提交者的账号在本轮登记给了不止一方（{entries}），不能确定以谁的身份提交：请秘书处先更正登记"
    ),
    "checkpr.new-round": "只有秘书处可以新建 {year} 年度的评审轮次",
    "checkpr.locked-after-approval": "本轮已经党组审议（approval.yaml），计票所依据的文件不能再修改",
    "checkpr.unknown-unit": "申报单位“{unit}”未在目标分支的 units.yaml 中登记",
    "checkpr.other-unit": "这是单位“{name}”（{unit}）的申报书，提交者不是该单位登记的账号",
    "checkpr.confirmation-unknown-unit": "单位“{unit}”未在目标分支的 units.yaml 中登记，不能确认合作",
    "checkpr.confirmation-other-unit": (
        "这是单位“{name}”（{unit}）的合作确认，只能由该单位登记的账号提交（或由秘书处代为登记书面确认）"
    ),
    "checkpr.no-applicant": "无法确定这份材料属于哪个申报单位（缺少 applicant），不能受理",
    "checkpr.applications-not-open": "申报尚未开始（{time}开始），现在不能提交申报材料",
    "checkpr.applications-closed": "申报已于 {time}截止，不能再新增、修改或删除申报材料",
    "checkpr.not-member": "提交者不是目标分支 committee.yaml 中的评委，不能提交选票",
    "checkpr.other-ballot": "这是评委“{member}”的选票，只能由其本人提交",
    "checkpr.voting-not-open": "投票尚未开始（{time}开始），现在不能提交选票",
    "checkpr.voting-closed": "投票已于 {time}截止，不能再新增、修改或删除选票",
    # approval, notice, objections, announcement
    "notice.beyond-calendar": (
        "公示期从 {first_day} 起算 {days} 天，超出了日历的范围（9999-12-31 之后），请核对公示开始日期"
    ),
    "notice.calendar-unknown": (
        "无法确定 {day} 是否为工作日：内置的国务院节假日安排不含 {year} 年，"
        "请在 round.yaml 的 notice.calendar 中列出该年度（years）及其放假日和调休上班日"
    ),
    "approval.before-voting-closed": (
        "审议通过日期 {approved_on} 早于投票截止（{voting_closes}，北京时间）：投票截止后才能审议"
    ),
    "approval.notice-before-approval": "公示开始日期 {notice_starts} 早于党组审议通过日期 {approved_on}",
    "objection.no-notice": "尚无党组审议记录（approval.yaml），还没有公示，不能登记异议",
    "objection.before-notice": (
        "收到日期 {received_on} 早于公示开始（{first_day}）：公示开始后才能对公示名单提出异议，请核对收到日期"
    ),
    "objection.late": (
        "收到日期 {received_on} 在公示期（{first_day} 至 {last_day}）之后，"
        "应写 admissible: 逾期（公示期结束后才收到，不予受理）"
    ),
    "objection.not-late": (
        "收到日期 {received_on} 在公示期结束（{last_day}）之前，不能以“逾期”（late）为由不予受理"
    ),
    "objection.not-on-notice": (
        "项目“{application}”不在公示名单中，对它的异议不属于本次公示的受理范围："
        "是否受理应写 不属于受理范围（out-of-scope）"
    ),
    "objection.undecided": "处理状态为“{status}”时必须填写“{field}”（{key}）",
    "objection.decided-while-pending": (
        "处理状态是“{status}”，却已写了决定日期（decided_on）："
        "处理完毕请把处理状态改为 成立、不成立 或 撤回；还在处理中请删去决定日期"
    ),
    "objection.decided-before-received": "决定日期 {decided_on} 早于收到日期 {received_on}",
    "objection.phone-admitted": (
        "提出方式是“{form}”，不是书面形式：电话等非书面方式提出的异议不予受理，"
        "是否受理应写 非书面（并告知提出人以书面形式提出）"
    ),
    "objection.upheld-not-admitted": (
        "是否受理写的是“{admissible}”（不予受理），处理状态却是“{status}”：不予受理的异议不作调查，"
        "不能成立，也不能把项目从公布名单中去掉；经调查属实的，是否受理应写 受理"
    ),
    "announcement.no-approval": "尚无党组审议记录（approval.yaml），不能公布结果",
    "announcement.notice-not-over": (
        "公布日期 {published_on} 不在公示期结束（{last_day}）之后，公示期满后才能公布"
    ),
    "announcement.objection-pending": "异议 {objection} 仍在处理中（待处理），处理完毕前不能公布结果",
    "announcement.decided-after": (
        "异议 {objection} 的决定日期 {decided_on} 晚于公布日期 {published_on}，异议处理完毕后才能公布"
    ),
    # the secretariat's records written by commands (kczy approve, kczy new objection/announcement)
    "option.not-a-day": "用法错误：{option} 的值“{text}”不是日期 YYYY-MM-DD（例如 2022-09-24）",
    "approve.header": (
        "党组审议记录，由 kczy approve 写出。tally_sha256 锁定被批准的计票结果"
        "（kczy tally --format json 的 SHA-256，其格式编号为 tally_format）；\n"
        "此后计票所依据的文件若有改动，kczy validate 和 kczy verify 都会报告。"
    ),
    "approve.voting-open": "投票尚未截止：{time}截止，截止后才能记录审议",
    "approve.tally-blocked": "以上文件有错误，无法计票，因此不能记录审议；请先修正。",
    "approve.written": (
        "  计票结果 SHA-256：{digest}\n  公示期：{first_day} 至 {last_day}（含首日）\n"
        "请以 pull request 提交此文件；合并后网站从公示开始日期起显示公示。"
    ),
    "new.unwritable": "无法写入 {path}：{reason}",
    "new.unknown-unit": "单位“{unit}”未在 {path} 中登记",
    "new.unknown-member": "委员“{member}”不在 {path} 中",
    "option.not-an-id": (
        "用法错误：{option} {value}：编号只能用小写字母、数字和连字符，以字母或数字开头，2～64 个字符"
    ),
    "new.options-needed": "用法错误：new {what} 需要 {options}",
    "new.refused": "不能新建 {path}：{message}（{code}）",
    "newround.bad-year": "用法错误：年度“{year}”应是四位数字的年份，例如 2022",
    "newround.extra-year": "用法错误：多余的参数 {year}（只有 new round 需要年度）",
    "newround.not-later": "用法错误：新一轮的年度 {year} 应晚于它所依据的 {source} 年度",
    "newround.exists": "这一年度已经开启（目录已存在），不会覆盖",
    "newround.no-source": "用法错误：--from {year}：没有这一年度（submissions/{year}/ 不存在）",
    "newround.source-unreadable": "{path} 不存在或无法读取，不能从这一年度开启新一轮",
    "newround.from-round": "{year} 年度",
    "newround.written": (
        "已开启 {year} 年度：写出 submissions/{year}/（{count} 个文件），评审规则复制自 {origin}"
    ),
    "newround.register": "，登记 units.yaml 和 committee.yaml",
    "newround.next": (
        "下一步：填写 submissions/{year}/round.yaml 中标有“待填写”的项{registries}，"
        "运行 kczy validate --round {year} 直到没有错误，再运行 kczy codeowners，一并以 pull request 提交"
    ),
    "new.exists": "文件已经存在，不会覆盖",
    "new.after-today": "{name} {day} 晚于今天（{today}）",
    "new.written": "已写出 {path}",
    "new.objection-late": "收到日期在公示期结束之后，已写上 是否受理：逾期（不予受理）",
    "new.objection-not-on-notice": (
        "项目“{application}”不在公示名单中，已写上 是否受理：不属于受理范围（不予受理）"
    ),
    "new.objection-next": (
        "请填写“异议概述”“提出人”和“是否受理”，运行 kczy validate {path} 检查后以 pull request 提交；"
        "处理完毕时把“处理状态”改为 成立、不成立 或 撤回，并填写“处理决定”和“决定日期”"
    ),
    "new.objection-header": (
        "异议 {id}，由 kczy new objection 写出。每个字段上方的注释说明要填写什么。\n"
        "“提出人”不公开；“异议概述”可能公开，不要写提出人的身份。\n"
        "处理完毕时：把“处理状态”改为 成立、不成立 或 撤回，删去“处理决定”“决定日期”两行开头的“# ”再填写。"
    ),
    "new.announcement-header": (
        "结果公布的记录，由 kczy new announcement 写出。请核对发文字号和文件标题，与印发的正式文件一致。\n"
        "公布名单不在这里填写：它是公示名单减去异议成立的项目，由 kczy 算出（kczy verify 可以核对）。"
    ),
    "new.announcement-next": (
        "请核对发文字号和文件标题，运行 kczy validate 和 kczy verify 检查后以 pull request 提交；"
        "合并后网站按公布日期显示结果公布"
    ),
    # attachments (附件): names, presence, content and size
    "attachment.unknown-criterion": "附件对应的评审标准“{criterion}”不是{type_name}的标准，可选：{allowed}",
    "attachment.required": (
        "{type_name}须附上支撑标准 {criterion}（{title}）的附件，"
        "请在 attachments 中列出并写明 criterion: {criterion}"
    ),
    "attachment.listed-twice": "附件“{name}”在清单中重复列出",
    "attachment.name-collision": (
        "文件名“{name}”与“{other}”只差大小写或全角半角（Unicode 规范化），"
        "在 Windows 或 macOS 上会变成同一个文件，请改名"
    ),
    "attachment.name-folder": (
        "附件文件名“{name}”中不能带目录（斜杠“/”），只写文件名，文件放在本申报书的附件目录中"
    ),
    "attachment.name-control": "文件名中有不可见的控制字符（{char}），请重新命名",
    "attachment.name-dash": "文件名不能以“-”开头（在命令行中会被当作参数），请改名",
    "attachment.name-dots": "文件名不能以“.”开头，也不能含“..”（会被当作隐藏文件或上级目录），请改名",
    "attachment.name-char": (
        "文件名中不能有这些符号：{chars}（Windows 不允许，或会被命令行、网址当作特殊符号），请改名"
    ),
    "attachment.name-space": "文件名不能以空格开头或结尾，也不能以“.”结尾，请改名",
    "attachment.name-too-long": "文件名太长（超过 {limit} 字节，约 80 个汉字），请缩短",
    "attachment.name-extension": "附件的扩展名“{extension}”不允许，只能是 .pdf、.png、.jpg 或 .jpeg",
    "attachment.missing": "附件“{name}”不存在：请把文件放到 {folder} 中（须是普通文件，不能是符号链接）",
    "attachment.name-differs": (
        "附件“{name}”不存在，附件目录中有“{actual}”，两者只差大小写或全角半角，请让清单与文件名完全一致"
    ),
    "attachment.unlisted": (
        "附件“{name}”没有列在申报书 {application} 的附件清单（attachments）中：请列出，或删除该文件"
    ),
    "attachment.no-application": "没有编号为“{application}”的申报书，这个附件目录不属于任何申报书",
    "attachment.too-large": (
        "附件太大：{size}，每个附件至多 {limit}。请压缩或拆分（扫描件可用 150 dpi 灰度），或联系秘书处"
    ),
    "attachment.application-too-large": "本申报书的附件合计 {size}，超过每份申报书的上限 {limit}",
    "attachment.empty": "附件是空文件（0 字节）",
    "attachment.not-pdf-or-image": (
        "附件不是 PDF 或 PNG、JPEG 图片（按文件内容判断，实际是：{found}），请另存为 PDF 后提交"
    ),
    "attachment.extension-mismatch": (
        "附件的扩展名是“{extension}”，但文件内容实际是{actual}，请把扩展名改成与内容一致"
    ),
    "attachment.pdf-encrypted": "PDF 已加密或设置了密码，评委无法打开：请去掉密码和权限限制后重新导出",
    "attachment.pdf-truncated": "PDF 不完整（缺少文件结尾标记 %EOF），可能上传或复制时被截断，请重新导出",
    "attachment.pdf-unreadable": "PDF 已损坏，无法读取（{reason}），请重新导出",
    "attachment.pdf-no-pages": "PDF 没有任何页面",
    "attachment.image-truncated": "{kind}不完整（缺少文件结尾），可能上传或复制时被截断，请重新导出",
    # sealed ballots (密封选票): checked without the key by validate and check-pr, opened only by the tally
    "sealed.plain-refused": (
        "本轮要求密封选票（round.yaml 中 voting.sealed: true），明文选票不予受理："
        "请用 kczy seal 或 age 加密后再提交，整张无效"
    ),
    "sealed.round-needs-recipient": (
        "本轮要求密封选票（sealed: true），但没有填写计票公钥（tally_recipient）：请先运行 kczy keys new"
    ),
    "sealed.no-round-recipient": (
        "本轮没有设置计票公钥（round.yaml 的 voting.tally_recipient），"
        "不能使用密封选票"
    ),
    "sealed.not-age": (
        "“密封选票内容”（sealed）不是 age 加密文件：应以 -----BEGIN AGE ENCRYPTED FILE----- 开头，"
        "请用 kczy seal 或 age -a 生成，整张无效"
    ),
    "sealed.armour-truncated": (
        "age 密文不完整：缺少结尾行 -----END AGE ENCRYPTED FILE-----，可能复制时被截断，整张无效"
    ),
    "sealed.armour-corrupted": (
        "age 密文的第 {line} 行已损坏（只能是每行 64 个字符的 Base64 文字，最后一行可以更短），"
        "可能复制时被改动，请重新生成，整张无效"
    ),
    "sealed.header-corrupted": "age 密文的文件头已损坏，无法读取，整张无效",
    "sealed.passphrase": (
        "选票是用口令（passphrase）加密的，"
        "必须用本轮的计票公钥加密（age -r 公钥），整张无效"
    ),
    "sealed.other-recipient": (
        "选票是加密给 {types} 类型的密钥的，"
        "必须用本轮的计票公钥（age1…）加密，整张无效"
    ),
    "sealed.recipient-count": (
        "选票加密给了 {count} 个公钥；只能加密给本轮的计票公钥一个"
        "（多一个公钥，就多一个人能看到投票内容），整张无效"
    ),
    "sealed.reused": (
        "密文与 {other} 完全相同：每位评委必须自己加密自己的选票；无法判断哪一张是原件，两张都无效"
    ),
    "sealed.copied": "密文与 {original} 完全相同，是复制的他人选票，整张无效（原选票照常计票）",
    "sealed.no-identity": (
        "没有提供计票私钥（--identity 或环境变量 KCZY_TALLY_IDENTITY），"
        "无法打开密封选票，整张未计"
    ),
    "sealed.wrong-recipient": "计票私钥打不开这张选票：它不是加密给本轮计票公钥的，整张无效",
    "sealed.corrupted": "密文已损坏（完整性校验失败），无法解密，整张无效",
    "sealed.inner-not-plain": "解密后的内容不是明文选票（应有 member 和 votes），整张无效",
    "sealed.member-mismatch": "解密后选票中的评委标识符“{inner}”与选票外写明的“{member}”不一致，整张无效",
    "tally.note.sealed-no-identity": (
        "本轮有 {count} 张密封选票，但没有提供计票私钥，这些选票未能打开、未计入：本结果不能作为正式计票结果"
    ),
    # signed ballots (voting.signed: true)
    "signed.member-needs-key": (
        "本轮要求签名选票（round.yaml 中 voting.signed: true），"
        "评委“{member}”还没有登记签名公钥（signing_key）"
    ),
    "signed.key-shared": "评委“{member}”的签名公钥与评委“{other}”相同：每位评委必须使用自己的密钥",
    "signed.no-key": (
        "本轮要求签名选票，但评委“{member}”没有登记可用的签名公钥（signing_key），选票无法核验，整张无效"
    ),
    "signed.no-signed-commit": "找不到写入这张选票的提交，无法核对签名，整张无效",
    "signed.unsigned": (
        "提交 {commit} 新增或修改了这张选票，但没有签名（应使用 git commit -S 签名），整张无效"
    ),
    "signed.bad": (
        "提交 {commit} 的签名未通过核验（git 签名状态 {status}；E 表示无法核验，例如本机缺少 ssh-keygen），"
        "整张无效"
    ),
    "signed.other-member": (
        "提交 {commit} 是用评委“{other}”的签名密钥签名的，不是选票所属评委本人的签名，整张无效"
    ),
    "signed.unknown-key": (
        "提交 {commit} 的签名密钥（指纹 {fingerprint}）不是选票所属评委"
        "在 committee.yaml 中登记的签名公钥，整张无效"
    ),
    "signed.content-not-signed": (
        "选票现在的内容不是评委本人签名的任何提交写入的（可能在合并时被改动），整张无效"
    ),
    "tally.note.signatures-no-history": (
        "本轮要求签名选票，但无法读取 git 历史，未能核对选票的签名：本结果不能作为正式计票结果"
    ),
    "tally.note.signatures-unread": (
        "本轮要求签名选票，但没有读取选票提交的签名，未能核对：本结果不能作为正式计票结果"
    ),
    # several rounds, and retiring the sample (submissions/retired.yaml, kczy retire)
    "retired.shape": (
        "submissions/retired.yaml 只能写一项 retired:，其下列出已撤下的示例年度，例如 retired: [\"2021\"]"
        "（请用 kczy retire 年度 写出）"
    ),
    "retired.not-a-year": "“{value}”不是年度：请写四位数字的年度，如 \"2021\"",
    "retired.unknown-round": "没有 {year} 年度（submissions/{year}/ 不存在），无从撤下：请删去这一项",
    "retired.not-sample": (
        "{year} 年度是正式轮次（sample: false），不能撤下：正式轮次的评审结果永久公布。请删去这一项，"
        "{year} 年度照常发布"
    ),
    "retired.file-comment": (
        "已撤下的示例年度（由 kczy retire 写出）：不再发布在网站上、不再列出，也不再是各命令的默认年度；"
        "文件仍在仓库中，kczy verify --round 年度 照常核对。删去一项即恢复发布。"
    ),
    "rounds.mark-sample": "示例",
    "rounds.mark-retired": "已撤下",
    "rounds.mark-none": "（没有）",
    "rounds.option-help": "年度（默认：最新的、未撤下的年度）",
    "rounds.none": "submissions/ 下没有任何年度：请先用 kczy new round 开启一轮评审",
    "rounds.unknown": "没有 {year} 年度（submissions/{year}/ 不存在）。仓库中的年度：{rounds}",
    "rounds.all-retired": (
        "没有未撤下的年度（仓库中的年度：{rounds}）：请用 --round 年度 指定，或用 kczy new round 开启新一轮"
    ),
    "rounds.retired-not-published": (
        "{year} 年度是已撤下的示例年度，网站不发布它（仓库中的年度：{rounds}）；"
        "恢复发布请从 submissions/retired.yaml 中删去 {year}"
    ),
    "retire.not-sample": (
        "{year} 年度是正式轮次（sample: false），不能撤下：正式轮次的评审结果永久公布在网站上。"
        "只有示例年度（sample: true）可以撤下"
    ),
    "retire.already": "{year} 年度已经撤下，submissions/retired.yaml 未改动",
    "retire.broken-file": "submissions/retired.yaml 有错误，请先改正（或删去该文件后重新运行 kczy retire）：",
    "retire.done": (
        "已撤下示例年度 {year}：写入 submissions/retired.yaml。以 pull request 提交、合并后，"
        "网站不再发布 {year} 年度（页面、RSS 订阅、站点地图、站内搜索中都没有它）。"
        "{year} 年度的文件仍在仓库中，kczy verify --round {year} 照常核对。恢复：从该文件中删去 {year}。"
    ),
    "retire.done-default": "各命令不带 --round 时使用 {default} 年度。",
    "retire.done-no-default": "现在没有未撤下的年度：请用 kczy new round 年度 开启新一轮",
    # each round's own rules (submissions/<year>/schemas/) and kczy new round
    "rules.no-own-copy": (
        "{year} 年度没有自己的评审规则副本（{folder}/），现在按仓库顶层的默认规则 schemas/ 校验："
        "默认规则一改，本年度的评审标准和结果就跟着变。请由秘书处把开启本轮时的规则复制到 {folder}/"
        "（kczy new round 开启的年度自带这份副本）"
    ),
    "checkpr.rules-secretariat-only": (
        "{year} 年度的评审规则（submissions/{year}/schemas/）属于轮次配置，"
        "只有本年度的秘书处可以新增、修改或删除"
    ),
}

# Each part of the catalog by the file that holds it; a code is defined in exactly one part.
PARTS: dict[str, dict[str, str]] = {
    "__init__.py": GENERAL,
    "common.py": common.MESSAGES,
    "commands.py": commands.MESSAGES,
    "site.py": site.MESSAGES,
    "documents.py": documents.MESSAGES,
    "reports.py": reports.MESSAGES,
}
CATALOG: dict[str, str] = {code: text for part in PARTS.values() for code, text in part.items()}

# libyaml's problems, as `yaml.syntax` shows them: the Chinese words for what a person most often did.
_EXTRA_COLON = "这一行多了一个“: ”，或者上一行的键缺少冒号；含冒号的文字请加引号"
_TAB = "缩进中有制表符（Tab），YAML 只允许用空格缩进"
YAML_PROBLEMS = {
    "mapping values are not allowed in this context": _EXTRA_COLON,
    "mapping values are not allowed here": _EXTRA_COLON,
    "could not find expected ':'": "找不到键后面的冒号“:”",
    "found unexpected end of stream": "文件意外结束，可能有引号或括号没有闭合",
    "did not find expected '-' indicator": "缩进不一致：同一列表的各项应对齐，以“- ”开头",
    "did not find expected key": "缩进不一致：同一层的键应左对齐",
    "did not find expected <document start>": "缩进不一致：顶层的键应从第一列开始",
    "found character that cannot start any token": "这个字符不能出现在开头（如 @ 或 `），请给这段文字加引号",
    "found unknown escape character": "双引号中的反斜杠“\\”后跟了无效的字符，请改用单引号或写成“\\\\”",
    "did not find expected ',' or ']'": "方括号列表没有闭合，缺少“]”或项之间的逗号",
    "did not find expected ',' or '}'": "花括号映射没有闭合，缺少“}”或项之间的逗号",
    "did not find expected alphabetic or numeric character": "“*”或“&”后缺少名称；如果是文字，请加引号",
    "did not find expected node content": "此处缺少内容",
    "found a tab character that violates indentation": _TAB,
    "found a tab character where an indentation space is expected": _TAB,
}

# The five project types of the source document, as people call them (the folder names are ids).
TYPE_LABELS = {
    "yishi-yipin": "一市一品",
    "yiye-yibao": "一业一研报",
    "yiqi-yiduijie": "一企一对接",
    "yiye-yihui": "一业一会",
    "yiye-yituan": "一业一科技服务团",
}

KIND_NAMES = {
    "city-association": "省辖市科协",
    "provincial-society": "全省学会",
    "enterprise": "企业",
    "university-association": "高校科协",
}

TYPE_NAMES_JSON = {
    "object": "映射（键: 值）",
    "array": "列表",
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "是非值（true 或 false）",
    "null": "空值",
}

# The endings of schema messages (their {hint} and {suggestion}): what the person most likely meant.
# Filled with str.format; the web form (填报助手) reads them from the same catalog.
HINTS = {
    "quote-number": '。电话号码、邮编、编号等请加引号写成文字，例如 "{typed}"',
    "boolean": "。是非值请写 true 或 false",
    "halfwidth-digits": "。请改用半角数字（0-9）",
    "leading-zero": "。数字不能以 0 开头",
    "digits-only": "。请只写数字，不要带单位或引号",
    "fullwidth-colon": "。是否把半角冒号“:”写成了全角“：”？",
    "list-items": "。列表的每一项请另起一行，以“- ”开头",
    "spaces": "。请删除首尾或中间多余的空格",
    "key-of-title": "。“{title}”对应的键是“{key}”",
    "close-key": "，是否想写“{key}”（{title}）？",
    "allowed-keys": "。允许的键：{keys}",
}


class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def type_label(type_id: Any) -> str:
    """A project type as people call it, in quotation marks: “一业一会”（an unknown id stays as written)."""
    return f"“{TYPE_LABELS.get(str(type_id), str(type_id))}”"


OS_REASONS = {
    "ENOENT": "文件或目录不存在",
    "EACCES": "没有读写权限",
    "EPERM": "操作不被允许",
    "EISDIR": "这是一个目录，不是文件",
    "ENOTDIR": "路径中有一段不是目录",
    "ENOSPC": "磁盘空间已满",
    "EROFS": "只读的文件系统",
    "EEXIST": "已经存在",
    "ENAMETOOLONG": "文件名太长",
}


def os_reason(error: OSError) -> str:
    """Why the operating system refused, in Chinese (its own `strerror` is English)."""
    name = errno.errorcode.get(error.errno or 0, "")
    return OS_REASONS.get(name, f"操作系统拒绝了这一操作（{name or error.errno}）")


def render_message(code: str, params: Mapping[str, Any]) -> str:
    template = CATALOG.get(code)
    if template is None:
        raise KeyError(f"message code without a catalog entry: {code}")
    named = {f"{key}_name": type_label(params[key]) for key in ("type", "actual") if key in params}
    shown = {key: render_param(key, value) for key, value in params.items()}
    return template.format_map(_Missing({**named, **shown}))


class CatalogNames(Mapping[K, str]):
    """Names kept in the catalog under `prefix` + key, looked up when asked (a reworded catalog rewords
    them): a fixed set of keys, read like a dict (`STAGE_NAMES["voting"]`)."""

    def __init__(self, prefix: str, keys: Iterable[K]) -> None:
        self._prefix = prefix
        self._keys = tuple(keys)

    def __getitem__(self, key: K) -> str:
        if key not in self._keys:
            raise KeyError(key)
        return render_message(self._prefix + key, {})

    def __iter__(self) -> Iterator[K]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def joined(items: Iterable[Any], separator: str = "common.separator") -> str:
    """Items in a sentence, separated as the catalog separates them (、 unless `separator` names another)."""
    return render_message(separator, {}).join(map(str, items))


def show_beijing(value: datetime.datetime) -> str:
    """A moment as people write it: `2021-08-31 17:30（北京时间）` (kczy.beijing reads times)."""
    moment = value.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    return render_message("common.beijing-time", {"moment": moment})


def words(code: str, /, **params: Any) -> str:
    """`render_message` with its parameters as keywords: the wording of a page, a document or a report."""
    return render_message(code, params)


def render_param(name: str, value: Any) -> Any:
    """A parameter as a sentence shows it. Records keep plain values (the tally's are wording-free): a
    list of ids is joined with 、 (无 when empty), an ISO time (`time`) is shown in Beijing time, a full
    commit id (`commit`) by its first 12 characters. Anything else is shown as it is."""
    if isinstance(value, list | tuple):
        return "、".join(map(str, value)) or "无"
    if name == "time" and isinstance(value, str) and _ISO_TIME.fullmatch(value):
        moment = datetime.datetime.fromisoformat(value).astimezone(BEIJING)
        return render_message("common.beijing-time", {"moment": moment.strftime("%Y-%m-%d %H:%M:%S")})
    if name == "commit" and isinstance(value, str) and len(value) == 40:
        return value[:12]
    return value


_ISO_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?[+-][0-9]{2}:[0-9]{2}")


SAMPLE_VOTE_NOTE = (
    "。示例轮次故意保留的错票，用来演示计票如何处理；正式轮次中这是错误，validate 和 check-pr 都会拒绝"
)


def render_finding_message(code: str, params: Mapping[str, Any]) -> str:
    """The message of a finding at a place in a file: the catalog's text, and for a vote the application
    it names first and the closest id after, as a person mending the ballot needs them."""
    text = render_message(code, params)
    if code.startswith("tally.vote.") and "application" in params:
        text = f"投给“{params['application']}”的一票：{text}{params.get('suggestion', '')}"
        if params.get("sample"):
            text += SAMPLE_VOTE_NOTE
    return text
