"""``github``: GitHub Actions workflow commands, shown as annotations on the changed files.

``::error file=PATH,line=L,col=C,endLine=…,title=CODE::message``; warning → ``::warning``,
info → ``::notice``. Findings without a line are annotated on the file, and the logical
place is put in front of the message. Escaping follows the runner's rules: ``%``, CR and
LF in the message; additionally ``:`` and ``,`` in property values.
"""

from __future__ import annotations

from typing import TextIO

from ..model import FileResult
from ..terminal_text import terminal_safe
from .common import RenderContext, annotation, logical, physical, summary_sentence, visible

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command_for(path: str, diag, ctx: RenderContext) -> str:
    loc = diag.location
    props = [("file", path)]
    if loc.line is not None:
        props.append(("line", str(loc.line)))
        if loc.column is not None:
            props.append(("col", str(loc.column)))
        if loc.end_line is not None:
            props.append(("endLine", str(loc.end_line)))
            if loc.end_column is not None:
                props.append(("endColumn", str(loc.end_column)))
    props.append(("title", f"{diag.code} {diag.name}"))
    message = terminal_safe(diag.message.text(ctx.lang))     # the human part: shown in logs
    # a PDF's line is the line on its page: the page is said in the message
    where = terminal_safe(" ".join(p for p in (physical(loc, ctx.lang) if loc.line is None or loc.page is not None
                                               else "", logical(loc)) if p))
    if where:
        message = f"{where}: {message}"
    note = annotation(diag, ctx)
    if note:
        message += f" [{terminal_safe(note)}]"
    level = "notice" if note else COMMAND[diag.severity]
    return (f"::{level} " + ",".join(f"{k}={escape_property(v)}" for k, v in props)
            + f"::{escape_data(message)}")


def render(results: list[FileResult], out: TextIO, ctx: RenderContext) -> None:
    for r in results:
        for d in visible(r, ctx):
            out.write(command_for(r.path, d, ctx) + "\n")
    out.write(summary_sentence(results, ctx) + "\n")
