"""Markdown reports (.md): CommonMark plus GFM pipe tables, via markdown-it-py.

Every source line of a paragraph stays its own Paragraph (reports converted to Markdown
keep one sentence or table row per line, and line positions stay exact). Inline markup is
rendered to plain text (`**一、总体情况**` → `一、总体情况`). Raw HTML blocks go through the
HTML reader (converted reports often carry `<table>` with rowspan/colspan); HTML comments
are dropped.
"""

from __future__ import annotations

import functools
import re

from ..model import Cell, Document, Paragraph, Span, TableBlock
from . import limits
from .encoding import decode

_BREAK = "\n"


# Characters that can start inline markup (line break, escape, code, emphasis, link, image,
# autolink or raw HTML, entity). Without any, an inline token is its text: the table cells
# of a report (a number, a label) skip the inline parser, which was a third of reading.
_MARKUP = re.compile(r"[\n\\`*_\[!<&]")


def _inline_lines(token, env: dict) -> list[str]:
    """Plain text of an inline token, split where the source has line breaks."""
    content = token.content
    if not _MARKUP.search(content):
        return [content]
    children: list = []
    md = _parser()
    md.inline.parse(content, md, env, children)
    out: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "text_special", "code_inline"):
            out.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append(_BREAK)
        elif kind == "image":
            out.append(child.content)
        elif kind == "html_inline" and child.content.lower().startswith("<br"):
            out.append(" ")
    return "".join(out).split(_BREAK)


def _column(line: str, text: str) -> int:
    """1-based column of `text` in the source line (first visible character otherwise)."""
    probe = text[:4]
    hit = line.find(probe) if probe else -1
    if hit != -1:
        return hit + 1
    stripped = line.lstrip()
    return len(line) - len(stripped) + 1


def _pipe_cells(line: str) -> list[int]:
    """1-based column where each cell's content starts in a pipe-table row."""
    starts = [i + 1 for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\")]
    if not line.lstrip().startswith("|"):
        starts.insert(0, 0)
    cols = []
    for j in starts:
        while j < len(line) and line[j] in " \t":
            j += 1
        cols.append(j + 1)
    return cols


def _table(tokens, i: int, lines: list[str], env: dict) -> tuple[TableBlock, int]:
    start = tokens[i].map[0] if tokens[i].map else 0
    rows: list[list[Cell]] = []
    current: list[Cell] | None = None
    cols: list[int] = []
    row_line = start
    while i < len(tokens) and tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "tr_open":
            current = []
            row_line = tok.map[0] if tok.map else row_line
            cols = _pipe_cells(lines[row_line]) if row_line < len(lines) else []
        elif tok.type == "tr_close" and current is not None:
            rows.append(current)
            current = None
        elif tok.type in ("th_open", "td_open") and current is not None:
            inline = tokens[i + 1]
            text = " ".join(t.strip() for t in _inline_lines(inline, env)).strip()
            k = len(current)
            col = cols[k] if k < len(cols) else 1
            current.append(Cell(text, Span(line=row_line + 1, column=col)))
        i += 1
    span = Span(line=start + 1, column=_column(lines[start], "|") if start < len(lines) else 1)
    return TableBlock(rows, span), i


@functools.lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # Inline tokens are parsed by `_inline_lines`, when they are read.
    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])


def from_text(path: str, text: str, *, encoding: str | None = None, notes=None) -> Document:
    env: dict = {}
    tokens = _parser().parse(text, env)
    lines = text.split("\n")
    blocks: list = []
    level: int | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            level = int(tok.tag[1])
        elif kind == "heading_close":
            level = None
        elif kind == "table_open":
            table, i = _table(tokens, i, lines, env)
            blocks.append(table)
        elif kind == "inline" and tok.map:
            first = tok.map[0]
            for k, piece in enumerate(_inline_lines(tok, env)):
                piece = piece.strip(" \t\u3000")
                if not piece:
                    continue
                # setext headings put the underline after the text; map[0] is the text line
                n = min(first + k, len(lines) - 1)
                col = _column(lines[n], piece)
                blocks.append(Paragraph(piece, Span(line=n + 1, column=col), level))
        elif kind in ("fence", "code_block") and tok.map:
            first = tok.map[0] + (1 if kind == "fence" else 0)
            for k, raw in enumerate(tok.content.split("\n")):
                if raw.strip():
                    n = first + k
                    span = Span(line=n + 1, column=_column(lines[n], raw.strip()))
                    blocks.append(Paragraph(raw.strip(" \u3000"), span))
        elif kind == "html_block" and tok.map and not tok.content.lstrip().startswith("<!--"):
            from .html import parse_blocks

            first, last = tok.map
            fragment = "\n".join(lines[first:last])
            html_blocks, _ = parse_blocks(fragment, line_offset=first)
            blocks.extend(html_blocks)
        i += 1
    return Document(path=path, kind="md", blocks=blocks, encoding=encoding, lines=lines,
                    notes=list(notes or ()))


def read(path: str, data: bytes) -> Document:
    limits.check_text_bytes(len(data))
    text, encoding, note = decode(data)
    limits.check_text(text)
    return from_text(path, text, encoding=encoding, notes=[note] if note else None)
