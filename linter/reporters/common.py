"""What every output format shares: the render context, summary counts, place descriptions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from ..model import Diagnostic, FileResult, Location
from ..suppress import OVERRIDES_KIND

if TYPE_CHECKING:
    from ..baseline import BaselineOutcome
    from ..config import Config
    from ..rule_api import Rule

@dataclass(frozen=True)
class RenderContext:
    lang: str = "zh"
    rules: Mapping[str, "Rule"] = field(default_factory=dict)
    show_suppressed: bool = False
    statistics: bool = False
    source_root: Path | None = None        # SARIF %SRCROOT%; the cwd when None
    baseline: "BaselineOutcome | None" = None
    config: "Config | None" = None          # the run's configuration, when known: outputs name its file
    show_fix: bool = True                  # 修改建议 under each finding (terminal formats)
    skipped: tuple[str, ...] = ()          # files in the folders checked that are not read (named in the summary)

    def t(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh


def visible(result: FileResult, ctx: RenderContext) -> list[Diagnostic]:
    """The diagnostics a format shows: counted ones, plus the silenced ones on request."""
    diags = result.diagnostics if ctx.show_suppressed else result.active()
    return sorted(diags, key=Diagnostic.sort_key)


def is_input_file(result: FileResult) -> bool:
    """False for the pseudo-result that carries findings about the overrides file."""
    return result.kind != OVERRIDES_KIND


def summary(results: list[FileResult]) -> dict:
    inputs = [r for r in results if is_input_file(r)]
    return {
        "files": len(inputs),
        "checked": sum(1 for r in inputs if r.checked),
        "not_checked": sum(1 for r in inputs if not r.checked),
        "errors": sum(r.errors for r in results),
        "warnings": sum(r.warnings for r in results),
        "infos": sum(r.infos for r in results),
        "suppressed": sum(1 for r in results for d in r.diagnostics if d.suppressed is not None),
    }


def statistics(results: list[FileResult], rules: Mapping[str, "Rule"]) -> list[dict]:
    """Counted findings per code, most frequent first (ties by code)."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for r in results:
        for d in r.active():
            counts[d.code] += 1
            names[d.code] = d.name
    return [{"code": code, "name": rules[code].name if code in rules else names[code],
             "title": rules[code].title.zh if code in rules else names[code],
             "title_en": rules[code].title.en if code in rules else names[code], "count": n}
            for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def physical(loc: Location, lang: str) -> str:
    """Where in the file: ``12:5``, or page/paragraph/table-cell for documents; '' when unknown."""
    return loc.span().describe(lang)


def where(path: str, loc: Location, lang: str) -> str:
    """The file and the place in it: ``报告.txt:12:5``; in a PDF the page comes first, its line
    being the line on that page (``报告.pdf 第3页 第6行第1列``); documents name the table cell."""
    if loc.line is not None and loc.page is None:
        return f"{path}:{loc.line}:{loc.column or 1}"
    return " ".join(p for p in (path, loc.span().describe(lang, prose=True)) if p)


def logical(loc: Location) -> str:
    """The logical place (section/table/row/column), else the JSON pointer, else ''."""
    return loc.logical() or loc.pointer


def fix_text(diag: Diagnostic, ctx: RenderContext) -> str | None:
    """How to fix the finding (its rule's `fix`), in the output language; None when unknown."""
    rule = ctx.rules.get(diag.code)
    return rule.fix.text(ctx.lang) if rule is not None and rule.fix is not None else None


def title_of(code: str, ctx: RenderContext, fallback: str = "") -> str:
    """The rule's title in the output language (its kebab name when the rule is unknown)."""
    rule = ctx.rules.get(code)
    return rule.title.text(ctx.lang) if rule is not None else fallback


def annotation(diag: Diagnostic, ctx: RenderContext) -> str:
    """Why a shown diagnostic does not count: suppressed (with reason) or in the baseline."""
    if diag.suppressed is not None:
        return ctx.t(f"已豁免：{diag.suppressed}", f"suppressed: {diag.suppressed}")
    if diag.baseline == "unchanged":
        return ctx.t("基线中已有", "in baseline")
    return ""


def summary_sentence(results: list[FileResult], ctx: RenderContext) -> str:
    s = summary(results)
    if ctx.lang == "en":
        parts = [f"{s['files']} file(s) checked" if not s["not_checked"]
                 else f"{s['files']} file(s), {s['not_checked']} not checked",
                 f"{s['errors']} error(s)", f"{s['warnings']} warning(s)", f"{s['infos']} info"]
        if s["suppressed"]:
            parts.append(f"{s['suppressed']} suppressed" + ("" if ctx.show_suppressed
                                                          else " (shown with --show-suppressed)"))
    else:
        parts = [f"共 {s['files']} 个文件" + (f"（{s['not_checked']} 个未能检查）" if s["not_checked"] else ""),
                 f"错误 {s['errors']} 项", f"警告 {s['warnings']} 项", f"提示 {s['infos']} 项"]
        if s["suppressed"]:
            parts.append(f"已豁免 {s['suppressed']} 项" + ("" if ctx.show_suppressed
                                                        else "（使用 --show-suppressed 显示）"))
    if ctx.skipped:
        from ..paths import listing
        parts.append(ctx.t(f"跳过 {len(ctx.skipped)} 个不支持的文件：{listing(list(ctx.skipped), 'zh')}",
                           f"{len(ctx.skipped)} unsupported file(s) skipped: {listing(list(ctx.skipped), 'en')}"))
    b = ctx.baseline
    if b is not None:
        if b.written:
            parts.append(ctx.t(f"已写入基线 {b.path}（{b.recorded} 项）",
                               f"baseline {b.path} written ({b.recorded} finding(s))"))
        else:
            parts.append(ctx.t(f"基线：新增 {b.new} 项，未变 {b.unchanged} 项，已修复 {b.fixed_count} 项",
                               f"baseline: {b.new} new, {b.unchanged} unchanged, {b.fixed_count} fixed"))
    return ("; " if ctx.lang == "en" else "；").join(parts)


def config_file(ctx: RenderContext) -> dict:
    """{"config": path or None} for machine formats when the run's configuration is known."""
    if ctx.config is None:
        return {}
    return {"config": str(ctx.config.source) if ctx.config.source else None}


def expected_actual(diag: Diagnostic, ctx: RenderContext) -> str | None:
    """"期望 X，实际 Y" for findings that carry values; a missing side reads as 缺失/missing."""
    if diag.expected is None and diag.actual is None:
        return None
    missing = ctx.t("缺失", "missing")
    expected = missing if diag.expected is None else diag.expected
    actual = missing if diag.actual is None else diag.actual
    return ctx.t(f"期望 {expected}，实际 {actual}", f"expected {expected}, actual {actual}")
