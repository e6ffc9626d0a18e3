"""``rich`` (the default): findings grouped by file, for people.

Each finding shows severity, code, message, where it is (line:col, or page/paragraph/table
cell for documents, plus the logical section/table/row/column), and for text inputs the
offending source line with a caret under the column. A summary closes the output.

Colour only on a terminal without NO_COLOR; otherwise plain text at a fixed width with
long lines left unwrapped, so piped output and CI logs are stable and greppable. Quoted
source lines are cut around the column in both cases. Each finding ends with its rule's
修改建议 unless `--no-fix` (or `show-fix = false`) hides it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TextIO

from ..model import SEVERITY_LABEL, Diagnostic, FileResult
from . import is_terminal
from .common import (RenderContext, annotation, expected_actual, fix_text, logical, statistics,
                     summary, summary_sentence, visible, where)
from ..suppress import OVERRIDES_KIND
from ..terminal_text import terminal_safe

PLAIN_WIDTH = 100
STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _header(r: FileResult, ctx: RenderContext):
    from rich.text import Text

    bits = []
    if r.kind == OVERRIDES_KIND:
        bits.append(ctx.t("豁免文件", "overrides file"))
    elif r.kind:
        bits.append(r.kind)
    if not r.checked:
        bits.append(ctx.t("未能检查", "not checked"))
    if r.organ:
        bits.append(terminal_safe(r.organ))
    if r.year is not None:
        bits.append(ctx.t(f"{r.year}年度", str(r.year)))
    if r.format_version:
        bits.append(ctx.t(f"{r.format_version}版格式", f"{r.format_version} format"))
    if r.encoding and r.encoding.lower().replace("-", "") not in ("utf8", "ascii"):
        bits.append(r.encoding)
    text = Text(terminal_safe(r.path), style="bold underline")
    if bits:
        text.append("  (" + " · ".join(bits) + ")", style="dim")
    return text


def _window(source: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """Cut a long source line to `width` cells around [start, end) so the caret stays visible."""
    from rich.cells import cell_len

    if cell_len(source) <= width:
        return source, start, end
    margin = min(20, width // 3)
    shift = 0
    while shift < start and cell_len(source[shift:end]) + 1 > width - margin:
        shift += 1
    prefix = "…" if shift else ""
    text = prefix + source[shift:]
    if cell_len(text) > width:
        while cell_len(text) > width - 1:
            text = text[:-1]
        text += "…"
    offset = len(prefix) - shift
    return text, start + offset, end + offset


def _snippet(diag: Diagnostic, lines: list[str] | None, width: int | None):
    """The source line and a caret line under the column, or None.

    A long line is cut to `width` cells around the column (the terminal's width, or
    PLAIN_WIDTH when piped) instead of wrapping, which would separate the caret from what it
    points at.
    """
    from rich.cells import cell_len
    from rich.text import Text

    loc = diag.location
    if not lines or loc.line is None or not 0 < loc.line <= len(lines):
        return None
    source = lines[loc.line - 1].rstrip("\r\n").replace("\t", " ")
    if not source.isprintable():      # escapes shown visibly move the caret: keep it under its text
        start = (loc.column or 1) - 1
        loc = replace(loc, column=len(terminal_safe(source[:start])) + 1 if loc.column else None,
                      end_column=len(terminal_safe(source[:(loc.end_column or 1) - 1])) + 1
                      if loc.end_column else None)
        source = terminal_safe(source)
    number = str(loc.line)
    gutter = " " * len(number)
    has_caret = loc.column is not None and 0 < loc.column <= len(source) + 1
    start = (loc.column or 1) - 1
    end = start + 1
    if has_caret and loc.end_line == loc.line and loc.end_column is not None and loc.end_column - 1 > start:
        end = min(loc.end_column - 1, len(source))
    if width is not None:
        source, start, end = _window(source, start, end, max(20, width - len(number) - 5))
    out = [Text.assemble((f"{number} │ ", "blue"), source)]
    if has_caret:
        out.append(Text.assemble((f"{gutter} │ ", "blue"), " " * cell_len(source[:start]),
                                 ("^" * max(1, cell_len(source[start:end])), STYLE[diag.severity])))
    return out


def _finding(r: FileResult, diag: Diagnostic, ctx: RenderContext, width: int | None) -> list:
    from rich.text import Text

    loc = diag.location
    note = annotation(diag, ctx)
    style = "dim" if note else STYLE[diag.severity]
    head = Text.assemble((SEVERITY_LABEL[ctx.lang][diag.severity], style), " ",
                         (diag.code, "bold"), " ", terminal_safe(diag.message.text(ctx.lang)))
    if note:
        head.append(f"  [{terminal_safe(note)}]", style="dim")
    arrow = Text.assemble("  --> ", (terminal_safe(where(r.path, loc, ctx.lang)), "cyan"))
    place = terminal_safe(logical(loc))
    if place:
        arrow.append("  " + place, style="magenta")
    lines = [Text("  ") + head, arrow]
    snippet = _snippet(diag, r.lines, width)
    if snippet is not None:
        lines += [Text("  ") + t for t in snippet]
    values = expected_actual(diag, ctx)
    if values:
        lines.append(Text("  = " + terminal_safe(values), style="dim"))
    fix = fix_text(diag, ctx) if ctx.show_fix else None
    if fix:
        lines.append(Text.assemble("  ", (ctx.t("修改建议：", "How to fix: "), "green"), fix))
    return lines


def render(results: list[FileResult], out: TextIO, ctx: RenderContext) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    tty = is_terminal(out)
    console = Console(file=out, force_terminal=tty, no_color=not tty,
                      color_system="auto" if tty else None, width=None if tty else PLAIN_WIDTH,
                      soft_wrap=not tty, highlight=False, emoji=False, markup=False)
    for r in results:
        diags = visible(r, ctx)
        if not diags:
            continue
        console.print(_header(r, ctx))
        for d in diags:
            # piped output is cut around the column too: a 400-character paragraph would
            # otherwise print whole, with a caret line of hundreds of spaces
            for line in _finding(r, d, ctx, console.width if tty else PLAIN_WIDTH):
                console.print(line)
        console.print()
    b = ctx.baseline
    if b is not None and not b.written and b.fixed:
        for f in b.fixed:
            where = f" {f.location}" if f.location else ""
            console.print(Text(terminal_safe(ctx.t(f"已修复 {f.code} {f.path}{where}（{f.count} 项）",
                                                   f"fixed {f.code} {f.path}{where} ({f.count})")),
                               style="green"))
        console.print()
    if ctx.statistics:
        rows = statistics(results, ctx.rules)
        if rows:
            table = Table(title=ctx.t("按规则统计", "Findings per rule"), box=box.SIMPLE)
            table.add_column(ctx.t("代码", "code"))
            table.add_column(ctx.t("规则", "rule"))
            table.add_column(ctx.t("数量", "count"), justify="right")
            for row in rows:
                table.add_row(row["code"], terminal_safe(row["title"] if ctx.lang != "en" else row["title_en"]),
                              str(row["count"]))
            console.print(table)
            console.print()
    s = summary(results)
    style = "bold red" if s["errors"] else ("yellow" if s["warnings"] else "green")
    console.print(Text(ctx.t("摘要：", "Summary: ") + terminal_safe(summary_sentence(results, ctx)), style=style))
    if ctx.config is not None:
        console.print(Text(terminal_safe(ctx.config.in_effect().text(ctx.lang)), style="dim"))
