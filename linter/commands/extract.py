"""`xxgk-lint extract FILE [-o OUT.yaml] [--lang en]`: the structured report read from a document.

Writes the YAML form (the same shape `check` accepts), keys in the order of the official
format, with a comment beside every value saying where in the document it was read
(`# 第12行`, `# 第2个表格 第5行 第3格`, `# 第3页 第7行`). Values that were present but are not
what the format wants (`/`, `减4` in a count column, `251000元`) are left out, with a comment
saying what the document had, so that the output validates against the schema and can be
corrected and checked as YAML. The input file is never written to.
"""

from __future__ import annotations

import argparse
import os
import sys


def register(sub) -> None:
    p = sub.add_parser("extract", help="从文档提取结构化报告（YAML） / extract the structured report as YAML",
                       description="从 .txt/.md/.html/.docx/.pdf 年度报告提取结构化形式（YAML），每个值注明出处 / "
                                   "extract the structured form (YAML) of a report, with the source of every value")
    p.add_argument("file", metavar="FILE", help="年度报告文件 / report file")
    p.add_argument("-o", "--output", metavar="OUT.yaml", help="写入文件而非标准输出 / write to a file instead of stdout")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="注释语言 / language of the comments")


def run(args: argparse.Namespace) -> int:
    from ..outputs import check_output_path
    from ..model import UserError
    from ..paths import os_error
    from .options import fail

    if args.output:
        try:
            check_output_path(args.output, option="-o", inputs=[args.file])
        except UserError as exc:
            return fail(exc.message, args.lang)
    try:
        with open(args.file, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return fail(os_error(args.file, exc, ("无法读取", "cannot read")), args.lang)

    from ..model import InputProblem, Report
    from ..readers import read

    try:
        document = read(args.file, data)
    except InputProblem as problem:
        print(f"{args.file}: {problem.code} {problem.message.text(args.lang)}", file=sys.stderr)
        return 1
    if isinstance(document, Report):
        report = document
    else:
        from ..extract import extract

        report = extract(document)
        report.notes[:0] = document.notes
    text = to_yaml(report, args.lang)
    if args.output:
        from ..outputs import atomic_text
        with atomic_text(args.output) as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


# ---------------------------------------------------------------- YAML rendering

def where(span, lang: str = "zh") -> str:
    """Where a value came from, in the document's own terms."""
    return span.describe(lang, prose=True) if span is not None else ""


def _valid_cell(value, kind: str) -> bool:
    if isinstance(value, bool):
        return False
    if kind == "signed":
        return isinstance(value, int)
    if kind == "amount":
        return isinstance(value, (int, float)) and value >= 0
    return isinstance(value, int) and value >= 0


def _fields(spec_fields, mapping: dict) -> list[str]:
    """Keys in the format's order, then any others in their own order."""
    order = [f.id for f in spec_fields]
    return [k for k in order if k in mapping] + [k for k in mapping if k not in order]


def to_yaml(report, lang: str = "zh") -> str:
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import LiteralScalarString

    from .. import spec

    zh = lang == "zh"
    data = report.data if isinstance(report.data, dict) else {}

    def note(cm: CommentedMap, key: str, pointer: str, extra: str = "", indent: int | None = None) -> None:
        text = ("；" if zh else "; ").join(t for t in (where(report.spans.get(pointer), lang), extra) if t)
        if not text:
            return
        if indent is not None:      # a block scalar: the comment goes on the line above the key
            cm.yaml_set_comment_before_after_key(key, before=text, indent=indent)
        else:
            cm.yaml_add_eol_comment(text, key, column=0)     # column 0: one space after the value

    root = CommentedMap()
    source = os.path.basename(report.path)
    header = [f"由 xxgk-lint extract 从 {source} 提取；注释为各值在原文件中的位置。" if zh else
              f"Extracted by xxgk-lint extract from {source}; comments give where each value was read."]
    for finding in report.notes:
        header.append(f"{finding.code} {finding.message.text(lang)}")
    root.yaml_set_start_comment("\n".join(header))

    version = report.format_version or data.get("format_version")
    if version:
        root["format_version"] = str(version)
        if report.layout_evidence:
            evidence = ("、" if zh else ", ").join(report.layout_evidence)
            root.yaml_add_eol_comment(("按表格标签判断：" if zh else "from the table labels: ") + evidence,
                                      "format_version", column=0)

    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    if meta:
        out = CommentedMap()
        for key in _fields(spec.META_FIELDS, meta):
            value = meta[key]
            pointer = spec.join_pointer("meta", key)
            if isinstance(value, dict):
                sub = CommentedMap()
                fields = spec.CONTACT_FIELDS if key == "contact" else ()
                for sub_key in _fields(fields, value):
                    sub[sub_key] = value[sub_key]
                    note(sub, sub_key, spec.join_pointer("meta", key, sub_key))
                out[key] = sub
            else:
                out[key] = value
            note(out, key, pointer)
        root["meta"] = out

    sections = data.get("sections") if isinstance(data.get("sections"), dict) else {}
    out = CommentedMap()
    for section in spec.SECTIONS:
        if section.id in sections:
            text = sections[section.id]
            block = isinstance(text, str) and "\n" in text
            out[section.id] = LiteralScalarString(text) if block else text
            note(out, section.id, spec.join_pointer("sections", section.id),
                 (f"标题“{section.full_heading}”" if zh else f"heading “{section.full_heading}”"),
                 indent=2 if block else None)
    root["sections"] = out

    tables = data.get("tables") if isinstance(data.get("tables"), dict) else {}
    version = version if version in spec.TABLES else (spec.format_version_for_year(report.year or 0) or "2021")
    out = CommentedMap()
    for table in spec.TABLES[version].values():
        if table.id not in tables:
            continue
        value = tables[table.id]
        table_map = CommentedMap()
        pointer = spec.join_pointer("tables", table.id)
        unreadable = [f for f in report.notes if f.code == "T210" and f.pointer == pointer]
        for block in table.blocks:
            rows_parent = value if table.flat else value.get(block.id)
            if not isinstance(rows_parent, dict):
                continue
            block_map = table_map if table.flat else CommentedMap()
            for row in block.rows:
                if row.id not in rows_parent:
                    continue
                cells = rows_parent[row.id] if isinstance(rows_parent[row.id], dict) else {}
                row_ptr = (spec.join_pointer("tables", table.id, row.id) if table.flat
                           else spec.join_pointer("tables", table.id, block.id, row.id))
                row_map = CommentedMap()
                left_out = []
                for col in block.columns:
                    if col.id not in cells:
                        continue
                    cell = cells[col.id]
                    if _valid_cell(cell, col.kind):
                        row_map[col.id] = cell
                        note(row_map, col.id, f"{row_ptr}/{col.id}")
                    else:
                        left_out.append(f"{col.label}（原文“{cell}”，未写入）" if zh else
                                        f"{col.en} (document has “{cell}”; left out)")
                block_map[row.id] = row_map
                extra = spec.row_display(row)
                if left_out:
                    extra += ("；" if zh else "; ") + ("；" if zh else "; ").join(left_out)
                elif not cells:
                    extra += "；单元格均为空" if zh else "; all cells empty"
                note(block_map, row.id, row_ptr, extra)
            if not table.flat:
                table_map[block.id] = block_map
                note(table_map, block.id, spec.join_pointer("tables", table.id, block.id), block.label)
        out[table.id] = table_map
        note(out, table.id, pointer, unreadable[0].message.text(lang) if unreadable else table.name)
    root["tables"] = out

    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    yaml.dump(root, buf)
    return buf.getvalue()
