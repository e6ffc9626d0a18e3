"""Generate the JSON Schemas of the structured report from `spec` (the single source of truth).

    python -m xxgk_lint.schema_gen            # rewrite schemas/annual-report-{2019,2021}.schema.json
    python -m xxgk_lint.schema_gen --check    # exit 1 when a committed file is stale

The schemas check shape and types only: sections present as text, every table, row and cell
present, counts non-negative integers, amounts non-negative numbers. Metadata semantics (date
validity, phone and e-mail formats, year ranges) are left to dedicated rules, which say more
than a schema error could. Every property carries a Chinese `title` and a bilingual
`description`, so editors using the schema (yaml-language-server, VS Code) show the official
labels.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import spec

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_NOTICES = {
    "2021": ("国办公开办函〔2021〕30号", "适用于2021年度及以后的报告", "reporting years 2021 onwards"),
    "2019": ("国办公开办函〔2019〕60号（试行）", "适用于2019、2020年度的报告", "reporting years 2019 and 2020"),
}

# Hints shown by editors; the labels themselves come from spec.
_META_HINTS: dict[str, tuple[str, str]] = {
    "organ": ("发布报告的行政机关全称，如“示例县人民政府办公室”", "full name of the reporting organ"),
    "organ_level": ("机关层级，决定发布时限和能否制定规章",
                    "organ level; decides the deadline and whether it may make 规章"),
    "year": ("报告所统计的年度，整数，如 2021", "the year reported on, an integer such as 2021"),
    "title": ("报告标题，标准形式为“<机关名称><年度>年政府信息公开工作年度报告”",
              "report title, normally “<organ><year>年政府信息公开工作年度报告”"),
    "statistics_period": ("报告数据的统计期限，通常为报告年度的1月1日至12月31日",
                          "period the figures cover, normally 1 January to 31 December of the year"),
    "report_date": ("落款日期，写成 \"YYYY-MM-DD\"（加引号）", "date signed, as \"YYYY-MM-DD\" (quoted)"),
    "publication_url": ("报告在政府网站上的公开网址", "URL where the report is published"),
    "contact": ("引言中“如对本报告有疑问，请与……联系”所列联系方式", "contact details given in the introduction"),
}
_CONTACT_HINTS: dict[str, tuple[str, str]] = {
    "phone": ("含区号的联系电话，如 \"0591-87654321\"（加引号）", "phone number with area code, quoted"),
    "email": ("电子邮箱地址", "e-mail address"),
    "address": ("通讯地址", "postal address"),
    "postcode": ("6位邮政编码，须加引号，如 \"350001\"", "6-digit postcode, quoted"),
    "fax": ("含区号的传真号码（加引号）", "fax number with area code, quoted"),
    "website": ("机关门户网站网址", "the organ's website URL"),
}
_PERIOD_FIELDS = (
    ("start", "起始日期", "start date", "统计期限起始日期，写成 \"YYYY-MM-DD\"",
     "first day covered, as \"YYYY-MM-DD\""),
    ("end", "截止日期", "end date", "统计期限截止日期，写成 \"YYYY-MM-DD\"",
     "last day covered, as \"YYYY-MM-DD\""),
    ("text", "原文表述", "text as printed", "报告中的原文，如“自2021年1月1日起至2021年12月31日止”",
     "the wording in the report"),
)


def schema_id(version: str) -> str:
    return f"urn:xxgk-lint:schema:annual-report-{version}"


def file_name(version: str) -> str:
    return f"annual-report-{version}.schema.json"


def schema_dir() -> Path:
    """Directory of the `xxgk_lint.schemas` package, where the schema files are shipped."""
    from . import schemas

    return Path(schemas.__file__).parent


def _doc(title: str, zh: str, en: str) -> dict:
    return {"title": title, "description": f"{zh}。{en[:1].upper()}{en[1:]}."}


def _string(title: str, zh: str, en: str) -> dict:
    return {**_doc(title, zh, en), "type": "string"}


def _object(title: str, zh: str, en: str, properties: dict[str, dict], required: bool) -> dict:
    out = {**_doc(title, zh, en), "type": "object", "properties": properties}
    if required:
        out["required"] = list(properties)
    out["additionalProperties"] = False
    return out


def _cell(table: spec.Table, block: spec.Block, row: spec.Row, col: spec.Column) -> dict:
    where = " ".join(p for p in (table.name, None if table.flat else block.label, spec.row_display(row)) if p)
    if col.kind == "amount":
        if not col.unit:
            unit_zh = "原表未规定单位，只填数字"
        else:
            unit_zh = "可含小数" if col.unit in col.label else f"单位：{col.unit}，可含小数"
        unit_en = f"in {col.unit}, decimals allowed" if col.unit else "unit not specified by the format; digits only"
        what = {"type": "number", "minimum": 0}
        zh, en = f"非负数（{unit_zh}）", f"non-negative number ({unit_en})"
    elif col.kind == "signed":
        what = {"type": "integer"}
        zh, en = "整数，减少时为负数（如 -4）", "integer, negative for a decrease (e.g. -4)"
    else:
        what = {"type": "integer", "minimum": 0}
        zh, en = f"非负整数（单位：{col.unit}）", "non-negative integer"
    return {**_doc(col.label, f"{where}：{col.label}，{zh}",
                   f"{table.en}, {row.en}: {col.en}; {en}"), **what}


def _row(table: spec.Table, block: spec.Block, row: spec.Row) -> dict:
    where = table.name if table.flat else f"{table.name} {block.label}"
    label = spec.row_display(row)
    cols = {c.id: _cell(table, block, row, c) for c in block.columns}
    return _object(label, f"{where} {label} 一行，各列均须填写（没有数据填 0）",
                   f"{table.en}, row “{row.en}”; every column must be filled (0 when none)", cols, True)


def _table(table: spec.Table) -> dict:
    section = spec.SECTION_BY_ID[table.section]
    rows_zh = "、".join(b.label for b in table.blocks) if not table.flat else f"{len(table.rows)}行"
    if table.flat:
        block = table.blocks[0]
        props = {r.id: _row(table, block, r) for r in block.rows}
        cols = "、".join(c.label for c in block.columns)
        zh = f"第{section.numeral}部分所附{table.name}，共{rows_zh}，每行{len(block.columns)}列（{cols}）"
    else:
        props = {}
        for block in table.blocks:
            rows = {r.id: _row(table, block, r) for r in block.rows}
            row_labels = "、".join(r.label for r in block.rows)
            col_labels = "、".join(c.label for c in block.columns)
            props[block.id] = _object(block.label, f"{table.name} {block.label}：{row_labels}；列：{col_labels}",
                                      f"{table.en}, {block.en}", rows, True)
        zh = f"第{section.numeral}部分所附{table.name}，按第二十条各项分块：{rows_zh}"
    return _object(f"{table.name} {section.heading}", zh, table.en, props, True)


def build(version: str) -> dict:
    """The JSON Schema (draft 2020-12) of the structured report in the given format."""
    if version not in spec.TABLES:
        raise ValueError(f"unknown format version {version!r}; expected one of {spec.FORMAT_VERSIONS}")
    notice, years_zh, years_en = _NOTICES[version]

    meta_props: dict[str, dict] = {}
    for f in spec.META_FIELDS:
        zh, en = _META_HINTS[f.id]
        if f.id == "organ_level":
            levels = "；".join(f"{lvl.id}（{lvl.en}）" for lvl in spec.ORGAN_LEVELS)
            meta_props[f.id] = {**_doc(f.zh, f"{zh}。可选值：{levels}", en), "type": "string",
                                "enum": [lvl.id for lvl in spec.ORGAN_LEVELS]}
        elif f.id == "year":
            meta_props[f.id] = {**_doc(f.zh, zh, en), "type": "integer"}
        elif f.id == "statistics_period":
            period = {pid: _string(title, pzh, pen) for pid, title, _, pzh, pen in _PERIOD_FIELDS}
            meta_props[f.id] = _object(f.zh, zh, en, period, False)
        elif f.id == "contact":
            contact = {c.id: _string(c.zh, _CONTACT_HINTS[c.id][0], _CONTACT_HINTS[c.id][1])
                       for c in spec.CONTACT_FIELDS}
            meta_props[f.id] = _object(f.zh, zh, en, contact, False)
        else:
            meta_props[f.id] = _string(f.zh, zh, en)

    sections = {
        s.id: _string(s.full_heading, f"第{s.numeral}部分“{s.full_heading}”的正文（不含标题）"
                      + (f"，该部分的{spec.TABLES[version][s.table].name}填在 tables.{s.table}" if s.table else ""),
                      f"text of section {s.numeral} ({s.en}), heading excluded")
        for s in spec.SECTIONS
    }
    tables = {tid: _table(t) for tid, t in spec.TABLES[version].items()}

    root = {
        "$schema": DIALECT,
        "$id": schema_id(version),
        **_doc(f"政府信息公开工作年度报告（{version}年格式）",
               f"按{notice}所附格式填写的政府信息公开工作年度报告，{years_zh}",
               f"annual report on government information disclosure in the {version} format ({years_en})"),
        "type": "object",
        "properties": {
            "format_version": {**_doc("格式版本", "表格所采用的格式：\"2019\"（试行格式）或 \"2021\"，可省略",
                                      "layout the tables follow, optional"),
                               "type": "string", "enum": list(spec.FORMAT_VERSIONS)},
            "meta": _object("报告信息", "机关、年度、标题、统计期限、落款日期、公开网址和联系方式",
                            "report metadata", meta_props, False),
            "sections": _object("正文各部分", "条例第五十条规定的六个部分的正文，均须具备",
                                "the six sections required by art. 50 of the Regulations", sections, True),
            "tables": _object("统计表", "表二、表三、表四，均须具备且每格填写", "tables 2, 3 and 4, every cell filled",
                              tables, True),
        },
        "required": ["sections", "tables"],
        "additionalProperties": False,
    }
    return root


def render(schema: dict) -> str:
    """The committed text of a schema: stable key order, Chinese kept readable."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def stale(directory: Path | None = None) -> list[Path]:
    """Schema files that are missing or differ from what spec generates."""
    directory = directory or schema_dir()
    out = []
    for version in spec.FORMAT_VERSIONS:
        path = directory / file_name(version)
        try:
            current = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current != render(build(version)):
            out.append(path)
    return out


def write(directory: Path | None = None) -> list[Path]:
    """Write both schema files; returns the paths written."""
    directory = directory or schema_dir()
    written = []
    for version in spec.FORMAT_VERSIONS:
        path = directory / file_name(version)
        path.write_text(render(build(version)), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m xxgk_lint.schema_gen",
                                     description="Generate the report JSON Schemas from xxgk_lint.spec.")
    parser.add_argument("--check", action="store_true", help="only report stale files (exit 1 if any)")
    parser.add_argument("--output-dir", type=Path, default=None, help="default: the xxgk_lint.schemas package")
    args = parser.parse_args(argv)
    if args.check:
        old = stale(args.output_dir)
        for path in old:
            print(f"stale: {path}", file=sys.stderr)
        return 1 if old else 0
    for path in write(args.output_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
