"""Schema validation of a structured report, told in the report's own terms.

Hot path: jsonschema_rs answers "valid?" in microseconds; clean reports stop there. Only an
invalid report pays for the pure-Python `jsonschema` (imported then, ~70 ms once per
process), whose errors carry the keyword, instance and schema needed to translate them.

Translation gives ONE finding per real problem, in Chinese (with English), naming the
section, table, row and column as printed in the statutory format:

    S101 section missing      S102 table missing        S103 table present but empty
    T201 row missing          T202 cell missing / whole row empty
    T203 unknown key in a table (with the closest valid key)
    T205 （六）其他处理 as the 2019 single row in a 2021 table 三 (not T203 + three T201)
    V301 count not a non-negative integer          V302 amount not a non-negative number
    Y001 anything else (meta field of the wrong type, unknown top-level key, bad enum …)

Consequences are folded into their cause: an empty table is one S103, not one error per
cell; a row with no values is one T202; a misspelt key is one finding naming the key it
should be, not an unknown key plus a missing one. One cause across a block is one finding:
the rows missing from a block are one T201 (a cut-off tail says after which row), its blank
cells one T202 (whole blank columns named as columns), the same text ("/") in several of its
cells one V301/V302; each points at its first member (a cut-off tail is shown at the last row
the table has) and lists all in `details["group"]`.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import spec
from .model import Finding, Message, Report, Span
from .normalize import fold_width

_TYPE_ZH = {"string": "文本（字符串）", "integer": "整数", "number": "数字", "object": "键值对（映射）",
            "array": "列表", "boolean": "布尔值", "null": "空值"}
_TYPE_EN = {"string": "a string", "integer": "an integer", "number": "a number", "object": "a mapping",
            "array": "a list", "boolean": "a boolean", "null": "null"}
_UNIT_SUFFIX = re.compile(r"^[+-]?[0-9][0-9,，.]*\s*(万元|元|件|条|个|项|次)$")
_SIGN_WORD = re.compile(r"^(增|增加|减|减少)\s*([0-9]+)$")
_NUMERIC = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")


# ---------------------------------------------------------------- schemas and validators

def schema_path(version: str) -> Path:
    from .schema_gen import file_name, schema_dir

    return schema_dir() / file_name(version)


@lru_cache(maxsize=None)
def load_schema(version: str) -> dict:
    """The committed schema of a format version (generated from spec by schema_gen)."""
    with open(schema_path(version), encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def _fast(version: str):
    import jsonschema_rs

    return jsonschema_rs.validator_for(load_schema(version), validate_formats=True)


@lru_cache(maxsize=None)
def _slow(version: str):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(version))


def _resolve_version(version: str | None, report: Report) -> str:
    if version in spec.TABLES:
        return version
    if report.format_version in spec.TABLES:
        return report.format_version
    return "2021"


def is_valid(data: Any, version: str) -> bool:
    try:
        return _fast(version).is_valid(data)
    except (ValueError, TypeError):
        # A value jsonschema_rs cannot represent (e.g. a date object from a custom
        # extractor): let the full validator explain it.
        return False


def validate(report: Report, version: str | None) -> list[Finding]:
    """Findings for everything in `report.data` that does not fit the format's schema."""
    version = _resolve_version(version, report)
    if is_valid(report.data, version):
        return []
    return _Translator(report, version).run(_slow(version).iter_errors(report.data))


# ---------------------------------------------------------------- helpers

def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _has_value(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_value(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_value(v) for v in value)
    return not _blank(value)


def _clip(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


def _kind_of(value: Any) -> tuple[str, str]:
    if value is None:
        return "空值", "null"
    if isinstance(value, bool):
        return "布尔值", "a boolean"
    if isinstance(value, (int, float)):
        return "数字", "a number"
    if isinstance(value, str):
        return "文本", "a string"
    if isinstance(value, dict):
        return "键值对", "a mapping"
    if isinstance(value, list):
        return "列表", "a list"
    return type(value).__name__, type(value).__name__


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of a value for Finding.actual."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return repr(value)


def _closest(key: str, options: dict[str, str]) -> str | None:
    """The id whose id or label is closest to `key` (options: id or label → id)."""
    stripped = re.sub(r"\s+", "", key)
    for text, target in options.items():
        if stripped == re.sub(r"\s+", "", text) or key.lower() == text.lower():
            return target
    match = difflib.get_close_matches(key, list(options), n=1, cutoff=0.6)
    return options[match[0]] if match else None


class _Place:
    """What a path in the data is, in terms of spec."""

    def __init__(self, parts: list[str], version: str):
        self.parts = parts
        self.table: spec.Table | None = None
        self.block: spec.Block | None = None
        self.row: spec.Row | None = None
        self.column: spec.Column | None = None
        self.level = "other"     # tables | table | block | row | cell | other
        if not parts or parts[0] != "tables":
            return
        if len(parts) == 1:
            self.level = "tables"
            return
        self.table = spec.TABLES[version].get(parts[1])
        if self.table is None:
            return
        rest = parts[2:]
        if self.table.flat:
            self.block = self.table.blocks[0]
        elif rest:
            self.block = next((b for b in self.table.blocks if b.id == rest[0]), None)
            if self.block is None:
                return
            rest = rest[1:]
        else:
            self.level = "table"
            return
        if not rest:
            self.level = "table" if self.table.flat else "block"
            return
        self.row = next((r for r in self.block.rows if r.id == rest[0]), None)
        if self.row is None:
            return
        if len(rest) == 1:
            self.level = "row"
            return
        self.column = next((c for c in self.block.columns if c.id == rest[1]), None)
        if self.column is not None and len(rest) == 2:
            self.level = "cell"

    # The parts the path reaches, for code that knows from `level` that the path reaches them.

    @property
    def found_table(self) -> spec.Table:
        assert self.table is not None, self.parts
        return self.table

    @property
    def found_block(self) -> spec.Block:
        assert self.block is not None, self.parts
        return self.block

    @property
    def found_row(self) -> spec.Row:
        assert self.row is not None, self.parts
        return self.row

    @property
    def found_column(self) -> spec.Column:
        assert self.column is not None, self.parts
        return self.column

    def where(self) -> tuple[str, str]:
        """The container named in messages: 表三 / 表二 第二十条第（一）项 / 表三 （七）总计."""
        t = self.table
        assert t is not None
        zh = t.name
        en = t.en
        if self.block is not None and not t.flat:
            zh += f" {self.block.label}"
            en += f", {self.block.en}"
        if self.row is not None:
            zh += f" {spec.row_display(self.row)}"
            en += f", row “{self.row.en}”"
        return zh, en


# ---------------------------------------------------------------- translation

# The extractor's note for a table whose text is there but whose cells run together
# (extract/tables.py `run_together`): the table is {} but not reported as empty.
UNREADABLE_TABLE_NOTE = "F908"


class _Translator:
    def __init__(self, report: Report, version: str):
        self.report = report
        self.version = version
        self.tables = spec.TABLES[version]
        self.schema = load_schema(version)
        self.found: dict[tuple[str, str], Finding] = {}
        self.empty_tables: set[tuple[str, ...]] = set()
        self.empty_rows: set[tuple[str, ...]] = set()
        self.done: set[tuple[str, ...]] = set()
        # Rows missing and cells left blank, by the block they belong to: told as one finding per
        # block once every error is seen (a truncated table is one problem, not nine).
        self.missing_rows: dict[tuple[str, ...], list[str]] = {}
        self.blank_cells: dict[tuple[str, ...], list[tuple[str, str]]] = {}     # block → (row, column)
        self.bad_values: dict[tuple, list[Finding]] = {}

    # -- plumbing

    def add(self, code: str, zh: str, en: str, parts: list[str] | tuple[str, ...], *,
            expected: Any = None, actual: Any = None, details: dict | None = None,
            span: Span | None = None) -> None:
        pointer = spec.join_pointer(*parts) if parts else ""
        if (code, pointer) not in self.found:
            self.found[(code, pointer)] = Finding(code, Message(zh, en), pointer, span=span, expected=expected,
                                                  actual=actual, details=details)

    def subschema(self, parts: list[str]) -> dict | None:
        node = self.schema
        for part in parts:
            node = node.get("properties", {}).get(part)
            if node is None:
                return None
        return node

    def label(self, parts: list[str]) -> tuple[str, str]:
        """A field named by the schema titles along its path, plus its dotted key path."""
        titles = []
        node: dict | None = self.schema
        for part in parts:
            node = node.get("properties", {}).get(part) if node else None
            if node and node.get("title") and not (part == "meta" and len(parts) > 1):
                titles.append(node["title"])
        dotted = ".".join(parts)
        zh = " ".join(titles[-2:]) if titles else dotted
        place = spec.describe(spec.join_pointer(*parts), self.version) if parts else None
        en = (place.en() if place else "") or dotted
        if dotted and zh != dotted:
            return f"{zh}（{dotted}）", f"{en} ({dotted})" if en != dotted else en
        return zh, en

    def source(self, parts: list[str], value: Any) -> str | None:
        """The value as written in a YAML/JSON file (`050000`, `no`, `2.50`), when it is
        what was read there; None for other inputs or when they disagree."""
        if self.report.kind not in ("yaml", "json"):
            return None
        span = self.report.spans.get(spec.join_pointer(*parts))
        lines = self.report.lines
        if not span or not lines or span.line is None or span.column is None:
            return None
        if span.end_line not in (None, span.line) or span.line > len(lines):
            return None
        line = lines[span.line - 1]
        end = span.end_column - 1 if span.end_column else len(line)
        text = line[span.column - 1:end].strip()
        if not text or _reparse(text, self.report.kind) != (type(value), value):
            return None
        return text

    def shown(self, parts: list[str], value: Any) -> tuple[str, str]:
        if isinstance(value, str):
            return f"“{_clip(value)}”", repr(_clip(value))
        if isinstance(value, dict):
            return "一组键值对", "a mapping"
        if isinstance(value, list):
            return "一个列表", "a list"
        plain = "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        src = self.source(parts, value)
        if src is None or src == plain:
            return plain, plain
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"{src}（读作 {plain}）", f"{src} (read as {plain})"
        return src, src

    def described(self, parts: list[str], value: Any) -> tuple[str, str]:
        """Kind and value together: 数字 16, 文本“见附件”, 列表, 空值."""
        kind_zh, kind_en = _kind_of(value)
        if value is None or isinstance(value, (dict, list)):
            return kind_zh, kind_en
        shown_zh, shown_en = self.shown(parts, value)
        return f"{kind_zh} {shown_zh}", f"{kind_en} {shown_en}"

    # -- entry

    def run(self, errors) -> list[Finding]:
        data = self.report.data
        if not isinstance(data, dict):
            zh_kind, en_kind = _kind_of(data)
            self.add("Y001", f"报告应为键值对（meta、sections、tables），实际为{zh_kind}",
                     f"the report must be a mapping (meta, sections, tables), found {en_kind}", [])
            return list(self.found.values())
        self.find_empty(data)
        for error in errors:
            parts = [str(p) for p in error.absolute_path]
            if self.explained(parts, error.validator):
                continue
            validator = error.validator
            if validator in ("required", "additionalProperties"):
                self.container(parts, error.instance)
            elif validator == "type" and error.instance is None and error.validator_value == "object":
                self.container(parts, None)
            else:
                self.value(parts, error)
        for block_parts, row_ids in self.missing_rows.items():
            self.rows_missing(list(block_parts), row_ids)
        for block_parts, cells in self.blank_cells.items():
            self.cells_blank(list(block_parts), cells)
        for findings in self.bad_values.values():
            self.values_bad(findings)
        return sorted(self.found.values(), key=self.order)

    def order(self, finding: Finding) -> tuple:
        """Document order of the format: sections, then tables row by row, unknown keys last."""
        key = []
        node: dict | None = self.schema
        for part in spec.split_pointer(finding.pointer):
            props = node.get("properties", {}) if node else {}
            key.append((list(props).index(part), "") if part in props else (len(props), part))
            node = props.get(part)
        return tuple(key)

    def find_empty(self, data: dict) -> None:
        """S103 for tables with no value at all; T202 (whole row) for rows with no value."""
        tables = data.get("tables")
        if not isinstance(tables, dict):
            return
        unreadable = {n.pointer for n in self.report.notes if n.code == UNREADABLE_TABLE_NOTE}
        for tid, table in self.tables.items():
            if tid not in tables:
                continue
            got = tables[tid]
            section = spec.SECTION_BY_ID[table.section]
            if not _has_value(got) and (got is None or isinstance(got, (dict, list, str))):
                self.empty_tables.add(("tables", tid))
                if spec.join_pointer("tables", tid) in unreadable:
                    continue        # there but unreadable: the extractor's note says so, not "empty"
                self.add("S103", f"{table.name}没有填写任何数据"
                                 f"（第{section.numeral}部分“{section.full_heading}”所附表格为空）",
                         f"{table.en} is present but contains no values", ["tables", tid],
                         expected=f"{len(table.rows)}行数据", actual=_plain(got))
                continue
            if not isinstance(got, dict):
                continue
            blocks: list[tuple[tuple[str, ...], spec.Block, dict]]
            if table.flat:
                blocks = [((tid,), table.blocks[0], got)]
            else:
                blocks = [((tid, b.id), b, given) for b in table.blocks if isinstance(given := got.get(b.id), dict)]
            for base, block, rows in blocks:
                for row in block.rows:
                    if row.id not in rows:
                        continue
                    cells = rows[row.id]
                    if cells is None or (isinstance(cells, dict)
                                         and all(_blank(cells.get(c.id)) for c in block.columns)):
                        parts = ("tables", *base, row.id)
                        self.empty_rows.add(parts)
                        place = _Place(list(parts), self.version)
                        zh, en = place.where()
                        self.add("T202", f"{zh} 整行为空", f"{en} has no values", parts,
                                 expected="、".join(c.label for c in block.columns), actual=_plain(cells),
                                 details={"whole_row": True})

    def explained(self, parts: list[str], validator: str) -> bool:
        """True when an error is a consequence of an empty table or row already reported."""
        for n in (2, 3, 4):
            prefix = tuple(parts[:n])
            if len(parts) >= n and (prefix in self.empty_tables or prefix in self.empty_rows):
                # Unknown keys in an empty row are still worth naming.
                return not (len(parts) == n and validator == "additionalProperties")
        return False

    # -- containers: missing and unknown keys

    def options(self, parts: list[str], allowed: list[str]) -> dict[str, str]:
        """id or label → id, for suggesting the key meant by an unknown one."""
        out = {k: k for k in allowed}
        place = _Place(parts, self.version)
        if place.level == "tables":
            for tid, t in self.tables.items():
                out[t.name] = tid
                out[spec.SECTION_BY_ID[t.section].heading] = tid
        elif place.level == "table" and place.table and not place.table.flat:
            out.update({b.label: b.id for b in place.table.blocks})
        elif place.level in ("table", "block") and place.block:
            for r in place.block.rows:
                out[r.label] = out[spec.row_display(r)] = r.id
                out.update({a: r.id for a in r.aliases})
        elif place.level == "row" and place.block:
            out.update({c.label: c.id for c in place.block.columns})
        elif parts == ["sections"]:
            for s in spec.SECTIONS:
                out[s.full_heading] = out[s.heading] = s.id
                out.update({v: s.id for v in s.variants})
        elif parts == ["meta"]:
            out.update({f.zh: f.id for f in spec.META_FIELDS})
        elif parts == ["meta", "contact"]:
            out.update({f.zh: f.id for f in spec.CONTACT_FIELDS})
        return out

    def key_label(self, parts: list[str], key: str) -> str:
        sub = self.subschema(parts + [key])
        return sub.get("title", key) if sub else key

    def container(self, parts: list[str], instance: Any) -> None:
        if tuple(parts) in self.done:
            return
        self.done.add(tuple(parts))
        sub = self.subschema(parts)
        if sub is None:
            return
        got = instance if isinstance(instance, dict) else {}
        allowed = list(sub.get("properties", {}))
        missing = [k for k in sub.get("required", []) if k not in got]
        if tuple(parts) in self.empty_tables or tuple(parts) in self.empty_rows:
            missing = []    # already one S103 / T202 for the whole table or row
        unknown = [k for k in got if k not in sub.get("properties", {})]
        if self.other_handling_one_row(parts, got):
            unknown.remove("other")
            missing = [k for k in missing if k not in spec.OTHER_HANDLING_ROWS]
        options = {text: target for text, target in self.options(parts, allowed).items() if target not in got}
        for key in unknown:
            suggestion = _closest(str(key), options)
            replaces = suggestion if suggestion in missing else None
            if replaces:
                missing.remove(replaces)
            self.unknown(parts, str(key), suggestion, replaces, allowed)
        for key in missing:
            self.missing(parts, key)

    def other_handling_one_row(self, parts: list[str], got: dict) -> bool:
        """T205 for （六）其他处理 kept as the 2019 single row in a 2021 table 三: one finding
        instead of an unknown row and three missing sub-rows."""
        single = spec.OTHER_HANDLING_SINGLE_ROW
        if self.version != "2021" or parts != ["tables", "applications"] or single not in got \
                or any(r in got for r in spec.OTHER_HANDLING_ROWS):
            return False
        self.add("T205", f"表三 {spec.OTHER_HANDLING_GROUP} 只有一行（2019年试行格式），应按2021年格式分为1–3三行",
                 "Table 3: (6) other handling is one row (2019 trial format); the 2021 format splits it into "
                 "rows 1–3", parts + [single], expected="、".join(spec.OTHER_HANDLING_ROWS), actual=single)
        return True

    def unknown(self, parts: list[str], key: str, suggestion: str | None, replaces: str | None,
                allowed: list[str]) -> None:
        place = _Place(parts, self.version)
        in_table = place.level in ("tables", "table", "block", "row")
        if in_table and place.level != "tables":
            where_zh, where_en = place.where()
        else:
            where_zh, where_en = self.label(parts) if parts else ("报告顶层", "the top level")
        other = "2019" if self.version == "2021" else "2021"
        elsewhere = _Place(parts + [key], other) if in_table else None
        if elsewhere is not None and elsewhere.level in ("block", "row", "cell"):
            label = (elsewhere.found_column.label if elsewhere.level == "cell" else
                     spec.row_display(elsewhere.found_row) if elsewhere.level == "row" else elsewhere.found_block.label)
            fmt_zh = "2019年试行格式" if other == "2019" else "2021年格式"
            hint_zh = (f"“{key}”（{label}）只在{fmt_zh}中有，本报告按{self.version}年格式检查；"
                       f"请核对报告年度和所用表格格式")
            hint_en = (f"{key!r} ({label}) exists only in the {other} format, and this report is checked against "
                       f"the {self.version} format; check the reporting year and the table layout")
        elif suggestion:
            label = self.key_label(parts, suggestion)
            if replaces:
                hint_zh = f"应为“{suggestion}”（{label}）；在改正之前，“{label}”按缺失处理"
                hint_en = f"it should be {suggestion!r} ({label}), which counts as missing until then"
            else:
                hint_zh = f"是否应为“{suggestion}”（{label}）？"
                hint_en = f"did you mean {suggestion!r} ({label})?"
        else:
            listing = "、".join(allowed) if len(allowed) <= 10 else "、".join(allowed[:10]) + "…"
            hint_zh = f"可用的键：{listing}"
            hint_en = f"valid keys: {', '.join(allowed[:10])}{'…' if len(allowed) > 10 else ''}"
        code = "T203" if in_table else "Y001"
        self.add(code, f"{where_zh}：键“{key}”无法识别，{hint_zh}",
                 f"{where_en}: unknown key {key!r}; {hint_en}", parts + [key],
                 expected=suggestion, actual=key,
                 details={"key": key, "suggestion": suggestion, "replaces_missing": bool(replaces)})

    def missing(self, parts: list[str], key: str) -> None:
        place = _Place(parts + [key], self.version)
        level = place.level
        if parts == [] and key == "sections":
            for s in spec.SECTIONS:
                self.missing(["sections"], s.id)
        elif parts == [] and key == "tables":
            for tid in self.tables:
                self.missing(["tables"], tid)
        elif parts == ["sections"]:
            s = spec.SECTION_BY_ID[key]
            self.add("S101", f"缺少第{s.numeral}部分“{s.full_heading}”",
                     f"section {s.numeral} “{s.full_heading}” ({s.en}) is missing",
                     ["sections", key])
        elif level == "table":
            t = place.found_table
            s = spec.SECTION_BY_ID[t.section]
            self.add("S102", f"第{s.numeral}部分缺少{t.name}", f"section {s.numeral} has no {t.en}",
                     ["tables", key])
        elif level == "block":
            for row in place.found_block.rows:
                self.missing(parts + [key], row.id)
        elif level == "row":
            rows = self.missing_rows.setdefault(tuple(parts), [])
            if key not in rows:
                rows.append(key)
        elif level == "cell":
            self.blank_cells.setdefault(tuple(parts[:-1]), []).append((parts[-1], key))
        else:
            label_zh, label_en = self.label(parts + [key])
            self.add("Y001", f"缺少{label_zh}", f"{label_en} is missing", parts + [key])

    # -- groups: rows missing from a block, cells left blank in it

    def rows_missing(self, parts: list[str], row_ids: list[str]) -> None:
        """One T201 for the rows missing from one block, pointing at the first of them."""
        block = _Place(parts + [row_ids[0]], self.version).found_block
        where_zh, where_en = _Place(parts, self.version).where()
        missing = [r for r in block.rows if r.id in row_ids]
        first = missing[0]
        if len(missing) == 1:
            label = spec.row_display(first)
            self.add("T201", f"{where_zh} 缺少行 {label}", f"{where_en} is missing row “{label}” ({first.en})",
                     parts + [first.id])
            return
        names_zh, names_en = spec.row_runs(missing)
        order = [r.id for r in block.rows]
        start = order.index(first.id)
        tail = all(r in row_ids for r in order[start:])
        at = None
        if tail and start > 0:
            before = block.rows[start - 1]
            # shown where the table stops: the last row it has (the missing ones have no place)
            at = self.report.spans.get(spec.join_pointer(*parts, before.id))
            zh = (f"{where_zh}在{spec.short_label(before)}之后缺少 {len(missing)} 行（表格可能被截断）："
                  + "、".join(names_zh))
            en = (f"{where_en} stops after “{before.en}”: {len(missing)} rows missing (the table may have been "
                  f"cut off): " + ", ".join(names_en))
        else:
            zh = f"{where_zh} 缺少 {len(missing)} 行：" + "、".join(names_zh)
            en = f"{where_en} is missing {len(missing)} rows: " + ", ".join(names_en)
        self.add("T201", zh, en, parts + [first.id], span=at,
                 details={"group": [{"pointer": spec.join_pointer(*parts, r.id), "label": spec.row_display(r)}
                                    for r in missing]})

    def cells_blank(self, parts: list[str], cells: list[tuple[str, str]]) -> None:
        """One T202 for the blank cells of one block, naming whole blank columns as columns."""
        block = _Place(parts + [cells[0][0]], self.version).found_block
        rows = {r.id: r for r in block.rows}
        cols = {c.id: c for c in block.columns}
        row_order = {r.id: i for i, r in enumerate(block.rows)}
        col_order = {c.id: i for i, c in enumerate(block.columns)}
        cells = sorted(set(cells), key=lambda cell: (row_order[cell[0]], col_order[cell[1]]))
        where_zh, where_en = _Place(parts, self.version).where()
        row_id, col_id = cells[0]
        if len(cells) == 1:
            row, col = rows[row_id], cols[col_id]
            self.add("T202", f"{where_zh} {spec.row_display(row)} 缺少“{col.label}”一栏的数值",
                     f"{where_en}, row “{row.en}” has no value in column “{col.label}” ({col.en})",
                     parts + [row_id, col_id])
            return
        # Rows that have some value: a column blank in all of them is a blank column.
        table = self.report.data.get("tables", {})
        got = table.get(parts[1]) if isinstance(table, dict) else None
        for part in parts[2:]:
            got = got.get(part) if isinstance(got, dict) else None
        filled_rows = [r.id for r in block.rows if isinstance(got, dict) and isinstance(got.get(r.id), dict)
                       and (*parts, r.id) not in self.empty_rows]
        blank = set(cells)
        whole = [c for c in block.columns
                 if len(filled_rows) > 1 and all((r, c.id) in blank for r in filled_rows)]
        whole_ids = {c.id for c in whole}
        rest = [(r, c) for r, c in cells if c not in whole_ids]
        zh_bits, en_bits = [], []
        if whole:
            ids = tuple(c.id for c in whole)
            if ids == spec.LEGAL_PERSON_COLUMNS:
                names_zh = f"{spec.LEGAL_PERSON_HEADER[0]} {len(whole)} 栏"
                names_en = f"the {len(whole)} columns under “{spec.LEGAL_PERSON_HEADER[0]}”"
            else:
                names_zh = "、".join(c.label for c in whole) + f" {len(whole)} 栏" if len(whole) > 1 else \
                    f"“{whole[0].label}”栏"
                names_en = ", ".join(c.en for c in whole) + (" columns" if len(whole) > 1 else " column")
            n, rows_n = len(whole) * len(filled_rows), len(filled_rows)
            every = rows_n == len(block.rows)
            zh_bits.append(f"{names_zh}在{'全部' if every else '填有数据的'} {rows_n} 行均为空白（{n} 格）")
            en_bits.append(f"{names_en} blank in {'all' if every else 'the'} {rows_n} rows "
                           f"{'' if every else 'that have values '}({n} cells)")
        if rest:
            shown_zh, shown_en = _cells_text([(spec.short_label(rows[r]), rows[r].en, cols[c].label, cols[c].en)
                                              for r, c in rest])
            lead_zh = "另有 " if whole else ""
            zh_bits.append(f"{lead_zh}{len(rest)} 格空白：{shown_zh}")
            en_bits.append(f"{len(rest)} {'more ' if whole else ''}blank cells: {shown_en}")
        zh = f"{where_zh} " + "；".join(zh_bits) + "；没有数据的格子应填 0"
        en = f"{where_en}: " + "; ".join(en_bits) + "; write 0 where there is nothing to report"
        self.add("T202", zh, en, parts + [row_id, col_id],
                 details={"blank_columns": [c.label for c in whole],
                          "group": [{"pointer": spec.join_pointer(*parts, r, c),
                                     "label": f"{spec.short_label(rows[r])} {cols[c].label}"}
                                    for r, c in cells]})

    # -- values

    def value(self, parts: list[str], error) -> None:
        place = _Place(parts, self.version)
        value = error.instance
        if place.level == "cell":
            self.cell(parts, place, value)
            return
        if place.level in ("tables", "table", "block", "row"):
            self.shape(parts, place, value)
            return
        self.field(parts, error)

    def cell(self, parts: list[str], place: _Place, value: Any) -> None:
        col = place.found_column
        zh_where, en_where = place.where()
        if _blank(value):
            self.blank_cells.setdefault(tuple(parts[:-2]), []).append((parts[-2], parts[-1]))
            return
        shown_zh, shown_en = self.shown(parts, value)
        hint_zh, hint_en = _hint(value, col)
        if col.kind == "amount":
            code = "V302"
            unit = f"（单位：{col.unit}）" if col.unit else ""
            expected_zh, expected_en = f"非负数{unit}", "a non-negative number" + (f" ({col.unit})" if col.unit else "")
        elif col.kind == "signed":
            code, expected_zh, expected_en = "V301", "整数（减少时为负数）", "an integer (negative for a decrease)"
        else:
            code, expected_zh, expected_en = "V301", "非负整数", "a non-negative integer"
        single = Finding(code, Message(
            f"{zh_where} {col.label} 应为{expected_zh}，实际为{shown_zh}" + (f"；{hint_zh}" if hint_zh else ""),
            f"{en_where}, {col.en}: expected {expected_en}, found {shown_en}" + (f"; {hint_en}" if hint_en else "")),
            spec.join_pointer(*parts), expected=expected_zh, actual=_plain(value),
            details={"source": self.source(parts, value)} if not isinstance(value, str) else None)
        # The same text in many cells of one block ("/" for every zero) is one mistake.
        key = (tuple(parts[:-2]), code, shown_zh, hint_zh) if isinstance(value, str) else (tuple(parts), code)
        self.bad_values.setdefault(key, []).append(single)

    def values_bad(self, findings: list[Finding]) -> None:
        """One V301/V302 for cells of one block holding the same unusable text."""
        first = findings[0]
        if len(findings) == 1:
            self.add(first.code, first.message.zh, first.message.en, spec.split_pointer(first.pointer),
                     expected=first.expected, actual=first.actual, details=first.details)
            return
        parts = spec.split_pointer(first.pointer)
        block_parts = parts[:-2]
        where_zh, where_en = _Place(block_parts, self.version).where()
        shown_zh, shown_en = self.shown(parts, first.actual)
        hint_zh, hint_en = _hint(first.actual, _Place(parts, self.version).found_column)
        places = [spec.describe(f.pointer, self.version) for f in findings]
        labels = [f"{p.row} {p.column}" for p in places]
        # every place is a cell, named by its row and its column
        cells_zh, cells_en = _cells_text([(p.row or "", p.row_en or "", p.column or "", p.column_en or "")
                                          for p in places])
        zh = f"{where_zh} {len(findings)} 格填写了{shown_zh}：{cells_zh}" + (f"；{hint_zh}" if hint_zh else "")
        en = f"{where_en}: {len(findings)} cells hold {shown_en}: {cells_en}" + (f"; {hint_en}" if hint_en else "")
        self.add(first.code, zh, en, parts, expected=first.expected, actual=first.actual,
                 details={"group": [{"pointer": f.pointer, "label": label}
                                    for f, label in zip(findings, labels, strict=True)]})

    def shape(self, parts: list[str], place: _Place, value: Any) -> None:
        actual_zh, actual_en = self.described(parts, value)
        if place.level == "row":
            zh, en = place.where()
            cols = "、".join(c.label for c in place.found_block.columns)
            self.add("Y001", f"{zh} 应按列填写（{cols}），实际为{actual_zh}",
                     f"{en} must be a mapping of columns, found {actual_en}", parts,
                     expected=_TYPE_ZH["object"], actual=_plain(value))
        elif place.level in ("table", "block"):
            zh, en = place.where()
            self.add("Y001", f"{zh} 应按行填写（键值对），实际为{actual_zh}",
                     f"{en} must be a mapping of rows, found {actual_en}", parts,
                     expected=_TYPE_ZH["object"], actual=_plain(value))
        else:
            self.add("Y001", f"统计表（tables）应为键值对，实际为{actual_zh}",
                     f"tables must be a mapping, found {actual_en}", parts,
                     expected=_TYPE_ZH["object"], actual=_plain(value))

    def field(self, parts: list[str], error) -> None:
        value = error.instance
        if value is None and parts[:1] in (["meta"], ["format_version"]):
            return      # optional and left empty: the metadata rules report what is missing
        label_zh, label_en = self.label(parts)
        shown_zh, shown_en = self.shown(parts, value)
        validator = error.validator
        if validator == "type":
            expected = error.validator_value
            expected = expected if isinstance(expected, str) else expected[0]
            actual_zh, actual_en = self.described(parts, value)
            zh = f"{label_zh} 应为{_TYPE_ZH.get(expected, expected)}，实际为{actual_zh}"
            en = f"{label_en} must be {_TYPE_EN.get(expected, expected)}, found {actual_en}"
            if expected == "string" and isinstance(value, (int, float, bool)):
                if self.report.kind == "yaml":
                    zh += "；YAML 会把未加引号的数字、yes/no 等读成非文本的值，请给该值加引号"
                    en += "; YAML reads unquoted numbers and yes/no as non-text values: quote it"
                else:
                    zh += "；请写成带双引号的字符串"
                    en += "; write it as a quoted string"
            elif expected == "string" and value is None and parts[:1] == ["sections"]:
                zh += "；没有正文时请写空字符串 \"\""
                en += "; write \"\" when the section has no text"
            self.add("Y001", zh, en, parts, expected=_TYPE_ZH.get(expected, expected), actual=_plain(value),
                     details={"source": self.source(parts, value)} if not isinstance(value, str) else None)
        elif validator == "enum":
            options = [str(o) for o in error.validator_value]
            suggestion = _closest(str(value), {o: o for o in options}) if isinstance(value, str) else None
            zh = f"{label_zh} 的值{shown_zh}不是规定的取值；可选：{'、'.join(options)}"
            en = f"{label_en}: {shown_en} is not an allowed value; allowed: {', '.join(options)}"
            if suggestion:
                zh += f"（是否应为“{suggestion}”？）"
                en += f" (did you mean {suggestion!r}?)"
            self.add("Y001", zh, en, parts, expected=options, actual=_plain(value))
        else:
            self.add("Y001", f"{label_zh} 的值{shown_zh}不符合格式要求",
                     f"{label_en}: {shown_en} does not meet the format's requirements", parts,
                     actual=_plain(value), details={"keyword": validator})


def _cells_text(cells: list[tuple[str, str, str, str]], limit: int = 8) -> tuple[str, str]:
    """Cells named row by row, each row once: 规章（本年制发件数、本年废止件数）；规范性文件（…）.

    `cells` are (row zh, row en, column zh, column en) in table order; after `limit` rows, 等."""
    by_row: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row_zh, row_en, col_zh, col_en in cells:
        by_row.setdefault((row_zh, row_en), []).append((col_zh, col_en))
    shown = list(by_row.items())[:limit]
    zh = "；".join(f"{r[0]}（{'、'.join(c[0] for c in cols)}）" for r, cols in shown)
    en = "; ".join(f"{r[1]} ({', '.join(c[1] for c in cols)})" for r, cols in shown)
    if len(by_row) > limit:
        zh += f"等 {len(by_row)} 行"
        en += f" and {len(by_row) - limit} more rows"
    return zh, en


def _reparse(text: str, kind: str) -> tuple[type, Any] | None:
    """How the source text of one scalar reads on its own (None if it does not parse)."""
    try:
        if kind == "json":
            value = json.loads(text)
        else:
            import yaml

            value = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:  # any parse failure just means "do not quote the source"
        return None
    return type(value), value


def _hint(value: Any, col: spec.Column) -> tuple[str, str]:
    """Advice for a bad cell value: what was probably meant."""
    if isinstance(value, bool):
        return "请填写数字", "write a number"
    if isinstance(value, str):
        text = value.strip()
        if fold_width(text) in spec.PLACEHOLDERS:
            return "没有数据时请填 0", "write 0 when there is nothing to report"
        sign = _SIGN_WORD.match(text)
        if sign:
            if col.kind == "signed":
                n = int(sign.group(2))
                number = -n if sign.group(1).startswith("减") else n
                return f"请直接写成整数 {number}", f"write the integer {number}"
            return "数量不能带“增/减”字样", "counts take no increase/decrease words"
        if _NUMERIC.match(text):
            return "请去掉引号，直接写数字", "remove the quotes around the number"
        unit = _UNIT_SUFFIX.match(text)
        if unit:
            if col.kind == "amount" and col.unit == "万元" and unit.group(1) == "元":
                try:
                    yuan = float(re.sub(r"[,，]", "", text[:-1]).strip())
                except ValueError:
                    return "只填数字，不要带单位", "digits only, no unit"
                wan = f"{yuan / 10000:.4f}".rstrip("0").rstrip(".")
                return f"只填数字，单位为万元（{text} 即 {wan}）", f"digits only, in 万元 ({text} = {wan})"
            return f"只填数字，不要带单位“{unit.group(1)}”", f"digits only, without the unit {unit.group(1)!r}"
        return "", ""
    if isinstance(value, (int, float)):
        if col.kind != "signed" and value < 0:
            return "数量和金额不能为负数", "counts and amounts cannot be negative"
        if col.kind != "amount" and isinstance(value, float) and not value.is_integer():
            return "数量应为整数", "counts are whole numbers"
    return "", ""
