"""Declarative local rules: a county or province's own requirements, written in YAML.

    # xxgk-lint.toml
    local-rules = ["本县规则.yaml"]

    # 本县规则.yaml
    - code: Z001
      title: 总体情况篇幅原则上不超过一千字
      message: 第一部分“总体情况”共 {actual} 字，超过本县规定的 {expected} 字
      severity: warning
      basis: 某县政务公开办关于做好年度报告工作的通知
      check:
        max-length: {section: 第一部分, limit: 1000}

Each rule has a code with the reserved prefix `Z` (Z001–Z999, never used by built-in rules), a
Chinese title and message (`title-en`, `message-en`, `fix`, `fix-en`, `basis`, `name` optional), a
severity and exactly one check:

    required:   联系方式.传真          a field by the report's own name (第一部分, 联系方式.传真, 发布日期 …)
    max-length: {section: 第一部分, limit: 1000}      characters of a section, blanks not counted
    pattern:    {section: 第六部分, must-contain: 信息处理费}   (or must-not-contain; a regular expression;
                                                                  section left out: the whole text)
    compare:    {cell: 表三/一、本年新收政府信息公开申请数量/总计, op: "<=", value: 100}
                (value: a number or another cell; a JSON pointer is accepted for a cell)
    deadline:   {乡镇: "02-20", 街道: "02-20"}    report date by organ level, in the following year

`{actual}` and `{expected}` in a message are replaced by what was found and what the rule wants.
The file is validated when the configuration loads: any problem is a `ConfigError` (exit 2)
whose Chinese message names the file and line. A local rule is a `Rule` like any other: listed
by `rules`, explained by `explain`, selected, suppressed and reported in every format. Its check
is a picklable value (the audit's workers receive the configuration by pickling).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator

from . import spec
from .config import ConfigError
from .model import SEVERITIES, Category, Finding, Message, Report
from .rule_api import NAME_PATTERN, Rule, RuleContext
from .rule_options import MONTH_DAY, is_month_day

CODE = re.compile(r"^Z\d{3}$")
KEYS = {"code", "name", "title", "title-en", "message", "message-en", "severity", "fix", "fix-en",
        "basis", "basis-en", "check"}
CHECKS = ("required", "max-length", "pattern", "compare", "deadline")
OPERATORS = {"<": "小于", "<=": "不大于", ">": "大于", ">=": "不小于", "==": "等于", "!=": "不等于"}


class _Problem(Exception):
    """A problem with one rule entry: its Chinese message and the line it is on."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


# ---------------------------------------------------------------- names the report itself uses

def section_id(name: str) -> str | None:
    """第一部分 / 一 / 一、总体情况 / 总体情况 / overview → the section id."""
    text = re.sub(r"\s+", "", str(name))
    m = re.fullmatch(rf"第?([{spec.SECTION_NUMERALS}])(?:部分)?", text)
    if m:
        return spec.SECTION_BY_NUMERAL[m.group(1)].id
    for s in spec.SECTIONS:
        if text in (s.id, s.full_heading, s.heading, f"{s.numeral}、{s.heading}", *s.variants):
            return s.id
    return None


def field_pointer(name: str) -> str | None:
    """A field by the report's own name: a section, 联系方式.传真 (or 传真), a metadata field
    (机关名称, 报告日期), a table (表三); a JSON pointer is taken as it is."""
    text = re.sub(r"\s+", "", str(name))
    if text.startswith("/") and spec.describe(text) != spec.Place():
        return text
    if (sid := section_id(text)) is not None:
        return spec.join_pointer("sections", sid)
    parts = re.split(r"[.．/。]", text)
    if len(parts) == 2 and parts[0] in ("联系方式", "contact"):
        text = parts[1]
    elif len(parts) != 1:
        return None
    for f in spec.CONTACT_FIELDS:
        if text in (f.id, f.zh) or (text == "电话" and f.id == "phone") or (text == "邮箱" and f.id == "email"):
            return spec.join_pointer("meta", "contact", f.id)
    for f in spec.META_FIELDS:
        if text in (f.id, f.zh, re.sub(r"（.*?）", "", f.zh)) or (text == "发布日期" and f.id == "report_date"):
            return spec.join_pointer("meta", f.id)
    for t in spec.TABLES["2021"].values():
        if text in (t.name, t.id):
            return spec.join_pointer("tables", t.id)
    return None


def _cells() -> dict[str, str]:
    """Every table cell of both formats by its logical path (表三/（七）总计/自然人) and pointer."""
    out: dict[str, str] = {}
    for version in ("2019", "2021"):
        for table in spec.TABLES[version].values():
            for block in table.blocks:
                for row in block.rows:
                    for col in block.columns:
                        parts = (table.id, row.id, col.id) if table.flat else (table.id, block.id, row.id, col.id)
                        pointer = spec.join_pointer("tables", *parts)
                        place = spec.describe(pointer, version)
                        logical = "/".join(p for p in (place.table, place.block, place.row, place.column) if p)
                        out.setdefault(logical, pointer)
                        out.setdefault(re.sub(r"\s+", "", logical), pointer)
                        out.setdefault(pointer, pointer)
    return out


def cell_pointer(name: str) -> str | None:
    text = str(name).strip()
    cells = _cells()
    return cells.get(text) or cells.get(re.sub(r"\s+", "", text))


# ---------------------------------------------------------------- checks (picklable values)

def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == {}


def _number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class Required:
    pointer: str
    label: str

    def describe(self) -> tuple[str, str]:
        return f"报告须写明“{self.label}”。", f"The report must give “{self.label}”."

    def run(self, report: Report, ctx: RuleContext) -> Iterator[tuple[str, Any, Any]]:
        if _blank(report.value_at(self.pointer)):
            yield self.pointer, self.label, "缺失"


@dataclass(frozen=True)
class MaxLength:
    section: str
    limit: int

    def describe(self) -> tuple[str, str]:
        numeral = spec.SECTION_BY_ID[self.section].numeral
        return (f"第{numeral}部分的字数（不计空白）不超过 {self.limit}。",
                f"Section {numeral} has at most {self.limit} characters (blanks not counted).")

    def run(self, report: Report, ctx: RuleContext) -> Iterator[tuple[str, Any, Any]]:
        text = report.value_at(f"/sections/{self.section}")
        if isinstance(text, str):
            length = len(re.sub(r"\s+", "", text))
            if length > self.limit:
                yield f"/sections/{self.section}", self.limit, length


@dataclass(frozen=True)
class Pattern:
    section: str | None
    regex: str
    must: bool

    def describe(self) -> tuple[str, str]:
        where = f"第{spec.SECTION_BY_ID[self.section].numeral}部分" if self.section else "全文"
        where_en = f"section {spec.SECTION_BY_ID[self.section].numeral}" if self.section else "the text"
        return ((f"{where}须出现“{self.regex}”（正则表达式）。" if self.must else
                 f"{where}不得出现“{self.regex}”（正则表达式）。"),
                f"{where_en} must {'' if self.must else 'not '}match “{self.regex}” (a regular expression).")

    def run(self, report: Report, ctx: RuleContext) -> Iterator[tuple[str, Any, Any]]:
        if self.section:
            text = report.value_at(f"/sections/{self.section}")
            if not isinstance(text, str):
                return      # a missing section is S101's
        else:
            sections = report.data.get("sections")
            text = report.text or "\n".join(v for v in (sections or {}).values() if isinstance(v, str))
        found = re.search(self.regex, text)
        pointer = f"/sections/{self.section}" if self.section else ""
        if self.must and found is None:
            yield pointer, self.regex, "未出现"
        elif not self.must and found is not None:
            yield pointer, "不出现", found.group(0)


@dataclass(frozen=True)
class Compare:
    cell: str
    op: str
    other_cell: str | None
    number: float | None

    def describe(self) -> tuple[str, str]:
        left = _logical(self.cell)
        right = _logical(self.other_cell) if self.other_cell else f"{self.number:g}"
        return f"{left} {OPERATORS[self.op]} {right}。", f"{left} {self.op} {right}."

    def run(self, report: Report, ctx: RuleContext) -> Iterator[tuple[str, Any, Any]]:
        left = _number(report.value_at(self.cell))
        right = _number(report.value_at(self.other_cell)) if self.other_cell else self.number
        if left is None or right is None:
            return          # an absent or non-numeric cell is the schema rule's
        holds = {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right,
                 "==": left == right, "!=": left != right}[self.op]
        if not holds:
            yield self.cell, f"{OPERATORS[self.op]} {right:g}", left


@dataclass(frozen=True)
class Deadline:
    by_level: tuple[tuple[str, str], ...]      # (organ level, "MM-DD")

    def describe(self) -> tuple[str, str]:
        zh = "；".join(f"{level}不晚于次年{int(d[:2])}月{int(d[3:])}日" for level, d in self.by_level)
        en = "; ".join(f"{level}: by {d} of the following year" for level, d in self.by_level)
        return f"报告日期（落款日期）：{zh}。", f"Report date: {en}."

    def run(self, report: Report, ctx: RuleContext) -> Iterator[tuple[str, Any, Any]]:
        from .dates import parse_date
        from .organ import level_of_report
        from .prose import report_year

        level = level_of_report(report.meta, ctx.organ_level)
        mmdd = dict(self.by_level).get(level) if level is not None else None
        year = report_year(report)
        raw = report.meta.get("report_date")
        parsed = parse_date(raw) if raw is not None else None
        if mmdd is None or year is None or parsed is None or parsed.value is None:
            return
        month, day = int(mmdd[:2]), int(mmdd[3:])
        if (month, day) == (2, 29) and not calendar.isleap(year + 1):
            day = 28
        deadline = date(year + 1, month, day)
        if parsed.value > deadline:
            yield "/meta/report_date", deadline.isoformat(), parsed.value.isoformat()


LocalTest = Required | MaxLength | Pattern | Compare | Deadline


def _logical(pointer: str) -> str:
    place = spec.describe(pointer)
    return "/".join(p for p in (place.table, place.block, place.row, place.column) if p) or pointer


@dataclass(frozen=True)
class LocalCheck:
    """The check of one local rule: runs its test and words each failure with the rule's message."""
    code: str
    message: Message
    test: LocalTest

    def __call__(self, report: Report, ctx: RuleContext) -> Iterator[Finding]:
        for pointer, expected, actual in self.test.run(report, ctx):
            yield Finding(self.code, Message(_filled(self.message.zh, expected, actual),
                                             _filled(self.message.en, expected, actual)), pointer,
                          expected=expected, actual=actual)


def _filled(text: str, expected: Any, actual: Any) -> str:
    """A rule's message with `{actual}` and `{expected}` replaced by what was found and wanted."""
    return text.replace("{actual}", str(actual)).replace("{expected}", str(expected))


# ---------------------------------------------------------------- reading the file

def load_local_rules(path: Path) -> tuple[Rule, ...]:
    """The rules of one local-rules file; `ConfigError` naming the file and line on any problem."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取本地规则文件（{exc}）") from exc
    try:
        doc = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise ConfigError(f"{path}:{line}: 本地规则文件不是有效的 YAML（{exc.problem}）") from exc
    except YAMLError as exc:
        raise ConfigError(f"{path}: 本地规则文件不是有效的 YAML（{exc}）") from exc
    if isinstance(doc, dict) and set(doc) == {"rules"}:
        doc = doc["rules"]
    if doc is None:
        return ()
    if not isinstance(doc, CommentedSeq):     # the round-trip loader's list, which knows its lines
        raise ConfigError(f"{path}:1: 本地规则文件应为规则列表（每项以“- code: Z001”开头）")
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(doc):
        line = doc.lc.item(i)[0] + 1
        try:
            rule = _rule(entry, path, line)
        except _Problem as problem:
            raise ConfigError(f"{path}:{problem.line or line}: {problem}") from None
        if rule.code in seen:
            raise ConfigError(f"{path}:{line}: 规则代码 {rule.code} 重复（第 {seen[rule.code]} 行已使用）")
        seen[rule.code] = line
        rules.append(rule)
    return tuple(rules)


def _line_of(entry: Any, key: str, default: int) -> int:
    try:
        return entry.lc.key(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return default


def _text(entry: dict, key: str, line: int, *, required: bool) -> str:
    value = entry.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise _Problem(f"“{key}”须为非空文本", _line_of(entry, key, line))
    return value.strip()


def _rule(entry: Any, path: Path, line: int) -> Rule:
    if not isinstance(entry, dict):
        raise _Problem("每条规则须为键值对（code、title、message、severity、check）")
    unknown = [str(k) for k in entry if k not in KEYS]
    if unknown:
        raise _Problem(f"未知的键“{unknown[0]}”；可用的键：{'、'.join(sorted(KEYS))}",
                       _line_of(entry, unknown[0], line))
    code = entry.get("code")
    if not isinstance(code, str) or not CODE.match(code.strip()):
        raise _Problem(f"规则代码“{code}”无效：本地规则的代码须为 Z 加三位数字（如 Z001），Z 开头的代码留给本地规则",
                       _line_of(entry, "code", line))
    code = code.strip()
    name = entry.get("name", f"local-{code.lower()}")
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise _Problem(f"规则名“{name}”无效：须为小写字母、数字和连字符（如 overview-length）",
                       _line_of(entry, "name", line))
    severity = entry.get("severity")
    if severity not in SEVERITIES:
        raise _Problem(f"级别“{severity}”无效：须为 error、warning 或 info", _line_of(entry, "severity", line))
    title = Message(_text(entry, "title", line, required=True), _text(entry, "title-en", line, required=False))
    message = Message(_text(entry, "message", line, required=True),
                      _text(entry, "message-en", line, required=False))
    fix_zh = _text(entry, "fix", line, required=False)
    fix = Message(fix_zh, _text(entry, "fix-en", line, required=False)) if fix_zh else None
    basis = _text(entry, "basis", line, required=False)
    check = entry.get("check")
    check_line = _line_of(entry, "check", line)
    if not isinstance(check, dict) or len(check) != 1 or next(iter(check)) not in CHECKS:
        raise _Problem(f"“check”须恰好包含以下一种检查：{'、'.join(CHECKS)}", check_line)
    kind, spec_value = next(iter(check.items()))
    test, category = _test(kind, spec_value, _line_of(check, kind, check_line))
    checks_zh, checks_en = test.describe()
    origin = f"{path}:{line}"
    return Rule(code=code, name=name, category=category, severity=severity, title=title,
                checks=Message(f"本地规则（{origin}）：{checks_zh}", f"Local rule ({origin}): {checks_en}"),
                rationale=Message(f"本地要求：{basis}" if basis else "本地要求（见规则文件）",
                                  f"Local requirement: {_text(entry, 'basis-en', line, required=False) or basis}"
                                  if basis else "Local requirement (see the rule file)"),
                legal_basis=Message(basis or "本地要求", _text(entry, "basis-en", line, required=False)
                                    or basis or "local requirement"),
                fix=fix, check=LocalCheck(code, message, test), origin=str(path))


def _mapping(value: Any, kind: str, line: int, keys: set[str]) -> dict:
    if not isinstance(value, dict):
        raise _Problem(f"“{kind}”检查须为键值对（{'、'.join(sorted(keys))}）", line)
    unknown = [str(k) for k in value if k not in keys]
    if unknown:
        raise _Problem(f"“{kind}”检查中未知的键“{unknown[0]}”；可用的键：{'、'.join(sorted(keys))}",
                       _line_of(value, unknown[0], line))
    return value


def _section(value: Any, kind: str, line: int) -> str:
    sid = section_id(value) if isinstance(value, str) else None
    if sid is None:
        raise _Problem(f"“{kind}”检查中的部分“{value}”无法识别；写作“第一部分”…“第六部分”或部分标题", line)
    return sid


def _required(value: Any, line: int) -> tuple[Required, Category]:
    pointer = field_pointer(value) if isinstance(value, str) else None
    if pointer is None:
        raise _Problem(f"“required”中的“{value}”无法识别；写作报告中的名称，如“联系方式.传真”“第一部分”"
                       f"“机关名称”“表三”", line)
    return Required(pointer, str(value).strip()), ("contact" if "/contact/" in pointer else "section")


def _max_length(value: Any, line: int) -> tuple[MaxLength, Category]:
    m = _mapping(value, "max-length", line, {"section", "limit"})
    limit = m.get("limit")
    if not isinstance(limit, int) or isinstance(limit, bool) or limit <= 0:
        raise _Problem(f"“max-length”的“limit”须为正整数（字数），实际为“{limit}”", _line_of(m, "limit", line))
    return MaxLength(_section(m.get("section"), "max-length", _line_of(m, "section", line)), limit), "content"


def _pattern(value: Any, line: int) -> tuple[Pattern, Category]:
    m = _mapping(value, "pattern", line, {"section", "must-contain", "must-not-contain"})
    given = [k for k in ("must-contain", "must-not-contain") if k in m]
    if len(given) != 1:
        raise _Problem("“pattern”须恰好给出“must-contain”或“must-not-contain”之一", line)
    regex = m[given[0]]
    try:
        re.compile(str(regex))
    except re.error as exc:
        raise _Problem(f"“{given[0]}”不是有效的正则表达式（{exc}）", _line_of(m, given[0], line)) from None
    if not isinstance(regex, str) or not regex:
        raise _Problem(f"“{given[0]}”须为非空文本", _line_of(m, given[0], line))
    section = _section(m["section"], "pattern", _line_of(m, "section", line)) if "section" in m else None
    return Pattern(section, regex, given[0] == "must-contain"), "content"


def _compare(value: Any, line: int) -> tuple[Compare, Category]:
    m = _mapping(value, "compare", line, {"cell", "op", "value"})
    cell = cell_pointer(m.get("cell", ""))
    if cell is None:
        raise _Problem(f"“compare”中的单元格“{m.get('cell')}”无法识别；写作“表三/（七）总计/自然人”这样的"
                       f"表/行/列名称，或 JSON 指针", _line_of(m, "cell", line))
    if m.get("op") not in OPERATORS:
        raise _Problem(f"“compare”的“op”须为 {'、'.join(OPERATORS)} 之一，实际为“{m.get('op')}”",
                       _line_of(m, "op", line))
    right = m.get("value")
    if isinstance(right, (int, float)) and not isinstance(right, bool):
        return Compare(cell, m["op"], None, float(right)), "table"
    other = cell_pointer(right) if isinstance(right, str) else None
    if other is None:
        raise _Problem(f"“compare”的“value”须为数字或另一个单元格，实际为“{right}”", _line_of(m, "value", line))
    return Compare(cell, m["op"], other, None), "table"


def _deadline(value: Any, line: int) -> tuple[Deadline, Category]:
    if not isinstance(value, dict) or not value:
        raise _Problem("“deadline”须为“机关层级: \"MM-DD\"”的键值对，如 乡镇: \"02-20\"", line)
    pairs = []
    for level, mmdd in value.items():
        where = _line_of(value, level, line)
        if level not in spec.ORGAN_LEVEL_BY_ID:
            raise _Problem(f"机关层级“{level}”无法识别；可用：{'、'.join(spec.ORGAN_LEVEL_BY_ID)}", where)
        if not isinstance(mmdd, str) or not MONTH_DAY.match(mmdd):
            raise _Problem(f"“{level}”的期限须写作带引号的“MM-DD”（如 \"02-20\"），实际为“{mmdd}”", where)
        if not is_month_day(mmdd):
            raise _Problem(f"“{level}”的期限“{mmdd}”不是一年中的日期", where)
        pairs.append((str(level), mmdd))
    return Deadline(tuple(pairs)), "date"


# each check's reader: the check's value and line → its test and the rule's category
_READERS: dict[str, Callable[[Any, int], tuple[LocalTest, Category]]] = {
    "required": _required, "max-length": _max_length, "pattern": _pattern, "compare": _compare,
    "deadline": _deadline}


def _test(kind: str, value: Any, line: int) -> tuple[LocalTest, Category]:
    return _READERS[kind](value, line)
