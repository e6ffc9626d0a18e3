"""Dates as a report states them: YAML dates, ISO text, 2022年1月6日 and 二〇二二年一月六日,
read into a real date or the reason there is none (2月30日 is impossible, a damaged date is
unparseable). Shared by the date rules, the statistics period (`periods.py`) and local rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from .normalize import CN_NUMERALS, CN_YEAR_DIGITS, cn_digits_value, fold_width, number_value


@dataclass(frozen=True)
class ParsedDate:
    """A date read from the report: `value` when real; otherwise why not."""
    value: date | None
    problem: str | None = None      # "impossible" (2月30日) | "unparseable"
    raw: str = ""


# A date as written in the text, 2022年1月6日 (or 6号, or no day mark), spaces allowed: groups
# year, month, day. The statistics period's ranges are made of it (periods.py).
DATE_TEXT = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?"
_ISO = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$")
_ZH = re.compile(f"^{DATE_TEXT}$")
_ZH_CN = re.compile(rf"^([{CN_YEAR_DIGITS}]{{4}})\s*年\s*([{CN_NUMERALS}]{{1,3}})\s*月"
                    rf"\s*([{CN_NUMERALS}]{{1,3}})\s*[日号]?$")


def make_date(y: int, m: int, d: int, raw: str) -> ParsedDate:
    """The date y-m-d, or an "impossible" ParsedDate (2月30日) that keeps the text as written."""
    try:
        return ParsedDate(date(y, m, d), raw=raw)
    except ValueError:
        return ParsedDate(None, "impossible", raw)


def parse_date(value: object) -> ParsedDate:
    """A date from YAML (date/datetime), ISO text, 2022年1月6日 or 二〇二二年一月六日."""
    if isinstance(value, datetime):
        return ParsedDate(value.date(), raw=value.isoformat())
    if isinstance(value, date):
        return ParsedDate(value, raw=value.isoformat())
    if not isinstance(value, str):
        return ParsedDate(None, "unparseable", str(value))
    raw = value
    text = fold_width(value).strip().rstrip("。.")
    for pattern in (_ISO, _ZH):
        m = pattern.match(text)
        if m:
            return make_date(int(m[1]), int(m[2]), int(m[3]), raw)
    m = _ZH_CN.match(text)
    if m:
        year, month, day = cn_digits_value(m[1]), number_value(m[2]), number_value(m[3])
        if year is not None and month is not None and day is not None:
            return make_date(year, month, day, raw)
    return ParsedDate(None, "unparseable", raw)
