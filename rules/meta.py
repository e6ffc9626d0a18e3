"""Codes about the linter's own suppression bookkeeping (family L0xx).

They are emitted by `xxgk_lint.suppress` after the rules ran, not by a rule's check, so they
are declared as companions with no producing rule. Like any code they can be selected,
ignored and re-levelled in the configuration.
"""

from __future__ import annotations

from xxgk_lint.rule_api import companion

_BASIS = ("无（xxgk-lint 自身的豁免机制）", "None (xxgk-lint's own suppression mechanism)")

unused_suppression = companion(
    code="L001", name="unused-suppression", category="format", severity="warning", produced_by=None,
    title=("行内豁免注释未豁免任何问题", "Inline suppression silences nothing"),
    checks=("文件中的 “xxgk-lint: disable=代码 理由” 注释所列代码在该文件中没有任何问题可豁免。",
            "An “xxgk-lint: disable=CODE reason” comment names a code that has no finding in the file."),
    rationale=("过时的豁免注释会在问题再次出现时悄悄将其隐藏，应及时删除。",
               "A stale suppression would silently hide the problem if it came back; remove it."),
    legal_basis=_BASIS,
    example_fail="<!-- xxgk-lint: disable=A401 表三已按上级口径填报 -->（但本文件并没有 A401 问题）",
    example_pass="（删除该注释）",
    fix=("删除这条不再需要的豁免注释，或把其中的规则代码改为确实要豁免的代码。",
         "Delete the exemption comment that is no longer needed, or correct the rule code it names."))

unused_override = companion(
    code="L002", name="unused-override", category="format", severity="warning", produced_by=None,
    title=("豁免未匹配任何问题", "Override matches no finding"),
    checks=("豁免文件（--overrides）中的一项适用于本次检查的文件，却没有豁免或调整任何问题。"
            "只有其 files 通配符匹配到本次检查的文件时才作判断，因此只检查部分文件（如 pre-commit）不会误报。",
            "An entry of the overrides file (--overrides) applies to files checked in this run but "
            "silenced or re-levelled nothing. It is judged only when its “files” globs match a file of "
            "the run, so checking a subset of files (e.g. in pre-commit) does not report it."),
    rationale=("未生效的豁免说明其位置或代码写错了，或问题已修复，应修正或删除。",
               "An override that does nothing has a wrong location or code, or the problem was fixed; "
               "fix or remove it."),
    legal_basis=_BASIS,
    example_fail="豁免文件中的一项：files 为 a.yaml，rules 为 A401，location 为 表三/（七）总计（但 a.yaml "
                 "没有该问题）",
    example_pass="（删除该项，或改正 location）",
    fix=("删除豁免文件中这条不再匹配任何问题的豁免，或改正其中的文件、代码或位置。",
         "Delete the exemption that no longer matches anything from the exemption file, or correct its files, code or "
         "location."))

invalid_suppression = companion(
    code="L003", name="invalid-suppression", category="format", severity="error", produced_by=None,
    title=("行内豁免注释无效（缺少理由或无法解析）", "Invalid inline suppression (no reason, or unparsable)"),
    checks=("“xxgk-lint:” 注释没有写明理由，或不符合“xxgk-lint: disable=代码[,代码] 理由”的写法；此类注释不生效。"
            "纯文本（.txt）没有注释，其中的行内豁免一律不生效（会被当作报告正文），也报告本代码。",
            "An “xxgk-lint:” comment gives no reason, or does not read “xxgk-lint: disable=CODE[,CODE] "
            "reason”; such a comment has no effect. Plain text (.txt) has no comments: an inline "
            "suppression there never takes effect (it is read as the report's text) and is reported too."),
    rationale=("年度报告是法定公开文件，任何不予纠正的问题都应留下可审查的理由；写错的注释不应被悄悄忽略。",
               "The annual report is a statutory publication: every problem left uncorrected needs a "
               "reason that can be reviewed, and a mistyped comment must not be ignored silently."),
    legal_basis=_BASIS,
    example_fail="<!-- xxgk-lint: disable=C601 -->",
    example_pass="<!-- xxgk-lint: disable=C601 本机关未设传真，经办公室确认 -->",
    fix=("按“xxgk-lint: disable=代码 理由”的写法改正注释，并写明豁免理由，如“xxgk-lint: disable=N701 本单位不收费，"
         "已在第二部分说明”。",
         "Rewrite the comment as “xxgk-lint: disable=CODE reason” with a reason, e.g. “xxgk-lint: disable=N701 no "
         "fees, stated in section 二”."))
