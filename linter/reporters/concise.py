"""``concise``: one line per finding, ``path:line:col: CODE message`` (grep- and editor-friendly).

A finding without a line, or in a PDF (whose line counts within a page), gives its physical
and logical place instead: ``report.pdf: 第3页 6:1 表三/（七）总计/自然人: A401 message``.
"""

from __future__ import annotations

from typing import TextIO

from ..model import FileResult
from ..terminal_text import terminal_safe
from .common import RenderContext, annotation, logical, physical, statistics, summary_sentence, visible


def line_for(path: str, diag, ctx: RenderContext) -> str:
    loc = diag.location
    path = terminal_safe(path)
    if loc.line is not None and loc.page is None:
        head = f"{path}:{loc.line}:{loc.column or 1}:"
    else:
        where = terminal_safe(" ".join(p for p in (physical(loc, ctx.lang), logical(loc)) if p))
        head = f"{path}: {where}:" if where else f"{path}:"
    note = annotation(diag, ctx)
    return (f"{head} {diag.code} {terminal_safe(diag.message.text(ctx.lang))}"
            + (f" [{terminal_safe(note)}]" if note else ""))


def render(results: list[FileResult], out: TextIO, ctx: RenderContext) -> None:
    for r in results:
        for d in visible(r, ctx):
            out.write(line_for(r.path, d, ctx) + "\n")
    if ctx.baseline is not None and not ctx.baseline.written:
        for f in ctx.baseline.fixed:
            where = f" {f.location}" if f.location else ""
            out.write(terminal_safe(ctx.t(f"已修复 {f.code} {f.path}{where}（{f.count} 项）",
                                          f"fixed {f.code} {f.path}{where} ({f.count})")) + "\n")
    if ctx.statistics:
        rows = statistics(results, ctx.rules)
        if rows:
            width = max(len(str(row["count"])) for row in rows)
            for row in rows:
                title = row["title"] if ctx.lang != "en" else row["title_en"]
                out.write(f"{row['count']:>{width}}\t{row['code']}\t{terminal_safe(title)}\n")
    out.write(summary_sentence(results, ctx) + "\n")
