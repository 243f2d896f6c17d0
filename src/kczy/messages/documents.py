"""The catalog's part for documents: the official documents of a round and the dossier.

A plain dict merged into `kczy.messages.CATALOG`; codes are dotted and stable (`area.what`).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # the official documents (公示, 通知): kczy.documents.content is the one source of their sentences
    "document.numerals": "一二三四五六七八九十",
    "document.ten": "十",
    "document.addressee.city-association": "各省辖市科协（含济源示范区科协）",
    "document.addressee.provincial-society": "各全省学会",
    "document.addressee.university-association": "各高校科协",
    "document.addressee.enterprise": "各有关企业",
    "document.addressees": "{names}：",
    "document.addressees-separator": "，",
    "document.date": "{year}年{month}月{day}日",
    "document.title-suffixes": "评审、项目",
    "document.title-suffixes-separator": "、",
    "document.announcement-title": "关于公布{subject}项目名单的通知",
    "document.rules-name": "《{subject}项目评审细则》",
    "document.notice-title": "关于{subject}拟入选项目名单的公示",
    "document.period": "{first}至{last}（共{days}{unit}，含首日）",
    "document.period.workdays": "个工作日",
    "document.period.days": "天",
    "document.secretariat": "秘书处",
    "document.notice.opening": (
        "根据{rules}，经申报单位申报、专家评审委员会评审投票，{approved}{meeting}研究，"
        "确定{total}个项目为{subject}拟入选项目。"
        "为体现公开、公平、公正，现将拟入选项目名单予以公示（见附件）。"
    ),
    "document.notice.period-heading": "一、公示时间",
    "document.notice.period": "{period}。",
    "document.notice.objections-heading": "二、异议受理",
    "document.notice.objections": "对公示项目有异议的，请在公示期内以书面形式提出，以{last}24时前收到为准。",
    "document.notice.requirements-heading": "（一）受理要求",
    "document.notice.named-lead": "1.须实名。",
    "document.notice.named": (
        "个人应写明真实姓名、工作单位和联系电话，单位应加盖公章并注明联系人；匿名异议不予受理。"
    ),
    "document.notice.written-lead": "2.须书面。",
    "document.notice.written": "通过信函、电子邮件或当面递交书面材料，电话口头反映的请随后补交书面材料。",
    "document.notice.specific-lead": "3.须具体。",
    "document.notice.specific": "写明针对的项目名称，并提供具体事实和必要的证明材料。",
    "document.notice.refused-lead": "4.不予受理的情形。",
    "document.notice.refused": (
        "逾期提出的、没有具体事实和证据的、仅因对本单位评审结果有不同意见提出的，不予受理。"
    ),
    "document.notice.confidential-lead": "5.保密。",
    "document.notice.confidential": "秘书处对异议人的身份和联系方式严格保密。",
    "document.notice.how-heading": "（二）受理方式",
    "document.notice.office": "受理部门",
    # “电话”, not “联系电话”: the site's search cuts words with jieba, to which 联系电话 is one word, so a
    # reader searching 电话 for the objection contact found nothing.
    "document.notice.phone": "电话",
    "document.notice.email": "电子邮箱",
    "document.notice.address": "通信地址",
    "document.notice.postcode": "邮政编码",
    "document.notice.deadline": "截止时间",
    "document.notice.deadline-value": "{last}24时（以收到时间为准）",
    "document.notice.annex": "{subject}拟入选项目名单",
    "document.announcement.opening": (
        "根据{rules}，经申报单位申报、专家评审委员会评审、{meeting}研究、"
        "公示等程序，现将{subject}项目名单予以公布（见附件）。"
    ),
    "document.announcement.vacancies": "其中，{vacancies}。",
    "document.announcement.vacancies-separator": "；",
    "document.announcement.vacancy": "{type}名额{quota}项，入选{count}项，空缺{vacant}项",
    "document.announcement.charge": (
        "请各入选项目单位按照申报书的内容和进度认真组织实施，加强经费管理，确保项目取得实效；"
        "各省辖市科协和有关学会要做好指导和服务保障工作。"
    ),
    "document.announcement.annex": "{subject}项目名单",
    "document.announcement.mark": "文件",
    "document.objections.none": "公示期间未收到异议。",
    "document.objections.received": "公示期间共收到异议 {count} 件",
    "document.objections.admitted": "受理 {count} 件，经调查核实，异议成立 {upheld} 件、不成立 {rejected} 件",
    "document.objections.withdrawn": "撤回 {count} 件",
    "document.objections.refused": "不予受理 {count} 件",
    "document.objections.separator": "，",
    "document.objections.end": "{text}。",
    "document.objections.removed": "异议成立涉及的 {count} 个项目不列入本次公布名单。",
    "document.removed": "公示期间，对本项目的异议经调查核实成立，本项目不列入{subject}项目名单。",
    "document.list.number": "序号",
    "document.list.title": "项目名称",
    "document.list.applicant": "申报单位",
    "document.list.votes": "得票",
    "document.list.empty": "本类无入选项目。",
    "document.list.vacancy": "本类名额{quota}项，入选{count}项，空缺{vacant}项。",
    "document.list.heading": "{number}、{type}",
    "document.votes-note": "注：得票为同意票数；有效评审票{valid}张，评审委员会共{members}人。",
    "document.sample-mark": "示例数据　非真实文件",
    "document.field": "{label}：{text}",
    "document.attachments": "附件：",
    "document.annex": "附件",
    "document.annex-numbered": "附件{number}",
    "document.issuers-separator": "、",
    # the committee's dossier (评审材料汇编, kczy dossier)
    # the dossier stops here, not in the general part: that part is the public web form's messages.json,
    # which must not name the dossier (test_dossier_reading_room)
    "stop.dossier-typeset-failed": "评审材料汇编排版失败：{reason}",
    "stop.dossier-fonts-missing": (
        "评审材料汇编需要 Noto CJK 中文字体（Debian 软件包 fonts-noto-cjk）：{fonts}"
    ),
    "dossier.mark": "内部资料 注意保密",
    "dossier.order": "各类型按评审细则的顺序排列，同一类型内按申报编号（文件名）的字母顺序排列。",
    "dossier.all-types": "全部类型",
    "dossier.name": "{title} 评审材料汇编（{scope}）",
    "dossier.running": "{year} 年度评审材料汇编 · {scope}",
    "dossier.running-member": " · {name} 委员用",
    "dossier.attachment-prefix": "附件：",
    "dossier.attachment-missing": "未收录（文件缺失或未通过校验）",
    # the book's own wording (dossier.typ fills the {parameters})
    "dossier.book.page": "第 {page} 页 / 共 {pages} 页",
    "dossier.book.quota-line": (
        "入选名额：{quota} 项（本类至多入选 {quota} 项）　"
        "每位评委至多赞成：{max_votes} 项　本类申报书：{count} 份"
    ),
    "dossier.book.member-use": "本册供 {name}（{id}）委员使用。",
    "dossier.book.no-recusal": "本册中没有您须回避的项目。",
    "dossier.book.recusals": "您须回避（不能投赞成票）的项目共 {count} 项，页眉和项目首页均有标注：",
    "dossier.book.recusal-item": "{id}　{title}（{units}）",
    "dossier.book.id-title": "{id}　{title}",
    "dossier.book.field-label": "{label}：",
    "dossier.book.cover-title": "评审材料汇编",
    "dossier.book.sample": "（示例数据：本轮为演示轮次，单位、项目、人员均为虚构）",
    "dossier.book.contents": "本册收录",
    "dossier.book.contents-item": (
        "{name}：申报书 {count} 份，入选名额 {quota} 项，每位评委至多赞成 {max_votes} 项"
    ),
    "dossier.book.criteria": "评审标准（按评审细则的编号）",
    "dossier.book.order": "编排：{order}",
    "dossier.book.organisers": "组织单位：{organisers}",
    "dossier.book.totals": (
        "本册共 {applications} 份申报书、{attachments} 个附件。附件按原样附在所属申报书之后。"
    ),
    "dossier.book.outline": "目　录",
    "dossier.book.head.criterion": "标准",
    "dossier.book.head.content": "内容",
    "dossier.book.head.verdict": "结论",
    "dossier.book.head.basis": "依据",
    "dossier.book.head.attachment": "附件",
    "dossier.book.head.kind": "类型",
    "dossier.book.head.pages": "页数",
    "dossier.book.head.place": "位置",
    "dossier.book.met": "✓ 具备",
    "dossier.book.not-met": "✗ 不具备",
    "dossier.book.fields": "字段：{fields}",
    "dossier.book.attachments": "附件：{attachments}",
    "dossier.book.not-included": "未收录",
    "dossier.book.on-page": "第 {page} 页",
    "dossier.book.attachment-of": "{id} 的附件：{title}",
    "dossier.book.attachment-file": "{id}　{title}　附件文件：{file}",
    "dossier.book.recused-mark": "（须回避）",
    "dossier.book.recused": "回避",
    "dossier.book.recused-note": (
        "{name} 委员须回避本项目（{units}是本项目的申报单位或合作单位），不能投赞成票。"
    ),
    "dossier.book.not-recused": "{name} 委员：本项目无需回避。",
    "dossier.book.row.title": "项目名称",
    "dossier.book.row.applicant": "申报单位",
    "dossier.book.row.partners": "合作单位",
    "dossier.book.row.type": "项目类型",
    "dossier.book.row.id": "申报编号",
    "dossier.book.no-partners": "无",
    "dossier.book.invalid": "本申报书有校验错误，请以秘书处的形式审查结论为准。",
    "dossier.book.checklist": "评审标准核对",
    "dossier.book.evidence": "佐证材料",
    "dossier.book.content": "申报内容",
    # CODEOWNERS as kczy codeowners writes it: its comment lines
    "codeowners.generated": (
        "由 kczy codeowners 根据 round.yaml、units.yaml、committee.yaml 生成，请勿手工修改。"
    ),
    "codeowners.rule": (
        "规则与 kczy check-pr 一致：当前轮次（最新的非示例年度）的秘书处负责全部文件；每份申报书由申报单位、"
    ),
    "codeowners.rule-sample": "每张选票由评委本人负责；示例年度（sample: true）中的账号没有任何权限。",
    "codeowners.nobody": (
        "仓库中只有示例年度，没有秘书处：程序、数据格式、工作流和示例数据的改动由维护者审核。"
    ),
    "codeowners.github": "后面的规则优先于前面的规则。",
    "codeowners.gitea": (
        "Gitea 与 Forgejo 的写法：每行是一个正则表达式；与文件匹配的每一行的负责人都会被请求审核。"
    ),
    "codeowners.gitlab": (
        "GitLab 的写法：每个 [小节] 内后面的规则优先；文件所在的每个小节都要有一位负责人批准，"
    ),
    "codeowners.gitlab-secretariat": "秘书处在每条规则中，秘书处一人批准即满足全部小节。",
    "codeowners.year": "{year} 年度",
    # the files kczy new round writes (kczy.newround): round.yaml's comments and blanks, empty registries
    "newround.blank": "待填写",
    "newround.blank-line": "{blank}：{what}",
    "newround.title": "{year} 年度评审轮次，由 kczy new round {origin}。",
    "newround.from": "从 {year} 年度开启",
    "newround.from-defaults": "按默认规则开启",
    "newround.blanks": (
        "标有“{blank}”的项必须填写：kczy validate 逐项报告尚未填写的项，全部填好后才能开始申报。"
    ),
    "newround.default-title": "{year}年度“科创中原”科技经济融合行动项目评审",
    "newround.organisers": "组织评审的单位，按发文顺序每行一个“  - 单位全称”",
    "newround.quota": "本类项目的入选名额",
    "newround.schedule.applications_open": (
        '开始申报的时间（北京时间，带 +08:00，请加引号），如 "{year}-07-15T09:00+08:00"；'
        "不设开始时间可删去这一行"
    ),
    "newround.schedule.applications_close": (
        '申报截止时间（北京时间，带 +08:00，请加引号），如 "{year}-08-31T17:30+08:00"'
    ),
    "newround.schedule.voting_opens": (
        '投票开始时间（北京时间，带 +08:00，请加引号），如 "{year}-09-10T09:00+08:00"'
    ),
    "newround.schedule.voting_closes": (
        '投票截止时间（北京时间，带 +08:00，请加引号），如 "{year}-09-17T17:00+08:00"'
    ),
    "newround.contact": "{what}（公示页面公开显示）",
    "newround.contact.office": "受理异议的部门（监督单位）全称",
    "newround.contact.phone": '受理电话，请加引号，如 "区号-号码"',
    "newround.contact.email": "接收书面异议的电子邮箱",
    "newround.contact.address": "邮寄书面异议的通信地址",
    "newround.contact.postcode": "通信地址的邮政编码，请加引号",
    "newround.secretariat.name": "秘书处所在部门的全称",
    "newround.secretariat.logins": (
        "秘书处工作人员在代码托管平台的账号：删去冒号后的空白，在下面每行写一个“  - 账号”"
    ),
    "newround.tally-recipient": (
        "本轮的计票公钥（age1 开头）：用 kczy keys new 生成新的密钥对，不要沿用往年的"
    ),
    "newround.units": (
        "本轮登记的申报单位。请在 units: 下逐个登记（删去“[]”），每个单位写：\n"
        "  id（单位标识符，小写字母、数字和连字符）、name（单位全称）、\n"
        "  kind（city-association 省辖市科协、provincial-society 全省学会、enterprise 企业、\n"
        "  university-association 高校科协）、logins（代码托管平台的账号）、emails（提交邮箱）。\n"
        "只有登记的单位可以申报；kczy validate 会报告尚未登记任何单位。"
    ),
    "newround.committee": (
        "本轮评审委员会。请在 members: 下逐位登记（删去“[]”），每位评委写：\n"
        "  id（评委标识符，也是其选票文件名）、name（姓名）、role（身份，见 Schema 的说明）、\n"
        "  logins（代码托管平台的账号）、emails（提交邮箱）、\n"
        "  affiliations（须回避的单位标识符，可为空列表）。\n"
        "kczy validate 会报告尚未登记任何评委。"
    ),
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
