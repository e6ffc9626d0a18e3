"""The .html export: one self-contained page, viewable offline and printable.

No external resource of any kind (no fonts, scripts, styles or images from elsewhere): inline
CSS, inline SVG bar charts (findings per category and per rule), the report table, each
report's findings in a `<details>` element, and a few lines of inline JavaScript for the
filter box (which a link can preset: `审核结果.html#filter=乡镇`) and "expand all"; the page
is complete without them. Printed, every report's findings are shown: the print style opens
the collapsed `<details>` (::details-content), and a `beforeprint` handler opens them where
that style is not supported.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, TextIO

from ..model import category_label
from .exports import location_text
from .summary import (SEVERITY_LABEL, category_totals, report_rows, roster_lines, rule_totals, shown,
                      t, totals, totals_sentence)

if TYPE_CHECKING:
    from ..model import Diagnostic
    from . import Audit

CHART_RULES = 25          # bars in the per-rule chart (the rest are in the table below it)
CATEGORY_COLOUR = {
    "input": "#6b7280", "schema": "#b91c1c", "section": "#c2410c", "table": "#b45309",
    "value": "#a16207", "total": "#dc2626", "date": "#7c3aed", "contact": "#0e7490",
    "content": "#be185d", "consistency": "#1d4ed8", "format": "#4b5563",
}

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:24px;color:#111827;background:#fff;font-size:14px;line-height:1.5}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb}
.totals{font-size:15px}.muted{color:#6b7280}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid #d1d5db;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f3f4f6;position:sticky;top:0}td.n{text-align:right;white-space:nowrap}
.status{font-weight:bold;white-space:nowrap}.status.passed{color:#15803d}.status.needs_fixing{color:#b45309}
.status.not_checked{color:#b91c1c}td.error{color:#b91c1c}td.warning{color:#b45309}td.info{color:#2563eb}
details{border:1px solid #e5e7eb;border-radius:4px;margin:6px 0;padding:4px 8px}
summary{cursor:pointer}.charts{display:flex;flex-wrap:wrap;gap:24px}
svg text{font-size:12px;fill:#111827}#filter{padding:4px 8px;width:320px;margin:4px 0}
.fix{color:#374151;margin-top:2px}
@media print{#controls{display:none}details{break-inside:avoid}
details::details-content{content-visibility:visible;display:block}}
"""

_JS = """
(function(){
  var input=document.getElementById('filter'), rows=document.querySelectorAll('#report-table tbody tr');
  var count=document.getElementById('shown-count');
  function apply(){
    var q=input.value.trim().toLowerCase(), n=0;
    rows.forEach(function(r){var hit=!q||r.textContent.toLowerCase().indexOf(q)>=0;r.hidden=!hit;if(hit)n++;});
    count.textContent=n+' / '+rows.length;
  }
  var preset=/[#&]filter=([^&]*)/.exec(location.hash);   // a link can open a filtered view
  // a malformed %-escape is kept as typed
  if(preset){try{input.value=decodeURIComponent(preset[1]);}catch(e){input.value=preset[1];}}
  input.addEventListener('input',apply);
  document.getElementById('expand-all').addEventListener('click',function(){
    document.querySelectorAll('details.report').forEach(function(d){d.open=true;});});
  document.getElementById('collapse-all').addEventListener('click',function(){
    document.querySelectorAll('details.report').forEach(function(d){d.open=false;});});
  window.addEventListener('beforeprint',function(){
    document.querySelectorAll('details.report').forEach(function(d){d.open=true;});});
  apply();
  document.documentElement.setAttribute('data-ready','1');
})();
"""


def bar_chart(items: list[tuple[str, int, str]], *, title: str, width: int = 640, label_width: int = 300) -> str:
    """A horizontal bar chart as inline SVG: (label, value, colour) per bar."""
    bar_h, gap, top = 18, 6, 26
    height = top + len(items) * (bar_h + gap) + 8
    peak = max((v for _, v, _ in items), default=1) or 1
    span = width - label_width - 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
             f'<title>{escape(title)}</title>',
             f'<text x="0" y="16" style="font-weight:bold;font-size:14px">{escape(title)}</text>']
    for i, (label, value, colour) in enumerate(items):
        y = top + i * (bar_h + gap)
        w = max(2, round(span * value / peak))
        shown_label = label if len(label) <= 24 else label[:23] + "…"
        parts.append(f'<g class="bar"><title>{escape(label)}: {value}</title>'
                     f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{escape(shown_label)}</text>'
                     f'<rect x="{label_width}" y="{y}" width="{w}" height="{bar_h}" fill="{colour}"/>'
                     f'<text x="{label_width + w + 4}" y="{y + 13}">{value}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def write_html(audit: Audit, path: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        render_html(audit, fh)


def render_html(audit: Audit, out: TextIO) -> None:
    lang = audit.lang
    title = t(lang, "政府信息公开工作年度报告审核结果", "Annual report audit results")
    rows = report_rows(audit, lang)
    rules = rule_totals(audit, lang)
    out.write(_head(title, lang))
    out.write(f'<h1>{escape(title)}</h1>\n<p class="totals" id="totals">{escape(totals_sentence(audit, lang))}</p>\n')
    out.write(_roster(audit, lang))      # who has not reported comes first: it is what the office follows up
    out.write(_charts(audit, rules, lang))
    out.write(_report_table(rows, totals(audit)["files"], lang))
    out.write(f'<h2>{t(lang, "各报告问题明细", "Findings per report")}</h2>\n<div id="details">\n')
    for row in rows:
        diagnostics = shown(row["record"])      # suppressed ones too, with their reason
        if diagnostics:
            out.write(_report_details(audit, row, diagnostics, lang))
    out.write("</div>\n")
    out.write(_rule_table(rules, lang))
    out.write(_other_findings(audit, lang))
    out.write(f"<script>{_JS}</script>\n</body>\n</html>\n")


def _head(title: str, lang: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-CN"}">\n<head>\n'
            f'<meta charset="utf-8">\n<meta name="generator" content="xxgk-lint audit">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n')


def _roster(audit: Audit, lang: str) -> str:
    """未报送, 名单外 and the like, when the audit had a roster."""
    roster = roster_lines(audit, lang)
    if not roster:
        return ""
    return (f'<h2>{t(lang, "应报送名单", "Roster")}</h2>\n<ul id="roster">\n'
            + "".join(f"<li>{escape(line)}</li>\n" for line in roster) + "</ul>\n")


def _charts(audit: Audit, rules: list[dict], lang: str) -> str:
    """The bar charts of findings per category and per rule."""
    parts = [f'<h2>{t(lang, "问题类型分布", "Findings by kind")}</h2>\n<div class="charts" id="charts">\n']
    if rules:
        cats = [(category_label(c, lang), n, CATEGORY_COLOUR.get(c, "#4b5563")) for c, n in category_totals(audit)]
        parts.append(bar_chart(cats, title=t(lang, "按问题类别", "By category"), label_width=120, width=480))
        bars = [(f'{r["code"]} {r["title"]}', r["findings"], CATEGORY_COLOUR.get(r["category"], "#4b5563"))
                for r in rules[:CHART_RULES]]
        parts.append(bar_chart(bars, title=t(lang, "按规则（问题数）", "By rule (findings)")))
    else:
        parts.append(f'<p class="muted">{t(lang, "未发现问题。", "No findings.")}</p>')
    parts.append("</div>\n")
    return "".join(parts)


def _report_table(rows: list[dict], files: int, lang: str) -> str:
    """The reports, worst first, with the filter box and the expand/collapse buttons above them."""
    heads = [t(lang, "状态", "status"), t(lang, "机关", "organ"), t(lang, "层级", "level"), t(lang, "年度", "year"),
             t(lang, "格式", "format"), t(lang, "类型", "kind"), t(lang, "错误", "errors"),
             t(lang, "警告", "warnings"), t(lang, "主要问题", "main problems"), t(lang, "文件", "file")]
    return (f'<h2>{t(lang, "报告一览（问题最多的在前）", "Reports (worst first)")}</h2>\n'
            f'<div id="controls"><input id="filter" type="search" placeholder="'
            f'{t(lang, "按机关、文件或问题筛选", "filter by organ, file or problem")}"> '
            f'<span class="muted">{t(lang, "显示", "shown")} <span id="shown-count">{files} / {files}'
            f'</span></span> <button id="expand-all" type="button">{t(lang, "展开全部", "expand all")}</button> '
            f'<button id="collapse-all" type="button">{t(lang, "收起全部", "collapse all")}</button></div>\n'
            '<table id="report-table"><thead><tr>' + "".join(f"<th>{h}</th>" for h in heads)
            + "</tr></thead><tbody>\n" + "".join(_report_row(row, lang) for row in rows) + "</tbody></table>\n")


def _report_row(row: dict, lang: str) -> str:
    sep = "；" if lang == "zh" else "; "
    has_details = bool(shown(row["record"]))
    file_cell = (f'<a href="#r{row["index"]}">{escape(row["path"])}</a>' if has_details else escape(row["path"]))
    return (f'<tr class="{row["status"]}"><td class="status {row["status"]}">{escape(row["status_label"])}</td>'
            f'<td>{escape(row["organ"])}</td><td>{escape(row["organ_level_label"])}</td>'
            f'<td class="n">{row["year"] or ""}</td><td>{escape(row["format_version"])}</td>'
            f'<td>{escape(row["kind"])}</td><td class="n">{row["errors"]}</td>'
            f'<td class="n">{row["warnings"]}</td><td>{escape(sep.join(row["top_problems"]))}</td>'
            f'<td>{file_cell}</td></tr>\n')


def _report_details(audit: Audit, row: dict, diagnostics: list[Diagnostic], lang: str) -> str:
    """One report's findings in a collapsed `<details>`."""
    comma = "，" if lang == "zh" else ", "
    name = row["organ"] or t(lang, "（机关名称未识别）", "(organ not recognised)")
    return (f'<details class="report" id="r{row["index"]}"><summary><span class="status {row["status"]}">'
            f'{escape(row["status_label"])}</span> {escape(name)} {row["year"] or ""} — '
            f'{escape(row["path"])} <span class="muted">({t(lang, "错误", "errors")} {row["errors"]}{comma}'
            f'{t(lang, "警告", "warnings")} {row["warnings"]}{comma}{t(lang, "提示", "info")} {row["infos"]})'
            f'</span></summary>\n<table><thead><tr><th>{t(lang, "级别", "severity")}</th>'
            f'<th>{t(lang, "代码", "code")}</th><th>{t(lang, "位置", "location")}</th>'
            f'<th>{t(lang, "问题说明", "message")}</th></tr></thead><tbody>\n'
            + "".join(_diagnostic_row(audit, d, lang) for d in diagnostics) + "</tbody></table></details>\n")


def _diagnostic_row(audit: Audit, d: Diagnostic, lang: str) -> str:
    """A finding with its rule's title, the exemption's reason if any, and how to fix it."""
    colon = "：" if lang == "zh" else ": "
    note = (f' <span class="muted">[{t(lang, "已豁免", "exempted")}{colon}{escape(d.suppressed)}]</span>'
            if d.suppressed is not None else "")
    rule = audit.rules.get(d.code)
    title = rule.title.text(lang) if rule is not None else d.name
    fix = (f'<div class="fix">{t(lang, "修改建议", "How to fix")}{colon}{escape(rule.fix.text(lang))}</div>'
           if rule is not None and rule.fix is not None else "")
    return (f'<tr><td class="{d.severity}">{SEVERITY_LABEL[lang][d.severity]}</td>'
            f'<td title="{escape(d.name)}">{d.code} <span class="muted">{escape(title)}</span></td>'
            f'<td>{escape(location_text(d, lang))}</td>'
            f'<td>{escape(d.message.text(lang))}{note}{fix}</td></tr>\n')


def _rule_table(rules: list[dict], lang: str) -> str:
    rows = "".join(f'<tr><td>{r["code"]}</td><td>{escape(r["title"])} <span class="muted">{escape(r["name"])}</span>'
                   f'</td><td class="{r["severity"]}">{r["severity_label"]}</td><td class="n">{r["findings"]}</td>'
                   f'<td class="n">{r["reports"]}</td></tr>\n' for r in rules)
    return (f'<h2>{t(lang, "按规则统计", "Findings per rule")}</h2>\n<table id="rule-table"><thead><tr>'
            f'<th>{t(lang, "代码", "code")}</th><th>{t(lang, "规则", "rule")}</th>'
            f'<th>{t(lang, "级别", "severity")}</th><th>{t(lang, "问题数", "findings")}</th>'
            f'<th>{t(lang, "涉及报告", "reports")}</th></tr></thead><tbody>\n' + rows + "</tbody></table>\n")


def _other_findings(audit: Audit, lang: str) -> str:
    """Findings on no report (an override that matched nothing)."""
    extra = [d for x in audit.extra for d in x.diagnostics]
    if not extra:
        return ""
    items = "".join(f"<li>{escape(d.location.path)}:{d.location.line or 1} {d.code} "
                    f"{escape(d.message.text(lang))}</li>\n" for d in extra)
    return f'<h2>{t(lang, "其他问题", "Other findings")}</h2>\n<ul>\n{items}</ul>\n'
