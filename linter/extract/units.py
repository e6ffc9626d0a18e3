"""Flatten a `Document` into units: one per text line or table row, split into cells.

Every later stage (headings, tables, metadata) works on this one shape, whatever the reader:
- a paragraph line becomes one unit; tab- or `|`-separated lines are split into pieces (cells)
  with their own column spans, so `规章\t0\t0\t0` and `规章 | 0 | 0 | 0 |` look like a table row;
- a `TableBlock` row becomes one unit whose pieces are its cells (merged cells appear once);
- lines that are nothing but `|` are kept as markers: one `|` can be an empty cell or a
  separator depending on the table's style, which only the table reader can tell.

Normalised forms are computed once here (`norm` for reading, `key` for label matching).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Document, Paragraph, Span, TableBlock
from ..normalize import fold_width, key_of_normalized, simplify


class Piece:
    """One cell: `text` as printed, `norm` (simplified, width-folded), `key` (label key).

    The span of a cell cut out of a text line is built only when asked for: most cells
    never end up in a diagnostic, and spans are the costliest part of flattening."""

    __slots__ = ("text", "norm", "key", "rowspan", "colspan", "_span", "_where")

    def __init__(self, text: str, norm: str, key: str, span: Span | None = None, rowspan: int = 1,
                 colspan: int = 1, where: tuple[Span, int, int, int] | None = None):
        self.text, self.norm, self.key = text, norm, key
        self.rowspan, self.colspan = rowspan, colspan
        self._span, self._where = span, where

    @property
    def span(self) -> Span:
        if self._span is None:
            assert self._where is not None     # a piece is made with its span or with where it lies
            self._span = _line_span(*self._where)
        return self._span

    @property
    def empty(self) -> bool:
        return not self.norm


@dataclass(slots=True)
class Unit:
    index: int
    text: str                      # as printed (table rows: cells joined by tabs)
    norm: str                      # simplified, width-folded, stripped
    span: Span
    pieces: list[Piece] = field(default_factory=list)
    sim: str = ""                  # simplified, punctuation as printed, stripped
    table: int | None = None       # 1-based TableBlock ordinal when the unit is a table row
    level: int | None = None       # heading level marked by the file
    pipes: int = 0                 # >0: the line is only `|` characters (how many)
    ends_with_pipe: bool = False   # `0 |`: a cell closed by a pipe (terminator style)

    @property
    def physical(self) -> bool:
        """A row whose cells the file keeps together (table row, tab/pipe-separated line)."""
        return self.table is not None or len(self.pieces) > 1


def _line_span(base: Span, line_offset: int, col_offset: int, length: int) -> Span:
    """Span of a substring of a paragraph; only line-based spans can be narrowed."""
    if base.line is None:
        return base
    line = base.line + line_offset
    start_col = ((base.column or 1) if line_offset == 0 else 1) + col_offset
    return Span(line=line, column=start_col, end_line=line, end_column=start_col + length, page=base.page,
                paragraph=base.paragraph, ocr=base.ocr)


def _split_cells(text: str) -> list[tuple[int, str]]:
    """(offset, raw cell) pairs of a line: tabs first, then pipes; one cell otherwise."""
    sep = "\t" if "\t" in text else ("|" if "|" in text else None)
    if sep is None:
        return [(0, text)]
    out, pos = [], 0
    for part in text.split(sep):
        out.append((pos, part))
        pos += len(part) + 1
    # a trailing separator closes the last cell; it does not open an empty one
    while len(out) > 1 and not out[-1][1].strip():
        out.pop()
    return out


_PAGE_NUMBER = re.compile(r"^(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
                          r"|\d{1,3}\s*/\s*\d{1,3})$")

# No label, heading or marker is this long: longer cells are prose and get no key.
MAX_KEYED = 120


def _norm(simplified: str) -> tuple[str, str]:
    if not simplified or simplified.isspace():
        return "", ""
    norm = fold_width(simplified).strip()
    return norm, (key_of_normalized(norm) if len(norm) <= MAX_KEYED else "")


class _Simplified:
    """Simplified forms of all strings of a document, converted in one OpenCC call."""

    def __init__(self, texts: list[str]):
        joined = "\n".join(texts)
        converted = simplify(joined).split("\n") if texts else []
        self._map = dict(zip(texts, converted, strict=True)) if len(converted) == len(texts) else {}

    def __call__(self, text: str) -> str:
        found = self._map.get(text)
        return found if found is not None else simplify(text)


def _segments(par: Paragraph, splitter) -> list[tuple[int, int, str]]:
    """(line offset, column offset, text) of every non-empty line segment of a paragraph."""
    return [(line_offset, col, segment) for line_offset, line in enumerate(_lines(par.text)) if line.strip()
            for col, segment in splitter(line)]


def _text_origin(par: Paragraph) -> Span:
    """The paragraph span moved to its text's first character. Readers point the span at the
    first visible character; a leading tab (an empty first cell) sits before it."""
    span = par.span
    lead = len(par.text) - len(par.text.lstrip(" \t"))
    column = span.column or 1
    if span.line is None or not lead or column - lead < 1:
        return span
    return replace(span, column=column - lead)


def _paragraph_units(par: Paragraph, segments: list[tuple[int, int, str]], start: int,
                     simplified: _Simplified) -> list[Unit]:
    units: list[Unit] = []
    origin = _text_origin(par)
    for line_offset, col, segment in segments:
        stripped = segment.strip()
        lead = len(segment) - len(segment.lstrip())
        sim = simplified(segment)
        unit = Unit(start + len(units), segment, fold_width(sim).strip(),
                    _line_span(origin, line_offset, col + lead, len(stripped)), level=par.level,
                    sim=sim.strip())
        if stripped and not stripped.replace("|", "").strip():
            unit.pipes = stripped.count("|")
        elif _PAGE_NUMBER.match(unit.norm):
            pass        # page furniture (`— 2 —`, `第2页 共5页`): no cells, so no table value or text
        else:
            unit.ends_with_pipe = stripped.endswith("|") and "\t" not in segment
            same_shape = len(sim) == len(segment)
            for off, raw in _split_cells(segment):
                text = raw.strip()
                lead_in = len(raw) - len(raw.lstrip())
                piece_sim = sim[off:off + len(raw)] if same_shape else simplify(raw)
                norm, key = _norm(piece_sim)
                unit.pieces.append(Piece(text, norm, key,
                                         where=(origin, line_offset, col + off + lead_in, len(text))))
        units.append(unit)
    return units


def _lines(text: str) -> list[str]:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def _cell_text(text: str) -> str:
    text = text.replace("\r", "").strip()
    # a cell broken over lines (`本年新\n制作数量`) is one label
    return "".join(part.strip() for part in text.split("\n")) if "\n" in text else text


def _table_units(block: TableBlock, ordinal: int, start: int, simplified: _Simplified) -> list[Unit]:
    units: list[Unit] = []
    for r, row in enumerate(block.rows):
        pieces: list[Piece] = []
        for cell in row:
            text = _cell_text(cell.text)
            norm, key = _norm(simplified(text))
            pieces.append(Piece(text, norm, key, cell.span, cell.rowspan, cell.colspan))
        if not pieces:
            continue
        row_text = "\t".join(p.text for p in pieces)
        span = pieces[0].span if pieces[0].span.row is not None else replace(block.span, row=r + 1)
        units.append(Unit(start + len(units), row_text, "\t".join(p.norm for p in pieces), span,
                          pieces, table=ordinal, sim="\t".join(simplified(p.text) for p in pieces)))
    return units


def build_units(document: Document, splitter) -> list[Unit]:
    """All units of the document in reading order. `splitter(line)` yields (offset, segment)
    pairs, so that a heading buried in the middle of a flattened line starts its own unit."""
    texts: list[str] = []
    # every block with what the unit builders need: a table as it is, a paragraph with its segments
    segmented: list[TableBlock | tuple[Paragraph, list[tuple[int, int, str]]]] = []
    for block in document.blocks:
        if isinstance(block, TableBlock):
            texts += [_cell_text(cell.text) for row in block.rows for cell in row]
            segmented.append(block)
        else:
            segments = _segments(block, splitter)
            texts += [seg for _, _, seg in segments]
            segmented.append((block, segments))
    simplified = _Simplified(texts)
    units: list[Unit] = []
    tables = 0
    for item in segmented:
        if isinstance(item, TableBlock):
            tables += 1
            units += _table_units(item, tables, len(units), simplified)
        else:
            paragraph, segments = item
            units += _paragraph_units(paragraph, segments, len(units), simplified)
    return units
