"""A table without ruling lines, read from the positions of its text runs.

A PDF table drawn without lines (columns aligned by white space) reads as text lines, which
the extractor understands as long as each row is one line. When labels wrap inside their
column (`一、本年新收政府信息公` / `开申请数量`), a row becomes several lines and the label
fragments are taken for rows of their own. Here the rows are found again from positions:
a row is anchored by its numbers (three or more number runs at one height, right of every
label), and each label block (a cell's lines: runs one under the other in one column)
belongs to the row at whose height it starts (cells top-aligned, as Word, WPS and
LibreOffice set them by default). A row is given back as one text line: its label blocks
left to right, then its numbers, separated by spaces. Label lines above a page's first row
with nothing else above them are the rest of the previous page's last row (`lead`).

Only the rows are rebuilt; the header above the first row stays as text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .pdf_tables import ROW_START

_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_SAME_LINE = 3.0        # points: runs whose vertical centres are this close share a line
_TOUCH = 4.0            # points: runs of one line this close are one word
_MIN_NUMBERS = 3        # a row anchor has this many numbers at least
_MIN_ROWS = 2           # and a table part this many anchored rows
_NEXT_LINE = 2.0        # a cell's next line starts within this many run heights
_RECENT_BLOCKS = 64     # a cell's next line is looked for among this many latest cells only


@dataclass(slots=True)
class Run:
    """A text run on a page (top-down coordinates, points)."""
    x0: float
    top: float
    x1: float
    bottom: float
    text: str

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Row:
    label: str
    numbers: list[str]

    @property
    def text(self) -> str:
        return " ".join([self.label, *self.numbers]).strip()


@dataclass(slots=True)
class Rows:
    """The rebuilt rows of an unruled table and the band of the page they replace."""
    top: float
    bottom: float
    rows: list[Row]
    lead: str = ""                  # the rest of the previous page's last row's label
    lead_top: float | None = field(default=None)


def _by_line(runs: list[Run]) -> list[list[Run]]:
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: r.middle):
        if lines and run.middle - lines[-1][-1].middle <= _SAME_LINE:
            lines[-1].append(run)
        else:
            lines.append([run])
    return lines


def _words(runs: list[Run]) -> list[Run]:
    """Runs on one line that touch (pdfium splits `1.` from `属于`) as one run, top to bottom."""
    out = []
    for line in _by_line(runs):
        merged: list[Run] = []
        for run in sorted(line, key=lambda r: r.x0):
            last = merged[-1] if merged else None
            if last is not None and run.x0 - last.x1 <= _TOUCH:
                merged[-1] = Run(last.x0, min(last.top, run.top), max(last.x1, run.x1),
                                 max(last.bottom, run.bottom), last.text + run.text)
            else:
                merged.append(run)
        out.extend(merged)
    return sorted(out, key=lambda r: (r.top, r.x0))


def _blocks(labels: list[Run]) -> list[list[Run]]:
    """Label words (top to bottom) grouped into cells: a word continues the block whose last
    line is just above it in the same column, unless it starts a numbered label itself."""
    blocks: list[list[Run]] = []
    for run in labels:
        home = None
        if not ROW_START.match(run.text):
            for block in reversed(blocks[-_RECENT_BLOCKS:]):
                last = block[-1]
                height = max(max(r.bottom - r.top for r in block), 1.0)   # not a comma's
                left, right = min(r.x0 for r in block), max(r.x1 for r in block)
                below = left < run.x1 and run.x0 < right and _SAME_LINE < run.top - last.top <= _NEXT_LINE * height
                beside = (abs(run.middle - last.middle) <= _SAME_LINE
                          and left - _TOUCH <= run.x0 and run.x1 <= right + _TOUCH)
                if below or beside:
                    home = block
                    break
        if home is None:
            blocks.append([run])
        else:
            home.append(run)
    return blocks


def _text(block: list[Run]) -> str:
    return "".join(r.text for line in _by_line(block) for r in sorted(line, key=lambda r: r.x0))


def _first_table(anchors: list[list[Run]]) -> list[list[Run]]:
    """The rows of the first table: anchors with the first one's number columns."""
    out = anchors[:1]
    for line in anchors[1:]:
        if len(line) != len(out[0]) or any(abs(a.x1 - b.x1) > 2 * _TOUCH
                                              for a, b in zip(line, out[0], strict=True)):
            break
        out.append(line)
    return out


def unruled_rows(runs: list[Run]) -> Rows | None:
    """The rows of an unruled table with wrapped labels among these runs, or None when
    there is none (no such table, or no label wraps: the text lines are right already)."""
    numbers = [r for r in runs if _NUMBER.match(r.text)]
    anchors = _first_table([sorted(line, key=lambda r: r.x0) for line in _by_line(numbers)
                            if len(line) >= _MIN_NUMBERS])
    if len(anchors) < _MIN_ROWS:
        return None
    values_left = min(r.x0 for line in anchors for r in line)
    values_right = max(r.x1 for line in anchors for r in line)
    first_top = min(r.top for r in anchors[0])
    in_anchor = {id(r) for line in anchors for r in line}
    last_bottom = max(r.bottom for r in anchors[-1])
    if any(r.x0 < values_right and r.x1 > values_left and id(r) not in in_anchor
           and first_top - _SAME_LINE <= r.top <= last_bottom for r in runs):
        return None         # text among the numbers: not a table of this shape
    above = [r for r in runs if r.top < first_top - _SAME_LINE]
    labels = _words([r for r in runs if r.x1 <= values_left and id(r) not in in_anchor
                     and r.top >= first_top - _SAME_LINE])
    starts = [min(r.top for r in line) - _SAME_LINE for line in anchors]
    rows: list[list[list[Run]]] = [[] for _ in anchors]
    bottom = last_bottom
    for block in _blocks(labels):
        at = max(bisect.bisect_right(starts, block[0].top) - 1, 0)
        if at == len(rows) - 1 and block[0].top > last_bottom + _SAME_LINE:
            continue        # below the last row's numbers: text after the table
        rows[at].append(block)
        bottom = max(bottom, *(r.bottom for r in block))
    lead, lead_top = "", None
    if above and all(r.x1 <= values_left for r in above):
        lead = " ".join(_text(b) for b in sorted(_blocks(_words(above)), key=lambda b: b[0].x0))
        lead_top = min(r.top for r in above)
    if not lead and not any(len(block) > 1 for row in rows for block in row):
        return None
    out = [Row(" ".join(_text(b) for b in sorted(blocks, key=lambda b: b[0].x0)), [r.text for r in line])
           for blocks, line in zip(rows, anchors, strict=True)]
    return Rows(min([first_top, *(r.top for r in labels)]), bottom, out, lead, lead_top)
