"""The catalog's part for commands: what a command prints as its result, and its `--help` texts.

A plain dict merged into `kczy.messages.CATALOG`; codes are dotted and stable (`area.what`). A command's
`--help` texts are `help.<command>.summary` (its line in `kczy --help`), `help.<command>.description`
and `help.<command>.option.<dest>`; what it prints is `<command>.<what>`. Templates are filled with
`str.format_map`: a literal brace is written twice.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # kczy --help, argparse's own words, diagnostics (kczy.cli, kczy.console)
    "help.kczy.description": (
        "“科创中原”科技经济融合行动项目评审仓库的命令行工具。\n"
        "\n"
        "在评审仓库内任意目录运行（或用 --repo 指定仓库）。退出状态：0 成功或校验通过；\n"
        "1 输入有问题（错误已逐条列出）；2 用法或环境错误，或程序内部出错（详细信息写入日志文件）。"
    ),
    "help.kczy.commands": "运行 kczy COMMAND --help 查看用法",
    "help.heading.usage": "用法：",
    "help.heading.positionals": "位置参数",
    "help.heading.options": "选项",
    "help.heading.common": "通用选项",
    "help.heading.commands": "命令",
    "help.option.help": "显示本帮助并退出",
    "help.option.version": "显示版本号并退出",
    "help.option.repo": "评审仓库的目录（默认：包含当前目录的仓库）",
    "usage.error": "用法错误：{message}",
    "usage.required": "缺少必需的参数：{arguments}",
    "usage.invalid-choice": "参数 {argument} 的值 {value} 无效，可选：{choices}",
    "usage.invalid-choice-positional": "值 {value} 无效，可选：{choices}",
    "usage.unrecognized": "无法识别的参数：{arguments}",
    "usage.expected-one": "参数 {argument} 后面需要写一个值",
    "usage.expected-some": "参数 {argument} 后面至少需要写一个值",
    "usage.not-allowed-with": "参数 {argument} 不能与 {other} 同时使用",
    "usage.ignored-value": "参数 {argument} 不接受值 {value}",
    "usage.invalid-value": "参数 {argument} 的值 {value} 无效",
    "usage.ambiguous": "选项 {option} 有歧义，可能是：{matches}",
    "usage.one-required": "须给出以下参数之一：{arguments}",
    "console.diagnostic": "kczy：{message}",
    # options shared by several commands
    "help.option.identity": "计票私钥文件（打开密封选票；须在仓库之外）；不给时读环境变量 {variable}",
    # kczy validate
    "help.validate.summary": "校验申报材料、评审票与各类记录",
    "help.validate.description": (
        "按 JSON Schema 和跨文件规则校验 submissions/ 下的文件。不给路径时校验所有年度的全部文件；\n"
        "给出文件或目录时只报告这些文件的问题（仍会核对与之相关的其他文件）。\n"
        "\n"
        "输出格式：\n"
        "  text    每个问题一行：路径:行:列: 说明（代码），最后一行为汇总\n"
        "  github  GitHub Actions 注解（并在设置了 GITHUB_STEP_SUMMARY 时写出完整列表）\n"
        "  json    JSON 数组，每项含 file、line、column、code、message、severity\n"
        "  gitlab  GitLab 代码质量报告（Code Quality，JSON 数组），供合并请求页面显示每个问题"
    ),
    "help.validate.option.paths": "要校验的文件或目录",
    "help.validate.option.round": "只校验这一年度",
    "help.validate.option.format": "输出格式（默认 text）",
    "validate.summary-title": "申报材料校验结果",
    # kczy new
    "help.new.summary": (
        "按模板新建申报书、评审票、异议记录、结果公布记录，或开启新一轮评审（不会覆盖已有文件）"
    ),
    "help.new.description": (
        "kczy new application --type TYPE --unit UNIT --id ID\n"
        "    在 submissions/<年度>/applications/<TYPE>/<ID>.yaml 写出申报书模板\n"
        "kczy new ballot --member ID\n"
        "    在 submissions/<年度>/ballots/<ID>.yaml 写出评审票模板（列出各类型的可选项目）\n"
        "kczy new objection --application ID --received-on YYYY-MM-DD [--form 信函] [--id ID]\n"
        "    在 submissions/<年度>/objections/<ID>.yaml 写出异议记录（秘书处）：收到日期、涉及的申报书、\n"
        "    提出方式已填好，处理状态为 待处理；编号默认按顺序取 o<年度>-01、o<年度>-02……\n"
        "    收到日期在公示期之后的写上 是否受理：逾期；项目不在公示名单中的写上 不属于受理范围\n"
        "kczy new announcement --date YYYY-MM-DD [--number 发文字号] [--title 标题]\n"
        "    在 submissions/<年度>/announcement.yaml 写出结果公布记录（秘书处）；"
        "标题默认按主办单位和本轮名称写出\n"
        "kczy new round YEAR [--from 年度]\n"
        "    （秘书处）开启 YEAR 年度：写出 submissions/YEAR/，其中有来源年度（默认最新的、未撤下的年度）"
        "评审规则的完整副本\n"
        "    schemas/（此后只有本年度的秘书处能改，改动不影响其他年度）、沿用来源年度名称、组织单位、名额、"
        "公示天数和\n"
        "    投票规则的 round.yaml（sample: false；日程和异议受理联系方式留作“待填写”，kczy validate "
        "逐项报告，\n"
        "    填好为止），以及单位和评委名单（来源是正式年度时沿用；来源是示例年度时为空名单，"
        "不带任何示例内容）。\n"
        "    仓库中还没有任何（未撤下的）年度时，规则取自仓库顶层的默认规则 schemas/。\n"
        "    submissions/YEAR/ 已存在时拒绝（退出状态 1）；YEAR 不是四位年份、--from 的年度不存在时\n"
        "    为用法错误（退出状态 2）。\n"
        "\n"
        "模板由本年度的评审规则（submissions/<年度>/schemas/ 中的 JSON Schema）生成：每个字段都有中文说明；\n"
        "kczy validate 会逐项指出还没有填写的字段，填好后即可通过。\n"
        "kczy validate 无论怎样填写都会拒绝的文件不会新建（退出状态 1）：\n"
        "  申报书：该类单位不能申报这一类型、本单位在这一类型中已有申报、编号已被使用；\n"
        "  异议：没有这份申报书、尚无党组审议记录（还没有公示）、收到日期早于公示开始或晚于今天；\n"
        "  结果公布：尚无党组审议记录、公布日期不在公示期结束之后或晚于今天、"
        "还有异议在处理中或处理决定晚于公布日期。\n"
        "评审票模板中，需要回避的项目标为“回避”，不可选。目标文件已存在时拒绝覆盖（退出状态 1）。"
    ),
    "help.new.option.what": "新建什么",
    "help.new.option.year": "新开启的年度（round）",
    "help.new.option.source": "从哪一年度开启（round；默认：最新的、未撤下的年度）",
    "help.new.option.type": "项目类型（application）",
    "help.new.option.unit": "申报单位编号，须已在 units.yaml 登记（application）",
    "help.new.option.id": "编号，即文件名（application：申报编号；objection：异议编号，默认按顺序编号）",
    "help.new.option.member": "委员编号（ballot）",
    "help.new.option.application": "异议涉及的申报书编号（objection）",
    "help.new.option.received_on": "秘书处收到异议的日期（objection）",
    "help.new.option.form": "异议的提出方式：信函、电子邮件、当面递交、电话（objection，可不给）",
    "help.new.option.date": "公布文件印发的日期（announcement）",
    "help.new.option.number": "公布文件的发文字号，例如 豫科协〔2022〕58号（announcement，可以以后再填）",
    "help.new.option.title": "公布文件的标题（announcement，默认按主办单位和本轮名称写出）",
    "help.new.option.now": "按此北京时间判断日期是否晚于今天（objection、announcement；默认：现在）",
    "help.new.metavar.form": "方式",
    "help.new.metavar.number": "文字号",
    "new.needs.application": "--type、--unit 和 --id",
    "new.needs.objection": "--application 和 --received-on",
    "new.needs.round": "年度，例如 2022",
    "new.field.received_on": "收到日期",
    "new.field.published_on": "公布日期",
    # kczy status
    "help.status.summary": "查看本轮所处阶段和各项日期",
    "help.status.description": (
        "根据 round.yaml、approval.yaml、objections/ 和 announcement.yaml 判断本轮所处阶段\n"
        "（括号中是 --format json 的 stage 值）：\n"
        "  upcoming 申报尚未开始 · applications 申报 · review 形式审查与评审阅读 · voting 投票 · tally "
        "计票与党组审议 ·\n"
        "  approved 已审议待公示 · notice 公示 · objections 公示期满待公布 · announced 已公布\n"
        "并给出公示期的第一天和最后一天（含第一天；按工作日计算时依照国务院节假日安排）。\n"
        "\n"
        "用 --now 指定北京时间可以回放任何一天：晚于该时刻的记录视为尚未发生。\n"
        "输入有问题（缺少日期、节假日安排不全）时退出状态为 1。"
    ),
    "help.status.option.now": "按这一北京时间判断（默认：当前时间）",
    "help.status.option.format": "输出格式（默认 text）",
    "status.round": "{year} 年度，{today}",
    "status.stage": "当前阶段：{stage}",
    "status.schedule": "{name}：{when}",
    "status.approved": "党组审议通过：{day}（{meeting}）",
    "status.not-approved": "党组审议：尚未通过",
    "status.notice.workdays": "公示期：{first_day} 至 {last_day}（{days} 个工作日，含首日）",
    "status.notice.calendar": "公示期：{first_day} 至 {last_day}（{days} 天，含首日）",
    "status.objections": "异议：收到 {count} 件，待处理 {pending} 件，成立 {upheld} 件",
    "status.announced": "结果公布：{day}（{number}）",
    # kczy tally
    "help.tally.summary": "计票：按类别排名、确定入选项目，列出无效选票和无效赞成票",
    "help.tally.description": (
        "按计票规则统计有效选票中的赞成票：每类按得票从高到低排名（票数相同名次相同），\n"
        "在名额内的入选，名额线上票数相同的标为并列，由秘书处召集的决选（runoffs/<n>/call.yaml 及决选票）\n"
        "决定先后；没有召集记录的决选不计票。\n"
        "\n"
        "输出格式：\n"
        "  text  中文表格（默认）\n"
        "  json  计票记录（带格式编号 format，只有代码、参数、编号和票数，没有提示语句）；"
        "同样的输入在任何机器上\n"
        "        输出的字节完全相同，党组审议记录中的 tally_sha256 就是这些字节的 SHA-256\n"
        "  csv   各类排名，UTF-8（带 BOM），可直接用 Excel 打开\n"
        "\n"
        "投票截止（round.yaml 的 schedule.voting_closes）之前只显示收到和有效的选票张数；\n"
        "--show-partial 可以在截止前显示得票，此操作会记录在标准错误输出中。\n"
        "\n"
        "选票是否在截止前提交，按主分支的 git 历史核对，需要完整历史（不能是浅克隆）；\n"
        "round.yaml 中 sample: true 的示例轮次不核对。\n"
        "\n"
        "密封选票（sealed）要用计票私钥打开：--identity FILE（文件须在仓库之外），或把私钥文本放在环境变量\n"
        "KCZY_TALLY_IDENTITY 中（CI 的机密变量）。没有私钥时密封选票列为无效并注明原因。\n"
        "有密封选票时，结果中列出每张选票的回执（receipts：密文的 SHA-256），私钥本身从不输出。\n"
        "密封轮次的文字输出（发布工作流日志里的就是它）不列出谁的哪一票无效，只给张数；完整明细\n"
        "用 --detail-to FILE 写到仓库之外的文件，只给秘书处看。json 格式是党组审议锁定的完整记录，\n"
        "其中 invalid_votes 写明评委和项目，只在秘书处自己的电脑上生成，不要在工作流中输出或上传。\n"
        "\n"
        "要求签名选票的轮次（voting.signed: true），新增或修改选票的每个提交都必须带有该评委\n"
        "本人的 SSH 签名（公钥见 committee.yaml 的 signing_key），否则整张无效；核对在本机离线完成，\n"
        "需要 ssh-keygen（OpenSSH）。"
    ),
    "help.tally.option.format": "输出格式",
    "help.tally.option.now": "按此北京时间判断是否截止（默认：现在）",
    "help.tally.option.show_partial": "投票截止前也显示得票（会被记录）",
    "help.tally.option.detail_to": (
        "把无效选票和无效赞成票的完整明细（谁的哪一票）写入此文件（须在仓库之外）；密封轮次只在这里列出"
    ),
    "tally.blocked": "以上文件有错误，无法计票；请先修正（可运行 kczy validate 查看）。",
    "tally.partial-shown": (
        "注意：投票尚未截止（{closes}截止），{user} 于 {now}使用 --show-partial 查看了截止前的得票"
    ),
    "tally.detail-written": "无效选票和无效赞成票的完整明细已写入 {path}",
    # kczy check-pr
    "help.check-pr.summary": "检查一次合并请求：作者是否有权修改这些文件，是否在规定时间内",
    "help.check-pr.description": (
        "在内存中把 --head 合并进 --base（git merge-tree，与 git merge 的结果相同），比较合并结果与 --base\n"
        "（改名视为删除加新增），逐个文件检查合并后的内容；不能无冲突合并的合并请求直接拒绝：\n"
        "  - 申报书只能由申报单位的账号提交，且在申报截止之前；\n"
        "  - 选票只能由评委本人提交，且在投票开始与截止之间；选票中的回避、超票、未知或错类项目也拒绝；\n"
        "  - 轮次配置（含本年度的评审规则 submissions/<年度>/schemas/）、单位和评委名单、审议、异议、"
        "公布记录，\n"
        "    以及 schemas/ 和 .github/ 只能由秘书处修改；\n"
        "  - 不允许符号链接，不允许在规定目录之外放文件；党组审议之后，计票所依据的文件不能再改；\n"
        "  - 要求签名选票的轮次（voting.signed: true），本次新增或修改选票的每个提交都必须有\n"
        "    该评委本人的 SSH 签名（公钥取自 --base 版本的 committee.yaml）。\n"
        "所有规则（账号、名单、时间安排）都从 --base 版本读取，不从本次更改中读取。\n"
        "每条拒绝理由一行；有拒绝时退出状态为 1。输出格式与 kczy validate 相同：\n"
        "  text    每条拒绝理由一行：路径:行:列: 说明（代码），最后一行为汇总\n"
        "  github  GitHub Actions 注解（并在设置了 GITHUB_STEP_SUMMARY 时写出完整列表）\n"
        "  json    JSON 数组，每项含 file、line、column、code、message、severity\n"
        "  gitlab  GitLab 代码质量报告（Code Quality，JSON 数组），供合并请求页面显示每条拒绝理由\n"
        "无法核对时（版本不存在、--now 写错等）退出状态为 2；json 和 gitlab 格式这时仍输出 JSON 数组，\n"
        "其中一项说明原因（代码 check-pr.stopped）。"
    ),
    "help.check-pr.option.base": "目标分支的版本（规则从这里读取）",
    "help.check-pr.option.head": "合并请求的版本",
    "help.check-pr.option.author": "合并请求作者的账号",
    "help.check-pr.option.now": "按此北京时间判断（默认：现在）",
    "help.check-pr.option.format": "输出格式（默认 text）",
    "check-pr.summary-title": "修改权限与截止时间核对结果",
    # a stop (exit 2) under --format json or gitlab: the one entry of the array, so the output stays JSON
    "check-pr.stopped": "未能完成核对：{reason}",
    # kczy verify
    "verify.all-agree": "全部一致。",
    "verify.disagree": "有 {count} 项不一致。",
    "help.verify.summary": "核对已公布的结果：重新计票，与党组审议锁定的哈希值和公示、公布名单比对",
    "help.verify.description": (
        "从仓库中的文件重新计算公布结果所依据的一切，并逐行说明是否一致：\n"
        "  - 重新计票（与 kczy tally --format json 相同），与 approval.yaml 的 tally_sha256 比对；\n"
        "  - 公示名单（计票入选的项目）；\n"
        "  - 公布名单（公示名单减去异议成立的项目）。\n"
        "每行开头：✓ 一致，✗ 不一致，· 还没有可核对的记录（如尚未审议、尚未公布）。\n"
        "有任何不一致时退出状态为 1。需要完整的 git 历史（示例轮次除外）。"
    ),
    # kczy approve
    "approve.field.approved_on": "审议日期",
    "help.approve.summary": "记录党组审议：写出 approval.yaml，并自动填入被批准计票结果的哈希值",
    "help.approve.description": (
        "党组会议审议通过评审结果之后，秘书处运行：\n"
        "\n"
        "  kczy approve --meeting \"省科协党组会议（2022年第16次）\" --date 2022-09-24 --notice-starts "
        "2022-09-26\n"
        "\n"
        "它重新计票，把计票结果（kczy tally --format json 的输出）的 SHA-256 写进\n"
        "submissions/<年度>/approval.yaml，不需要手工复制哈希值。之后计票所依据的任何文件再有改动，\n"
        "kczy validate 和 kczy verify 都会报告。\n"
        "\n"
        "以下情况拒绝写出（退出状态 1），说明与 kczy validate 相同：投票尚未截止；"
        "审议日期早于投票截止日或晚于今天；\n"
        "公示开始日期早于审议日期；公示期无法计算；会议名称太短或太长；计票所依据的文件有错误；\n"
        "approval.yaml 已经存在（如审议记录有误，请先与秘书处负责人核实再手工修改）。"
    ),
    "help.approve.option.meeting": "审议会议的名称及届次，例如 省科协党组会议（2022年第16次）",
    "help.approve.option.date": "审议通过的日期",
    "help.approve.option.notice_starts": "在网站上开始公示的日期（不早于审议日期）",
    "help.approve.option.now": "按此北京时间判断投票是否截止（默认：现在）",
    # kczy retire
    "help.retire.summary": (
        "撤下示例年度：网站不再发布、不再列出它，各命令也不再默认使用它（只能撤下示例年度）"
    ),
    "help.retire.description": (
        "正式的第一轮开始后，秘书处运行一次：\n"
        "\n"
        "  kczy retire 2021\n"
        "\n"
        "它把示例年度写进 {retired_file}（以 pull request 提交）。合并后：\n"
        "  - 公开网站和评委阅览室不再有该年度：没有它的页面，首页不列出它，RSS 订阅、"
        "站点地图和站内搜索中也没有它；\n"
        "  - kczy status、tally、verify、site 等命令不带 --round 时使用最新的、未撤下的年度。\n"
        "该年度的文件原样留在仓库中，计票所依据的文件一个字节也不变，所以\n"
        "kczy verify --round 2021 照常通过；kczy validate 也照常校验它。\n"
        "\n"
        "只有示例年度（round.yaml 中 sample: true）可以撤下：正式轮次的评审结果永久公布，\n"
        "拒绝撤下（退出状态 1）。年度不存在时列出仓库中的年度（退出状态 2）。已经撤下时什么也不改。\n"
        "恢复发布：从 {retired_file} 中删去该年度（或删去整个文件）。"
    ),
    "help.retire.option.year": "要撤下的示例年度，如 2021",
    # kczy dossier
    "help.dossier.summary": "生成评委阅读的评审材料汇编（PDF）：每类项目一册，另有全部类型一册",
    "help.dossier.description": (
        "为评审委员会生成评审材料汇编（内部资料，不得公开）：\n"
        "  - 每册有封面（年度、类型、按评审细则编号的评审标准、入选名额和每位评委至多赞成的项数）、\n"
        "    带页码的目录和 PDF 书签；\n"
        "  - 每份申报书另起一页：项目名称、申报单位、合作单位、类型，评审标准逐条“具备/不具备”及其依据，\n"
        "    全部字段（按 Schema 的中文名称；联系人等不公开信息略去），随后原样附上它的附件（PDF 逐页插入，\n"
        "    图片放在页面上），每个附件都有书签；\n"
        "  - 每页页眉页脚印有“内部资料 注意保密”、年度和“第 x 页 / 共 y 页”（附件页也有）。\n"
        "{order_note}\n"
        "不给 --type 时写出全部类型一册和每类一册：kczy-<年度>-all.pdf、kczy-<年度>-<类型>.pdf。\n"
        "--member 为一位评委生成专用册：封面列出他须回避的项目，须回避的每份申报书首页和目录都有标注\n"
        "（回避：申报单位或合作单位是该评委所在单位），文件名后加“-<委员编号>”。\n"
        "汇编只读申报书和附件，从不读取选票。需要 Debian 的中文字体 fonts-noto-cjk。"
    ),
    "help.dossier.option.type": "只生成这一类项目的一册",
    "help.dossier.option.member": "为这位评委生成专用册（标出须回避的项目）",
    "help.dossier.option.output": "写到哪个目录（默认：当前目录下的 dossier/）",
    "dossier.written": "已写出 {path}（{count} 份申报书，{kilobytes} KB）",
    "dossier.done": "用时 {seconds} 秒。汇编是内部资料，请勿公开或转发。",
    # kczy documents
    "documents.default-output": "公文",
    "documents.no-notice-yet": (
        "{year} 年度还没有开始公示，没有可生成的公文（--now 可指定公示开始以后的日期）"
    ),
    "documents.written": "{path}：{title}",
    "documents.notice-only": "{year} 年度尚未公布，只生成了公示文件。",
    "help.documents.summary": "生成公示和结果公布的正式文件（Word 和 PDF，党政机关公文格式）",
    "help.documents.description": (
        "把本轮的公示（关于……拟入选项目名单的公示）和结果公布（关于公布……名单的通知）生成为\n"
        "Word（.docx）和 PDF 文件，版式依照 GB/T 9704-2012《党政机关公文格式》：A4 纸，版心 156×225 毫米，\n"
        "每页 22 行、每行 28 字，红色发文机关标志和分隔线，发文字号，2 号小标宋标题，3 号仿宋正文，"
        "附件名单，\n"
        "落款和成文日期，页码“— 1 —”。文字与网站上的公示、公布页面出自同一处。\n"
        "\n"
        "Word 文件写明了公文字体（方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312），在装有这些字体的电脑上\n"
        "按公文字体显示，可以修改、盖章、存档；PDF 用本机已安装的中文字体代替。\n"
        "\n"
        "只生成到 --now 这一天已经发布的文件：公示开始后才有公示文件，公布后才有公布文件。\n"
        "网站构建（mkdocs build）也会生成同样的文件，放在公示和公布页面的“下载”处。"
    ),
    "help.documents.option.now": "按这一北京时间判断（默认：当前时间）",
    "help.documents.option.output": "写入的目录（默认：当前目录下的“公文”）",
    # kczy codeowners
    "codeowners.written": "已写出 {path}",
    "codeowners.stale": "{path} 与名单不一致，请运行 kczy codeowners 重新生成。",
    "codeowners.current": "{paths} 都是最新的。",
    "help.codeowners.summary": "根据单位和评委名单生成 GitHub、Gitea/Forgejo、GitLab 的 CODEOWNERS",
    "help.codeowners.description": (
        "写出三个平台各自位置和写法的 CODEOWNERS：.github/CODEOWNERS（GitHub）、.gitea/CODEOWNERS\n"
        "（Gitea 和 Forgejo，正则表达式写法）、.gitlab/CODEOWNERS（GitLab，分小节）。"
        "当前轮次（最新的非示例年度）\n"
        "的秘书处负责全部文件，每份申报书由申报单位的账号负责，每张选票由评委本人负责，使平台的评审规则与\n"
        "kczy check-pr 一致；示例年度（sample: true）中的账号没有任何权限。\n"
        "仓库根目录和 docs/ 中不要再放 CODEOWNERS：Gitea、Forgejo 和 GitLab 会先读那里。\n"
        "--check 只比较，不写文件：任何一个不一致时退出状态为 1。"
    ),
    "help.codeowners.option.check": "只检查现有文件是否最新",
    # kczy keys
    "keys.identity-header": "# kczy {year} 年度计票私钥：秘书处保管，不得提交到仓库",
    "keys.written": (
        "计票私钥已写到 {path}（权限 0600），请妥善保管，不要提交到仓库。\n"
        "计票公钥：{recipient}\n"
        "请在 submissions/{year}/round.yaml 的 voting 下写入这两行：\n"
        "  tally_recipient: {recipient}\n"
        "  sealed: true"
    ),
    "keys.ci-secret": "在 CI 中计票时，把私钥文件的全部内容存为机密变量 {variable}。",
    "help.keys.summary": (
        "生成本轮的计票密钥对（密封选票用）：私钥写到仓库之外，并给出要写进 round.yaml 的公钥"
    ),
    "help.keys.description": (
        "kczy keys new [--round YEAR] [--identity-out FILE]\n"
        "    生成一对 age X25519 密钥：\n"
        "      - 计票私钥（identity）写到 FILE（默认：主目录下的 kczy-<年度>-tally-identity.txt），\n"
        "        权限 0600；FILE 必须在评审仓库之外，已存在时拒绝覆盖（退出状态 1）。私钥由秘书处保管\n"
        "        （例如存为 CI 的机密变量 KCZY_TALLY_IDENTITY），绝不能提交到仓库；\n"
        "      - 计票公钥（recipient，age1 开头）打印出来，请手工写入 round.yaml 的 voting 中：\n"
        "            tally_recipient: age1…\n"
        "            sealed: true\n"
        "    本命令不修改 round.yaml。"
    ),
    "help.keys.option.what": "new：生成新的密钥对",
    "help.keys.option.identity_out": "计票私钥写到哪里（须在仓库之外）",
    # kczy seal
    "help.seal.summary": "把填好的明文选票用本轮计票公钥加密，写成密封选票（不会覆盖已有文件）",
    "help.seal.description": (
        "kczy seal --member ID FILE\n"
        "    FILE 是填好的明文选票（member 与 votes，可先用 kczy new ballot 生成模板，放在仓库之外填写）。\n"
        "    先按选票规则检查 FILE（格式、回避、超票……），有问题时列出并退出（状态 1）；\n"
        "    然后用 round.yaml 中的计票公钥（voting.tally_recipient）以 age 加密，\n"
        "    写出 submissions/<年度>/ballots/<ID>.yaml：其中只有 member 和密文（sealed），\n"
        "    并打印回执（密文的 SHA-256），计票结果中会列出同样的回执。这个文件已存在时拒绝覆盖（退出状态 "
        "1）。\n"
        "\n"
        "也可以用标准的 age 命令行工具完成同样的事（结果与本命令完全兼容）：\n"
        "    {{ echo \"member: ID\"; echo \"sealed: |\"; age -r <计票公钥> -a FILE | sed 's/^/  /'; }} \\\n"
        "        > submissions/<年度>/ballots/ID.yaml"
    ),
    "help.seal.option.file": "填好的明文选票",
    "help.seal.option.member": "委员编号",
    "help.seal.option.runoff": "决选轮次（写到 runoffs/<N>/）",
    # kczy allowed-signers
    "help.allowed-signers.summary": "由 committee.yaml 生成 git 的 allowed-signers 文件（核对签名选票用）",
    "help.allowed-signers.description": (
        "kczy allowed-signers [--round YEAR] [--output FILE]\n"
        "    把 committee.yaml 中每位评委的签名公钥（signing_key）写成 git 的 allowed-signers 格式：\n"
        "        <评委的第一个提交邮箱> namespaces=\"git\" ssh-ed25519 AAAA…\n"
        "    （没有登记邮箱的评委以评委标识符代替邮箱）。不给 --output 时打印到标准输出；\n"
        "    FILE 不能在 submissions/ 之中。没有登记签名公钥的评委列在标准错误输出中。\n"
        "\n"
        "用它在本地核对一张选票的提交：\n"
        "    git -c gpg.ssh.allowedSignersFile=FILE verify-commit <提交>\n"
        "kczy tally 和 kczy check-pr 自己生成同样的内容，不需要事先运行本命令。"
    ),
    "help.allowed-signers.option.output": "写到这个文件（默认：标准输出）",
    # kczy site
    "site.edition.internal": "评委阅览室（内部，切勿公开发布）",
    "site.edition.public": "公开网站",
    "site.written": "已写出{edition}的源文件：{path}（{count} 个文件）；构建：mkdocs build -f {config}",
    "help.site.summary": (
        "写出网站的源文件目录（Markdown 页面、下载文件和配置），供 MkDocs、Zensical 或 ProperDocs 构建"
    ),
    "help.site.description": (
        "把公开网站（或用 -f mkdocs.internal.yml 选评委阅览室）的全部页面和下载文件写进目录 DIR/docs/，\n"
        "并写出 DIR/mkdocs.yml（导航已写好，不用钩子）。然后任选一种工具构建：\n"
        "  mkdocs build --strict -f DIR/mkdocs.yml\n"
        "  zensical build -f DIR/mkdocs.yml\n"
        "  properdocs build --strict -f DIR/mkdocs.yml\n"
        "网站写进 DIR/site/（mkdocs 和 properdocs 可用 -d 另指目录；zensical 只能写在 DIR 之内）。\n"
        "公示、公布按 --now（默认：现在）的日期生成。\n"
        "网站含所有未撤下的年度：首页介绍 --round 指定的年度（默认：最新的、未撤下的年度），"
        "其余年度列在首页的\n"
        "“往年评审”中，附公示、公布页面的链接；每个年度的页面都在以年度开头的固定网址下（如 2022/notice/）"
        "。\n"
        "已撤下的示例年度（kczy retire）不生成任何页面。\n"
        "DIR 须为空目录或以前由本命令写出的目录（会整个替换）。"
    ),
    "help.site.option.out": "写出源文件的目录",
    "help.site.option.config": "网站配置（默认 mkdocs.yml）",
    "help.site.option.now": "按此北京时间生成（默认：现在）",
}
