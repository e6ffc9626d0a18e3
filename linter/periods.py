"""A statistics period stated without a keyword, found the same way by the extractor
(`extract.meta.period_by_range`) and by the date rules (`rules.dates`, for YAML sections and
document text): one definition, so the two can never disagree on what the period is."""

from __future__ import annotations

import re

# 2021年1月1日至2021年12月31日, 自2021年1月1日起至12月31日止, and damaged forms (201911日至1231日)
_DATE_RANGE = re.compile(r"(?:[自从]\s*)?(?<!\d)(?:19|20)\d{2}[\s年]*\d{1,2}[\s月]*\d{1,2}\s*[日号]\s*(?:起)?\s*"
                         r"(?:至|到|—+|–|-|~|～)\s*(?:(?:19|20)\d{2}[\s年]*)?\d{1,2}[\s月]*\d{1,2}\s*[日号](?:\s*止)?")
_CLEAN_RANGE = re.compile(r"[自从]?\s*\d{4}\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:起)?\s*(?:至|到|—+|–|-|~|～)\s*"
                          r"(?:\d{4}\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?:\s*止)?")
# 年 or 月 lost in extraction: 201911日
_LOST_CHARACTERS = re.compile(r"\d{3,}\s*[日月]")
# words that say the sentence is about what the report or its data covers
_COVERAGE = re.compile(r"本(?:年度)?(?:报告|年报)|(?:报告|年报)(?:中|所|的)|(?:所列|统计|各项|有关|相关)数据"
                       r"|数据(?:统计|口径|范围|期间)|涵盖|覆盖|统计(?:期|时间|时段|范围|口径|区间|周期)")
# a range right after 于 (将于, 拟于) says when something happens; after 与/较/比 it is a comparison
_NOT_COVERAGE_BEFORE = re.compile(r"(?:于|与|较|比|同)\s*$")
# a publication window, a deadline or a term of validity is never the period, even in a sentence about the report
_DEADLINE = re.compile(r"公示|征求|报名|截止|截至|之前|以前|有效期|相比|同比")
# an activity (于…开展) in a sentence that does not say it is about the report's coverage
_ACTIVITY = re.compile(r"开展|举办|举行|召开|组织|活动|培训|检查|整治|督查|部署|实施")
_FIRST_SECTION = re.compile(r"(?:^|\n)\s*(?:一\s*[、.．]|第一部分)")
_CLAUSE_END = re.compile(r"[。；;！!？?\n]")


def stated_range(text: str, *, intro: bool = True) -> tuple[int, int] | None:
    """(start, end) of a date range stated as the period without a keyword, or None.

    Taken, first in the text: a range 1月1日–12月31日 anywhere (内容涵盖2019年1月1日至12月31日期间);
    any other range, or one whose 年/月 were lost, only in a sentence about what the report or
    its data covers (本报告/所列数据/涵盖…), or — when `intro` (a document, whose text has one) —
    before section 一 when its sentence describes no activity. A range of an activity
    (于2021年3月1日至3月31日开展…), a publication window or a deadline is not the period;
    neither is 2021年度 alone."""
    first_section = _FIRST_SECTION.search(text) if intro else None
    intro_end = first_section.start() if first_section else 0      # no heading: no intro to trust
    for m in _DATE_RANGE.finditer(text):
        clean = _CLEAN_RANGE.fullmatch(m.group(0))
        if clean is None and not _LOST_CHARACTERS.search(m.group(0)):
            continue
        if clean and tuple(int(g) for g in clean.groups()) == (1, 1, 12, 31):
            return m.span()
        before = text[:m.start()]
        opening = max(before.rfind(c) for c in "。；;！!？?\n") + 1
        stop = _CLAUSE_END.search(text, m.end())
        sentence = text[opening:stop.start() if stop else len(text)]
        if _NOT_COVERAGE_BEFORE.search(before[-3:]) or _DEADLINE.search(sentence):
            continue
        if _COVERAGE.search(sentence) or (m.start() < intro_end and not _ACTIVITY.search(sentence)):
            return m.span()
    return None
