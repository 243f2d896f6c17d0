"""The catalog's part for the sites: the wording of the public pages, the reading room and the web form.

A plain dict merged into `kczy.messages.CATALOG`; codes are dotted and stable (`area.what`). Markup that a
sentence needs (a link, emphasis) is written in it; page structure (headings, tables, blocks) stays in code.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # a sample round, wherever it shows
    "site.sample-mark": "（示例）",
    "site.sample-feed-mark": "【示例】",
    "site.sample-banner-title": "示例数据",
    "site.sample-banner": (
        "本轮是随软件发布的演示数据，单位、项目、人员和联系方式均为虚构，不是真实的申报或评审结果。"
    ),
    "site.sample-footer": "以上为示例数据中的虚构单位和联系方式。",
    # navigation and page titles (fixed text and years only: they reach <title> unescaped)
    "site.nav.home": "首页",
    "site.nav.year": "{year} 年度{mark}",
    "site.nav.overview": "概况",
    "site.nav.rules": "评审标准",
    "site.nav.apply": "如何申报",
    "site.nav.apply-notes": "申报须知",
    "site.nav.notice": "公示",
    "site.nav.announcement": "结果公布",
    "site.title.round": "{year} 年度评审",
    "site.title.rules": "{year} 年度评审标准",
    "site.title.apply": "{year} 年度如何申报",
    "site.title.notice": "{year} 年度拟入选项目公示",
    "site.title.announcement": "{year} 年度入选项目公布",
    # every page's footer
    "site.footer.organisers": "组织单位：{names}",
    "site.footer.secretariat": "秘书处：{name}",
    "site.footer.phone": "联系电话",
    "site.footer.email": "电子邮箱",
    "site.footer.address": "通信地址",
    "site.field": "{label}：{value}",
    # the home page
    "site.home.no-rounds-title": "“科创中原”项目评审",
    "site.home.no-rounds": "目前还没有评审轮次。",
    "site.home.title": "“科创中原”科技经济融合行动项目评审",
    "site.home.feed": "公示和公布信息可以通过 [RSS 订阅]({feed})。",
    "site.past-rounds": "往年评审",
    "site.other-rounds": "其他年度评审",
    "site.round-entry": "[{year} 年度：{title}]({link}){mark}：{stage}",
    "site.round-results": "入选 {count} 项",
    "site.notice-lead.period": "正在公示：{first} 至 {last}",
    "site.notice-lead.objections": (
        "对公示项目有异议的，请在 {last} 24:00 前以书面形式实名提出，受理方式见[公示页面]({link})。"
    ),
    "site.stage": "当前阶段：**{stage}**{detail}。（本页按 {today} 的情况生成）",
    "site.organisers": "组织单位：{names}",
    "site.link.rules": "评审标准",
    "site.link.apply": "如何申报",
    "site.link.notice": "拟入选项目公示",
    "site.link.announcement": "入选项目公布",
    # the timeline table
    "site.timeline.heading": "时间安排",
    "site.timeline.step": "环节",
    "site.timeline.when": "时间",
    "site.timeline.state": "状态",
    "site.timeline.span": "{start} 至 {end}",
    "site.timeline.approved": "党组审议通过 {day}",
    "site.timeline.objections": "公示期满后处理异议",
    "site.timeline.pending": "待定",
    "site.timeline.done": "已结束",
    "site.timeline.now": "**进行中**",
    "site.timeline.later": "未开始",
    "site.timeline.published": "已公布",
    "site.period": "{first} 至 {last}（共 {days} {unit}，含首日）",
    "site.period.workdays": "个工作日",
    "site.period.days": "天",
    # the rules page
    "site.rules.lead": "以下是各类项目的评审标准；申报书模板的每一部分都注明了它对应的标准编号。",
    "site.rules.quota": "本年度入选名额：{quota} 项。",
    "site.rules.criterion": "{lead}：{text}",
    # the how-to-apply page
    "site.apply.template-unit": "你的单位编号",
    "site.apply.template-file": "申报编号",
    "site.apply.type-folder": "类别编号",
    "site.apply.open-repository": "打开[评审仓库]({url})，进入 `{folder}`",
    "site.apply.open-repository-unknown": "打开评审仓库（网址请向秘书处索取），进入 `{folder}`",
    "site.apply.see-rules": "每类项目可申报的单位和评审标准见[评审标准]({link})。",
    "site.apply.steps": "步骤",
    "site.apply.step-registered": "确认本单位已由秘书处登记（单位编号和允许提交的账号）。",
    "site.apply.step-create": (
        "{where}（类别编号见下面各类模板的标题，如一业一会是 `yiye-yihui`），"
        "点“Add file”（添加文件）→“Create new file”（新建文件），"
        "文件名写“申报编号.yaml”（小写字母、数字和连字符，如 `yyyh-luoyang.yaml`）；"
        "把下面对应类别的模板复制进去。"
    ),
    "site.apply.step-fill": (
        "按模板中的中文注释逐项填写：冒号用半角并后跟空格，缩进用两个空格，电话号码和邮编加引号；"
        "“选填”的字段已用 # 注释掉，需要时删去行首的“# ”。"
    ),
    "site.apply.step-submit": (
        "点“Commit changes…”（提交更改），选择“Create a new branch … and start a pull request”"
        "（新建分支并发起拉取请求），再点“Propose changes”（提出更改）"
        "和“Create pull request”（创建拉取请求）。"
        "几分钟后自动检查给出结果：有问题时，出错的行下方有中文说明，修改后再次提交即可；"
        "全部通过后等待秘书处合并。"
    ),
    "site.apply.step-private": "联系人电话、邮箱等标注“不公开”的内容只供秘书处使用，不会出现在本网站上。",
    "site.apply.command-line": (
        "熟悉命令行的，也可以在评审仓库的本机副本中运行 "
        "`kczy new application --type 类别编号 --unit 单位编号 --id 申报编号` 生成同样的模板。"
    ),
    "site.apply.templates": "各类申报书模板",
    "site.apply.type-id": "类别编号：`{type_id}` · [下载申报书模板]({link})",
    "site.apply.show-template": "查看模板：{name}",
    "site.apply.not-yet-title": "申报尚未开始",
    "site.apply.not-yet": "本年度 {opens}开始申报，{closes}截止。",
    "site.apply.closes": "申报截止：{closes}。",
    "site.apply.closed-title": "本年度申报已经截止",
    "site.apply.closed": (
        "{year} 年度的申报已于 {closes}截止，不再受理新的申报或修改。"
        "以下步骤和模板供了解申报方式、准备下一年度申报时参考。"
    ),
    # the notice and announcement pages
    "site.notice.period": "公示期：{period}",
    "site.notice.days": "公示第一天：{first}　公示最后一天：{last}",
    "site.notice.over": "公示期已结束。",
    "site.removed-mark": "（异议成立，未列入公布名单）",
    "site.notice.list": "拟入选项目名单",
    "site.announcement.list": "入选项目名单",
    "site.document.field": "事项",
    "site.document.content": "内容",
    "site.downloads": "下载",
    "site.downloads.official": ("[正式文件（Word）]({stem}.docx) · [正式文件（PDF）]({stem}.pdf)"),
    "site.downloads.notice-csv": "[公示名单（CSV，Excel 可直接打开）]({link})",
    "site.downloads.notice-json": "[公示名单（JSON）]({link})",
    "site.downloads.announcement-csv": "[入选名单（CSV，Excel 可直接打开）]({link})",
    "site.downloads.announcement-json": "[入选名单（JSON）]({link})",
    # a project's page
    "site.project.title": "项目名称",
    "site.project.type": "项目类别",
    "site.project.applicant": "申报单位",
    "site.project.partners": "合作单位",
    "site.project.votes": "得票",
    "site.project.removed": "未列入公布名单",
    "site.project.proposed": "本项目为拟入选项目（公示项目）。",
    "site.project.back-to-notice": "[返回公示]({link})",
    "site.project.announcement": "[结果公布]({link})",
    "site.project.summary": "项目简介",
    "site.none": "无",
    "site.none-paragraph": "（无）",
    # the lists as CSV (the columns) and the feed
    "site.list.type": "类别",
    "site.list.number": "序号",
    "site.list.title": "项目名称",
    "site.list.applicant": "申报单位",
    "site.list.partners": "合作单位",
    "site.list.votes": "得票",
    "site.list.sample": "{title}：{text}",
    "site.feed.title": "“科创中原”项目评审：公示与公布",
    "site.feed.description": "“科创中原”科技经济融合行动项目评审的公示和结果公布",
    "site.feed.notice": "{mark}{title}拟入选项目公示",
    "site.feed.notice-period": "{mark}公示期：{period}",
    "site.feed.document-number": "{mark}发文字号：{number}",
    # the web form (填报助手): its pages and the how-to-apply page's links to them
    "form.title": "{year} 年度在线填报：{name}",
    "form.heading": "在线填报：{name}",
    "form.loading": "正在载入填报助手……",
    "form.no-script": "填报助手需要启用浏览器的 JavaScript；也可以使用“如何申报”页面上的申报书模板。",
    "form.links-heading": "在线填报（填报助手）",
    "form.links-lead": (
        "不熟悉 YAML 和 git 的单位可以在网页上逐项填写，由填报助手生成申报书文件，"
        "再按页面上的步骤提交。填写时即时给出与自动检查相同的中文提示；内容只保存在本机浏览器中。"
    ),
    # what kczy site writes beside the pages
    "site.folder-marker": "由 kczy site 写出，可整个删除后重新生成。",
    "site.config-header": "由 kczy site 根据项目的 mkdocs.yml 和 submissions/ 生成，请勿手工修改。",
    # the committee's reading room (internal edition)
    "reading.banner-title": "内部资料",
    "reading.banner": "本站仅供评审委员会阅读，不得公开部署或转发。",
    "reading.met": "√ 满足",
    "reading.not-met": "× 未满足",
    "reading.home": "阅览室首页",
    "reading.title": "评审阅览室",
    "reading.year": "{year} 年度",
    "reading.type-lead": "入选名额 {quota} 项，共 {count} 份申报书。",
    "reading.column.id": "编号",
    "reading.column.title": "项目名称",
    "reading.column.applicant": "申报单位",
    "reading.column.met": "满足标准",
    "reading.type-empty": "本类暂无申报书。",
    "reading.type-entry": "[{name}]({link})：{count} 份",
    "reading.ballot-template": "评审票模板",
    "reading.application": "申报书 {id}",
    "reading.application-type": "类别：{type}　申报单位：{applicant}",
    "reading.not-admitted-title": "未通过形式审查",
    "reading.not-admitted": "本申报书有校验错误，请以秘书处的形式审查结论为准。",
    "reading.criteria": "评审标准核对",
    "reading.column.criterion": "标准",
    "reading.column.text": "内容",
    "reading.column.verdict": "结论",
    "reading.column.fields": "依据字段",
    "reading.contents": "申报内容",
    "reading.field": "{label}：{value}",
    "reading.member-id": "你的委员编号",
    "reading.member-name": "委员姓名",
    "reading.ballot-how": (
        "用 `kczy new ballot --member {member}` 生成本人的评审票，或参照下面的模板填写，"
        "保存为 `submissions/{year}/ballots/{member}.yaml` 后提交拉取请求。"
    ),
    "reading.evidence": "佐证材料",
    "reading.evidence-lead": "附件仅供评审委员会查阅，请勿转发；SHA-256 可用于核对文件未被改动。",
    "reading.evidence-other-criterion": "（不是本类项目的标准）",
    "reading.evidence-missing": "{title}（{file}）：文件缺失或未通过校验，未收录",
    "reading.evidence.file": "文件",
    "reading.evidence.kind": "类型",
    "reading.evidence.size": "大小",
    "reading.evidence.pages": "页数",
    "reading.evidence.png": "PNG 图片",
    "reading.evidence.jpeg": "JPEG 图片",
    "reading.dossier": "评审材料汇编（PDF）",
    "reading.dossier-lead": (
        "与本阅览室内容相同的 PDF 汇编，可在电脑、平板上离线阅读或打印：封面列出评审标准和名额，"
        "目录和书签可跳到每份申报书及其附件。内部资料，请勿转发。"
    ),
    "reading.dossier-member": (
        "为某位评委标出回避项目的专用册由秘书处生成：`kczy dossier --round {year} --member 委员编号`。"
    ),
    "reading.column.book": "汇编",
    "reading.column.applications": "申报书（份）",
    "reading.column.pages": "页数",
    "reading.column.size": "大小",
    "reading.dossier-entry": "[{year} 年度评审材料汇编（PDF）]({link})",
    # separators: between names in a sentence, between the parts of a footer line; around the links
    "site.names-separator": "、",
    "site.round-entry.results": "，{results}",
    "site.round-entry.links": "（{links}）",
    "site.stage-detail": "，{detail}",
}
