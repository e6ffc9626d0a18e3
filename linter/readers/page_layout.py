"""Tables that lay out a page instead of holding data, as the HTML and Word readers both meet
them: a government site wraps the whole report in one big table, and a Word template puts
the text in a one-cell frame. Such a table's cells are read as running text and tables."""

from __future__ import annotations

# A data cell of the report's tables holds a label or a number; one with more text than
# this holds paragraphs of the page.
LAYOUT_CELL_CHARS = 300


def is_layout_cell(text: str) -> bool:
    """Whether a table cell with this text belongs to a table laying out the page."""
    return len(text) > LAYOUT_CELL_CHARS
