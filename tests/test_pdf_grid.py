"""readers/pdf_tables.py on hand-made ruling lines: merged cells, open regions, broken lines,
and the joining of a table's parts across pages (header rows repeated, a row cut in two,
a merged label cell continued)."""

from __future__ import annotations

from xxgk_lint.model import Cell, Span, TableBlock
from xxgk_lint.readers.pdf_tables import Fragment, Segment, continues, find_grids, join


def _cells(grid) -> list[tuple[int, int, int, int]]:
    return [(c.row, c.col, c.rowspan, c.colspan) for c in grid.cells]


def test_a_cell_without_an_inner_line_is_one_merged_cell():
    # 3 columns × 2 rows; the top row has no vertical line between columns 2 and 3
    horizontal = [Segment(y, 0, 300) for y in (0, 20, 40)]
    vertical = [Segment(0, 0, 40), Segment(100, 0, 40), Segment(200, 20, 40), Segment(300, 0, 40)]
    [grid] = find_grids(horizontal, vertical)
    assert _cells(grid) == [(0, 0, 1, 1), (0, 1, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1), (1, 2, 1, 1)]
    assert grid.cells[1].box == (100, 0, 300, 20)


def test_a_label_cell_spanning_rows_and_lines_drawn_in_pieces():
    # the left column spans both rows; lines are drawn cell by cell, with hairline gaps
    horizontal = [Segment(0, 0, 100), Segment(0, 100.5, 200), Segment(20, 100, 200),
                  Segment(40.4, 0, 99), Segment(40, 101, 200)]
    vertical = [Segment(0, 0, 40), Segment(100, 0, 20), Segment(100.8, 20, 40), Segment(200, 0, 40)]
    [grid] = find_grids(horizontal, vertical)
    assert _cells(grid) == [(0, 0, 2, 1), (0, 1, 1, 1), (1, 1, 1, 1)]


def test_space_beside_a_narrower_row_is_no_cell():
    # a wide first row over a narrower second row: the space right of the second row is open
    horizontal = [Segment(0, 0, 300), Segment(20, 0, 300), Segment(40, 0, 200)]
    vertical = [Segment(0, 0, 40), Segment(200, 0, 40), Segment(300, 0, 20)]
    [grid] = find_grids(horizontal, vertical)
    assert _cells(grid) == [(0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 1)]


def test_separate_tables_and_stray_lines():
    table = ([Segment(y, 0, 100) for y in (0, 10)], [Segment(x, 0, 10) for x in (0, 50, 100)])
    lower = ([Segment(y, 0, 100) for y in (200, 210)], [Segment(x, 200, 210) for x in (0, 50, 100)])
    underline = ([Segment(150, 10, 90)], [])
    grids = find_grids(table[0] + lower[0] + underline[0], table[1] + lower[1])
    assert [len(g.cells) for g in grids] == [2, 2]
    assert grids[1].box == (0, 200, 100, 210)


def _fragment(page: int, rows: list[list[tuple[int, int, int, str]]], fine_rows: int, *, starts=True,
              ends=True) -> Fragment:
    """rows of (fine row, column, rowspan, text) → a one-page table part, 3 columns wide."""
    block = TableBlock([[Cell(text, Span(page=page, table=page, row=r, cell=c), rowspan) for r, c, rowspan, text in row]
                        for row in rows], Span(page=page, table=page))
    return Fragment.of(block, [0.0, 100.0, 150.0, 200.0], fine_rows, starts, ends)


def _texts(fragment: Fragment) -> list[list[tuple[str, int]]]:
    return [[(c.text, c.rowspan) for c in row] for row in fragment.block.rows]


def test_a_repeated_header_is_dropped_and_a_row_cut_by_the_page_break_is_one_row():
    header = [(1, 1, 1, "项目"), (1, 2, 1, "甲"), (1, 3, 1, "乙")]
    first = _fragment(1, [header, [(2, 1, 1, "1．属于国"), (2, 2, 1, "3"), (2, 3, 1, "4")]], 2)
    second = _fragment(2, [[(r, c, s, t) for r, c, s, t in [(1, 1, 1, "项目"), (1, 2, 1, "甲"), (1, 3, 1, "乙")]],
                           [(2, 1, 1, "家秘密"), (2, 2, 1, ""), (2, 3, 1, "")],
                           [(3, 1, 1, "2．其他"), (3, 2, 1, "0"), (3, 3, 1, "0")]], 3)
    assert continues(first, second)
    joined = join(first, second)
    assert _texts(joined) == [[("项目", 1), ("甲", 1), ("乙", 1)],
                              [("1．属于国\n家秘密", 1), ("3", 1), ("4", 1)],
                              [("2．其他", 1), ("0", 1), ("0", 1)]]
    assert {c.span.table for row in joined.block.rows for c in row} == {1}


def test_a_new_row_after_the_break_is_kept_and_a_merged_label_cell_continues():
    first = _fragment(1, [[(1, 1, 2, "（三）不予公开"), (1, 2, 1, "1．甲"), (1, 3, 1, "0")],
                          [(2, 2, 1, "2．乙"), (2, 3, 1, "0")]], 2)
    second = _fragment(2, [[(1, 1, 2, ""), (1, 2, 1, "3．丙"), (1, 3, 1, "0")],
                           [(2, 2, 1, "4．丁"), (2, 3, 1, "1")]], 2)
    joined = join(first, second)
    assert _texts(joined) == [[("（三）不予公开", 4), ("1．甲", 1), ("0", 1)], [("2．乙", 1), ("0", 1)],
                              [("3．丙", 1), ("0", 1)], [("4．丁", 1), ("1", 1)]]


def test_parts_that_are_not_one_table():
    first = _fragment(1, [[(1, 1, 1, "a"), (1, 2, 1, "1"), (1, 3, 1, "2")]], 1)
    assert not continues(first, _fragment(3, [[(1, 1, 1, "b")]], 1))                 # not the next page
    assert not continues(first, _fragment(2, [[(1, 1, 1, "b")]], 1, starts=False))   # text above it
    assert not continues(_fragment(1, [[(1, 1, 1, "a")]], 1, ends=False), _fragment(2, [[(1, 1, 1, "b")]], 1))
    other = _fragment(2, [[(1, 1, 1, "b")]], 1)
    other.xs = [0.0, 80.0, 150.0, 200.0]
    assert not continues(first, other)                                                # other columns


def test_a_part_of_only_wide_rows_continues_on_the_table_grid():
    # the next page holds only a row as wide as the label columns together: it draws no
    # line between them, and its cells are placed on the first part's columns
    first = _fragment(1, [[(1, 1, 1, "（六）其他"), (1, 2, 1, "3．其他"), (1, 3, 1, "0")]], 1)
    second = _fragment(2, [[(1, 1, 1, "四、结转下年度继续办理"), (1, 2, 1, "2")]], 1)
    second.xs = [0.0, 150.0, 200.0]
    assert continues(first, second)
    joined = join(first, second)
    assert [[(c.text, c.span.cell, c.colspan) for c in row] for row in joined.block.rows] == [
        [("（六）其他", 1, 1), ("3．其他", 2, 1), ("0", 3, 1)], [("四、结转下年度继续办理", 1, 2), ("2", 3, 1)]]
    narrower = _fragment(2, [[(1, 1, 1, "x")]], 1)
    narrower.xs = [0.0, 150.0]
    assert not continues(first, narrower)          # not the same outer edges


def test_a_header_row_ending_a_page_is_no_half_of_the_data_row_after_it():
    first = _fragment(1, [[(1, 1, 1, "信息内容"), (1, 2, 1, "本年处理决定数量"), (1, 3, 1, "")]], 1)
    second = _fragment(2, [[(1, 1, 1, "行政处罚"), (1, 2, 1, "42"), (1, 3, 1, "")]], 1)
    assert _texts(join(first, second)) == [[("信息内容", 1), ("本年处理决定数量", 1), ("", 1)],
                                           [("行政处罚", 1), ("42", 1), ("", 1)]]


def test_a_lone_box_is_a_frame_not_a_table():
    frame = ([Segment(y, 20, 575) for y in (20, 820)], [Segment(x, 20, 820) for x in (20, 575)])
    assert find_grids(*frame) == []


def test_unruled_rows_join_wrapped_labels_and_a_row_continued_on_the_next_page():
    from xxgk_lint.readers.pdf_columns import Run, unruled_rows

    def numbers(top: float, values: str) -> list[Run]:
        return [Run(200 + 40 * i, top, 206 + 40 * i, top + 9, v) for i, v in enumerate(values.split())]

    runs = [Run(90, 100, 150, 109, "一、本年新收"), Run(90, 114, 150, 123, "政府信息公"),
            Run(90, 128, 130, 137, "开申请"),
            *numbers(100, "12 3 0"),
            Run(90, 150, 110, 159, "1."), Run(111, 150, 150, 159, "属于国"), Run(90, 164, 120, 173, "家秘密"),
            *numbers(150, "0 1 1")]
    rows = unruled_rows(runs)
    assert [r.text for r in rows.rows] == ["一、本年新收政府信息公开申请 12 3 0", "1.属于国家秘密 0 1 1"]
    assert rows.lead == "" and (rows.top, rows.bottom) == (100, 173)
    # the next page opens with the rest of a label, then its rows
    following = [Run(90, 40, 150, 49, "禁止公开"), Run(90, 100, 150, 109, "2.其他"), Run(90, 114, 150, 123, "法律"),
                 *numbers(100, "0 0 0"), Run(90, 150, 150, 159, "3.危及"), *numbers(150, "1 0 1")]
    assert unruled_rows(following).lead == "禁止公开"
    # no label wraps: the text lines are right already
    assert unruled_rows([Run(90, 100, 150, 109, "行政许可"), *numbers(100, "1 2 3"),
                         Run(90, 150, 150, 159, "行政处罚"), *numbers(150, "4 5 6")]) is None
