"""Tables of a PDF page from its ruling lines, and one table from its fragments across pages.

Pure geometry and text, no PDF library: `pdf.py` gives the page's ruling lines as
axis-parallel segments (top-down coordinates, points) and reads the text of each cell box.

A table is a connected set of horizontal and vertical lines. Its distinct line positions
make a fine grid; two neighbouring fine cells belong to one (merged) cell when no line
separates them, so a merged cell comes out once with its rowspan/colspan, as in the
template. A fine region not closed by lines on every side (the space beside a narrower
row) is no cell.

Across pages, a table that ends its page and a table that starts the next with the same
column grid are one table (Word, WPS and LibreOffice break 表三 wherever the page ends): a
repeated header row is dropped, and a row the page break cut in two (label fragments on both
sides, numbers on one) becomes one row again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Cell, Span, TableBlock
from ..normalize import CN_NUMERALS

SNAP = 3.0      # points: line positions closer than this are one grid line (as pdfplumber snaps)
JOIN = 3.0      # points: collinear segments with a gap up to this are one line


@dataclass(slots=True)
class Segment:
    """An axis-parallel ruling line: `at` is its y (horizontal) or x (vertical); it runs
    from `start` to `end` along the other axis (start < end)."""
    at: float
    start: float
    end: float


@dataclass(slots=True)
class GridCell:
    row: int            # fine-grid row and column of the top-left corner, 0-based
    col: int
    rowspan: int
    colspan: int
    box: tuple[float, float, float, float]     # x0, top, x1, bottom


@dataclass(slots=True)
class Grid:
    """One ruled table: its fine-grid positions and its cells, top to bottom, left to right."""
    xs: list[float]
    ys: list[float]
    cells: list[GridCell]

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def positions(values) -> list[float]:
    """Distinct positions, values closer than SNAP to the previous kept one merged into it."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _snap(value: float, grid: list[float]) -> float:
    """The grid position within SNAP of value (grid from `positions`), else value."""
    lo, hi = 0, len(grid)
    while lo < hi:
        mid = (lo + hi) // 2
        if grid[mid] < value - SNAP:
            lo = mid + 1
        else:
            hi = mid
    return grid[lo] if lo < len(grid) and abs(grid[lo] - value) <= SNAP else value


def _joined(segments: list[Segment]) -> list[Segment]:
    """Segments snapped to shared positions, collinear overlapping or touching ones joined."""
    grid = positions(s.at for s in segments)
    snapped = sorted((_snap(s.at, grid), s.start, s.end) for s in segments)
    out: list[Segment] = []
    for at, start, end in snapped:
        last = out[-1] if out else None
        if last is not None and last.at == at and start <= last.end + JOIN:
            last.end = max(last.end, end)
        else:
            out.append(Segment(at, start, end))
    return out


def _crosses(h: Segment, v: Segment) -> bool:
    return (h.start - SNAP <= v.at <= h.end + SNAP) and (v.start - SNAP <= h.at <= v.end + SNAP)


def _components(horizontal: list[Segment], vertical: list[Segment]) -> list[tuple[list[Segment], list[Segment]]]:
    """Groups of lines that touch one another (one group per table), by union-find."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_x = sorted(range(len(vertical)), key=lambda j: vertical[j].at)
    xs = [vertical[j].at for j in by_x]
    for i, h in enumerate(horizontal):
        lo = _first_at_least(xs, h.start - SNAP)
        for k in range(lo, len(xs)):
            if xs[k] > h.end + SNAP:
                break
            j = by_x[k]
            if _crosses(h, vertical[j]):
                parent[find(i)] = find(len(horizontal) + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _first_at_least(values: list[float], bound: float) -> int:
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] < bound:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _covered(lines: dict[float, list[tuple[float, float]]], at: float, start: float, end: float) -> bool:
    """Whether a line at `at` runs from start to end (within SNAP)."""
    return any(s - SNAP <= start and end <= e + SNAP for s, e in lines.get(at, ()))


def grid_size(horizontal: list[Segment], vertical: list[Segment]) -> tuple[int, int]:
    """Distinct vertical and horizontal line positions of a page (3 pt apart): table
    detection grows with their product, so it is bounded before any is done."""
    return len({round(v.at / 3) for v in vertical}), len({round(h.at / 3) for h in horizontal})


def find_grids(horizontal: list[Segment], vertical: list[Segment]) -> list[Grid]:
    """The ruled tables drawn by these lines (two cells or more), top to bottom."""
    grids = []
    for hs, vs in _components(_joined(horizontal), _joined(vertical)):
        grid = _grid(hs, vs)
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))


def _grid(horizontal: list[Segment], vertical: list[Segment]) -> Grid | None:
    xs = positions(v.at for v in vertical)
    ys = positions(h.at for h in horizontal)
    h_lines: dict[float, list[tuple[float, float]]] = {}
    v_lines: dict[float, list[tuple[float, float]]] = {}
    for h in horizontal:
        h_lines.setdefault(_snap(h.at, ys), []).append((h.start, h.end))
    for v in vertical:
        v_lines.setdefault(_snap(v.at, xs), []).append((v.start, v.end))
    rows, cols = len(ys) - 1, len(xs) - 1
    # walls[r][c]: the fine cell (r, c) is closed on its right / bottom side
    right = [[_covered(v_lines, xs[c + 1], ys[r], ys[r + 1]) for c in range(cols)] for r in range(rows)]
    below = [[_covered(h_lines, ys[r + 1], xs[c], xs[c + 1]) for c in range(cols)] for r in range(rows)]
    left = [_covered(v_lines, xs[0], ys[r], ys[r + 1]) for r in range(rows)]
    above = [_covered(h_lines, ys[0], xs[c], xs[c + 1]) for c in range(cols)]
    taken = [[False] * cols for _ in range(rows)]
    cells: list[GridCell] = []
    for r in range(rows):
        for c in range(cols):
            if taken[r][c]:
                continue
            # grow right while no wall, then down while the whole row below is open
            c1 = c
            while c1 + 1 < cols and not right[r][c1]:
                c1 += 1
            r1 = r
            while r1 + 1 < rows and not any(below[r1][k] for k in range(c, c1 + 1)):
                r1 += 1
            for rr in range(r, r1 + 1):
                for cc in range(c, c1 + 1):
                    taken[rr][cc] = True
            if _closed(r, c, r1, c1, right, below, left, above):
                cells.append(GridCell(r, c, r1 - r + 1, c1 - c + 1, (xs[c], ys[r], xs[c1 + 1], ys[r1 + 1])))
    # a lone box is a frame (around the page, a note, a seal), not a table: its text stays prose
    return Grid(xs, ys, cells) if len(cells) >= 2 else None


def _closed(r: int, c: int, r1: int, c1: int, right, below, left, above) -> bool:
    """Whether lines surround the region rows r..r1, columns c..c1 on every side."""
    top = all(above[k] if r == 0 else below[r - 1][k] for k in range(c, c1 + 1))
    bottom = all(below[r1][k] for k in range(c, c1 + 1))
    west = all(left[k] if c == 0 else right[k][c - 1] for k in range(r, r1 + 1))
    east = all(right[k][c1] for k in range(r, r1 + 1))
    return top and bottom and west and east


# ---------------------------------------------------------------- across pages

_NUMBER = re.compile(r"^[\s\d.,，．%％-]+$")
# A row label that starts a row of its own: 1．… （三）… 二、…
ROW_START = re.compile(rf"^\s*(?:[（(][{CN_NUMERALS}\d]+[）)]|[{CN_NUMERALS}]+、|\d+\s*[．.、])")


@dataclass(slots=True)
class Fragment:
    """A table as read so far, ending on one page, and what joining needs to know of it."""
    block: TableBlock
    xs: list[float]             # its column grid
    starts_page: bool           # no text above it on its first page but running headers
    ends_page: bool             # no text below it on its last page but running footers
    rows: int                   # fine rows of its last page's part
    # the cells of its last page's part, each with the fine row (1-based, in that part) it ends on
    tail: list[tuple[Cell, int]]

    @classmethod
    def of(cls, block: TableBlock, xs: list[float], rows: int, starts_page: bool, ends_page: bool) -> "Fragment":
        tail = [(cell, _fine_row(cell) - 1 + cell.rowspan) for row in block.rows for cell in row]
        return cls(block, xs, starts_page, ends_page, rows, tail)

    @property
    def page(self) -> int:
        return _page(self.tail[0][0].span if self.tail else self.block.span)


# The spans of the tables and cells `pdf.py` makes from a grid always hold these numbers.
def _page(span: Span) -> int:
    assert span.page is not None
    return span.page


def _fine_row(cell: Cell) -> int:
    """The fine row (1-based, in its page's part) the cell starts on."""
    assert cell.span.row is not None
    return cell.span.row


def _fine_column(cell: Cell) -> int:
    """The fine column (1-based) the cell starts on."""
    assert cell.span.cell is not None
    return cell.span.cell


def _row(block: TableBlock, row: int) -> list[Cell]:
    """The cells of a fragment's first page that start on fine row `row` (1-based)."""
    return [cell for cells in block.rows for cell in cells
            if cell.span.row == row and cell.span.page == block.span.page]


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text))


def _columns_in(xs: list[float], grid: list[float]) -> list[int] | None:
    """The index in `grid` of each of the positions `xs`, when every one is there (SNAP)."""
    out = []
    for x in xs:
        at = min(range(len(grid)), key=lambda i: abs(grid[i] - x))
        if abs(grid[at] - x) > SNAP:
            return None
        out.append(at)
    return out


def continues(previous: Fragment, following: Fragment) -> bool:
    """Whether `following` (one page's table) is the next page's part of the table that
    `previous` ends its page with: the same outer edges, column lines that are the previous
    part's (a part of only wide rows draws fewer), nothing between them but running headers
    and footers."""
    columns = _columns_in(following.xs, previous.xs)
    return (following.block.span.page == previous.page + 1 and previous.ends_page
            and following.starts_page and columns is not None
            and columns[0] == 0 and columns[-1] == len(previous.xs) - 1)


def _repeated_header_rows(previous: Fragment, following: Fragment) -> int:
    """How many first rows of `following` repeat those of `previous` (Word's 标题行重复)."""
    def signature(cells: list[Cell]):
        return [(c.span.cell, c.rowspan, c.colspan, c.text) for c in cells]

    count = 0
    while count < following.rows:
        row = _row(following.block, count + 1)
        if not any(c.text for c in row) or signature(row) != signature(_row(previous.block, count + 1)):
            break
        count += 1
    return count


def _is_split_row(last: list[Cell], first: list[Cell]) -> bool:
    """Whether the continuation's first row is the rest of the previous part's last row:
    the same cells, each number with an empty cell on the other side, and no label there
    that starts a row."""
    if [(c.span.cell, c.colspan) for c in last] != [(c.span.cell, c.colspan) for c in first]:
        return False
    # a number's cell is empty on the other side (a header row above data has text there)
    if any(a.text and b.text and (_is_number(a.text) or _is_number(b.text)) for a, b in zip(last, first, strict=True)):
        return False
    labels = [c.text for c in first if c.text and not _is_number(c.text)]
    return bool(labels) and not ROW_START.match(labels[0])


def join(previous: Fragment, following: Fragment) -> Fragment:
    """`previous` with the rows of its continuation `following` appended. Cells keep their
    page and row in their span; their table number becomes the previous part's."""
    columns = _columns_in(following.xs, previous.xs)
    if columns is None:
        raise ValueError("join() needs a continuation: see continues()")
    for row in following.block.rows:       # the continuation's columns on the table's grid
        for cell in row:
            start = _fine_column(cell) - 1
            left, right = columns[start], columns[start + cell.colspan]
            cell.span.cell, cell.colspan = left + 1, right - left
    skip = _repeated_header_rows(previous, following)
    rows = [[cell for cell in row if _fine_row(cell) > skip] for row in following.block.rows]
    rows = [row for row in rows if row]
    for row in rows:
        for cell in row:
            cell.span.table = previous.block.span.table
    tail = [(cell, _fine_row(cell) - 1 + cell.rowspan) for row in rows for cell in row]
    last = sorted((cell for cell, end in previous.tail if end == previous.rows), key=_fine_column)
    above = {cell.span.cell: cell for cell in last}
    first = rows[0] if rows and rows[0][0].span.row == skip + 1 else []
    absorbed: list[Cell] = []
    if first and _is_split_row(last, first):
        for cell in first:          # one row cut in two by the page break
            upper = above[cell.span.cell]
            if cell.text:
                upper.text = f"{upper.text}\n{cell.text}" if upper.text else cell.text
            upper.rowspan += cell.rowspan - 1
            absorbed.append(cell)
            tail.append((upper, _fine_row(cell) - 1 + cell.rowspan))
    elif first:
        for cell in first:          # a merged label cell the page break cut: its empty rest
            label = above.get(cell.span.cell)
            if (not cell.text and label is not None and label.text and not _is_number(label.text)
                    and label.colspan == cell.colspan and cell.rowspan > 1):
                label.rowspan += cell.rowspan
                absorbed.append(cell)
                tail.append((label, _fine_row(cell) - 1 + cell.rowspan))
    gone = {id(cell) for cell in absorbed}
    tail = [(cell, end) for cell, end in tail if id(cell) not in gone]
    previous.block.rows.extend(kept for row in rows if (kept := [c for c in row if id(c) not in gone]))
    return Fragment(previous.block, previous.xs, previous.starts_page, following.ends_page, following.rows, tail)
