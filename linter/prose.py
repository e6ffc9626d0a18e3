"""The report's prose as the rules read it: each section's text with ASCII punctuation and no
spaces inside CJK runs, the whole text, its sentences, where a snippet sits in the source
lines, and the reporting year.

Neutral text knowledge shared by the rule modules (content, dates, consistency, contact,
prose arithmetic) and by local rules; the views are computed once per report (`Report.derived`).
"""

from __future__ import annotations

import re

from . import spec
from .model import Report, Span
from .normalize import CN_YEAR_DIGITS, cn_digits_value, fold_width, label_key, squeeze_cjk_spaces

SECTION_IDS = tuple(s.id for s in spec.SECTIONS)
SENTENCE_ENDS = "。！？!?；;\n"        # what ends a sentence or a clause of the prose
_SENTENCE_END = re.compile(f"[{SENTENCE_ENDS}]+")


def section_text(report: Report, section_id: str, *, squeeze: bool = True) -> str | None:
    """A section's text with ASCII punctuation (and, by default, no spaces inside CJK runs)."""
    return report.derived(("section_text", section_id, squeeze), lambda: _section_text(report, section_id, squeeze))


def _section_text(report: Report, section_id: str, squeeze: bool) -> str | None:
    sections = report.data.get("sections")
    value = sections.get(section_id) if isinstance(sections, dict) else None
    if not isinstance(value, str):
        return None
    text = fold_width(value)
    return squeeze_cjk_spaces(text) if squeeze else text


def prose(report: Report, *, squeeze: bool = True, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(section id, text) of every section present; the whole text when no section was found."""
    present = [(sid, t) for sid in SECTION_IDS if (t := section_text(report, sid, squeeze=squeeze))]
    if present or not report.text:
        return [(sid, t) for sid, t in present if sid not in skip]
    return [("", report.derived(("whole_text", squeeze), lambda: _whole_text(report, squeeze)))]


def _whole_text(report: Report, squeeze: bool) -> str:
    text = fold_width(report.text)
    return squeeze_cjk_spaces(text) if squeeze else text


def full_text(report: Report) -> str:
    """The whole normalised text (intro included for documents; the sections for YAML)."""
    text = report.text or "\n".join(t for _, t in prose(report, squeeze=False))
    return squeeze_cjk_spaces(fold_width(text))


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def excerpt(text: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


def locate(report: Report, snippet: str) -> Span | None:
    """Where `snippet` sits in the source lines (whitespace- and width-insensitive), if anywhere."""
    if not report.lines:
        return None
    chars = [c for c in fold_width(snippet) if not c.isspace()][:24]
    if not chars:
        return None
    pattern = re.compile(r"\s*".join(re.escape(c) for c in chars))
    for number, line in enumerate(report.lines, start=1):
        m = pattern.search(fold_width(line))
        if m:
            return Span(line=number, column=m.start() + 1)
    return None


def pointer_for(section_id: str) -> str:
    return spec.join_pointer("sections", section_id) if section_id else ""


def section_label(section_id: str) -> tuple[str, str]:
    if not section_id:
        return "正文", "the text"
    numeral = spec.SECTION_BY_ID[section_id].numeral
    return f"第{numeral}部分", f"section {numeral}"


def report_year(report: Report) -> int | None:
    """The reporting year: meta.year, else the first year in the title."""
    if report.year is not None:
        return report.year
    title = report.meta.get("title")
    return year_in(title) if isinstance(title, str) else None


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_YEAR = re.compile(rf"([{CN_YEAR_DIGITS}]{{4}})\s*年")


def year_in(text: str) -> int | None:
    """The first year in `text` (2021年, 二〇二一年), or None."""
    text = fold_width(text)
    m = _YEAR.search(text)
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(text)
    if m and m.group(1).startswith("二"):      # 二〇二一年: only this century's years are reporting years
        return cn_digits_value(m.group(1))
    return None


def line_span(report: Report, needle: str) -> Span | None:
    """The first source line holding `needle` (its first 12 characters, compared by label key)."""
    key = label_key(needle)[:12]
    for number, line in enumerate(report.lines or (), 1):
        if key and key in label_key(line):
            return Span(line=number, column=1)
    return None
