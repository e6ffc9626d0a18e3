"""Relations of the report's flat tables (三 and 四) that several rules read: which cells hold
counts, which rows are filled, which layout table 三 follows, and a row whose total or parts
alone are filled. Neutral: the total rules (A4xx) and the table rules (T204) both use them.
"""

from __future__ import annotations

from typing import TypeGuard

from . import spec
from .model import Report


def is_count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def cell_count(report: Report, table: str, row: str, column: str = "total") -> int | None:
    """The count in a cell of a flat table (三/四), or None when the cell is absent or not a count."""
    tables = report.data.get("tables")
    rows = tables.get(table) if isinstance(tables, dict) else None
    cells = rows.get(row) if isinstance(rows, dict) else None
    value = cells.get(column) if isinstance(cells, dict) else None
    return value if is_count(value) else None


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def row_has_value(cells: object) -> bool:
    return isinstance(cells, dict) and any(not is_blank(v) for v in cells.values())


def table_rows(report: Report, table: str) -> dict | None:
    """The rows of a flat table (三/四) when any cell has a value; None otherwise (an absent or
    wholly empty table is S102/S103, and nothing can be said about its arithmetic)."""
    tables = report.data.get("tables")
    rows = tables.get(table) if isinstance(tables, dict) else None
    if not isinstance(rows, dict) or not any(row_has_value(r) for r in rows.values()):
        return None
    return rows


def applications_version(rows: dict, layout: str | None) -> str:
    """The layout of table 三 as the data has it: （六） as one row (2019) or three sub-rows (2021);
    `layout` (the report's, else the configured one) when the rows do not tell.

    The data decides because an outdated-format report (S107) keeps the 2019 rows even
    when it is checked as a 2021 report; summing rows it cannot have would hide the real check.
    """
    if any(k in rows for k in spec.OTHER_HANDLING_ROWS):
        return "2021"
    if spec.OTHER_HANDLING_SINGLE_ROW in rows:
        return "2019"
    return layout if layout in spec.TABLES else "2021"


def one_sided(cells: dict, parts: tuple[str, ...]) -> str | None:
    """'total-only' when 总计 is the only filled cell, 'parts-only' when every part is filled
    and 总计 is blank (DEFECTS #12); None otherwise."""
    if not is_blank(cells.get("total")):
        return None if any(not is_blank(cells.get(p)) for p in parts) else "total-only"
    return "parts-only" if all(not is_blank(cells.get(p)) for p in parts) else None
