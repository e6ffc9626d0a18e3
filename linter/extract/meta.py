"""Report metadata: title, organ, year, statistics period, report date, URL, contact details.

Sources, in order of trust: the title line (before section 一), the intro's own sentences
(`现公布…2023年政府信息公开工作年度报告`, `统计期限自…至…`, `联系电话：…`), the signature at
the end (organ + date), and the overview's opening sentence. The title year wins; other years
stay in the text for the date rules to compare. Anything found but unparseable is kept raw
(a garbled period keeps only its `text`), so that the rules report it instead of a miss.

Sentences are searched in a `Flow`: the lines joined again where the source wrapped them
(PDF lines, hard-wrapped text), so that `邮政` + `编码：350001` is one label and value.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import NamedTuple

from ..model import Span
from ..normalize import CN_NUMERALS, CN_YEAR_DIGITS, cn_digits_value, number_value, squeeze_cjk_spaces
from ..periods import stated_range
from ..spec import PERIOD_KEYWORDS, SECTION_NUMERALS
from .units import Unit

_ORGAN_SUFFIX = re.compile(r"(人民政府|政府|办事处|街道|局|委员会|委|办公室|办|厅|部|署|院|中心|乡|镇|所|站|队|会|处|馆"
                           r"|公司|集团|社|行|管委会|管理委员会)$")
_TITLE = re.compile(r"政府信息公开.{0,10}报告$|政务公开.{0,10}报告$")
_TITLE_YEAR = re.compile(r"(\d{4})\s*年度?")
_REPORT_NAME = re.compile(r"(?:现公布|现将|现向社会公布|现予公布|现发布|现公开|特发布|公布|发布|编制|公开)[《<]?"
                          r"([^，。,:：;；《》<>()（）\s]{2,30}?)[《<]?\s*(\d{4})\s*年度?\s*政府信息公开(?:工作)?(?:年度)?报告")
_YEAR_OF_WORK = re.compile(r"(\d{4})\s*年度?的?政府信息公开工作")
# the organ is the shortest name that a predicate follows (`丰收乡在县委…` → 丰收乡)
_OVERVIEW_ORGAN = re.compile(r"^\s*\d{4}\s*年度?(?:以来)?\s*[,，]\s*([\u4e00-\u9fff]{2,25}?(?:人民政府|政府|办事处|街道"
                             r"|局|委员会|办公室|厅|中心|乡|镇))(?=在|认真|严格|坚持|不断|始终|紧紧|全面|深入|按照|以|持续"
                             r"|围绕|高度|进一步|积极|扎实|着力|切实|结合|共|主动|通过|依托|聚焦|立足|把|将|对|继续|狠抓|大力"
                             r"|贯彻|落实|根据|依据)")
_CONTACT_ORGAN = re.compile(r"请与([^，。,:：;；()（）\s]{2,30}?)(?:联系|[(（])")
_NOT_ORGAN = re.compile(r"^(我|本|该|其)")

_DATE_LINE = re.compile(rf"^(?P<organ>.*?)\s*(?P<y>\d{{4}}|[{CN_YEAR_DIGITS}]{{4}})\s*年"
                        rf"\s*(?P<m>\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*月\s*(?P<d>\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*日$")
# A signature dated 2022-01-06, 2022/1/6 or 2022.1.6 (the seed's own form)
_NUMERIC_DATE_LINE = re.compile(r"^(?P<organ>.*?)\s*(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})"
                                r"\s*(?P=sep)\s*(?P<d>\d{1,2})$")

_PERIOD_KEYWORD = re.compile(PERIOD_KEYWORDS)
_FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# A period stated without a keyword: an explicit range of dates (the end may leave out its year),
# possibly with 年/月 lost in extraction (201911日至1231日); read only where it says what the
# report covers (see stated_range)
_MONTH_RANGE = re.compile(r"\s*[自从]?\s*(\d{4})\s*年\s*"
                          r"(?:度|全年|(?:(\d{1,2})\s*月?\s*(?:至|到|—|-|~)\s*(\d{1,2})\s*月))(?:份)?(?:\s*止)?")
_SENTENCE_END = re.compile(r"[。；;\n]")

# `http//…` and `http:/…` too: a broken scheme is for C604 to report, not a reason to lose the URL
_URL = re.compile(r"(?:https?:?//?(?=[A-Za-z0-9])|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+", re.I)
# a label, an optional aside (`电子邮箱(E-mail)`), then a colon or 为/是
_FIELD = re.compile(r"(联系电话|咨询电话|办公电话|电话号码|联系方式|(?<!传)电话|电子邮箱|电子信箱|电子邮件|邮箱"
                    r"|e-?mail|通讯地址|联系地址|办公地址|通信地址|(?<!网)地址|邮政编码|邮编|传真|网站)"
                    r"(?:\s*[(（][A-Za-z\-\s]{1,10}[)）])?(?:\s*(?P<colon>[:：])|\s*(?:为|是)\s*(?P<colon2>[:：])?)\s*",
                    re.I)
_PHONE_VALUE = re.compile(r"[0-9()（）\-－—\s转/、]{7,}")
_EMAIL_VALUE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]*[A-Za-z0-9]")
_UNTIL_SEPARATOR = re.compile(r"[^,，;；。()（）\s]+")
_FIELD_IDS = {"联系电话": "phone", "咨询电话": "phone", "办公电话": "phone", "电话号码": "phone", "联系方式": "phone",
              "电话": "phone", "电子邮箱": "email", "电子信箱": "email", "电子邮件": "email", "邮箱": "email",
              "email": "email", "e-mail": "email", "通讯地址": "address", "联系地址": "address",
              "办公地址": "address", "通信地址": "address", "地址": "address", "邮政编码": "postcode",
              "邮编": "postcode", "传真": "fax", "网站": "website"}
_PUBLICATION_CONTEXT = re.compile(r"本报告|年报|年度报告|电子版|查阅|下载|浏览|获取")

_LINE_END = tuple("。；;！!？?：:）)」』”\"|")
_LIST_START = re.compile(rf"^\s*(?:[{CN_NUMERALS}]+[、.．]|[(（][{CN_NUMERALS}\d]+[)）]|\d+[.、．]"
                         rf"|第[{SECTION_NUMERALS}])")


def wrapped(previous: str, following: str) -> bool:
    """Whether `following` continues a line the source wrapped (PDF lines, hard-wrapped
    text): a long line without closing punctuation, not followed by a numbered item."""
    return (len(previous) >= 20 and not previous.endswith(_LINE_END)
            and not _LIST_START.match(following)
            and not (_LIST_START.match(previous) and len(previous) < 30))   # a numbered sub-heading


class Flow:
    """Text lines (no table rows) joined into one string, wrapped lines glued back."""

    def __init__(self, units: list[Unit]):
        parts: list[str] = []
        self.units: list[Unit] = []
        self.starts: list[int] = []
        pos = 0
        for unit in units:
            if unit.table is not None or unit.pipes or not unit.norm:
                continue
            if self.units:
                sep = "" if wrapped(self.units[-1].norm, unit.norm) else "\n"
                parts.append(sep)
                pos += len(sep)
            self.units.append(unit)
            self.starts.append(pos)
            parts.append(unit.norm)
            pos += len(unit.norm)
        self.text = "".join(parts)

    def locate(self, pos: int) -> tuple[Unit, int]:
        i = max(bisect.bisect_right(self.starts, pos) - 1, 0)
        return self.units[i], pos - self.starts[i]

    def span(self, start: int, end: int) -> Span:
        unit, offset = self.locate(start)
        last, last_offset = self.locate(max(end - 1, start))
        if last is unit:
            return sub_span(unit, offset, offset + (end - start))
        first = sub_span(unit, offset, len(unit.norm))
        tail = sub_span(last, 0, last_offset + 1)
        if first.line is not None and tail.line is not None:
            return replace(first, end_line=tail.end_line or tail.line, end_column=tail.end_column)
        return first


def sub_span(unit: Unit, start: int, end: int) -> Span:
    """Span of unit.norm[start:end]; exact columns only when the line was not reshaped."""
    span = unit.span
    if span.line is None or span.column is None or len(unit.norm) != len(unit.text.strip()):
        return span
    column = span.column + start
    return replace(span, column=column, end_line=span.line, end_column=column + (end - start))


def _cn_number(text: str) -> int:
    """2022, 二〇二二 (digit by digit), 十二, 二十一; 0 when unreadable (the date rules report the date)."""
    value = cn_digits_value(text)
    if value is None:
        value = number_value(text)
    return value or 0


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _iso(y: int, m: int, d: int) -> str:
    """ISO form even for an impossible date (2月30日): the date rules report it."""
    return f"{y:04d}-{m:02d}-{d:02d}"


def _clean_organ(text: str) -> str | None:
    organ = squeeze_cjk_spaces(text).strip(" 《》<>“”\"'|:：,，")
    organ = re.sub(r"(关于|的)$", "", organ)
    if not organ or len(organ) > 40 or _NOT_ORGAN.match(organ):
        return None
    return organ


# ---------------------------------------------------------------- title / organ / year

def find_title(units: list[Unit], end: int, doc_title: str | None) -> tuple[str | None, Unit | None]:
    """(title, unit) from the lines before section 一, else the document's own title."""
    lines = [u for u in units[:end] if u.table is None and u.norm]
    for i, unit in enumerate(lines):
        text = squeeze_cjk_spaces(unit.norm.replace("|...|", "").strip("| .《》"))
        if len(text) > 60 or "。" in text or not _TITLE.search(text):
            continue
        if (not _TITLE_YEAR.search(text) or re.match(r"^\d{4}\s*年", text)) and i > 0:
            # organ on the line above (`五常市民意乡` / `2021年政府信息公开工作年度报告`)
            above = squeeze_cjk_spaces(lines[i - 1].norm)
            if len(above) <= 30 and not re.search(r"[。，,:：;；]", above) and not _TITLE.search(above):
                return above + text, lines[i - 1]
        return text, unit
    for first, second in pairwise(lines):        # title broken over two lines
        joined = squeeze_cjk_spaces(first.norm + second.norm)
        if len(joined) <= 60 and "。" not in joined and _TITLE.search(joined) and _TITLE_YEAR.search(joined):
            return joined, first
    if doc_title:
        # <title> often appends the site: `…年度报告_示例县人民政府`
        for part in re.split(r"\s*[_|｜]\s*|\s+[-—]+\s+", doc_title.strip()):
            text = squeeze_cjk_spaces(part)
            if _TITLE.search(text):
                return text, None
    return None, None


def title_year(title: str) -> int | None:
    m = _TITLE_YEAR.search(title)
    return int(m.group(1)) if m else None


def organ_from_title(title: str) -> str | None:
    m = _TITLE_YEAR.search(title)
    if not m:
        return None
    before = _clean_organ(title[:m.start()])
    if before:
        return before
    after = re.match(r"(.+?)(?:政府信息公开|政务公开)", title[m.end():])
    return _clean_organ(after.group(1)) if after else None


def organ_from_body(flow: Flow) -> tuple[str, Span] | None:
    """`现公布区统计局2023年…报告`, `请与宣州区审计局联系`."""
    for pattern in (_REPORT_NAME, _CONTACT_ORGAN):
        for m in pattern.finditer(flow.text):
            organ = _clean_organ(m.group(1))
            if organ and _ORGAN_SUFFIX.search(organ):
                return organ, flow.span(*m.span(1))
    return None


def organ_from_overview(units: list[Unit]) -> tuple[str, Unit] | None:
    """`2022年,抚远市自然资源局不断强化…`: the organ opening the overview's first sentence."""
    for unit in units:
        m = _OVERVIEW_ORGAN.match(squeeze_cjk_spaces(unit.norm))
        if m:
            organ = _clean_organ(m.group(1))
            if organ:
                return organ, unit
    return None


def body_year(flow: Flow) -> tuple[int, Span] | None:
    """The reporting year named in the intro/overview: `…2023年政府信息公开工作年度报告`,
    `汇报我镇2023年政府信息公开工作`, else the first `YYYY年` opening a line."""
    text = flow.text
    for pattern in (_REPORT_NAME, _YEAR_OF_WORK):
        m = pattern.search(text)
        if m and m.lastindex:       # the year is the pattern's last group
            return int(m.group(m.lastindex)), flow.span(*m.span(m.lastindex))
    for m in re.finditer(r"(?:^|\n)\s*(\d{4})\s*年", text):
        if 2000 <= int(m.group(1)) <= 2100:
            return int(m.group(1)), flow.span(*m.span(1))
    return None


# ---------------------------------------------------------------- statistics period

def period_by_keyword(flow: Flow) -> tuple[dict, Span] | None:
    """statistics_period mapping and its span, from a sentence naming it (统计期限…). Garbled
    text keeps only `text`."""
    text = flow.text
    for m in _PERIOD_KEYWORD.finditer(text):
        stop = _SENTENCE_END.search(text, m.end())
        end = stop.start() if stop else len(text)
        clause = text[m.end():end]
        if not re.search(r"\d", clause):
            continue
        # the period proper starts at 自/从, after 为/是/:, or at the first digit
        start_m = re.search(r"[自从]|(?<=[为是:：])|\d", clause)
        start = m.end() + (start_m.start() if start_m else 0)
        period, length = _parse_period(text[start:end])
        return period, flow.span(start, start + length)
    return None


def period_by_range(flow: Flow) -> tuple[dict, Span] | None:
    """statistics_period mapping and its span, from a date range stated without a keyword
    (`periods.stated_range`)."""
    found = stated_range(flow.text)
    if found is None:
        return None
    period, length = _parse_period(flow.text[found[0]:found[1]])
    return period, flow.span(found[0], found[0] + length)


def _parse_period(text: str) -> tuple[dict, int]:
    text = text.rstrip(" ,，")
    first = _FULL_DATE.search(text)
    if first is None:
        months = _MONTH_RANGE.match(text)
        if months:                    # 2021年1月至12月, 2021年1-12月, 2021年度, 2021年全年
            year = int(months.group(1))
            m1, m2 = int(months.group(2) or 1), int(months.group(3) or 12)
            if 1 <= m1 <= m2 <= 12:
                return {"start": _iso(year, m1, 1), "end": _iso(year, m2, _last_day(year, m2)),
                        "text": text[:months.end()].strip()}, months.end()
        return {"text": text.strip()}, len(text)
    y1, m1, d1 = (int(g) for g in first.groups())
    rest = text[first.end():]
    second = _FULL_DATE.search(rest)
    if second:
        y2, m2, d2 = (int(g) for g in second.groups())
        span_end = first.end() + second.end()
    else:
        md = _MONTH_DAY.search(rest)
        if not md:
            return {"text": text.strip()}, len(text)
        y2, m2, d2 = y1, int(md.group(1)), int(md.group(2))
        span_end = first.end() + md.end()
    tail = re.match(r"\s*止", text[span_end:])
    if tail:
        span_end += tail.end()
    begin = 0 if re.match(r"^\s*[自从]", text) else first.start()
    return {"start": _iso(y1, m1, d1), "end": _iso(y2, m2, d2), "text": text[begin:span_end].strip()}, span_end


# ---------------------------------------------------------------- signature / report date

@dataclass(frozen=True, slots=True)
class Signature:
    """The organ and date closing the report (`濉溪镇人民政府` / `2022年1月6日`)."""
    date: str                    # ISO, even when impossible (2月30日): the date rules report it
    date_unit: Unit
    organ_unit: Unit | None
    organ: str | None


def find_signature(units: list[Unit], after: int) -> Signature | None:
    """The signature among the last lines after unit `after`."""
    tail = [u for u in units[after:] if u.table is None and u.norm][-4:]
    for pos in range(len(tail) - 1, -1, -1):
        unit = tail[pos]
        line = squeeze_cjk_spaces(unit.norm)
        m = _DATE_LINE.match(line) or _NUMERIC_DATE_LINE.match(line)
        if not m:
            continue
        y, mo, d = _cn_number(m.group("y")), _cn_number(m.group("m")), _cn_number(m.group("d"))
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        organ_text = m.group("organ").strip() or None
        organ_unit = unit if organ_text else None
        if organ_text and not _ORGAN_SUFFIX.search(organ_text):
            continue            # a sentence ending with a date is not a signature
        if organ_text is None and pos > 0:
            above = squeeze_cjk_spaces(tail[pos - 1].norm)
            if len(above) <= 40 and not re.search(r"[。；;,，:：]", above) and _ORGAN_SUFFIX.search(above):
                organ_unit, organ_text = tail[pos - 1], above
        return Signature(_iso(y, mo, d), unit, organ_unit, organ_text)
    return None


# ---------------------------------------------------------------- URL and contact

class FoundUrl(NamedTuple):
    url: str
    start: int                   # where it is in the flow's text
    end: int
    about_report: bool           # in a sentence about the report's publication (本报告…可在…查阅)


def find_urls(flow: Flow) -> list[FoundUrl]:
    """Every URL in the flow's text."""
    out = []
    text = flow.text
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(".,;:!?'])>")
        before = text.rfind("\n", 0, m.start())
        sentence = text[before + 1:m.start()]
        sentence = re.split(r"[。；;]", sentence)[-1]
        out.append(FoundUrl(url, m.start(), m.start() + len(url), bool(_PUBLICATION_CONTEXT.search(sentence))
                            and "网站:" not in text[max(0, m.start() - 4):m.start()].replace("：", ":")))
    return out


def find_contact(flow: Flow, limit: int | None = None) -> dict[str, tuple[str, int, int]]:
    """First value of each contact field that carries a label (`联系电话：…`, `邮编:…`),
    searched in flow.text[:limit]."""
    found: dict[str, tuple[str, int, int]] = {}
    text = flow.text if limit is None else flow.text[:limit]
    for m in _FIELD.finditer(text):
        field = _FIELD_IDS[m.group(1).lower()]
        if field in found:
            continue
        rest = text[m.end():m.end() + 120]
        if field in ("phone", "fax"):
            v = _PHONE_VALUE.match(rest)
            value = v.group(0).strip(" 、/-—") if v else ""
            if value.count(")") > value.count("("):
                value = value[:value.rfind(")")].rstrip()
            if sum(c.isdigit() for c in value) < 5:
                continue
        elif field == "email":
            v = _EMAIL_VALUE.match(rest) or _UNTIL_SEPARATOR.match(rest)
            value = v.group(0) if v else ""
        elif field == "website":
            # without a colon, only an address is a value: 以县政府门户网站为主 names no website
            colon = m.group("colon") or m.group("colon2")
            v = _URL.match(rest) or (_UNTIL_SEPARATOR.match(rest) if colon else None)
            value = v.group(0).rstrip(".,;:!?'])>") if v else ""
        elif field == "postcode":
            v = re.match(r"\d+", rest)
            value = v.group(0) if v else ""
        else:
            v = re.match(r"[^,，;；。)）\n]+", rest)
            value = v.group(0).strip() if v else ""
        if value:
            found[field] = (value, m.end(), m.end() + len(value))
    return found
