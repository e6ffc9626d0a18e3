"""Prose against tables, family K8xx.

Each rule's page is generated from its metadata below: `xxgk-lint rules` lists them,
`xxgk-lint explain CODE` shows one.

Precision comes first: a false contradiction costs more trust than a missed one. So a
statement is read only from one clause (text between commas) that names its subject
(申请, 行政复议 …) and gives one plain count; clauses that compare (同比, 较上年, 增加),
approximate (余, 近, 约), cite another year, or mix subjects (行政复议、行政诉讼共3件) are
skipped. "收到/受理…申请N件" is accepted when N equals 本年新收 or 本年新收 + 上年结转 (some
reports count the carried-over applications as received). "上年结转N件" after 办结/答复 in its clause
("办结上年结转申请1件") counts the completed part of the carried-over applications and is not read.

"不予公开N件" is compared with the sum of rows （三）1–8 (无法提供N件 and 不予处理N件 likewise with
（四）1–3 and （五）1–5), and read only where 不予公开 names the
whole category: nothing but 其中, 依法, 决定 … before it in its item ("因属于国家秘密不予公开1件"
is one row), no reason, channel or kind of applicant (涉及, 属于, 第三方, 网上 …) earlier in the
sentence, and no sentence about proactive disclosure (主动公开, 审查, 发布: "经审查不予公开信息2条").
"办结N件" is compared with （七）总计, as real reports use it (溧阳 2025: "办理政府信息公开申请61件，
办结54件，结转下一年办理7件"); its clause must name the applications or follow, in the same
sentence, one that does (section 三 needs neither), with nothing but 全年, 已, 依法, 按时 … before
办结, so 逾期办结, 当场办结, 受理并办结 and 办结政务服务事项 are not read, nor is a sentence that
mentions late handling (按时办结14件 is then a part). "均已按时办结，共N件" may count every
application handled, so N may also be （七）总计 + 四、结转下年度继续办理.

Section 五 (last year's problems) is not read. Table cells that are absent or not integers are
skipped silently: the schema and totals rules report them. Chinese numerals (一件, 两件, 十二件)
are understood. None of these rules has options.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, TypeVar

from xxgk_lint import spec
from xxgk_lint.model import Finding, Message, Report
from xxgk_lint.normalize import CN_COUNT_NUMERALS, CN_NUMBER_CHARS, CN_NUMERALS, number_value
from xxgk_lint.prose import excerpt, prose, report_year, section_label, sentences
from xxgk_lint.prose_counts import NUMBER, Figure, table2_figures, table4_figures
from xxgk_lint.rule_api import RuleContext, rule
from xxgk_lint.table_relations import cell_count

_TABLE3_BASIS = ("国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表三、一（二）依申请公开；"
                 "国办公开办函〔2021〕30号 二、（四）“发布内容不准确”",
                 "Format notice 国办公开办函〔2021〕30号, table 3 and part 1 (2); 2 (4) (inaccurate content)")
_TABLE4_BASIS = ("国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表四；"
                 "国办公开办函〔2021〕30号 二、（四）“发布内容不准确”",
                 "Format notice 国办公开办函〔2021〕30号, table 4; 2 (4) (inaccurate content)")


_Value = TypeVar("_Value", int, float)


def _all_known(values: list[_Value | None]) -> list[_Value] | None:
    """The values when every one is known (a cell present and a number), else None."""
    known = [v for v in values if v is not None]
    return known if len(known) == len(values) else None


# ---------------------------------------------------------------- reading statements

@dataclass(frozen=True)
class Statement:
    # received, carried_over, carried_forward, disclosed, partly_disclosed, disclosed_both,
    # withheld, completed, completed_all, none_received, review, litigation, litigation_direct,
    # litigation_after_review
    kind: str
    value: int
    clause: str
    section: str


_U_APP = r"(?:件|条|份|宗)"
_U_CASE = r"(?:件|起|宗|例)"
# a count: not an ordinal (第一件), not a duration (15个工作日)
_N = rf"(?<![\d.第])(?P<n>{NUMBER})\s*{{U}}(?!工作日|日|天|月|年|小时)"
_GAP = r"[^,，。;；:：\d]{0,8}?"
_SKIP_CLAUSE = re.compile(r"同比|较上年|比上年|较去年|上年同期|增加|减少|增长|下降|上升|持平|分别"
                          rf"|各(?=\d|[{CN_COUNT_NUMERALS}])|以来|历年")
_APPROX_BEFORE = re.compile(r"近|约|超过|不足|不到|逾|大约")
_APPROX_AFTER = re.compile(r"^(?:以上|以下|左右|多|余)")
_OTHER_SUBJECT = re.compile(r"复议|诉讼|投诉|举报|信访|建议|提案|来信|来电|咨询|留言")

_VERB = r"(?:新收|收到|接到|接收|受理)"
# 收到…申请N件 (a short tail after 申请, but not 收到的申请中有2件…) and 收到N件…申请
_RECEIVED = (re.compile(_VERB + r"(?:了)?[^,，。;；\d]{0,12}?申请[^,，。;；\d中有]{0,10}?" + _N.format(U=_U_APP)),
             re.compile(_VERB + r"(?:了)?(?:共|共计)?" + _N.format(U=_U_APP) + r"(?:的)?[^,，。;；\d]{0,10}?申请"))
_APP_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("carried_over", re.compile(r"(?:上一?年度?|去年)(?:结转|遗留|转入)(?:的)?" + _GAP + _N.format(U=_U_APP))),
    ("carried_forward", re.compile(r"结转(?:至|到|入)?(?:下一?年度?|明年|次年)(?:继续)?(?:办理)?" + _GAP
                                   + _N.format(U=_U_APP))),
    ("carried_forward", re.compile(_N.format(U=_U_APP) + r"(?:申请)?(?:需|将|已)?(?:结转|转入)(?:至|到)?"
                                   r"(?:下一?年|明年|次年)")),
    ("disclosed_both", re.compile(r"(?<![不])予以公开(?:及|和|、|与)部分公开(?:的)?(?:共|合计|共计)?"
                                  + _N.format(U=_U_APP))),
    ("disclosed", re.compile(r"(?<![不])予以公开(?!及|和|、|与)(?:的)?" + _N.format(U=_U_APP))),
    ("partly_disclosed", re.compile(r"(?<!公开及)(?<!公开和)(?<!公开、)(?<!公开与)部分公开(?:的)?"
                                    + _N.format(U=_U_APP))),
)
_NONE_RECEIVED = re.compile(
    r"(?:(?:未|没有)(?:收到|接到|受理|接收|发生|产生|有)|无(?!法|正当|须|需)|零)[^,，。;；]{0,10}?"
    r"(?:依申请公开|信息公开申请|公开申请|申请公开|依申请|申请)(?!人|书|表|材料|渠道|方式|途径|流程|程序)")
_NOT_A_ZERO_CLAIM = re.compile(r"复议|诉讼|投诉|举报|不予|予以|逾期|超期|撤回|撤件|补正|费|纠错|差错|负面|舆情"
                               r"|无法|答复")

# Outcome counts (不予公开N件, 办结N件). What stands before the outcome word in its item (the
# clause after the last 、 or the last count; 第十四条 is an article, not a count) must be plain
# words: a reason (因属于国家秘密不予公开1件), a channel or timing (当场办结, 逾期办结) or another verb
# (受理并办结) makes it a part.
_ITEM_BREAK = re.compile(rf"、|(?<![\d.第{CN_NUMBER_CHARS}]){NUMBER}\s*(?:件|条|份|宗)")
_WITHHELD = re.compile(r"不予公开(?:的)?(?:答复|决定)?(?:的)?(?:申请|政府信息)?(?:共|共计|合计)?" + _N.format(U=_U_APP))
# the other whole categories of （三）–（五）, read like 不予公开 (“予以公开及部分公开258件…无法提供265件”)
_CATEGORIES = (("withheld", _WITHHELD),
               ("unable", re.compile(r"无法提供(?:的)?(?:答复)?(?:的)?(?:申请|政府信息)?(?:共|共计|合计)?"
                                     + _N.format(U=_U_APP))),
               ("not_processed", re.compile(r"(?<!不予公开、)不予处理(?:的)?(?:申请)?(?:共|共计|合计)?"
                                            + _N.format(U=_U_APP))))
# a list marker may open the item: （三）不予公开2件 in prose that follows the table's order
_WITHHELD_LEAD = re.compile(rf"(?:\([{CN_NUMERALS}]\)|[{CN_NUMERALS}]、)?"
                            r"(?:其中|另有|另|此外|还有|以及|及|和|与|共|共计|合计|全年|本年度|本年|今年|年内|依法|"
                            r"决定|作出|答复|均|已|并)*")
# 主动公开 … 经审查不予公开信息2条 counts information, not applications
_PROACTIVE_CONTEXT = re.compile(r"主动|审查|审核|拟公开|发布")
_APP_WORDS = r"(?:政府信息公开|信息公开|依申请公开)?(?:申请)?"
_COMPLETED = re.compile(r"办结(?:了|的)?(?:答复)?" + _APP_WORDS + r"(?:共|共计|合计)?" + _N.format(U=_U_APP))
_COMPLETED_LEAD = re.compile(r"(?:全年|本年度|本年|今年|年内|我局|我委|我办|我镇|我乡|我街道|本机关|本单位|共|共计|累计"
                             r"|合计|已经|已|均|全部|依法|按时|按期|如期|及时|并|以及|及|和|其中|"
                             r"政府信息公开申请|信息公开申请|依申请公开申请|依申请公开|申请)*")
# 均已按时办结，共N件: the count is in the next clause
_ALL_COMPLETED = re.compile(r"(?:均|全部|都)(?:已经|已)?(?:依法|按时|按期|如期|及时)?(?:予以)?办结(?:完毕)?$")
_TOTAL_ONLY = re.compile(r"^(?:共|共计|合计|总计)" + _N.format(U=_U_APP) + "$")
# the applications as a whole (not 涉及第三方的申请 …, see _SUBSET)
_NAMES_APPLICATIONS = re.compile(r"(?:新收|收到|接到|接收|受理|办理)[^,，]{0,12}?申请(?!人)|信息公开申请|依申请公开")
# words that make a count a part of the applications: a reason, a channel, a kind of applicant
_SUBSET = re.compile(r"涉及|涉密|属于|因|由于|为由|第三方|秘密|内部事务|过程性|执法案卷|查询|危及|禁止"
                     r"|网上|线上|在线|网络|当面|现场|当场|信函|邮寄|传真|邮件|自然人|法人|企业|组织|个人")
_LATE = re.compile(r"逾期|超期|延期|延长|超时|未按时|未按期")
# a clause about other business (办结政务服务事项12万件, 12345工单) gives its 办结 to that business
_OTHER_BUSINESS = re.compile(r"政务服务|事项|审批|工单|热线|12345|诉求|件次|业务|办件|案件|来访|议案|督办|批示|线索")

# The count must follow the case word directly (行政复议2件, 行政诉讼案件1起): 行政复议培训2次 or
# 行政复议纠错0件 are other counts.
_CASE_TAIL = r"(?:案件|案|申请)?(?:共|共计)?\s*" + _N.format(U=_U_CASE)
_REVIEW = re.compile(r"(?<!复议后)行政复议" + _CASE_TAIL)
_LITIGATION = re.compile(r"(?:行政诉讼|被起诉|提起诉讼)" + _CASE_TAIL)
_AFTER_REVIEW = re.compile(r"复议后(?:提起|向法院)?(?:起诉|诉讼)" + _CASE_TAIL)
_DIRECT = re.compile(r"直接(?:提起|向法院)?(?:起诉|诉讼)" + _CASE_TAIL)
_MIXED = re.compile(r"复议\s*[、和及与或/]\s*(?:被|提起)?(?:行政)?(?:诉讼|起诉)"
                    r"|诉讼\s*[、和及与或/]\s*(?:被申请)?(?:行政)?复议")
_NONE_CASES = re.compile(r"(?:未|没有)(?:发生|收到|接到|出现|产生|涉及|有|被)|无(?!法|正当|须|需)")
_NOT_A_CASE_ZERO = re.compile(r"纠错|纠正|败诉|撤销|被纠|确认违法|负面")


def _has_count(clause: str) -> bool:
    """Whether a clause gives a number other than a year (2021年我镇未接到… gives none)."""
    return bool(re.search(r"\d", re.sub(r"(?:19|20)\d{2}\s*年", "", clause)))


def _clauses(text: str) -> list[str]:
    return [c.strip() for s in sentences(text) for c in re.split(r"[,，]", s) if c.strip()]


def _number(m: re.Match[str]) -> int | None:
    head = m.string[max(0, m.start("n") - 2):m.start("n")]
    if _APPROX_BEFORE.search(head) or _APPROX_AFTER.match(m.string[m.end():]):
        return None
    return number_value(m.group("n"))


def _readable(clause: str, year: int | None) -> bool:
    if "|" in clause or "\t" in clause or _SKIP_CLAUSE.search(clause):
        return False
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", clause)]
    return not any(y != year for y in years)


# Only a clause with a count and its unit, or a negation (未/没有/无/零), can state
# anything; most clauses have neither and skip the dozen patterns below.
_MAY_STATE = re.compile(NUMBER + r"\s*[件条份宗起例]|未|没有|无|零")


def statements(report: Report) -> list[Statement]:
    """Counts stated in the prose (every section but 五), one per clause and kind.
    Read once per report: K801, K802 and K803 each ask (callers only iterate the list)."""
    return report.derived("statements", lambda: _statements(report))


def _statements(report: Report) -> list[Statement]:
    year = report_year(report)
    found: list[Statement] = []
    for sid, text in prose(report, skip=("problems",)):
        for sentence in sentences(text):
            clauses = _clauses(sentence)
            for i, clause in enumerate(clauses):
                if not _MAY_STATE.search(clause) or not _readable(clause, year):
                    continue
                found += _application_statements(clause, sid)
                found += _outcome_statements(clause, clauses[:i], sentence, sid)
                found += _case_statements(clause, sid)
    return found


_HANDLED_BEFORE = re.compile(r"办结|办理完毕|办完|完成|答复")


def _application_statements(clause: str, sid: str) -> list[Statement]:
    out: list[Statement] = []
    if _OTHER_SUBJECT.search(clause):
        return out
    taken: list[tuple[int, int]] = []
    for kind, pattern in _APP_PATTERNS:
        m = pattern.search(clause)
        if m and kind == "carried_over" and _HANDLED_BEFORE.search(clause[:m.start()]):
            continue    # 办结上年结转申请1件 counts the completed ones, which may be fewer
        if m and not any(s.kind == kind for s in out) and (n := _number(m)) is not None:
            out.append(Statement(kind, n, clause, sid))
            taken.append(m.span())
    m = _RECEIVED[0].search(clause) or _RECEIVED[1].search(clause)
    # unless the count is one the patterns above already read (收到申请17件（含上年结转1件）)
    if m and "结转" not in clause[:m.start()] and not any(a <= m.start("n") < b for a, b in taken) \
            and (n := _number(m)) is not None:
        out.append(Statement("received", n, clause, sid))
    if not out and _NONE_RECEIVED.search(clause) and not _NOT_A_ZERO_CLAIM.search(clause) \
            and not _has_count(clause):
        out.append(Statement("none_received", 0, clause, sid))
    return out


def _lead(clause: str, start: int) -> str:
    """The words before `start` within its item: after the last 、 or count of the clause."""
    cut = 0
    for m in _ITEM_BREAK.finditer(clause, 0, start):
        cut = m.end()
    return clause[cut:start]


def _outcome_statements(clause: str, before: list[str], sentence: str, sid: str) -> list[Statement]:
    """不予公开N件 and 办结N件; `before` are the earlier clauses of the sentence."""
    out: list[Statement] = []
    if _OTHER_SUBJECT.search(clause) or any(_OTHER_SUBJECT.search(c) for c in before):
        return out
    for kind, pattern in _CATEGORIES:
        m = pattern.search(clause)
        if m and sid != "proactive" and _WITHHELD_LEAD.fullmatch(_lead(clause, m.start())) \
                and not _PROACTIVE_CONTEXT.search(sentence) and not _SUBSET.search(clause[:m.start()]) \
                and not any(_SUBSET.search(c) for c in before) and (n := _number(m)) is not None:
            out.append(Statement(kind, n, clause, sid))
    # 按时办结14件 is a part when some were late; other business (办结政务服务事项…) is not ours
    if _LATE.search(sentence) or any(_OTHER_BUSINESS.search(c) or _SUBSET.search(c) for c in (*before, clause)):
        return out
    m = _COMPLETED.search(clause)
    if m and _COMPLETED_LEAD.fullmatch(lead := _lead(clause, m.start())) \
            and (sid == "applications" or "申请" in lead or "申请" in m.group(0)
                 or any(_NAMES_APPLICATIONS.search(c) for c in (*before, clause[:m.start()]))) \
            and (n := _number(m)) is not None:
        out.append(Statement("completed", n, clause, sid))
    elif before and _ALL_COMPLETED.search(before[-1]) and (m := _TOTAL_ONLY.match(clause)) \
            and (sid == "applications" or any(_NAMES_APPLICATIONS.search(c) for c in before)) \
            and (n := _number(m)) is not None:
        start = sentence.find(before[-1])      # quote both clauses as printed
        end = sentence.find(clause, start + len(before[-1])) + len(clause)
        out.append(Statement("completed_all", n, sentence[start:end], sid))
    return out


def _case_statements(clause: str, sid: str) -> list[Statement]:
    out: list[Statement] = []
    if _MIXED.search(clause) and re.search(rf"\d|[{CN_COUNT_NUMERALS}]\s*[件起宗例]", clause):
        return out       # 行政复议、行政诉讼共3件: one count for two tables
    specific = False
    for kind, pattern in (("litigation_after_review", _AFTER_REVIEW), ("litigation_direct", _DIRECT),
                          ("review", _REVIEW), ("litigation", _LITIGATION)):
        if kind == "litigation" and specific:
            continue
        m = pattern.search(clause)
        if m and (n := _number(m)) is not None:
            out.append(Statement(kind, n, clause, sid))
            specific = specific or kind.startswith("litigation_")
    if out or _NOT_A_CASE_ZERO.search(clause):
        return out
    neg = _NONE_CASES.search(clause)
    if neg and not _has_count(clause):
        after = clause[neg.end():neg.end() + 30]
        if "行政复议" in after and "复议后" not in after:
            out.append(Statement("review", 0, clause, sid))
        if "行政诉讼" in after or "起诉" in after:
            out.append(Statement("litigation", 0, clause, sid))
    return out


# ---------------------------------------------------------------- K801 表三

_APP_ROWS = {r.id: r for r in spec.TABLES["2021"]["applications"].rows}
_CHECKS_3 = {
    # kind: (label zh, label en, cell rows summed)
    "received": ("收到申请", "applications received", ("new",)),
    "carried_over": ("上年结转", "carried over from last year", ("carried_over",)),
    "carried_forward": ("结转下年度", "carried forward", ("carried_forward",)),
    "disclosed": ("予以公开", "disclosed", ("disclosed",)),
    "partly_disclosed": ("部分公开", "partly disclosed", ("partly_disclosed",)),
    "disclosed_both": ("予以公开及部分公开", "disclosed and partly disclosed", ("disclosed", "partly_disclosed")),
    "withheld": ("不予公开", "withheld", tuple(f"withheld_{k}" for k in range(1, 9))),
    "unable": ("无法提供", "unable to provide", tuple(f"unable_{k}" for k in range(1, 4))),
    "not_processed": ("不予处理", "not processed", tuple(f"not_processed_{k}" for k in range(1, 6))),
    "completed": ("办结", "completed", ("results_total",)),
    "completed_all": ("办结", "completed", ("results_total",)),
}
# how the cells are named in the message when not by their row labels
_CELLS_NAMED = {"withheld": ("（三）不予公开 1–8 项之和", "(3) withheld, items 1–8"),
                "unable": ("（四）无法提供 1–3 项之和", "(4) unable to provide, items 1–3"),
                "not_processed": ("（五）不予处理 1–5 项之和", "(5) not processed, items 1–5")}


def _row_label(row_id: str) -> str:
    row = _APP_ROWS[row_id]
    return re.sub(r"（[^（）]*）$", "", row.label) if row.label.startswith("（") else row.label


@rule(code="K801", name="prose-applications-mismatch", category="consistency", severity="error",
      title=("正文所述申请数与表三不符", "Application counts in the prose differ from table 3"),
      checks=("正文（第五部分除外）中写明的申请数与表三相应单元格的总计列比对：“共收到/受理/新收…申请N件”对"
              "一、本年新收（也接受等于本年新收 + 上年结转的写法），“上年结转N件”对二、上年结转，"
              "“结转下年度（继续办理）N件”对四、结转下年度继续办理，“予以公开N件”“部分公开N件”"
              "“予以公开及部分公开N件”对（一）（二），“不予公开（的）N件”对（三）不予公开1–8项之和，"
              "“无法提供N件”“不予处理N件”分别对（四）1–3项、（五）1–5项之和（读法与“不予公开”相同），"
              "“（已）办结（政府信息公开申请）N件”对（七）总计（“均已按时办结，共N件”也接受等于（七）总计 + "
              "四、结转下年度继续办理）。“不予公开”须指整个类别：同一项中其前只能有“其中”“依法”“决定”等词，"
              "同句前面也不能有理由、渠道、申请人类别（因、属于、涉及、第三方、网上……），"
              "“因属于国家秘密不予公开1件”等只是其中一行，不读；谈主动公开、审查、发布的句子不读。"
              "“办结”须是本分句或同句前面分句所说的申请（第三部分不要求），其前只能有“全年”“已”“按时”等词，"
              "“逾期办结”“当场办结”“受理并办结”不作办结数读取，同句谈逾期或政务服务事项、工单等其他业务的不读。"
              "只读取逗号分隔的单个分句中的单一计数；"
              "含同比、增减、约数、其他年份或其他事项（复议、投诉……）的分句不读。单元格缺失或非整数时不比对。",
              "Counts stated in the prose (section V excepted) are compared with the total column of table 3: "
              "received/受理/新收 N件 with I (new; new + carried over is also accepted), 上年结转 with II, "
              "结转下年度 with IV, 予以公开 / 部分公开 / 予以公开及部分公开 with (1), (2), 不予公开N件 with the sum "
              "of (3) items 1–8, 无法提供N件 / 不予处理N件 with the sums of (4) 1–3 / (5) 1–5 (read as 不予公开 is), "
              "(已)办结N件 with (7) total (for 均已按时办结，共N件 also (7) + IV). 不予公开 must "
              "name the whole category: only words such as 其中, 依法, 决定 may precede it in its item and no "
              "reason, channel or kind of applicant (因, 属于, 涉及, 第三方, 网上 …) earlier in the sentence, so "
              "因属于国家秘密不予公开1件 (one row) is not read, nor are sentences about proactive disclosure, "
              "review or publishing. 办结 must refer to applications named in its clause or earlier in the "
              "sentence (not required in section III), preceded only by words such as 全年, 已, 按时; 逾期办结, "
              "当场办结, 受理并办结 are not read as completed counts, nor are sentences that mention late "
              "handling or other business (政务服务事项, 工单). Only one "
              "plain count per comma-separated clause is read; clauses with comparisons, approximations, other "
              "years or other subjects are skipped. Absent or non-integer cells are not compared."),
      rationale=("正文与表格矛盾，读者无从判断哪个数字正确，属“发布内容不准确”。",
                 "When prose and table disagree readers cannot tell which is right: inaccurate content."),
      legal_basis=_TABLE3_BASIS,
      example_fail="正文“共受理政府信息公开申请2件”，表三 一、本年新收 总计 3",
      example_pass="正文“共受理政府信息公开申请3件”，表三 一、本年新收 总计 3",
      fix=("核对正文中的申请件数与表三相应行的“总计”，改正错的一处，使两者一致。",
           "Compare the number of applications in the prose with 总计 of the matching row of table 三 and correct "
           "whichever is wrong."))
def prose_applications_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    seen: set[tuple[str, int]] = set()
    for st in statements(report):
        if st.kind not in _CHECKS_3 or (st.kind, st.value) in seen:
            continue
        seen.add((st.kind, st.value))
        label, label_en, rows = _CHECKS_3[st.kind]
        values = _all_known([cell_count(report, "applications", r) for r in rows])
        if values is None:
            continue
        table_value = sum(values)
        accepted = {table_value}
        extra_row = {"received": "carried_over", "completed_all": "carried_forward"}.get(st.kind)
        extra = cell_count(report, "applications", extra_row) if extra_row else None
        if extra is not None:
            accepted.add(table_value + extra)
        if st.value in accepted:
            continue
        where, where_en = section_label(st.section)
        cells, cells_en = _CELLS_NAMED.get(st.kind) or (" + ".join(_row_label(r) for r in rows),
                                                       ", ".join(_APP_ROWS[r].en for r in rows))
        column = "的总计列" if cells.endswith("总计") else " 总计"     # not “（七）总计 总计为”
        yield Finding("K801", Message(
            f"{where}“{excerpt(st.clause, 40)}”称{label} {st.value} 件，但表三 {cells}{column}为 {table_value}",
            f"{where_en}: “{excerpt(st.clause, 40)}” states {st.value} {label_en}, but table 3 "
            f"({cells_en}) total is {table_value}"),
            spec.join_pointer("tables", "applications", rows[0], "total"),
            expected=table_value, actual=st.value,
            details={"sentence": st.clause, "section": st.section,
                     "cells": [spec.join_pointer("tables", "applications", r, "total") for r in rows]})


# ---------------------------------------------------------------- K802 表四

_REVIEW_ROWS = {
    "review": (("review",), "行政复议", "administrative reviews"),
    "litigation": (("litigation_direct", "litigation_after_review"), "行政诉讼", "lawsuits"),
    "litigation_direct": (("litigation_direct",), "未经复议直接起诉的行政诉讼", "lawsuits without prior review"),
    "litigation_after_review": (("litigation_after_review",), "复议后起诉的行政诉讼", "lawsuits after review"),
}
_REVIEW_LABELS = {r.id: r.label for r in spec.TABLES["2021"]["reviews"].rows}


@rule(code="K802", name="prose-reviews-mismatch", category="consistency", severity="error",
      title=("正文所述复议、诉讼数与表四不符", "Review or litigation counts in the prose differ from table 4"),
      checks=("正文（第五部分除外）中“行政复议N件/起”与表四 行政复议 总计比对，“行政诉讼N件”与两类行政诉讼总计之和"
              "比对，“复议后起诉N件”“直接起诉N件”分别比对；“未发生行政复议、行政诉讼”视为0。"
              "数字须紧跟“行政复议”“行政诉讼”等（可带“案件”“共”），因此“行政复议和行政诉讼共3件”等混合计数、"
              "“行政复议纠错0件”等结果计数、“行政复议培训2次”等其他计数都不读。单元格缺失或非整数时不比对。",
              "“行政复议N件/起” is compared with table 4 review total, “行政诉讼N件” with the sum of both litigation "
              "totals, “复议后起诉N件” / “直接起诉N件” with their rows; “未发生行政复议、行政诉讼” counts as 0. The "
              "number must follow the case word directly (案件/共 allowed), so mixed counts (复议和诉讼共3件), outcome "
              "counts (行政复议纠错0件) and other counts (行政复议培训2次) are not read. Absent or non-integer cells "
              "are not compared."),
      rationale=("正文与表格矛盾，读者无从判断哪个数字正确，属“发布内容不准确”。",
                 "When prose and table disagree readers cannot tell which is right: inaccurate content."),
      legal_basis=_TABLE4_BASIS,
      example_fail="正文“被申请行政复议2件”，表四 行政复议 总计 1",
      example_pass="正文“被申请行政复议2件”，表四 行政复议 总计 2",
      fix=("核对正文中的行政复议、行政诉讼件数与表四的总计，改正错的一处，使两者一致。",
           "Compare the review and litigation counts in the prose with the totals of table 四 and correct whichever is "
           "wrong."))
def prose_reviews_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    seen: set[tuple[str, int]] = set()
    for st in statements(report):
        if st.kind not in _REVIEW_ROWS or (st.kind, st.value) in seen:
            continue
        seen.add((st.kind, st.value))
        rows, label, label_en = _REVIEW_ROWS[st.kind]
        values = _all_known([cell_count(report, "reviews", r) for r in rows])
        if values is None or sum(values) == st.value:
            continue
        table_value = sum(values)
        where, where_en = section_label(st.section)
        cells = " + ".join(_REVIEW_LABELS[r] for r in rows)
        yield Finding("K802", Message(
            f"{where}“{excerpt(st.clause, 40)}”称{label} {st.value} 件，但表四 {cells} 总计为 {table_value}",
            f"{where_en}: “{excerpt(st.clause, 40)}” states {st.value} {label_en}, but table 4 total is "
            f"{table_value}"),
            spec.join_pointer("tables", "reviews", rows[0], "total"),
            expected=table_value, actual=st.value,
            details={"sentence": st.clause, "section": st.section,
                     "cells": [spec.join_pointer("tables", "reviews", r, "total") for r in rows]})


# ---------------------------------------------------------------- K803 “未收到申请”


@rule(code="K803", name="prose-no-applications-contradiction", category="consistency", severity="error",
      title=("正文称未收到申请，表三却有新收申请", "The prose says no applications, table 3 has some"),
      checks=("正文称“未收到/未接到/没有受理…依申请公开/信息公开申请”或“零报告”，而表三 一、"
              "本年新收政府信息公开申请数量 总计大于0。否定词须直接修饰收到、受理等动词；涉及复议、投诉、逾期、"
              "不予公开、信息处理费等的分句不读。单元格缺失或非整数时不比对。",
              "The prose says no application was received (未收到/未接到…依申请公开, 零报告) while table 3 I (new) "
              "total is above 0. The negation must govern 收到/受理…; clauses about reviews, complaints, delays, "
              "withholding or fees are not read. Absent or non-integer cells are not compared."),
      rationale=("正文与表格矛盾，读者无从判断是否有人申请，属“发布内容不准确”。",
                 "Prose and table contradict each other on whether anyone applied: inaccurate content."),
      legal_basis=_TABLE3_BASIS,
      example_fail="正文“2021年我镇未接到依申请公开信息”，表三 一、本年新收 总计 2",
      example_pass="正文“2021年我镇未接到依申请公开信息”，表三 一、本年新收 总计 0",
      fix=("正文与表三必须一致：确实未收到申请的，把表三“一、本年新收”改为 0；收到了申请的，改写正文中“未收到申请”"
           "的说法。",
           "Make prose and table 三 agree: if no application was received set 一、本年新收 to 0; otherwise rewrite the "
           "sentence saying none was received."))
def prose_no_applications(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    new = cell_count(report, "applications", "new")
    if not new:
        return
    for st in statements(report):
        if st.kind == "none_received":
            where, where_en = section_label(st.section)
            yield Finding("K803", Message(
                f"{where}“{excerpt(st.clause, 40)}”称未收到申请，但表三 一、本年新收政府信息公开申请数量 总计为 {new}",
                f"{where_en}: “{excerpt(st.clause, 40)}” says no application was received, but table 3 "
                f"I (new applications) total is {new}"),
                "/tables/applications/new/total", expected=0, actual=new,
                details={"sentence": st.clause, "section": st.section})
            return


# ---------------------------------------------------------------- K804 “均获维持”

_ALL_UPHELD = re.compile(r"(?:均|全部|都|皆|悉数)[已获被予以得到依法]{0,6}维持")
_NOT_FINAL = re.compile(r"审理中|尚未|未审结|未结|正在|待")


@rule(code="K804", name="prose-all-upheld-contradiction", category="consistency", severity="error",
      title=("正文称均获维持，表四却有纠正或未审结", "The prose says all upheld, table 4 disagrees"),
      checks=("正文称“均获维持”“全部维持”等，而表四相应部分的结果纠正或尚未审结大于0。句中只提复议的只看行政复议，"
              "只提诉讼（含“复议后起诉”）的只看两类行政诉讼，都未提或都提到的看全部三组；句中写到“尚未审结/审理中”"
              "的不读。“其他结果”（如撤回、驳回）不视为矛盾。单元格缺失或非整数时不比对。",
              "The prose says every case was upheld (均获维持, 全部维持) while table 4 shows 结果纠正 or 尚未审结 "
              "above 0 in the groups it speaks of: review only, litigation only (复议后起诉 counts as litigation), or "
              "all three groups. Sentences that mention pending cases are not read. 其他结果 (withdrawn, dismissed) is "
              "not a contradiction. Absent or non-integer cells are not compared."),
      rationale=("“均获维持”是对工作成效的陈述，与表格不符即属不实陈述；上海2019年报即有此例。",
                 "“All upheld” claims success; contradicting the table makes it untrue (seen in Shanghai 2019)."),
      legal_basis=_TABLE4_BASIS,
      example_fail="正文“被申请行政复议2件，均获维持”，表四 行政复议 尚未审结 1",
      example_pass="正文“被申请行政复议2件，1件维持，1件尚未审结”，表四 行政复议 结果维持 1、尚未审结 1",
      fix=("正文与表四必须一致：改写“均获维持”的说法，如实写明被纠正或尚未审结的案件；或改正表四填错的格子。",
           "Make prose and table 四 agree: rewrite “均获维持” to state the corrected or pending cases, or correct the "
           "wrong cell of table 四."))
def prose_all_upheld(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    reported: set[tuple[str, str]] = set()
    for sid, text in prose(report, skip=("problems",)):
        for sentence in sentences(text):
            if not _ALL_UPHELD.search(sentence) or _NOT_FINAL.search(sentence):
                continue
            litigation = "诉讼" in sentence or "起诉" in sentence
            review = "复议" in sentence.replace("复议后起诉", "")
            groups: tuple[str, ...]
            if review and not litigation:
                groups = ("review",)
            elif litigation and not review:
                groups = ("litigation_direct", "litigation_after_review")
            else:
                groups = ("review", "litigation_direct", "litigation_after_review")
            for group in groups:
                for column, col_zh, col_en in (("corrected", "结果纠正", "corrected"),
                                               ("pending", "尚未审结", "pending")):
                    value = cell_count(report, "reviews", group, column)
                    if not value or (group, column) in reported:
                        continue
                    reported.add((group, column))
                    where, where_en = section_label(sid)
                    yield Finding("K804", Message(
                        f"{where}“{excerpt(sentence, 40)}”称均获维持，但表四 {_REVIEW_LABELS[group]} "
                        f"{col_zh}为 {value}",
                        f"{where_en}: “{excerpt(sentence, 40)}” says all were upheld, but table 4 "
                        f"{group.replace('_', ' ')} / {col_en} is {value}"),
                        spec.join_pointer("tables", "reviews", group, column), expected=0, actual=value,
                        details={"sentence": sentence, "section": sid})


# ---------------------------------------------------------------- K806 表二、表四 其他数字

_TABLE2_BASIS = ("国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表二、表四；"
                 "国办公开办函〔2021〕30号 二、（四）“发布内容不准确”",
                 "Format notice 国办公开办函〔2021〕30号, tables 2 and 4; 2 (4) (inaccurate content)")
_TABLE_NAMES = {"proactive": ("表二", "table 2"), "reviews": ("表四", "table 4")}


def _cell(report: Report, pointer: str) -> float | None:
    value = report.value_at(pointer)
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _half_unit(value: float) -> float:
    """Half the last decimal a table amount is given to (12.6 → 0.05)."""
    decimals = len(repr(float(value)).partition(".")[2].rstrip("0"))
    return 0.5 * 10 ** -decimals


def figures(report: Report) -> list[tuple[str, Figure]]:
    """(section id, figure) of tables 二 and 四 stated in the prose, every section but 五."""
    def read() -> list[tuple[str, Figure]]:
        year = report_year(report)
        return [(sid, f) for sid, text in prose(report, skip=("problems",)) for s in sentences(text)
                for f in (*table2_figures(s, year), *table4_figures(s, year))]
    return report.derived("table_figures", read)


@rule(code="K806", name="prose-figures-mismatch", category="consistency", severity="error",
      title=("正文所述表二、表四数字与表格不符", "Figures of tables 2 and 4 in the prose differ from the tables"),
      checks=("正文（第五部分除外）中重述表二、表四的数字与表格比对。表二（2021年格式）：“制发/印发（行政）"
              "规范性文件N件”“废止N件”“现行有效N件”对行政规范性文件一行（同一句须谈规范性文件，且不谈规章、清理、备案）"
              "，“未制发规范性文件”视为0；“行政许可/处罚/强制决定N件”“作出行政处罚N件”对本年处理决定数量；"
              "“行政事业性收费N万元/元”对收费金额（按所写位数四舍五入比较）。“行政许可信息N条”"
              "之类是公开信息条数而非决定数，不读；含公示、公开、清理、审查、解读、同比、约数、全县/全市等的分句不读，"
              "含其他年份的句子不读。表四：“行政复议N件”后紧接的“其中维持N件”“纠正N件”“尚未审结N件”对行政复议相应列，"
              "“行政诉讼N件”后的对两类行政诉讼相应列之和；“行政复议7件，诉讼9件”中紧跟复议的“诉讼N件”"
              "对两类行政诉讼总计之和。（“行政复议/行政诉讼N件”本身由 K802 比对。）"
              "第六部分的信息处理费与表二行政事业性收费无关，不比对。单元格缺失或非数字时不比对。",
              "Figures of tables 2 and 4 restated in the prose (section V excepted) are compared with the tables. "
              "Table 2 (2021 format): 制发/印发 (行政)规范性文件N件, 废止N件, 现行有效N件 with the normative documents "
              "row (the sentence must be about 规范性文件, not 规章, 清理 or 备案; 未制发规范性文件 counts as 0); "
              "行政许可/处罚/强制决定N件 and 作出行政处罚N件 with the decisions column; 行政事业性收费 N万元/元 with "
              "the fee amount (compared to the digits given). 行政许可信息N条 counts published information, not "
              "decisions, and is not read; clauses about publishing, review, clean-up, comparisons, approximations or "
              "the whole county are not read, nor sentences naming another year. Table 4: the outcomes "
              "(维持/纠正/尚未审结 N件) right after a review or litigation count, and a bare 诉讼N件 right after "
              "行政复议N件 (compared with both litigation totals). Review and litigation totals themselves are K802's. "
              "Section VI's information processing fee is another fee and is not compared. Absent or non-numeric cells "
              "are not compared."),
      rationale=("正文与表格矛盾，读者无从判断哪个数字正确，属“发布内容不准确”；省级通报将“数据不一致”列为常见问题。",
                 "When prose and table disagree readers cannot tell which is right: inaccurate content, listed by "
                 "provincial notices among the common errors."),
      legal_basis=_TABLE2_BASIS,
      fix=("以表格为准核对正文中的数字（或反之），使两处一致。",
           "Check the figure in the prose against the table (or the other way round) and make them agree."),
      example_fail="正文“本年制发行政规范性文件3件”，表二 行政规范性文件 本年制发件数 2",
      example_pass="正文“本年制发行政规范性文件3件”，表二 行政规范性文件 本年制发件数 3")
def prose_figures_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    seen: set[tuple[tuple[str, ...], float]] = set()
    for sid, fig in figures(report):
        if (fig.cells, fig.value) in seen:
            continue
        seen.add((fig.cells, fig.value))
        values = _all_known([_cell(report, c) for c in fig.cells])
        if values is None:
            continue
        table_value = sum(values)
        tolerance = max(fig.tolerance, _half_unit(table_value)) if fig.tolerance else 0
        if abs(table_value - fig.value) <= tolerance + 1e-9:
            continue
        where, where_en = section_label(sid)
        name, name_en = _TABLE_NAMES[fig.table]
        places = [spec.describe(c, report.format_version or "2021") for c in fig.cells]
        cells_zh = " + ".join(" ".join(p for p in (pl.block, pl.row, pl.column) if p) for pl in places)
        cells_en = " + ".join(pl.en() for pl in places)
        shown = f"{fig.value:g}"
        table_shown = f"{table_value:g}"
        yield Finding("K806", Message(
            f"{where}“{excerpt(fig.clause, 40)}”称 {shown}，但{name} {cells_zh} 为 {table_shown}",
            f"{where_en}: “{excerpt(fig.clause, 40)}” states {shown}, but {name_en} ({cells_en}) is {table_shown}"),
            fig.cells[0], expected=table_value, actual=fig.value,
            details={"sentence": fig.clause, "section": sid, "cells": list(fig.cells)})
