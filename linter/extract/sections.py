"""Top-level section headings 一…六.

Only the section titles of `spec.SECTIONS` count, at the start of a line and with a numeral:
the official wording (under any numeral), a known variant or a close typo (under the section's
own numeral), or a short reworded title with the section's own numeral and core words
(`四、行政复议、行政诉讼情况`). That keeps out
- table 三's own rows `一、本年新收…` … `四、结转下年度继续办理` (same numerals, other words);
- the intro's list of part names (no numeral at line start, or several names in one line);
- sub-headings `（一）主动公开`, `一、主动公开情况` inside 总体情况, and enumerations `一是…`.
A heading may carry a year (`一、2019年政府信息公开工作的总体情况`), stray punctuation
(`一、总体情况、`), a broken numeral separator (`一)总体情况`), traditional characters, or be
followed by its first sentence on the same line, even in the middle of a flattened web page.
A file-marked heading (Word heading style, <h2>, Markdown #) may omit the numeral.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from itertools import pairwise
from typing import NamedTuple

from .. import spec
from ..model import Span
from ..normalize import fold_width, key_of_normalized, label_key
from .units import Unit

_PREFIX = re.compile(rf"^\s*(第)?\s*([{spec.SECTION_NUMERALS}])\s*(部分)?\s*([、.．,，)）:：]|\s)?\s*")
_YEAR = re.compile(r"^(\d{4})年度?")
_HEADING_START = spec.SECTION_NUMERALS + "第"       # 一、总体情况, 第一部分
_CONTENT_SEPARATORS = " \t。:：,，;；"
_MIDLINE = re.compile(rf"[。！？!?]\s*([{spec.SECTION_NUMERALS}])\s*、")


@dataclass(slots=True)
class FoundHeading:
    section: spec.Section
    unit: int                # index of the unit holding the heading
    text: str                # heading as printed
    exact: bool
    span: Span
    content: str = ""        # text following the heading on the same line


def _alternatives() -> list[tuple[spec.Section, str, bool]]:
    """(section, key, is official heading) for every heading and variant."""
    out = []
    for section in spec.SECTIONS:
        out.append((section, label_key(section.heading), True))
        out += [(section, label_key(v), False) for v in section.variants]
    # longest first, so that a variant containing the heading wins over the heading
    return sorted(out, key=lambda item: -len(item[1]))


_ALTS: list[tuple[spec.Section, str, bool]] = []


def _alts() -> list[tuple[spec.Section, str, bool]]:
    if not _ALTS:
        _ALTS.extend(_alternatives())
    return _ALTS


def midline_splitter(line: str):
    """Split a flattened line before a heading buried in it (`…公开如下。 一、总体情况 2024年…`).

    Only after a sentence end, only with the section's own numeral and its exact wording or
    a known variant, so that intro lists (`由一、总体情况、二、…组成`) stay whole. A whole
    report run into one line is cut more boldly (`runon_cuts`, used by extract/runon.py)."""
    if len(line) < 40 or "、" not in line:
        return [(0, line)]
    cuts = []
    for m in _MIDLINE.finditer(line):
        numeral = m.group(1)
        window = line[m.end():m.end() + 60]
        following = _YEAR.sub("", label_key(window))
        for section, key, _ in _alts():
            if section.numeral == numeral and following.startswith(key):
                # the heading must stand alone: a space or the line end after it, not `；二、…`
                end = _heading_end(fold_width(window), len(key) + (len(label_key(window)) - len(following)))
                if end >= len(window.rstrip()) or window[end:end + 1].isspace():
                    cuts.append(m.start(1))
                break
    wrapped = _wrapped_heading_start(line)
    if wrapped is not None:
        cuts.append(wrapped)
    if not cuts:
        return [(0, line)]
    bounds = [0] + cuts + [len(line)]
    return [(a, line[a:b]) for a, b in pairwise(bounds) if line[a:b].strip()]


# A heading in a run-on line follows a sentence, a table's last value or cell, or a bracket.
_RUNON_BEFORE = set("。！？!?；;…\t 　)）】」”0123456789")
# …and is not an item of a list of the parts (`一、总体情况；二、…`, `一、总体情况、二、…`).
_LIST_AFTER = set("、，,；;和及与")
# Headings of at least this many sections in one line make it a whole report run together.
_RUNON_SECTIONS = 3


def runon_cuts(line: str) -> list[int]:
    """Where to cut a whole report flattened into one line (a portal's "copy all", a crawler):
    before and after each section heading with its own numeral and its official wording or a
    known variant, whatever follows it (`二、主动公开政府信息情况主动公开政府信息情况如下表。`).
    Sections are taken in order, the first acceptable occurrence of each after the previous
    one. [] when fewer than `_RUNON_SECTIONS` sections are found: an ordinary line."""
    cuts: list[int] = []
    start = 0
    found = 0
    for section in spec.SECTIONS:
        place = _runon_heading(line, section, start)
        if place is None:
            continue
        begin, end = place
        cuts += [begin, end]
        start = end
        found += 1
    return sorted(set(c for c in cuts if 0 < c < len(line))) if found >= _RUNON_SECTIONS else []


def _runon_heading(line: str, section: spec.Section, start: int) -> tuple[int, int] | None:
    """(start, end) of the first heading of `section` in `line` from `start` on."""
    keys = [key for s, key, _ in _alts() if s is section]
    pos = line.find(f"{section.numeral}、", start)
    while pos >= 0:
        if pos == 0 or line[pos - 1] in _RUNON_BEFORE:
            window = line[pos + 2:pos + 2 + 80]
            window_key = label_key(window)
            body = _YEAR.sub("", window_key)
            for key in keys:
                if body.startswith(key):
                    end = pos + 2 + _heading_end(fold_width(window), len(key) + len(window_key) - len(body))
                    if line[end:end + 1] not in _LIST_AFTER:
                        return pos, end
                    break
        pos = line.find(f"{section.numeral}、", pos + 1)
    return None


# A heading wrapped at the line's end keeps at least this many of its key's characters on
# the line, and at most this few go to the next line (`一、总体情` + `况`).
_WRAPPED_MIN_KEPT = 3
_WRAPPED_MAX_LOST = 3


def _wrapped_heading_start(line: str) -> int | None:
    """Where a heading starts that a wrap cut at the line's end (PDF of a flattened page:
    `…公开如下。 一、总体情` / `况 2024年…`): after a sentence end, the section's own numeral and
    most of its official wording or a variant, up to the end of the line. The cut leaves the
    fragment on a line of its own, where it is recognised as a near-miss of the heading."""
    matches = list(_MIDLINE.finditer(line))
    if not matches:
        return None
    m = matches[-1]
    tail = label_key(line[m.end():])
    if len(tail) < _WRAPPED_MIN_KEPT:
        return None
    for section, key, _ in _alts():
        if section.numeral == m.group(1) and len(tail) < len(key) <= len(tail) + _WRAPPED_MAX_LOST \
                and key.startswith(tail):
            return m.start(1)
    return None


def _heading_end(rest: str, key_len: int) -> int:
    """Offset in `rest` just after the first `key_len` key characters."""
    seen = 0
    for i, ch in enumerate(rest):
        if key_of_normalized(ch):
            seen += 1
            if seen == key_len:
                return i + 1
    return len(rest)


class _Candidate(NamedTuple):
    """A line that may be a heading, cut after the numeral it starts with."""
    norm: str                    # the line (or its table row's one cell), normalised
    numeral: str | None          # 一…六, None for a styled heading without one
    rest: str                    # the text after the numeral
    loose_ok: bool               # may carry content after the words, or be a near miss of them


def _candidate(unit: Unit) -> _Candidate | None:
    norm = unit.norm
    if unit.table is not None:
        texts = [p for p in unit.pieces if not p.empty]
        if len(texts) != 1:
            return None
        norm = texts[0].norm
    norm = norm.rstrip("| ")
    if not norm or len(norm) > 400:
        return None
    m = _PREFIX.match(norm)
    if m and (m.group(4) or m.group(3) or m.group(1)):
        return _Candidate(norm, m.group(2), norm[m.end():], True)
    if m:
        # `一总体情况` (no separator): accepted only when the words then match exactly
        return _Candidate(norm, m.group(2), norm[m.end():], unit.level is not None)
    if unit.level is not None:
        return _Candidate(norm, None, norm, True)
    return None


def _match(unit: Unit) -> FoundHeading | None:
    candidate = _candidate(unit)
    if candidate is None:
        return None
    rest_key = key_of_normalized(candidate.rest)
    year = _YEAR.match(rest_key)
    year_len = len(year.group(0)) if year else 0
    body_key = rest_key[year_len:]
    if not body_key:
        return None
    found = _by_wording(unit, candidate, body_key, year_len)
    if found is not None or candidate.numeral is None or not candidate.loose_ok \
            or len(body_key) > 40 or len(body_key) < 3:
        return found
    numeral, norm = candidate.numeral, candidate.norm
    return _by_similar_wording(unit, norm, numeral, body_key) or _by_core_words(unit, norm, numeral, body_key)


def _by_wording(unit: Unit, candidate: _Candidate, body_key: str, year_len: int) -> FoundHeading | None:
    """A heading with a section's official wording or a known variant, alone or followed by content."""
    numeral, rest = candidate.numeral, candidate.rest
    for section, key, official in _alts():
        if numeral is not None and numeral != section.numeral and not official:
            # a variant under another section's numeral is a sub-heading (`一、主动公开情况`
            # inside 总体情况); only the official wording may carry a wrong numeral
            continue
        if body_key == key:
            return _found(unit, section, numeral, candidate.norm, official and not year_len, "")
        if body_key.startswith(key) and numeral is not None and candidate.loose_ok:
            end = _heading_end(rest, year_len + len(key))
            after = rest[end:]
            # content may follow after punctuation, a space or a year (`一、总体情况2021年，…`)
            if after[:1] and (after[:1] in _CONTENT_SEPARATORS or after[:1].isdigit()) \
                    and not _names_other_section(after, section):
                stripped = after.lstrip(_CONTENT_SEPARATORS)
                heading_text = candidate.norm[:len(candidate.norm) - len(rest) + end]
                return _found(unit, section, numeral, heading_text, official and not year_len, stripped)
    return None


def _by_similar_wording(unit: Unit, norm: str, numeral: str, body_key: str) -> FoundHeading | None:
    """A heading with typos: the numeral's section whose wording is at least 80 % similar."""
    best: tuple[float, spec.Section] | None = None
    body_chars = set(body_key)
    for section, key, _official in _alts():
        if section.numeral != numeral or abs(len(key) - len(body_key)) > max(2, len(key) // 4):
            continue
        # cheap bound before difflib: typos keep most characters
        if len(body_chars.intersection(key)) < 0.7 * len(set(key)):
            continue
        matcher = SequenceMatcher(None, body_key, key)
        if matcher.quick_ratio() < 0.8:
            continue
        ratio = matcher.ratio()
        if ratio >= 0.8 and (best is None or ratio > best[0]):
            best = (ratio, section)
    return _found(unit, best[1], numeral, norm, False, "") if best else None


def _by_core_words(unit: Unit, norm: str, numeral: str, body_key: str) -> FoundHeading | None:
    """A reworded heading (`四、行政复议、行政诉讼情况`): short, the section's own numeral and
    its core words; table 三's rows 一、…四、 carry none of their numeral's core words."""
    section = spec.SECTION_BY_NUMERAL.get(numeral)
    if section is not None and len(body_key) <= 24 and _CORE[section.id](body_key):
        return _found(unit, section, numeral, norm, False, "")
    return None


_CORE = {
    "overview": lambda k: "总体情况" in k or "概述" in k or "总体概况" in k,
    "proactive": lambda k: "主动公开" in k,
    "applications": lambda k: "依申请" in k or ("申请" in k and ("收到" in k or "处理" in k)),
    "reviews": lambda k: "行政复议" in k or "行政诉讼" in k,
    "problems": lambda k: "问题" in k and ("改进" in k or "整改" in k),
    "other": lambda k: "其他" in k and "事项" in k,
}


def _names_other_section(text: str, section: spec.Section) -> bool:
    key = key_of_normalized(text)
    return any(s.id != section.id and k in key for s, k, _ in _alts())


def _found(unit: Unit, section: spec.Section, numeral: str | None, heading_norm: str,
           official: bool, content: str) -> FoundHeading:
    printed = heading_norm.replace(" ", "").replace("\t", "")
    exact = official and numeral == section.numeral and printed == fold_width(section.full_heading)
    text = unit.text.strip()
    span = unit.span
    if content:
        if unit.table is None and len(unit.sim) == len(unit.norm):
            # the content as printed (full-width punctuation kept), not its folded form
            start = unit.norm.rfind(content)
            content = unit.sim[start:] if start >= 0 else content
        cut = max(len(text) - len(content), 0)
        text = text[:cut].rstrip()
        if span.line is not None and span.column is not None:
            span = replace(span, end_line=span.line, end_column=span.column + len(text))
    return FoundHeading(section, unit.index, text, exact, span, content)


def find_headings(units: list[Unit]) -> list[FoundHeading]:
    found = []
    for i, unit in enumerate(units):
        if unit.pieces and (unit.level is not None or unit.norm[:1] in _HEADING_START + " \t"
                            or (unit.table is not None and any(p.norm[:1] in _HEADING_START for p in unit.pieces))):
            heading = _match(unit)
            if heading is not None:
                if not heading.exact and i + 1 < len(units):
                    heading = _completed_by_next_line(heading, unit, units[i + 1])
                found.append(heading)
    return found


def _completed_by_next_line(heading: FoundHeading, unit: Unit, following: Unit) -> FoundHeading:
    """A heading a wrap cut (`一、总体情` / `况 2024年…`, see `_wrapped_heading_start`) is the
    official one when the next line starts with its missing characters."""
    official = fold_width(heading.section.full_heading)
    printed = unit.norm.replace(" ", "")
    if following.table is None and official.startswith(printed) and len(printed) < len(official) \
            and following.norm.replace(" ", "").startswith(official[len(printed):]):
        return replace(heading, exact=True)
    return heading
