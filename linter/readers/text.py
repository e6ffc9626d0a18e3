"""Plain-text reports (.txt): one Paragraph per non-blank line.

Tables are not interpreted here: tab-separated rows, `| a | b |` rows and
one-cell-per-line tables all arrive as paragraphs, and the extractor recognises them.
Tabs are kept inside the paragraph text (a leading tab is an empty first cell).
"""

from __future__ import annotations

from ..model import Block, Document, DocumentKind, Finding, Paragraph, Span
from . import limits
from .encoding import decode

# Trimmed from both ends of a line; tabs are not, since they delimit table cells.
_TRIM = " \u3000\u00a0\u200b\ufeff"


def from_text(path: str, text: str, *, encoding: str | None = None,
              notes: list[Finding] | None = None, kind: DocumentKind = "txt") -> Document:
    """Build the Document of an already decoded text (LF newlines)."""
    lines = text.split("\n")
    blocks: list[Block] = []
    for number, line in enumerate(lines, start=1):
        visible = line.strip()
        if not visible:
            continue
        start = line.index(visible[0]) + 1
        end = len(line.rstrip()) + 1
        blocks.append(Paragraph(line.strip(_TRIM),
                                Span(line=number, column=start, end_line=number, end_column=end)))
    return Document(path=path, kind=kind, blocks=blocks, encoding=encoding,
                    lines=lines, notes=list(notes or ()))


def read(path: str, data: bytes) -> Document:
    limits.check_text_bytes(len(data))
    text, encoding, note = decode(data)
    limits.check_text(text)
    return from_text(path, text, encoding=encoding, notes=[note] if note else None)
