"""The statistics period as a report states it: one definition for the extractor
(`extract.meta`) and the date rules (`rules.dates`, for YAML sections and document text), so
the two can never disagree on what the period is.

- `stated_range(text)`: a period stated without a keyword (a date range in a sentence about
  what the report covers, or in the intro).
- `parse_period_text(text)`: the two dates of a period statement (统计期限自…至…, 2021年度).
- `find_period(report)`: the period from the metadata, else from the text: a sentence with a
  keyword (`spec.PERIOD_KEYWORDS`), else `stated_range`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import DATE_TEXT, ParsedDate, make_date, parse_date
from .model import Report
from .normalize import fold_width
from .prose import SENTENCE_ENDS, full_text
from .spec import PERIOD_KEYWORDS

# 2021年1月1日至2021年12月31日, 自2021年1月1日起至12月31日止, and damaged forms (201911日至1231日)
_TO = r"(?:至|到|—+|–|-|~|～)"        # the words and dashes between the two dates of a range
_DATE_RANGE = re.compile(r"(?:[自从]\s*)?(?<!\d)(?:19|20)\d{2}[\s年]*\d{1,2}[\s月]*\d{1,2}\s*[日号]\s*(?:起)?\s*"
                         + _TO + r"\s*(?:(?:19|20)\d{2}[\s年]*)?\d{1,2}[\s月]*\d{1,2}\s*[日号](?:\s*止)?")
_CLEAN_RANGE = re.compile(r"[自从]?\s*\d{4}\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:起)?\s*" + _TO + r"\s*"
                          r"(?:\d{4}\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?:\s*止)?")
# 年 or 月 lost in extraction: 201911日, 1231日, 20231月
_LOST_CHARACTERS = re.compile(r"\d{3,}\s*[日月]")
# words that say the sentence is about what the report or its data covers: the period's own
# keywords and more
_COVERAGE = re.compile(PERIOD_KEYWORDS + r"|本(?:年度)?(?:报告|年报)|(?:报告|年报)(?:中|所|的)"
                       r"|(?:所列|统计|各项|有关|相关)数据|数据(?:口径|范围|期间)|涵盖|覆盖|统计(?:期|口径)")
# a range right after 于 (将于, 拟于) says when something happens; after 与/较/比 it is a comparison
_NOT_COVERAGE_BEFORE = re.compile(r"(?:于|与|较|比|同)\s*$")
# a publication window, a deadline or a term of validity is never the period, even in a sentence about the report
_DEADLINE = re.compile(r"公示|征求|报名|截止|截至|之前|以前|有效期|相比|同比")
# an activity (于…开展) in a sentence that does not say it is about the report's coverage
_ACTIVITY = re.compile(r"开展|举办|举行|召开|组织|活动|培训|检查|整治|督查|部署|实施")
_FIRST_SECTION = re.compile(r"(?:^|\n)\s*(?:一\s*[、.．]|第一部分)")
_CLAUSE_END = re.compile(f"[{SENTENCE_ENDS}]")


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
        opening = max(before.rfind(c) for c in SENTENCE_ENDS) + 1
        stop = _CLAUSE_END.search(text, m.end())
        sentence = text[opening:stop.start() if stop else len(text)]
        if _NOT_COVERAGE_BEFORE.search(before[-3:]) or _DEADLINE.search(sentence):
            continue
        if _COVERAGE.search(sentence) or (m.start() < intro_end and not _ACTIVITY.search(sentence)):
            return m.span()
    return None


@dataclass(frozen=True)
class Period:
    """A period statement with its two dates (each may be impossible: 2月30日)."""
    start: ParsedDate
    end: ParsedDate
    text: str
    from_meta: bool           # read from meta.statistics_period (else found in the text)


@dataclass(frozen=True)
class Unreadable:
    """A period statement that holds no readable range."""
    text: str
    from_meta: bool

    @property
    def lost_characters(self) -> bool:
        """`202011日`, `1231日`, `20231月`: digits run into 日/月, so 年/月 were lost in extraction."""
        return bool(_LOST_CHARACTERS.search(self.text))


_RANGE = re.compile(DATE_TEXT + r"\s*(?:起)?\s*" + _TO + r"\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
# Whole-year forms: 2021年度, 2021年全年, 2021年1月至12月, 2021年1-12月, 2021年 (alone)
_YEAR_ONLY = re.compile(r"(\d{4})\s*年\s*(?:度|全年|1\s*月?\s*(?:至|到|-|—|~)\s*12\s*月(?!\s*\d)|(?![\d\s]*月))")
_KEYWORD = re.compile(PERIOD_KEYWORDS)


def parse_period_text(text: str) -> tuple[ParsedDate, ParsedDate] | None:
    """The two dates of a period statement; None when it holds no readable range."""
    text = fold_width(text)
    m = _RANGE.search(text)
    if m:
        y1, m1, d1, y2, m2, d2 = m.groups()
        end_year = int(y2) if y2 else int(y1)
        raw = m.group(0)
        return make_date(int(y1), int(m1), int(d1), raw), make_date(end_year, int(m2), int(d2), raw)
    m = _YEAR_ONLY.search(text)
    if m:
        y = int(m[1])
        return ParsedDate(date(y, 1, 1), raw=m.group(0)), ParsedDate(date(y, 12, 31), raw=m.group(0))
    return None


def period_in_text(report: Report) -> Period | Unreadable | None:
    """A period statement found in the text (when the metadata has none)."""
    text = full_text(report)
    for m in _KEYWORD.finditer(text):
        window = re.split(r"[。;；\n]", text[m.end():m.end() + 60], maxsplit=1)[0]
        statement = text[m.start():m.end()] + window
        dates = parse_period_text(window)
        if dates:
            return Period(dates[0], dates[1], statement, False)
        if _LOST_CHARACTERS.search(window):
            return Unreadable(statement, False)
        # anything else after the keyword (统计时间截至…) states no period: keep looking
    # no keyword: a date range in a sentence about what the report covers, or in the intro
    # (only a printed report has one: a stated report's text is its sections)
    found = stated_range(text, intro=bool(report.text) and report.printed)
    if found is None:
        return None
    statement = text[found[0]:found[1]]
    dates = parse_period_text(statement)
    return Period(dates[0], dates[1], statement, False) if dates else Unreadable(statement, False)


def find_period(report: Report) -> Period | Unreadable | None:
    """The statistics period: from the metadata, else from the text; None when not stated."""
    sp = report.meta.get("statistics_period")
    if isinstance(sp, str):
        sp = {"text": sp}
    if not (isinstance(sp, dict) and (sp.get("start") or sp.get("end") or sp.get("text"))):
        return period_in_text(report)
    stated = sp.get("text")
    text = stated if isinstance(stated, str) else ""
    if sp.get("start") and sp.get("end"):
        start, end = parse_date(sp["start"]), parse_date(sp["end"])
        # the dates as given, unless they are broken and the wording can do better
        if (start.value and end.value) or not text:
            return Period(start, end, text or f"{start.raw} – {end.raw}", True)
    dates = parse_period_text(text) if text else None
    if dates is None:
        return Unreadable(text or str(sp.get("start") or sp.get("end")), True)
    return Period(dates[0], dates[1], text, True)
