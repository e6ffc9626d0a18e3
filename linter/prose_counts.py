"""Counts as the prose states them: Chinese and Arabic numbers, and a total with its listed parts.

Neutral text knowledge shared by the rules that read figures out of the prose (consistency
K8xx, content N7xx). Everything here is about reading, never judging: a sentence that cannot
be read with certainty gives nothing, because a misread figure would become a false finding.

A *count list* is a total followed by the parts it is made of, in one paragraph:

    全年主动公开政府信息151条，其中部门文件12条，政府工作报告1条，工作动态135条，财政预决算3条。
    全市主动公开政府信息22753条。其中，机构职能类信息1467条，政策文件653条，……
    全年主动公开政务信息382条，包括政府网站35条，媒体80条，微信公众号2443条。

It is read only when it is unambiguous: the list opens with 其中 / 包括 / 其中包括 right after the
total (in the same sentence, or opening the next one); it runs to the end of the sentence or
the first semicolon; every item gives at most one count, in the total's unit (条 with 条), and
no other number; at least three items give a count. A list that announces examples (主要包括,
主要有, 如, 例如, 诸如) or ends with 等 is not a partition and is not read, nor is a total that
is approximate (约, 近, 余, 多), compared (同比, 增长) or inside parentheses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMBER = r"(?:\d+|[零〇一二两三四五六七八九十百千万]+)"


def to_int(token: str) -> int | None:
    """`16`, `一`, `两`, `十二`, `二十`, `一百零五`, `一万二千` → int; None when not a number."""
    if token.isdigit():
        try:
            return int(token)
        except ValueError:      # "²" (a digit to isdigit(), not to int()), or 4300+ digits: no count
            return None
    total, section, digit = 0, 0, None
    for ch in token:
        if ch in _CN_DIGITS:
            if digit is not None and ch not in "零〇":
                return None       # two digits in a row (一二) is not a count
            digit = _CN_DIGITS[ch] if ch not in "零〇" else None
        elif ch in _CN_UNITS:
            section += (digit if digit is not None else 1) * _CN_UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


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


def count_lists(text: str) -> list[CountList]:
    """Every readable count list of `text` (normalised prose: half-width punctuation)."""
    found: list[CountList] = []
    for paragraph in text.split("\n"):
        sentences = [s for s in _SENTENCE_END.split(paragraph)]
        for i, sentence in enumerate(sentences):
            for m in _OPENER.finditer(sentence):
                head = sentence[:m.start()]
                if not head.strip(" ,，") and i > 0:
                    head = sentences[i - 1]        # 22753条。其中，…
                elif not head.strip(" ,，"):
                    continue
                lst = _read(head, sentence[m.end():])
                if lst is not None:
                    found.append(lst)
    return found


def _read(head: str, tail: str) -> CountList | None:
    head = head.rstrip(" ,，:：")
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
        parts.append((item, int(counts[0].group(1))))
        has_rest = has_rest or bool(_REST.match(item))
    if len(parts) < _MIN_PARTS:
        return None
    quote = f"{clause.strip()}，{body.strip()}"
    return CountList(int(total.group(1)), unit, tuple(parts), quote, has_rest)
