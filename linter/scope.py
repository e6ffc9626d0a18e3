"""Whether a report is in the 2019/2021 format at all (`pre_2019_code`): a report of an
earlier year, or in the structure of the 2008 regulation, is out of scope. The engine asks
before running the rules (such a report gets its S109/S110 finding alone) and the S109/S110
rules report it; one definition, so the two always agree.
"""

from __future__ import annotations

import re
import unicodedata

from .model import Report, Span
from .normalize import CN_NUMERALS
from .prose import line_span

# Headings only the 2008-regulation structure has (概述 / … / 收费及减免 / … / 七、其他需要报告的事项).
_OLD_STRUCTURE = re.compile(
    rf"^[ \t　]*(?:[{CN_NUMERALS}][、.．][^\n]{{0,30}}收费(?:及|和|、)减免[^\n]*"
    rf"|七[、.．][ \t　]*其他需要报告的事项[^\n]*)$", re.M)


def old_structure(report: Report) -> tuple[str, Span | None] | None:
    """The first heading of the 2008 structure when the tables of 2019/2021 were not found."""
    if report.format_version is not None:
        return None
    match = _OLD_STRUCTURE.search(unicodedata.normalize("NFKC", report.text or ""))
    if match is None:
        return None
    marker = match.group(0).strip()
    return marker, line_span(report, marker)


def _period_start_year(report: Report) -> int | None:
    period = report.meta.get("statistics_period")
    start = period.get("start") if isinstance(period, dict) else None
    return int(start[:4]) if isinstance(start, str) and start[:4].isdigit() else None


def pre_2019_code(report: Report) -> str | None:
    """'S109' or 'S110' when the report is not in the 2019/2021 format at all, else None.

    S109: a year before 2019, or no year and the 2008 structure (out of scope). S110: the
    2008 structure in a report of 2019 or later. Either way the 2019/2021 rules would only
    produce noise (every table missing, every heading a variant), so the engine reports this
    code alone, with the input findings, and skips the other rules.
    """
    year = report.year
    if year is not None and year < 2019:
        # A document's year is read from its title, where one mistyped digit (2012 for
        # 2022) must not hide every other finding: a statistics period in 2019 or later says
        # the year is what is wrong, and the date rules report it. A YAML/JSON report states
        # its year.
        if report.printed and (_period_start_year(report) or 0) >= 2019:
            return None
        return "S109"
    if old_structure(report) is None:
        return None
    return "S109" if year is None else "S110"
