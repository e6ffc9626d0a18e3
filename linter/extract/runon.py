"""A whole report run into one line: where its headings and table rows begin again.

A portal's "copy all", a crawler or a careless paste gives the report as one line: section
headings mid-line (`…工作质量。六、其他需要报告的事项本年度…`) and table rows glued to the
previous row's last value (`…\t0\t16二、上年结转…`) or to the header (`现行有效件数规章\t0`).
`splitter(line)` cuts such a line back into the lines it was; any other line goes to the
ordinary mid-line heading splitter unchanged.

A line is taken as a run-on report only when the headings of at least three sections stand
in it in order (`sections.runon_cuts`), so prose that merely mentions a part is never cut.
Table rows are cut where the end of one row meets the start of the next: a value cell
followed by a row label, a header label followed by the first row's label or value, the text
before a table followed by its first label.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from .. import spec
from ..normalize import label_key
from .labels import index as label_index
from .sections import midline_splitter, runon_cuts

# A value cell (`\t16`) glued to the label that starts the next row (`二、上年结转…`, `行政许可`,
# `（七）总计`, `2.重复申请`): a number after a tab or space (a web page's text keeps spaces for
# tabs), then (after spaces) a character that no value or unit continues with, or a numbered label.
_VALUE_THEN_LABEL = re.compile(r"(?<=[\t ])[-+]?\d+(?:\.\d+)?"
                               r"(?= *[^\d\s.,，、%％件万元个条次人项份年月日]| +\d{1,2}[.．][^\d\s])")
_CELL = re.compile(r"[^\t ]+")
_VALUE = re.compile(r"[-+]?\d+(?:\.\d+)?")


def splitter(line: str) -> list[tuple[int, str]]:
    """(offset, segment) pairs of `line`: a run-on report cut at its headings and table rows,
    any other line as `sections.midline_splitter` cuts it."""
    cuts = runon_cuts(line) if len(line) >= 40 and "、" in line else []
    if not cuts:
        return midline_splitter(line)
    cuts = sorted(set(cuts) | set(_row_cuts(line)) | set(_title_and_signature_cuts(line)))
    bounds = [0] + cuts + [len(line)]
    return [(a, _as_cells(line[a:b])) for a, b in pairwise(bounds) if line[a:b].strip()]


def _as_cells(segment: str) -> str:
    """A table row whose cells a web page's text left apart by single spaces (`规章 0 0 0`,
    `1 0 0 1 2 …`) with tabs between them, as the text of the page's table has: the same
    length, so every offset stays where it was. Any other segment is returned as it is."""
    if "\t" in segment or " " not in segment.strip():
        return segment
    cells = segment.split()
    if len(cells) < 2 or not all(_VALUE.fullmatch(c) or _label_kind(c) is not None for c in cells):
        return segment
    return segment.replace(" ", "\t")


def _row_cuts(line: str) -> list[int]:
    """Offsets where a table row starts again inside `line`: between cells (tab- or
    space-separated), or inside one that joins the end of a row to the start of the next."""
    cuts = [m.end() for m in _VALUE_THEN_LABEL.finditer(line)]
    previous, previous_text = None, ""
    for cell in _CELL.finditer(line):
        text = cell.group()
        cut = _prose_then_label(text) or _header_then_row(text)
        if cut:
            cuts.append(cell.start() + cut)
        kind = "value" if _VALUE.fullmatch(text) else _label_kind(text) if len(text) <= 60 else None
        if kind in ("row", "value") and previous == "column":     # `现行有效件数 规章`, `总计 1`: the header row ended
            cuts.append(cell.start())
        elif kind not in (None, "value") and _SENTENCE_END.match(previous_text[-1:]):   # `如下表。 行政复议`
            cuts.append(cell.start())
        previous, previous_text = kind, text
    return cuts


# The title with its organ (`建宁县濉溪镇人民政府 2021 年政府信息公开工作年度报告`), and a closing date.
_TITLE_ORGAN = re.compile(r"^\s*(\S.{1,40}?)\s*(?:19|20)\d{2}\s*年度?\s*政府信息公开工作\s*年度\s*报告")
_CLOSING_DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


def _title_and_signature_cuts(line: str) -> list[int]:
    """After the title at the start; and the signature at the end (`…事项无濉溪镇人民政府2022年1月6日`):
    before the closing date, and before the organ's name when it repeats (the end of) the
    organ named in the title."""
    title = _TITLE_ORGAN.match(line)
    cuts = [title.end()] if title is not None else []
    date = _CLOSING_DATE.search(line)
    if date is None:
        return cuts
    cuts.append(date.start())
    if title is not None:
        organ, before = title.group(1).replace(" ", ""), line[:date.start()].rstrip()
        for size in range(len(organ), 3, -1):
            if before.endswith(organ[-size:]):
                cuts.append(len(before) - size)
                break
    return cuts


_TRAILING_VALUE = re.compile(r"\s*[-+]?\d+(?:\.\d+)?$")
_SENTENCE_END = re.compile(r"[。：:；;！？]")


def _prose_then_label(cell: str) -> int:
    """In a cell that is the text before a table followed by its first label (`…情况如下表。行政复议`),
    the offset of the label; 0 otherwise."""
    ends = [m.end() for m in _SENTENCE_END.finditer(cell)]
    if ends and ends[-1] < len(cell) and _label_kind(cell[ends[-1]:]) is not None:
        return ends[-1]
    return 0


def _header_then_row(cell: str) -> int:
    """In a cell that is the header row's last column label followed by the first row's label
    (`现行有效件数规章`) or first value (表四's `总计1`), the offset where the row starts; 0 otherwise."""
    if len(cell) > 60:
        return 0
    value = _TRAILING_VALUE.search(cell)
    if value and value.start() > 0 and _label_kind(cell[:value.start()]) == "column":
        return value.start()
    for label in _row_labels():
        if cell.endswith(label) and len(cell) > len(label) and _label_kind(cell[:-len(label)]) == "column":
            return len(cell) - len(label)
    return 0


def _label_kind(text: str) -> str | None:
    """The kind of table label `text` is exactly (row, column, group, block, header), or None."""
    key = label_key(text)
    hit = label_index().exact(key) if key else None
    return hit.target.kind if hit is not None else None


@lru_cache(maxsize=1)
def _row_labels() -> tuple[str, ...]:
    labels = {label for tables in spec.TABLES.values() for table in tables.values()
              for row in table.rows for label in (row.label, *row.aliases)}
    return tuple(sorted(labels, key=len, reverse=True))
