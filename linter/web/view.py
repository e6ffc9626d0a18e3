"""What the result page shows for one checked upload, computed from the library's results.

- the verdict (通过 / 需修改 / 无法检查, the audit's status of the file) and the counts;
- the findings grouped the way the report is laid out: the file as a whole, the basic
  information, then section 一 … 六, and inside a section by table and row;
- 表二/表三/表四 re-drawn from the extracted data with the official row and column labels,
  every cell a finding points at (its pointer, or a pointer anywhere in its `details`, such
  as the addends of a total) marked and linked both ways;
- for prose findings, the sentence or source line with the offending words marked;
- the downloads: the audit's .xlsx and .csv for this one file, and the extracted YAML.

Everything here is plain data for the Jinja2 templates, which escape all of it.
"""

from __future__ import annotations

import base64
import os
import tempfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from .. import spec
from ..audit.record import STATUS_LABEL
from ..model import SEVERITY_RANK, Diagnostic, FileResult, Severity
from ..model import SEVERITY_LABEL

if TYPE_CHECKING:
    from ..config import Config
    from ..rule_api import Rule


@dataclass
class Quote:
    before: str
    marked: str
    after: str


@dataclass
class FindingView:
    id: str
    code: str
    severity: str
    severity_label: str
    message: str
    where: str
    expected: Any
    actual: Any
    rule_title: str
    fix: str | None
    legal_basis: str | None
    cells: list[str] = field(default_factory=list)     # ids of the table cells it concerns
    quote: Quote | None = None
    suppressed: str | None = None


@dataclass
class Group:
    title: str
    findings: list[FindingView]


@dataclass
class CellView:
    id: str
    value: str
    severity: str | None = None           # the worst finding on the cell
    findings: list[str] = field(default_factory=list)


@dataclass
class RowView:
    label: str
    group: str | None
    cells: list[CellView]


@dataclass
class BlockView:
    label: str | None                     # 第二十条第（一）项 (表二); None for 表三/表四
    columns: list[str]
    rows: list[RowView]


@dataclass
class TableView:
    name: str                             # 表二
    title: str                            # the section it belongs to
    blocks: list[BlockView]


@dataclass
class Download:
    label: str
    filename: str
    media_type: str
    data: bytes

    @property
    def href(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass
class FileView:
    index: int
    name: str
    title: str | None                     # the report's own title, as read
    status: str                           # passed | needs_fixing | not_checked
    status_label: str
    errors: int
    warnings: int
    infos: int
    reason: str                           # why it was not checked
    groups: list[Group]
    tables: list[TableView]
    downloads: list[Download]


# ---------------------------------------------------------------- pointers and cells

def cell_id(file_index: int, pointer: str) -> str:
    """The HTML id of the table cell at `pointer` (spec ids are ASCII: the id is safe)."""
    return f"f{file_index}" + pointer.replace("/", "-")


def pointers_in(value: Any) -> Iterator[str]:
    """Every JSON pointer a finding's `details` names (addends, cells, grouped findings …)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "pointer" and isinstance(item, str) and item.startswith("/"):
                yield item
            else:
                yield from pointers_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from pointers_in(item)


def table_cells(data: dict | None, version: str) -> dict[str, list[str]]:
    """Pointer of each row drawn → pointers of its cells (the keys of the drawn grid)."""
    rows: dict[str, list[str]] = {}
    tables = data.get("tables") if isinstance(data, dict) else None
    if not isinstance(tables, dict):
        return rows
    for table in spec.TABLES[version].values():
        if table.id not in tables:
            continue
        for block in table.blocks:
            for row in block.rows:
                base = (spec.join_pointer("tables", table.id, row.id) if table.flat
                        else spec.join_pointer("tables", table.id, block.id, row.id))
                rows[base] = [f"{base}/{c.id}" for c in block.columns]
    return rows


def cells_of(d: Diagnostic, rows: dict[str, list[str]]) -> list[str]:
    """The drawn cells a diagnostic concerns: its own pointer (a cell, or a whole row) and
    every pointer in its details."""
    drawn = {p for cells in rows.values() for p in cells}
    out: list[str] = []
    for pointer in (d.location.pointer, *pointers_in(d.details)):
        for p in rows.get(pointer, [pointer]):
            if p in drawn and p not in out:
                out.append(p)
    return out


# ---------------------------------------------------------------- prose quotes

QUOTE_CONTEXT = 60          # characters kept either side of the marked words


def _quote(text: str, start: int, end: int) -> Quote:
    """`text` with [start, end) marked, cut to QUOTE_CONTEXT characters either side."""
    before, after = text[:start], text[end:]
    if len(before) > QUOTE_CONTEXT:
        before = "…" + before[-QUOTE_CONTEXT:]
    if len(after) > QUOTE_CONTEXT:
        after = after[:QUOTE_CONTEXT] + "…"
    return Quote(before, text[start:end], after)


def quote_of(d: Diagnostic, lines: list[str] | None) -> Quote | None:
    """The sentence a prose finding is about, with the offending words marked: the sentence
    the rule names (marking the actual value found in it), else the source line at the
    finding's position (marking its column range)."""
    details = d.details or {}
    sentence = details.get("sentence")
    if isinstance(sentence, str) and sentence:
        words = d.actual if isinstance(d.actual, str) else ""
        at = sentence.find(words) if words else -1
        return _quote(sentence, at, at + len(words)) if at >= 0 else _quote(sentence, 0, 0)
    loc = d.location
    if loc.table or not lines or loc.line is None or not 0 < loc.line <= len(lines):
        return None
    source = lines[loc.line - 1].rstrip("\r\n")
    start = min(max((loc.column or 1) - 1, 0), len(source))
    end = start
    if loc.end_line in (None, loc.line) and loc.end_column is not None and loc.end_column - 1 > start:
        end = min(loc.end_column - 1, len(source))
    return _quote(source, start, end)


# ---------------------------------------------------------------- grouping

def _section_order(d: Diagnostic) -> tuple:
    """Sort key: the whole file, the basic information, then sections 一…六, tables, rows."""
    loc = d.location
    if loc.section in spec.SECTION_BY_NUMERAL:
        position = 2 + spec.SECTIONS.index(spec.SECTION_BY_NUMERAL[loc.section])
    elif loc.field:
        position = 1
    else:
        position = 0
    return (position, loc.table or "", _row_position(loc.pointer))


def _row_position(pointer: str) -> int:
    parts = spec.split_pointer(pointer)
    if len(parts) < 3 or parts[0] != "tables" or parts[1] not in spec.TABLES["2021"]:
        return -1
    ids = [r.id for t in (spec.TABLES["2021"][parts[1]], spec.TABLES["2019"][parts[1]]) for r in t.rows]
    row = next((p for p in parts[2:] if p in ids), None)
    return ids.index(row) if row else -1


def group_title(d: Diagnostic, lang: str) -> str:
    loc = d.location
    zh = lang != "en"
    if loc.section in spec.SECTION_BY_NUMERAL:
        section = spec.SECTION_BY_NUMERAL[loc.section]
        title = section.full_heading if zh else f"{section.numeral}. {section.en}"
        parts = [title] + [p for p in (loc.table, loc.block, loc.row) if p]
        return " › ".join(parts)
    if loc.field:
        return "报告基本信息" if zh else "Basic information"
    return "整份报告" if zh else "The report as a whole"


def groups_of(diagnostics: list[Diagnostic], finding_views: dict[int, FindingView], lang: str) -> list[Group]:
    groups: dict[str, Group] = {}
    order = sorted(range(len(diagnostics)), key=lambda i: (_section_order(diagnostics[i]), i))
    for i in order:
        title = group_title(diagnostics[i], lang)
        groups.setdefault(title, Group(title, [])).findings.append(finding_views[i])
    return list(groups.values())


# ---------------------------------------------------------------- tables

def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def tables_of(index: int, data: dict | None, version: str, marks: dict[str, list[tuple[str, Severity]]],
              lang: str) -> list[TableView]:
    """表二/三/四 as drawn from the data; `marks` maps a cell pointer to (finding id, severity)."""
    zh = lang != "en"
    tables = data.get("tables") if isinstance(data, dict) else None
    if not isinstance(tables, dict):
        return []
    out = []
    for table in spec.TABLES[version].values():
        value = tables.get(table.id)
        if not isinstance(value, dict):
            continue
        blocks = []
        for block in table.blocks:
            rows_data = value if table.flat else value.get(block.id)
            rows_data = rows_data if isinstance(rows_data, dict) else {}
            rows = []
            for row in block.rows:
                cells_data = rows_data.get(row.id)
                cells_data = cells_data if isinstance(cells_data, dict) else {}
                base = (spec.join_pointer("tables", table.id, row.id) if table.flat
                        else spec.join_pointer("tables", table.id, block.id, row.id))
                cells = []
                for col in block.columns:
                    pointer = f"{base}/{col.id}"
                    found = marks.get(pointer, [])
                    worst = max((s for _, s in found), key=SEVERITY_RANK.__getitem__, default=None)
                    cells.append(CellView(cell_id(index, pointer), _shown(cells_data.get(col.id)), worst,
                                          [fid for fid, _ in found]))
                rows.append(RowView(spec.row_display(row) if zh else row.en,
                                    row.group if zh and not row.label[:1].isdigit() else None, cells))
            blocks.append(BlockView(None if table.flat else (block.label if zh else block.en),
                                    [c.label if zh else c.en for c in block.columns], rows))
        section = spec.SECTION_BY_ID[table.section]
        out.append(TableView(table.name if zh else table.en,
                             section.full_heading if zh else section.en, blocks))
    return out


# ---------------------------------------------------------------- downloads

def downloads_of(result: FileResult, yaml_text: str | None, rules: dict[str, "Rule"],
                 config: "Config") -> list[Download]:
    """The audit's .xlsx and .csv for this one file, and the extracted YAML. The exports are
    written into a private temporary folder that is gone before this returns."""
    from ..audit import Audit
    from ..audit.export_xlsx import write_xlsx
    from ..audit.exports import write_csv
    from ..audit.record import record_of

    audit = Audit([record_of(0, result)], rules, config)
    stem = os.path.splitext(result.path)[0] or "report"
    zh = config.lang != "en"
    out = []
    with tempfile.TemporaryDirectory(prefix="xxgk-lint-serve-") as folder:
        for writer, ext, media, label in (
                (write_xlsx, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "问题清单（Excel）" if zh else "findings (Excel)"),
                (write_csv, "csv", "text/csv", "问题清单（CSV）" if zh else "findings (CSV)")):
            path = os.path.join(folder, f"findings.{ext}")
            writer(audit, path)
            with open(path, "rb") as fh:
                out.append(Download(label, f"{stem}-问题清单.{ext}" if zh else f"{stem}-findings.{ext}",
                                    media, fh.read()))
    if yaml_text is not None:
        out.append(Download("提取的结构化数据（YAML）" if zh else "extracted data (YAML)",
                            f"{stem}.yaml", "application/yaml", yaml_text.encode("utf-8")))
    return out


# ---------------------------------------------------------------- the file's view

def report_title(data: dict | None) -> str | None:
    meta = data.get("meta") if isinstance(data, dict) else None
    title = meta.get("title") if isinstance(meta, dict) else None
    return title if isinstance(title, str) and title.strip() else None


def file_view(index: int, result: FileResult, yaml_text: str | None, rules: dict[str, "Rule"],
              config: "Config") -> FileView:
    from ..audit.exports import location_text
    from ..audit.record import record_of

    lang = config.lang
    record = record_of(0, result)
    status = record.status(config.fail_on)
    version = result.format_version if result.format_version in spec.TABLES else "2021"
    rows = table_cells(result.data, version)
    shown = sorted(result.active(), key=Diagnostic.sort_key)
    views: dict[int, FindingView] = {}
    marks: dict[str, list[tuple[str, Severity]]] = {}
    for i, d in enumerate(shown):
        rule = rules.get(d.code)
        fid = f"f{index}-d{i}"
        cells = cells_of(d, rows)
        for pointer in cells:
            marks.setdefault(pointer, []).append((fid, d.severity))
        views[i] = FindingView(
            id=fid, code=d.code, severity=d.severity, severity_label=SEVERITY_LABEL[lang][d.severity],
            message=d.message.text(lang), where=location_text(d, lang), expected=d.expected,
            actual=d.actual, rule_title=rule.title.text(lang) if rule else d.name,
            fix=rule.fix.text(lang) if rule and rule.fix else None,
            legal_basis=rule.legal_basis.text(lang) if rule else None,
            cells=[cell_id(index, p) for p in cells],
            quote=None if cells else quote_of(d, result.lines))
    return FileView(
        index=index, name=result.path, title=report_title(result.data), status=status,
        status_label=STATUS_LABEL[lang][status],
        errors=record.count("error"), warnings=record.count("warning"), infos=record.count("info"),
        reason=record.reason(lang), groups=groups_of(shown, views, lang),
        tables=tables_of(index, result.data, version, marks, lang) if result.checked else [],
        downloads=downloads_of(result, yaml_text, rules, config) if result.checked else [])
