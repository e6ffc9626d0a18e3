"""Counts as the prose states them: Chinese and Arabic numbers, and a total with its listed parts.

Neutral text knowledge shared by the rules that read figures out of the prose (consistency
K8xx, content N7xx). Everything here is about reading, never judging: a sentence that cannot
be read with certainty gives nothing, because a misread figure would become a false finding.

A *count list* is a total followed by the parts it is made of, in one paragraph:

    全年主动公开政府信息151条，其中部门文件12条，政府工作报告1条，工作动态135条，财政预决算3条。
    全市主动公开政府信息22753条。其中，机构职能类信息1467条，政策文件653条，……
    全年主动公开政务信息382条，包括政府网站35条，媒体80条，微信公众号2443条。

It is read only when it is unambiguous: the list opens with 其中 / 包括 / 其中包括 right after the
total (in the same sentence, or opening the next one), and the total is the only count of its
unit in its sentence (up to the list, after any semicolon); the list runs to the end of the sentence or
the first semicolon; every item gives at most one count, in the total's unit (条 with 条), and
no other number; at least three items give a count. A list that announces examples (主要包括,
主要有, 如, 例如, 诸如) or ends with 等 is not a partition and is not read, nor is a total that
is approximate (约, 近, 余, 多), compared (同比, 增长) or inside parentheses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import CN_NUMBER_CHARS

NUMBER = rf"(?:\d+|[{CN_NUMBER_CHARS}]+)"


# ---------------------------------------------------------------- a total and its parts

@dataclass(frozen=True)
class CountList:
    total: int
    unit: str
    parts: tuple[tuple[str, int], ...]     # (item as printed, count)
    quote: str                             # the total's clause through the end of the list
    has_rest: bool                         # an item named 其他/其它: the writer meant the whole

    @property
    def parts_sum(self) -> int:
        return sum(n for _, n in self.parts)


_UNITS = "条篇件个份期项次起宗"
# a plain Arabic count and its unit: not a decimal, not 1.5万, not a duration or a date
_COUNT = re.compile(rf"(?<![\d.])(\d+)\s*([{_UNITS}])(?![\d])")
_OPENER = re.compile(r"(?:其中|包括)(?:包括|有|为|是)?\s*[,:，：]?\s*")
# an opener announcing examples, not the whole
_EXAMPLES_BEFORE = re.compile(r"(?:主要|重点|例如|诸如|比如|如)$")
_APPROX_BEFORE = re.compile(r"(?:约|近|超过|逾|大约|达到?)$")
_APPROX_AFTER = re.compile(r"^(?:余|多|左右|以上|以下)")
_COMPARED = re.compile(r"同比|较上年|比上年|较去年|增长|下降|增加|减少|上升|累计|历年|以来")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?")
_SENTENCE_END = re.compile(r"[。!?！？]")
_ITEM_SPLIT = re.compile(r"[、,，]")
_REST = re.compile(r"^(?:及|和|以及)?(?:其他|其它)")
_MIN_PARTS = 3
# words that open a statement of their own inside what looks like a list
_EVENTS = ("复议", "诉讼", "起诉", "受理", "收到", "办结", "结转", "答复")


def count_lists(text: str) -> list[CountList]:
    """Every readable count list of `text` (normalised prose: half-width punctuation)."""
    found: list[CountList] = []
    for paragraph in text.split("\n"):
        sentences = [s for s in _SENTENCE_END.split(paragraph)]
        for i, sentence in enumerate(sentences):
            for m in _OPENER.finditer(sentence):
                head = sentence[:m.start()]
                if not head.strip(" ,，") and i > 0:
                    head = sentences[i - 1] + "。" + head    # 22753条。其中，…
                elif not head.strip(" ,，"):
                    continue
                lst = _read(head, m.group(0), sentence[m.end():])
                if lst is not None:
                    found.append(lst)
    return found


def _read(head: str, opener: str, tail: str) -> CountList | None:
    stripped = head.rstrip(" ,，:：。")
    joint = head[len(stripped):]
    head = stripped
    if _EXAMPLES_BEFORE.search(head) or "(" in head[-12:] and ")" not in head[-12:]:
        return None
    clause = re.split(r"[、,，;；]", head)[-1]
    # the total is the count that closes the clause before the list
    total = re.search(rf"(?<![\d.])(\d+)\s*([{_UNITS}])\s*(?:[^\d{_UNITS}]{{0,4}})$", clause)
    if total is None or _COMPARED.search(clause) or _APPROX_BEFORE.search(clause[:total.start()]) \
            or _APPROX_AFTER.match(clause[total.end(2):]):
        return None
    if re.search(r"\d", _YEAR.sub("", clause[:total.start()])):
        return None                             # a second figure in the clause: whose total?
    unit = total.group(2)
    # the total must be the only count of its unit before the list: in “办结15件，结转下年度2件。
    # 其中予以公开6件…” the list may belong to either figure
    before = re.split(r"[;；]", head)[-1]
    if sum(1 for c in _COUNT.finditer(before) if c.group(2) == unit) != 1:
        return None
    # an aside without figures is part of its item's label: 工作动态类信息(含通知公告)135条
    body = re.sub(r"\([^()\d]*\)", "", tail.split(";")[0].split("；")[0])
    if re.search(r"等\s*$|等(?:信息|内容|方面)?\s*$", body) or "其中" in body or "(" in body:
        return None
    parts: list[tuple[str, int]] = []
    has_rest = False
    for item in (s.strip() for s in _ITEM_SPLIT.split(body)):
        if not item:
            continue
        plain = _YEAR.sub("", item)
        counts = list(_COUNT.finditer(plain))
        digits = re.findall(r"\d+", plain)
        if not counts:
            if digits:
                return None                     # a figure without a unit: unreadable
            continue                            # a label cut by 、 (双随机、一公开监管信息5条)
        if len(counts) > 1 or len(digits) > 1 or counts[0].group(2) != unit \
                or _APPROX_AFTER.match(plain[counts[0].end():]) or _COMPARED.search(plain):
            return None
        if any(w in item and w not in clause for w in _EVENTS):
            return None                         # 被提起行政诉讼1件: another subject, not a part
        parts.append((item, int(counts[0].group(1))))
        has_rest = has_rest or bool(_REST.match(item))
    if len(parts) < _MIN_PARTS:
        return None
    # parts that already make the total end the list: what follows is a new statement
    running = 0
    for k, (_, n) in enumerate(parts[:-1], start=1):
        running += n
        if running == int(total.group(1)):
            parts = parts[:k]
            break
    quote = f"{clause.lstrip()}{joint}{opener}{body.rstrip()}"
    return CountList(int(total.group(1)), unit, tuple(parts), quote, has_rest)


# ---------------------------------------------------------------- figures of tables 二 and 四

@dataclass(frozen=True)
class Figure:
    """A figure the prose states for a cell of table 二 or 四."""
    table: str                  # proactive | reviews
    cells: tuple[str, ...]      # JSON pointers whose sum the figure states
    value: float
    clause: str
    tolerance: float = 0.0      # half the last digit the prose gives (amounts, in 万元)


_N = r"(?<![\d.第])(?P<n>\d+)\s*(?P<u>件|个|份|起|宗|项)(?![\d])"
_AMOUNT = r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?P<u>万元|元)"
_LEAD = r"(?:了|共|共计|合计|累计)*"
# a clause doing something else with the documents or decisions than the table counts
_T2_OTHER_ACT = re.compile(r"拟|计划|起草|审核|审查|备案|解读|清理|评估|报送|转发|征求|宣传|培训|听证|复议|诉讼|撤销"
                           r"|变更|公示|信息|公开|发布|网上|网站|平台|减免|免收|退还|退费|同比|较上年|比上年|增长|下降"
                           r"|增加|减少|约|近|余|以上|全县|全市|全区|全省|全镇|各部门|各单位|各乡镇|各镇|历年|以来")
_NORMATIVE = (
    ("issued", re.compile(r"(?:制发|印发|出台|制定)" + _LEAD + r"(?:行政)?规范性文件" + _LEAD + _N)),
    ("issued", re.compile(r"(?:制发|印发|出台|制定)" + _LEAD + _N + r"(?:行政)?规范性文件")),
    ("repealed", re.compile(r"(?<![未不])废止" + _LEAD + r"(?:行政)?(?:规范性文件)?" + _LEAD + _N)),
    ("in_force", re.compile(r"现行有效(?:的)?(?:行政)?(?:规范性文件)?" + _LEAD + r"(?:为)?" + _N)),
)
_NO_NORMATIVE = re.compile(r"(?:未|没有)(?:制发|印发|出台|制定)(?:任何|新的)?(?:行政)?规范性文件")
_DECISION_KINDS = {"许可": ("item5", "licensing"), "处罚": ("item6", "penalty"), "强制": ("item6", "enforcement")}
_DECISIONS = (
    re.compile(r"行政(?P<k>许可|处罚|强制)决定(?:书)?" + _LEAD + _N),
    re.compile(r"(?:作出|做出)" + _LEAD + r"行政(?P<k>许可|处罚|强制)(?:决定)?" + _LEAD + _N),
)
_FEES = re.compile(r"(?:收取|征收)?行政事业性收费(?:金额|收入|总额|总计)?" + _LEAD + r"(?:为|达)?" + _AMOUNT)


def _clauses(sentence: str) -> list[str]:
    return [c.strip() for c in re.split(r"[,，]", sentence) if c.strip()]


def _years_only(sentence: str, year: int | None) -> bool:
    """No year in the sentence but the reporting year (a figure of another year is not ours);
    years inside a document's name or number (《…》, 〔2021〕) do not count."""
    plain = re.sub(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]", "", sentence)
    return all(year is not None and int(y) == year for y in re.findall(r"((?:19|20)\d{2})\s*年", plain))


def table2_figures(sentence: str, year: int | None) -> list[Figure]:
    """Figures of table 二 (2021 format) one sentence states: 行政规范性文件 制发/废止/现行有效,
    处理决定数量 of 行政许可/处罚/强制, 行政事业性收费 amount. 行政规范性文件 figures are read only
    in a sentence about them that speaks neither of 规章 nor of a clean-up or filing (清理, 备案)."""
    found: list[Figure] = []
    if not _years_only(sentence, year):
        return found
    # a clean-up or filing (清理规范性文件20件，废止3件) may cover other organs' documents
    normative = "规范性文件" in sentence and not re.search(r"规章|清理|备案|评估", sentence)
    for clause in _clauses(sentence):
        if _T2_OTHER_ACT.search(clause):
            continue
        if normative:
            for kind, pattern in _NORMATIVE:
                m = pattern.search(clause)
                if m and not any(f.cells[0].endswith(kind) for f in found):
                    found.append(Figure("proactive", (f"/tables/proactive/item1/normative_documents/{kind}",),
                                        int(m.group("n")), clause))
            if _NO_NORMATIVE.search(clause) and not re.search(r"\d", clause):
                found.append(Figure("proactive", ("/tables/proactive/item1/normative_documents/issued",), 0, clause))
        for pattern in _DECISIONS:
            m = pattern.search(clause)
            if m:
                item, row = _DECISION_KINDS[m.group("k")]
                found.append(Figure("proactive", (f"/tables/proactive/{item}/{row}/decisions",), int(m.group("n")),
                                    clause))
                break
        m = _FEES.search(clause)
        if m:
            scale = 10000 if m.group("u") == "元" else 1
            decimals = len(m.group("n").partition(".")[2])
            found.append(Figure("proactive", ("/tables/proactive/item8/fees/amount",),
                                float(m.group("n")) / scale, clause, 0.5 * 10 ** -decimals / scale))
    return found


_OUTCOMES = (("upheld", r"(?:结果)?维持(?:原)?(?:行政行为|决定)?"), ("corrected", r"(?:结果)?纠正"),
             ("pending", r"(?:尚未审结|未审结|审理中|正在审理)"))
_OUTCOME = [(col, re.compile(r"^(?:其中|已|均|结果)*" + word + _LEAD + r"(?:的)?" + _N.replace("起|", "起|案|")))
            for col, word in _OUTCOMES]
_REVIEW_OPEN = re.compile(r"行政复议(?:案件|申请)?" + _LEAD + _N)
_LITIGATION_OPEN = re.compile(r"(?<!复议后)(?:行政诉讼|诉讼|起诉)(?:案件)?" + _LEAD + _N)
_T4_OTHER = re.compile(r"同比|较上年|比上年|增加|减少|分别|约|近|余|以上|纠错|败诉|撤销|非信息公开|其他类")


def table4_figures(sentence: str, year: int | None) -> list[Figure]:
    """Figures of table 四 one sentence states beyond 行政复议/行政诉讼 N件 (K802's): the
    outcomes that follow a case count (行政复议2件，其中维持1件，尚未审结1件), and a bare
    诉讼N件 right after a 行政复议 count (信息公开类行政复议7件，诉讼9件)."""
    found: list[Figure] = []
    if not _years_only(sentence, year):
        return found
    rows: tuple[str, ...] | None = None
    for clause in _clauses(sentence):
        if _T4_OTHER.search(clause):
            rows = None
            continue
        if "复议后" in clause or "直接起诉" in clause or "直接提起" in clause:
            rows = None                          # K802 reads the specific groups; outcomes unattributed
            continue
        if _REVIEW_OPEN.search(clause) and not re.search(r"诉讼|起诉", clause):
            rows = ("review",)
            continue
        m = _LITIGATION_OPEN.search(clause)
        if m and "复议" not in clause:
            if rows == ("review",) and re.match(r"^(?:被)?(?:提起)?诉讼", clause):
                found.append(Figure("reviews", ("/tables/reviews/litigation_direct/total",
                                                "/tables/reviews/litigation_after_review/total"),
                                    int(m.group("n")), clause))
            rows = ("litigation_direct", "litigation_after_review")
            continue
        if rows is None or "复议" in clause or "诉讼" in clause:
            rows = None
            continue
        for col, pattern in _OUTCOME:
            m = pattern.search(clause)
            if m:
                found.append(Figure("reviews", tuple(f"/tables/reviews/{r}/{col}" for r in rows),
                                    int(m.group("n")), clause))
                break
    return found
