"""``json`` (one document, stable shape, version 1) and ``json-lines`` (one object per finding).

Shape of ``json`` (keys beyond these appear only when asked for: ``statistics`` with
``--statistics``, ``baseline`` with ``--baseline``)::

    {"version": 1,
     "files": [{"path", "format", "report": {"organ", "year", "format_version"},
                "diagnostics": [Diagnostic.to_dict(lang) + {"fix": how to fix it}, ...]}],
     "summary": {"files", "checked", "not_checked", "errors", "warnings", "infos", "suppressed"}}

``format`` is the input kind read (yaml, json, txt, md, html, docx, pdf; ``overrides`` for
the entry carrying unused-override findings; null when the file could not be read).
"""

from __future__ import annotations

import json
from typing import TextIO

from ..model import FileResult
from .common import RenderContext, config_file, fix_text, statistics, summary, visible

JSON_VERSION = 1


def with_fix(entry: dict, diag, ctx: RenderContext) -> dict:
    """A diagnostic's JSON with `fix`: how to fix it, from its rule (added in version 1)."""
    fix = fix_text(diag, ctx)
    if fix is not None:
        entry["fix"] = fix
    return entry


def document(results: list[FileResult], ctx: RenderContext) -> dict:
    doc: dict = {
        "version": JSON_VERSION,
        "files": [{
            "path": r.path,
            "format": r.kind,
            "report": {"organ": r.organ, "year": r.year, "format_version": r.format_version},
            "diagnostics": [with_fix(d.to_dict(ctx.lang), d, ctx) for d in visible(r, ctx)],
        } for r in results],
        "summary": summary(results),
        **config_file(ctx),
    }
    if ctx.statistics:
        doc["statistics"] = statistics(results, ctx.rules)
    if ctx.baseline is not None:
        doc["baseline"] = ctx.baseline.to_dict()
    return doc


def render_json(results: list[FileResult], out: TextIO, ctx: RenderContext) -> None:
    out.write(json.dumps(document(results, ctx), ensure_ascii=False, indent=2, default=str) + "\n")


def render_json_lines(results: list[FileResult], out: TextIO, ctx: RenderContext) -> None:
    for r in results:
        for d in visible(r, ctx):
            out.write(json.dumps({"path": r.path, **with_fix(d.to_dict(ctx.lang), d, ctx)}, ensure_ascii=False,
                                 default=str) + "\n")
