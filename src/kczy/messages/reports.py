"""The catalog's part for reports on a round: where it stands (its stage, shown by status, the site and
verify), the tally as text and CSV (for the secretariat and the Party group's meeting), and what
`kczy verify` finds.

A plain dict merged into `kczy.messages.CATALOG`; codes are dotted and stable (`area.what`).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # where a round stands (kczy.stages)
    "stage.name.upcoming": "申报尚未开始",
    "stage.name.applications": "申报",
    "stage.name.review": "形式审查与评审阅读",
    "stage.name.voting": "投票",
    "stage.name.tally": "计票与党组审议",
    "stage.name.approved": "党组审议通过，待公示",
    "stage.name.notice": "公示",
    "stage.name.objections": "公示期满，异议处理与公布",
    "stage.name.announced": "结果已公布",
    "stage.line": "{stage}，{detail}",
    "stage.detail.upcoming": "{opens}开始申报",
    "stage.detail.closes": "{closes}截止",
    "stage.detail.review": "申报已于 {closed}截止，{opens}开始投票",
    "stage.detail.tally": "投票已于 {closed}截止",
    "stage.detail.approved": "{approved} 审议通过，{starts} 开始公示",
    "stage.detail.notice": "公示期 {first} 至 {last}",
    "stage.detail.announced": "{day} 公布",
    "stage.error": "{path}：{key}：{message}",
    "stage.notice-unreadable": "公示开始日期或公示规则无法读取",
    "stage.not-a-day": "“{text}”不是日期：请写作 YYYY-MM-DD（例如 2022-09-24）",
    "stage.notice-problem": "{path}：{message}（{code}）",
    # what kczy verify compares (kczy.verify), one line each
    "verify.recounted": "已重新计票：输入文件 SHA-256 {sha256}",
    "verify.no-approval": "尚无党组审议记录（approval.yaml），没有需要核对的哈希值",
    "verify.approval-unreadable": (
        "党组审议记录（approval.yaml）无法读取或缺少 tally_sha256、tally_format，无法核对"
    ),
    "verify.hash-matches": "计票结果与党组审议锁定的哈希值一致：{sha256}",
    "verify.hash-differs": "计票结果与党组审议锁定的哈希值不一致：锁定 {pinned}，重新计票 {actual}",
    "verify.type-ids": "{type}：{ids}",
    "verify.none": "（无）",
    "verify.ids-separator": "、",
    "verify.types-separator": "；",
    "verify.notice-list": "公示名单（计票入选项目）：{lists}",
    "verify.objection-unreadable": "异议 {id} 的记录无法读取，无法核对公布名单",
    "verify.objection-admitted-unlisted": (
        "异议 {id} 针对的项目“{application}”不在公示名单中，却登记为受理；应写 admissible: 不属于受理范围"
    ),
    "verify.objection-upheld-unlisted": "异议 {id} 成立，但其项目“{application}”不在公示名单中",
    "verify.objection-pending-announced": "异议 {id} 仍在处理中，却已有公布记录",
    "verify.removed-ids": "：{ids}",
    "verify.announced-count": "{count} 个项目（公示名单减去异议成立的 {removed} 个{which}）",
    "verify.announced": "公布名单：{listed}",
    "verify.unpublished": "尚未公布（没有 announcement.yaml）；按现有记录，将公布 {listed}",
    "verify.notice-uncomputable": "公示期无法计算：{reason}",
    "verify.notice-unreadable": (
        "公示期无法计算：approval.yaml 的公示开始日期或 round.yaml 的公示规则无法读取"
    ),
    "verify.notice-period": "公示期：{first} 至 {last}（含首日）",
    # the tally as text (kczy tally)
    "report.title": "{title}：计票结果{sample}",
    "report.sample": "（示例数据，非真实评审）",
    "report.ballots": (
        "评委 {members} 人，收到选票 {received} 张，有效 {valid} 张，无效 {invalid} 张；"
        "有效票数要求 {required} 张，{quorum}。"
    ),
    "report.quorum-met": "已达到",
    "report.quorum-not-met": "未达到",
    "report.threshold": "入选门槛：得票须超过有效选票的一半，即至少 {min_votes} 票。",
    "report.deadline": "截止时间核对：{check}。",
    "report.type": "【{type}】名额 {quota} 个，每票至多赞成 {max_votes} 个",
    "report.type-fallback": "{type_name}项目",
    "report.runoff-votes": "第{number}轮 {votes}",
    "report.runoff-votes-separator": "、",
    "report.no-applications": "（本类没有申报）",
    "report.column.rank": "名次",
    "report.column.application": "申报编号",
    "report.column.title": "项目名称",
    "report.column.applicant": "申报单位",
    "report.column.votes": "得票",
    "report.column.runoff-votes": "决选得票",
    "report.column.status": "结果",
    "report.column.type": "项目类别",
    "report.column.applicant-id": "申报单位编号",
    "report.late": "【逾期的申报书】（申报截止后才进入主分支或被修改，不参加排名）",
    "report.invalid-ballots": "【无效选票】",
    "report.invalid-votes": "【无效的赞成票】",
    "report.runoff-ignored": "【第 {number} 轮决选】收到 {received} 张，不计票：{reason}",
    "report.runoff": "【第 {number} 轮决选】（{opens} 至 {closes}）收到 {received} 张，有效 {valid} 张",
    "report.receipts": "【密封选票回执】（密文的 SHA-256，评委可据此核对自己的选票已被计票读取）",
    "report.notes": "【说明】",
    "report.sha256": "计票结果的 SHA-256：{sha256}（计票记录格式 {format}）",
    "report.sha256-approval": (
        "  （党组审议记录 approval.yaml 的 tally_sha256 就是它；用 kczy approve 记录审议时会自动写入）"
    ),
    "report.inputs-sha256": "输入文件的 SHA-256：{sha256}（计票所读文件的指纹，不是审议要填的值）",
    "report.item": "{file}：{said}",
    "report.reason": "{said}（{code}）",
    "report.sealed-votes": (
        "共 {count} 张（密封投票：谁的哪一票无效不在此列出，只写入用 --detail-to 指定的文件）"
    ),
    "report.vote-where": "{member} → {application}（{type_name}类）",
    "report.partial": (
        "投票尚未截止（{closes}截止）：评委 {members} 人，已收到选票 {received} 张，其中有效 {valid} 张。\n"
        "截止前不显示各项目的得票。"
    ),
    "report.not-open": "投票尚未开始（{opens}开始，{closes}截止），现在还没有可以计的选票。",
}
