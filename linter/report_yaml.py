"""A report as YAML (the shape `check` accepts), with a comment beside every value saying
where in the document it was read (`# 第12行`, `# 第2个表格 第5行 第3格`, `# 第3页 第7行`).

Keys come in the order of the official format. Values that were present but are not what the
format wants (`/`, `减4` in a count column, `251000元`) are left out, with a comment saying what
the document had, so that the output validates against the schema and can be corrected and
checked as YAML. Used by `xxgk-lint extract` and the web page's "download as YAML".
"""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

from . import spec

if TYPE_CHECKING:
    from .model import Report, Span


def _where(span: Span | None, lang: str = "zh") -> str:
    """Where a value came from, in the document's own terms."""
    return span.describe(lang, prose=True) if span is not None else ""


class _Comments:
    """Writes the comment beside a key: where its value was read, and what else there is to say."""

    def __init__(self, report: Report, lang: str):
        self.report = report
        self.lang = lang
        self.zh = lang == "zh"

    def text(self, zh: str, en: str) -> str:
        return zh if self.zh else en

    def add(self, cm: CommentedMap, key: str, pointer: str, extra: str = "", indent: int | None = None) -> None:
        text = self.text("；", "; ").join(t for t in (_where(self.report.spans.get(pointer), self.lang), extra) if t)
        if not text:
            return
        if indent is not None:      # a block scalar: the comment goes on the line above the key
            cm.yaml_set_comment_before_after_key(key, before=text, indent=indent)
        else:
            cm.yaml_add_eol_comment(text, key, column=0)     # column 0: one space after the value


def _mapping(data: dict, key: str) -> dict:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _valid_cell(value: object, kind: str) -> bool:
    if isinstance(value, bool):
        return False
    if kind == "signed":
        return isinstance(value, int)
    if kind == "amount":
        return isinstance(value, (int, float)) and value >= 0
    return isinstance(value, int) and value >= 0


def _fields(spec_fields: tuple[spec.MetaField, ...], mapping: dict) -> list[str]:
    """Keys in the format's order, then any others in their own order."""
    order = [f.id for f in spec_fields]
    return [k for k in order if k in mapping] + [k for k in mapping if k not in order]


def _header(report: Report, comments: _Comments) -> str:
    source = os.path.basename(report.path)
    header = [comments.text(f"由 xxgk-lint extract 从 {source} 提取；注释为各值在原文件中的位置。",
                            f"Extracted by xxgk-lint extract from {source}; comments give where each value was read.")]
    header += [f"{finding.code} {finding.message.text(comments.lang)}" for finding in report.notes]
    return "\n".join(header)


def _meta(meta: dict, comments: _Comments) -> CommentedMap:
    out = CommentedMap()
    for key in _fields(spec.META_FIELDS, meta):
        value = meta[key]
        if isinstance(value, dict):
            sub = CommentedMap()
            fields = spec.CONTACT_FIELDS if key == "contact" else ()
            for sub_key in _fields(fields, value):
                sub[sub_key] = value[sub_key]
                comments.add(sub, sub_key, spec.join_pointer("meta", key, sub_key))
            out[key] = sub
        else:
            out[key] = value
        comments.add(out, key, spec.join_pointer("meta", key))
    return out


def _sections(sections: dict, comments: _Comments) -> CommentedMap:
    out = CommentedMap()
    for section in spec.SECTIONS:
        if section.id in sections:
            text = sections[section.id]
            multiline = isinstance(text, str) and "\n" in text
            out[section.id] = LiteralScalarString(text) if multiline else text
            comments.add(out, section.id, spec.join_pointer("sections", section.id),
                         comments.text(f"标题“{section.full_heading}”", f"heading “{section.full_heading}”"),
                         indent=2 if multiline else None)
    return out


def _row(cells: dict, block: spec.Block, row_ptr: str, comments: _Comments) -> tuple[CommentedMap, list[str]]:
    """The row's valid cells, and what the document had in the others (left out)."""
    row_map = CommentedMap()
    left_out = []
    for col in block.columns:
        if col.id not in cells:
            continue
        cell = cells[col.id]
        if _valid_cell(cell, col.kind):
            row_map[col.id] = cell
            comments.add(row_map, col.id, f"{row_ptr}/{col.id}")
        else:
            left_out.append(comments.text(f"{col.label}（原文“{cell}”，未写入）",
                                          f"{col.en} (document has “{cell}”; left out)"))
    return row_map, left_out


def _rows(table: spec.Table, block: spec.Block, rows: dict, into: CommentedMap, comments: _Comments) -> None:
    """Writes the block's rows present in `rows` into `into` (the table itself for a flat table)."""
    separator = comments.text("；", "; ")
    for row in block.rows:
        if row.id not in rows:
            continue
        cells = rows[row.id] if isinstance(rows[row.id], dict) else {}
        row_ptr = (spec.join_pointer("tables", table.id, row.id) if table.flat
                   else spec.join_pointer("tables", table.id, block.id, row.id))
        into[row.id], left_out = _row(cells, block, row_ptr, comments)
        extra = spec.row_display(row)
        if left_out:
            extra += separator + separator.join(left_out)
        elif not cells:
            extra += comments.text("；单元格均为空", "; all cells empty")
        comments.add(into, row.id, row_ptr, extra)


def _table(table: spec.Table, value: object, comments: _Comments) -> CommentedMap:
    table_map = CommentedMap()
    if not isinstance(value, dict):
        return table_map
    for block in table.blocks:
        rows = value if table.flat else value.get(block.id)
        if not isinstance(rows, dict):
            continue
        if table.flat:
            _rows(table, block, rows, table_map, comments)
            continue
        block_map = CommentedMap()
        _rows(table, block, rows, block_map, comments)
        table_map[block.id] = block_map
        comments.add(table_map, block.id, spec.join_pointer("tables", table.id, block.id), block.label)
    return table_map


def _tables(tables: dict, version: str, comments: _Comments) -> CommentedMap:
    out = CommentedMap()
    for table in spec.TABLES[version].values():
        if table.id not in tables:
            continue
        pointer = spec.join_pointer("tables", table.id)
        out[table.id] = _table(table, tables[table.id], comments)
        unreadable = [f for f in comments.report.notes if f.code == "T210" and f.pointer == pointer]
        comments.add(out, table.id, pointer, unreadable[0].message.text(comments.lang) if unreadable else table.name)
    return out


def to_yaml(report: Report, lang: str = "zh") -> str:
    comments = _Comments(report, lang)
    data = report.data if isinstance(report.data, dict) else {}
    root = CommentedMap()
    root.yaml_set_start_comment(_header(report, comments))

    version = report.format_version or data.get("format_version")
    if version:
        root["format_version"] = str(version)
        if report.layout_evidence:
            evidence = comments.text("、", ", ").join(report.layout_evidence)
            root.yaml_add_eol_comment(comments.text("按表格标签判断：", "from the table labels: ") + evidence,
                                      "format_version", column=0)
    meta = _mapping(data, "meta")
    if meta:
        root["meta"] = _meta(meta, comments)
    root["sections"] = _sections(_mapping(data, "sections"), comments)
    table_version = version if version in spec.TABLES else (spec.format_version_for_year(report.year or 0) or "2021")
    root["tables"] = _tables(_mapping(data, "tables"), table_version, comments)

    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    yaml.dump(root, buf)
    return buf.getvalue()
