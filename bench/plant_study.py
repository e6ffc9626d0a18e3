"""Plant-defect recall study on real reports (a study script, not a test).

    .venv/bin/python bench/plant_study.py [--only NAME ...] [--no-completed] [--json OUT]

(the repository's own virtualenv, or any Python with xxgk-lint installed)

The linter is judged on real reports with planted defects, so this measures how many planted
defects it finds. For every real report in tests/fixtures/corpus/ (and the seed report):

1. lint the original to get its baseline findings;
2. apply, one at a time, a realistic text mutation of a kind listed in docs/DEFECTS.md — a
   changed table-三 number, a deleted section or row, a blank or "/" cell, a broken phone
   number, an impossible report date, a prose count that contradicts table 三, … — as a string
   edit that keeps the rest of the file byte-for-byte as published; a mutation is counted as
   not applicable when the report lacks the thing to mutate;
3. lint the mutated file (same name and encoding, in a temporary folder), diff its findings
   against the baseline by (code, pointer), and record whether a code of the mutation's family
   appeared and whether it points at the mutated place (pointer prefix or line).

The corpus files are only the beginning of their reports (see the corpus README): most stop
inside table 二 or 三 and none has a table 四 or a signature date, so the mutations that need
those parts would all be "not applicable". To still measure them on real layouts, every
report that stops inside table 三 is also studied as a *completed* variant: its real text up
to the last complete table-三 row, then the missing rows, table 四, sections 五/六 and a
signature date, rendered with the cell separators the report itself uses (one cell per line,
`|` rows, tabs) and with numbers chosen so that every table relation holds. Results on the
originals and on the completed variants are printed separately.

The two `# source:` / `# completeness:` lines the corpus adds at the top of each file are
removed before linting: published reports do not carry them.

Locating what to mutate is done here, independently of the linter's extractor (a searchable
view of the text: traditional → simplified per character, full-width → half-width, injected
pinyin dropped, with a map back to the original offsets), so that a row the extractor fails
to read is counted as a miss, not as "not applicable".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
SEED = ROOT / "tests" / "fixtures" / "seed" / "jianning-suixi-2021.txt"

# The organ of each report as its source says (corpus README and the text itself): every one is
# a department or a township/sub-district, so the deadline is 31 January of the next year
# (departments by art. 49, townships by the usual local rule) and none may issue 规章.
TRUE_LEVEL = {
    "2019_kangle-shangwan-xiang": "乡镇", "2019_xiongxian-xiang": "乡镇",
    "2020_huichang-zhongcun-xiang": "乡镇", "2020_shenzhen-longgang-qzfgzbm": "县级部门",
    "2021_laifeng-zwfwhdsjglj": "县级部门", "2021_wuchang-minyi-xiang": "乡镇",
    "2022_fengshou-xiang": "乡镇", "2022_fuyuan-zrzyj": "县级部门",
    "2022_heshan-longkou-zhen": "乡镇", "2022_xixian-taiping-zhen": "乡镇",
    "2022_xuanzhou-sjj": "县级部门", "2022_yuhang-sjj": "县级部门",
    "2023_qu-tongjiju-61150": "县级部门", "2023_tianshui-qingshui-jyj": "县级部门",
    "2023_xjnlk-zhen": "乡镇", "2024_jiedao-unknown": "街道",
    "2024_shenzhen-longgang-qzfgzbm": "县级部门", "2024_zhejiang-jyt": "省级部门",
    "2025_liyang-szfbgs": "县级部门", "2025_tianmen-szfbgs": "县级部门",
    "jianning-suixi-2021": "乡镇",
}


# ================================================================ searchable view of a text

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = re.compile(rf"(?<=[{_CJK}])[(（][a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*[)）]")
_T2S_CACHE: dict[str, str] = {}
_converter = None


def _simple_char(ch: str) -> str:
    """One character, half-width and simplified; a conversion that is not 1:1 is not applied,
    so that view offsets map back to the original one for one."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if ch in "\u3000\u00a0":
        return " "
    if code < 0x3400:
        return ch
    if ch not in _T2S_CACHE:
        global _converter
        if _converter is None:
            import opencc
            _converter = opencc.OpenCC("t2s")
        out = _converter.convert(ch)
        _T2S_CACHE[ch] = out if len(out) == 1 else ch
    return _T2S_CACHE[ch]


class View:
    """The text as searched (simplified, half-width, no injected pinyin), with `back[i]` the
    offset in the original of view character i."""

    def __init__(self, text: str):
        skip = {m.start(): m.end() for m in _PINYIN.finditer(text)}
        chars: list[str] = []
        back: list[int] = []
        i = 0
        while i < len(text):
            if i in skip:
                i = skip[i]
                continue
            chars.append(_simple_char(text[i]))
            back.append(i)
            i += 1
        back.append(len(text))
        self.text = "".join(chars)
        self.back = back

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the view range [start, end)."""
        if end <= start:
            return self.back[start], self.back[start]
        return self.back[start], self.back[end - 1] + 1


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


# ================================================================ what a report contains

SECTION_IDS = ("overview", "proactive", "applications", "reviews", "problems", "other")
TABLE_SECTIONS = ("proactive", "applications", "reviews")     # the sections that hold a table
_SECTION_CORE = {
    "overview": ("一", r"总体情况|总体概况|概述"),
    "proactive": ("二", r"主动公开"),
    "applications": ("三", r"收到和处理|依申请公开|公开申请情况"),
    "reviews": ("四", r"行政复议|行政诉讼"),
    "problems": ("五", r"问题"),
    "other": ("六", r"其他需要报告|其他事项"),
}


@dataclass
class Heading:
    section: str
    start: int          # view offset of the line start
    body: int           # view offset just after the heading line


def find_headings(view: View) -> dict[str, Heading]:
    """Top-level headings at a line start: own numeral, 、/./, then the section's core words
    within a short line (table 三's rows 一、…四、 carry none of them)."""
    found: dict[str, Heading] = {}
    for m in re.finditer(r"(?m)^[ \t]*([一二三四五六])\s*[、.,)]\s*(\S[^\n]*)$", view.text):
        numeral, rest = m.group(1), m.group(2).rstrip(" |")
        for sid, (num, core) in _SECTION_CORE.items():
            if num == numeral and sid not in found and len(rest) <= 40 and re.search(core, rest[:30]):
                found[sid] = Heading(sid, m.start(), m.end() + 1 if m.end() < len(view.text) else m.end())
                break
    return found


def section_extent(view: View, headings: dict[str, Heading], sid: str) -> tuple[int, int]:
    """View range of a whole section: its heading line to the next heading (or the end)."""
    start = headings[sid].start
    following = [h.start for h in headings.values() if h.start > start]
    return start, min(following) if following else len(view.text)


# -- table cells ------------------------------------------------------------------------

_SEPS = re.compile(r"[ \t|\r\n]*")
_CELL = re.compile(r"(\d+(?:\.\d+)?|/|—|－|-|_)(?=[ \t|\r\n]|$)")
_LABEL_REST = re.compile(r"[^|\t\n]*")


@dataclass
class Row:
    id: str
    label: tuple[int, int]              # view span of the row's own label
    cells: list[tuple[int, int]]        # view spans of the cells read after it
    values: list[str]

    @property
    def end(self) -> int:
        return self.cells[-1][1] if self.cells else self.label[1]


def read_cells(view: View, pos: int, limit: int, want: int) -> list[tuple[int, int]]:
    cells = []
    while len(cells) < want:
        pos = _SEPS.match(view.text, pos).end()
        if pos >= limit:
            break
        m = _CELL.match(view.text, pos)
        if not m:
            break
        cells.append(m.span(1))
        pos = m.end()
    return cells


# Table 三 rows in order: (row id, label pattern). A label pattern matches the row's own
# label; the rest of that cell (`（区分处理的，…）`) is skipped before reading numbers.
T3_ROWS: tuple[tuple[str, str], ...] = (
    ("new", r"(?:一\s*[、.]\s*)?本年新收政府信息公开申请数量"),
    ("carried_over", r"(?:二\s*[、.]\s*)?上年结转政府信息公开申请数量"),
    ("disclosed", r"\(一\)\s*予以公开"),
    ("partly_disclosed", r"\(二\)\s*部分公开"),
    ("withheld_1", r"1\s*[.、]\s*属于国家秘密"),
    ("withheld_2", r"2\s*[.、]\s*其他法律行政法规禁止公开"),
    ("withheld_3", r"3\s*[.、]\s*危及"),
    ("withheld_4", r"4\s*[.、]\s*保护第三方合法权益"),
    ("withheld_5", r"5\s*[.、]\s*属于三类内部事务信息"),
    ("withheld_6", r"6\s*[.、]\s*属于四类过程性信息"),
    ("withheld_7", r"7\s*[.、]\s*属于行政执法案卷"),
    ("withheld_8", r"8\s*[.、]\s*属于行政查询事项"),
    ("unable_1", r"1\s*[.、]\s*本机关不掌握相关政府信息"),
    ("unable_2", r"2\s*[.、]\s*没有现成信息需要另行制作"),
    ("unable_3", r"3\s*[.、]\s*补正后申请内容仍不明确"),
    ("not_processed_1", r"1\s*[.、]\s*信访举报投诉"),
    ("not_processed_2", r"2\s*[.、]\s*重复申请"),
    ("not_processed_3", r"3\s*[.、]\s*要求提供公开出版物"),
    ("not_processed_4", r"4\s*[.、]\s*无正当理由大量反复申请"),
    ("not_processed_5", r"5\s*[.、]\s*要求行政机关确认或重新出具已获取信息"),
    ("other", r"\(六\)\s*其他处理"),            # 2019: one data row; 2021: a group label
    ("other_1", r"1\s*[.、]\s*申请人无正当理由逾期不补正"),
    ("other_2", r"2\s*[.、]\s*申请人逾期未按收费通知"),
    ("other_3", r"3\s*[.、]\s*其他"),
    ("results_total", r"\(七\)\s*总计"),
    ("carried_forward", r"四\s*[、.]\s*结转下年度继续办理"),
)
T3_COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")
T3_RESULT_ROWS_2021 = tuple(r for r, _ in T3_ROWS if r not in ("new", "carried_over", "other", "results_total",
                                                                "carried_forward"))
T3_GROUP_LABEL = {"withheld_1": "(三)不予公开", "unable_1": "(四)无法提供", "not_processed_1": "(五)不予处理",
                  "other_1": "(六)其他处理"}
T3_LABEL_TEXT = {
    "new": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
    "disclosed": "(一)予以公开", "partly_disclosed": "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
    "withheld_1": "1.属于国家秘密", "withheld_2": "2.其他法律行政法规禁止公开", "withheld_3": "3.危及“三安全一稳定”",
    "withheld_4": "4.保护第三方合法权益", "withheld_5": "5.属于三类内部事务信息", "withheld_6": "6.属于四类过程性信息",
    "withheld_7": "7.属于行政执法案卷", "withheld_8": "8.属于行政查询事项",
    "unable_1": "1.本机关不掌握相关政府信息", "unable_2": "2.没有现成信息需要另行制作",
    "unable_3": "3.补正后申请内容仍不明确", "not_processed_1": "1.信访举报投诉类申请", "not_processed_2": "2.重复申请",
    "not_processed_3": "3.要求提供公开出版物", "not_processed_4": "4.无正当理由大量反复申请",
    "not_processed_5": "5.要求行政机关确认或重新出具已获取信息", "other": "(六)其他处理",
    "other_1": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_2": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_3": "3.其他",
    "results_total": "(七)总计", "carried_forward": "四、结转下年度继续办理",
}

T2_ROWS: tuple[tuple[str, str, str], ...] = (
    # (pointer under /tables/proactive, label pattern, cells)
    ("item1/rules", r"规章", "3"),
    ("item1/normative_documents", r"(?:行政)?规范性文件", "3"),
    ("item5/licensing", r"行政许可", "3"),
    ("item5/other_services", r"其他对外管理服务事项", "3"),
    ("item6/penalty", r"行政处罚", "3"),
    ("item6/enforcement", r"行政强制", "3"),
    ("item8/fees", r"行政事业性收费", "2"),
    ("item9/procurement", r"政府集中采购", "2"),
)

T4_HEADER_ROWS = (
    ("行政复议", "行政诉讼"),
    ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"),
    ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2,
)
T4_GROUPS = ("review", "litigation_direct", "litigation_after_review")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


@dataclass
class Anatomy:
    """What this study found in a report, in view offsets."""
    view: View
    headings: dict[str, Heading]
    t2: dict[str, Row] = field(default_factory=dict)
    t3: dict[str, Row] = field(default_factory=dict)
    t3_region: tuple[int, int] | None = None
    t4: Row | None = None                     # the 15-cell data row of table 四


def _cell_label(view: View, pattern: str, start: int, end: int) -> Iterator[re.Match]:
    """A label standing as a cell of its own: at a line start or after a separator, and
    followed by a separator (not 规章 inside 规章制度)."""
    rx = re.compile(rf"(?:(?<=^)|(?<=[\n|\t]))[ \t]*({pattern})[ \t]*(?=[|\t\n]|$)", re.M)
    yield from (m for m in rx.finditer(view.text, start, end))


def anatomy(text: str) -> Anatomy:
    view = View(text)
    heads = find_headings(view)
    an = Anatomy(view, heads)
    total = len(view.text)

    # table 二: between section 二's heading (or the first 第二十条 header) and table 三
    m2 = re.search(r"第二十条第\(一\)项", view.text)
    t2_start = heads["proactive"].body if "proactive" in heads else (m2.start() if m2 else None)
    m3 = re.search(r"勾稽关系|申请人情况", view.text)
    if "applications" in heads:
        t3_start = heads["applications"].body
    else:
        t3_start = m3.start() if m3 else None
    if t2_start is not None:
        t2_end = t3_start if t3_start is not None and t3_start > t2_start else total
        for pointer, pattern, width in T2_ROWS:
            for m in _cell_label(view, pattern, t2_start, t2_end):
                cells = read_cells(view, m.end(1), t2_end, int(width))
                an.t2[pointer] = Row(pointer, m.span(1), cells, [view.text[a:b] for a, b in cells])
                break

    # table 三: the rows in order, each searched after the previous one found
    if t3_start is not None:
        later = [h.start for h in heads.values() if h.start > t3_start]
        t3_end = min(later) if later else total
        an.t3_region = (t3_start, t3_end)
        cursor = t3_start
        for row_id, pattern in T3_ROWS:
            m = re.compile(pattern).search(view.text, cursor, t3_end)
            if not m:
                continue
            if row_id == "other_3" and "other_2" not in an.t3:
                continue
            label_end = _LABEL_REST.match(view.text, m.end()).end()
            cells = read_cells(view, label_end, t3_end, 7)
            if row_id == "other" and not cells:
                continue       # the 2021 group label, its sub-rows follow
            an.t3[row_id] = Row(row_id, (m.start(), label_end), cells, [view.text[a:b] for a, b in cells])
            cursor = an.t3[row_id].end

    # table 四: the first run of 15 numbers after section 四's heading
    if "reviews" in heads:
        start, end = section_extent(view, heads, "reviews")
        for m in re.finditer(r"(?<![\d.])\d+(?![\d.])", view.text[start:end]):
            cells = read_cells(view, start + m.start(), end, 15)
            if len(cells) == 15:
                an.t4 = Row("reviews", (start + m.start(), start + m.start()), cells,
                            [view.text[a:b] for a, b in cells])
                break
    return an


def full_rows(an: Anatomy) -> list[Row]:
    """Table-三 rows whose 7 cells are all integers."""
    return [r for r in an.t3.values() if len(r.cells) == 7 and all(v.isdigit() for v in r.values)]


# ================================================================ mutations

@dataclass
class Mutation:
    kind: str
    what: str                           # what was changed, for the miss list
    text: str                           # the mutated file
    family: frozenset[str]              # codes that count as detection
    places: tuple[str, ...]             # pointer prefixes that are "the right place"
    lines: frozenset[int] = frozenset()  # mutated lines (in the mutated file), also the right place
    collateral: frozenset[str] = frozenset()  # codes the edit may legitimately add besides the family
    forbidden: frozenset[str] = frozenset()   # codes whose new appearance means the linter got it wrong


@dataclass
class Kind:
    name: str
    describe: str
    make: Callable[["Target"], list[Mutation] | None]   # None or [] = not applicable


@dataclass
class Target:
    name: str               # file stem (+ "+completed")
    filename: str           # name the mutated copies are written under
    text: str
    year: int
    level: str
    completed: bool
    an: Anatomy = None      # type: ignore[assignment]

    def __post_init__(self):
        self.an = anatomy(self.text)


def edit(t: Target, vstart: int, vend: int, replacement: str, **kw) -> Mutation:
    """Replace the view range [vstart, vend) in the original text; the lines the new text
    occupies are the mutated place."""
    start, end = t.an.view.span(vstart, vend)
    return edit_orig(t, start, end, replacement, **kw)


def edit_orig(t: Target, start: int, end: int, replacement: str, *, kind: str, what: str,
              family: set[str], places: tuple[str, ...], collateral: set[str] = frozenset(),
              forbidden: set[str] = frozenset()) -> Mutation:
    new = t.text[:start] + replacement + t.text[end:]
    first = line_of(new, start)
    last = line_of(new, start + len(replacement))
    return Mutation(kind, what, new, frozenset(family), places, frozenset(range(first, last + 1)),
                    frozenset(collateral), frozenset(forbidden))


def _t3_pointer(row: str) -> str:
    return f"/tables/applications/{row}"


ARITH = {"A401", "A402", "A403"}
# a changed 本年新收 also contradicts prose that stated the old count (K801/K803): legitimate
T3_COLLATERAL = {"A405", "A401", "A402", "A403", "T204", "F903", "F905", "F906", "K801", "K803"}


def _pick_rows(t: Target, prefer_deep: bool) -> list[Row]:
    rows = full_rows(t.an)
    return sorted(rows, key=lambda r: [x for x, _ in T3_ROWS].index(r.id), reverse=prefer_deep)


def m_t3_applicant_cell(t: Target):
    rows = _pick_rows(t, prefer_deep=False)
    if not rows:
        return None
    row = rows[0]
    a, b = row.cells[0]
    old = int(row.values[0])
    return [edit(t, a, b, str(old + 1), kind="t3-applicant-cell",
                 what=f"表三 {row.id} 自然人 {old}→{old + 1}（总计不变）",
                 family=ARITH, places=(_t3_pointer(row.id),), collateral=T3_COLLATERAL)]


def m_t3_total_cell(t: Target):
    rows = _pick_rows(t, prefer_deep=True)
    if not rows:
        return None
    row = rows[0]
    a, b = row.cells[6]
    old = int(row.values[6])
    return [edit(t, a, b, str(old + 2), kind="t3-total-cell",
                 what=f"表三 {row.id} 总计 {old}→{old + 2}", family=ARITH,
                 places=(_t3_pointer(row.id),), collateral=T3_COLLATERAL)]


def _consistent_bump(t: Target, row_id: str, kind: str, family: set[str], why: str):
    """+1 on 自然人 and on 总计 of one row: the row still adds up, a table relation does not."""
    row = t.an.t3.get(row_id)
    if row is None or len(row.cells) != 7 or not all(v.isdigit() for v in row.values):
        return None
    text = t.text
    spans = [t.an.view.span(*row.cells[0]), t.an.view.span(*row.cells[6])]
    values = [int(row.values[0]) + 1, int(row.values[6]) + 1]
    # later span first, so that the earlier offsets stay valid
    for (a, b), v in sorted(zip(spans, values, strict=True), reverse=True):
        text = text[:a] + str(v) + text[b:]
    first, last = line_of(text, spans[0][0]), line_of(text, spans[1][0])
    return [Mutation(kind, f"表三 {row_id} 自然人、总计各 +1（{why}）", text, frozenset(family),
                     (_t3_pointer(row_id), "/tables/applications"), frozenset(range(first, last + 1)),
                     frozenset(T3_COLLATERAL))]


def m_t3_results_total(t: Target):
    return _consistent_bump(t, "results_total", "t3-results-total", {"A402", "A403"},
                            "（七）总计 ≠ 各办理结果之和，收支也不平衡")


def m_t3_balance(t: Target):
    return _consistent_bump(t, "carried_forward", "t3-balance", {"A403"}, "一 + 二 ≠ （七） + 四")


def m_t3_row_delete(t: Target):
    rows = [r for r in _pick_rows(t, prefer_deep=True) if r.id not in ("results_total", "carried_forward")]
    rows = [r for r in rows if r.id not in T3_GROUP_LABEL] or rows
    if len(rows) < 2:
        return None     # deleting the only row leaves an empty table (S103), another defect
    # a middle row of the table: the deepest complete row but the last one found
    row = rows[1] if len(rows) > 1 else rows[0]
    view = t.an.view
    end = _SEPS.match(view.text, row.end).end()     # up to the next label
    start = row.label[0]
    return [edit(t, start, end, "", kind="t3-row-delete", what=f"删除表三行 {row.id}（标签及数值）",
                 family={"T201"}, places=(_t3_pointer(row.id),),
                 collateral=T3_COLLATERAL | {"F901", "F904", "F907", "T202"})]


def _cell_variant(t: Target, replacement: str, kind: str, family: set[str]):
    rows = _pick_rows(t, prefer_deep=False)
    if not rows:
        return None
    row = rows[min(1, len(rows) - 1)]
    a, b = row.cells[2]     # 科研机构
    return [edit(t, a, b, replacement, kind=kind,
                 what=f"表三 {row.id} 科研机构 “{row.values[2]}”→“{replacement}”", family=family,
                 places=(_t3_pointer(row.id),), collateral=T3_COLLATERAL | {"T202", "V301", "F904"})]


def m_t3_cell_blank(t: Target):
    return _cell_variant(t, "", "t3-cell-blank", {"T202", "F903", "T204"})


def m_t3_cell_slash(t: Target):
    return _cell_variant(t, "/", "t3-cell-slash", {"V301", "T202"})


def m_t3_cell_dash(t: Target):
    return _cell_variant(t, "—", "t3-cell-dash", {"V301", "T202"})


def m_t3_cell_sign_word(t: Target):
    """The 2019 trial format's 本年增/减 typed into a count cell (issue 16)."""
    return _cell_variant(t, "减4", "t3-cell-sign-word", {"V301"})


def m_t2_cell_slash(t: Target):
    for pointer in ("item5/licensing", "item6/penalty", "item1/normative_documents"):
        row = t.an.t2.get(pointer)
        if row and row.cells and row.values[0].replace(".", "").isdigit():
            a, b = row.cells[0]
            return [edit(t, a, b, "/", kind="t2-cell-slash", what=f"表二 {pointer} 第一栏 “{row.values[0]}”→“/”",
                         family={"V301", "T202"}, places=(f"/tables/proactive/{pointer}",))]
    return None


def m_t2_rules_nonzero(t: Target):
    row = t.an.t2.get("item1/rules")
    if not row or len(row.cells) != 3 or not all(v.isdigit() for v in row.values):
        return None
    if any(int(v) for v in row.values):
        return None      # already non-zero: the baseline carries it
    text = t.text
    spans = [t.an.view.span(*row.cells[0]), t.an.view.span(*row.cells[2])]
    for a, b in sorted(spans, reverse=True):
        text = text[:a] + "2" + text[b:]
    lines = {line_of(text, a) for a, _ in spans}
    return [Mutation("t2-rules-nonzero", f"表二 规章 本年制发 0→2、现行有效 0→2（{t.level}无规章制定权）", text,
                     frozenset({"V303"}), ("/tables/proactive/item1/rules",), frozenset(lines))]


def m_t2_label_2019_row(t: Target):
    row = t.an.t2.get("item5/licensing")
    if row is None or t.year < 2021 or not row.cells or "item5/other_services" in t.an.t2:
        return None
    view = t.an.view
    # copy the 行政许可 row as printed (label and cells) with the 2019 label, right after it
    start = row.label[0]
    while start > 0 and view.text[start - 1] not in "\n":
        start -= 1
    end = _SEPS.match(view.text, row.end).end()
    a, b = view.span(start, end)
    a_label, b_label = view.span(*row.label)
    copy = t.text[a:a_label] + "其他对外管理服务事项" + t.text[b_label:b]
    return [edit_orig(t, b, b, copy, kind="t2-label-2019-row",
                      what="表二（五）项加入2019年格式的“其他对外管理服务事项”行",
                      family={"F902", "S107", "F901", "T203", "F904", "F905", "F907"},
                      places=("/tables/proactive",), collateral={"F906"})]


def m_t2_label_2019_header(t: Target):
    if t.year < 2021:
        return None
    m = re.search(r"本年制发件数", t.an.view.text)
    if not m:
        return None
    return [edit(t, m.start(), m.end(), "本年新制作数量", kind="t2-label-2019-header",
                 what="表二（一）项列标题“本年制发件数”→2019年格式“本年新制作数量”",
                 family={"F902", "S107", "F901", "T203"}, places=("/tables/proactive",))]


def m_section_delete(t: Target):
    out = []
    for sid in SECTION_IDS:
        if sid not in t.an.headings or len(t.an.headings) < 2:
            continue     # a copy holding one section only would become no report at all
        start, end = section_extent(t.an.view, t.an.headings, sid)
        numeral = _SECTION_CORE[sid][0]
        out.append(edit(t, start, end, "", kind="section-delete",
                        what=f"删除第{numeral}部分（标题与正文{'及表格' if sid in TABLE_SECTIONS else ''}）",
                        family={"S101"}, places=(f"/sections/{sid}",),
                        # T201/T205: without table 二, a 2019-format report of a later year has its table 三
                        # read as the year's 2021 format (2022_fengshou's one-row （六）其他处理)
                        collateral={"S102", "S103", "S104", "S111", "T201", "T205", "T210", "A405", "D501", "D502",
                                    "N701", "N702", "N703", "N705", "C601", "F9"}))
    return out


_TABLE_START = {"proactive": r"第二十条", "applications": r"\(?本列数据的勾稽关系|申请人情况",
                "reviews": r"行政复议"}


def m_table_delete(t: Target):
    out = []
    for sid, pattern in _TABLE_START.items():
        if sid not in t.an.headings:
            continue
        start, end = section_extent(t.an.view, t.an.headings, sid)
        body = t.an.headings[sid].body
        m = re.search(pattern, t.an.view.text[body:end])
        if not m:
            continue
        if sid == "reviews" and t.an.t4 is None:
            continue
        if sid == "proactive" and not t.an.t2 or sid == "applications" and not t.an.t3:
            continue
        lstart = t.an.view.text.rfind("\n", 0, body + m.start()) + 1
        out.append(edit(t, lstart, end, "", kind="table-delete",
                        what=f"删除第{_SECTION_CORE[sid][0]}部分的表格（保留标题）",
                        family={"S102", "S103"}, places=(f"/tables/{sid}", f"/sections/{sid}"),
                        collateral={"T201", "T205", "T210", "A405", "F9"}))
    return out


def m_heading_typo(t: Target):
    for sid in ("applications", "reviews", "proactive", "problems"):
        h = t.an.headings.get(sid)
        if h is None:
            continue
        line = t.an.view.text[h.start:h.body].rstrip("\n")
        words = {"applications": "申请", "reviews": "行政", "proactive": "公开", "problems": "问题"}[sid]
        k = line.find(words)
        if k < 0:
            continue
        # a doubled character, as in the real 行行政复议
        pos = h.start + k
        return [edit(t, pos, pos + 1, words[0] * 2, kind="heading-typo",
                     what=f"第{_SECTION_CORE[sid][0]}部分标题错字：“{words}”→“{words[0] * 2}{words[1:]}”",
                     family={"S106"}, places=(f"/sections/{sid}",),
                     forbidden={"S101", "S102", "S104", "S105"})]
    return None


_PART_NAMES = (r"总体情况", r"主动公开", r"收到和处理|依申请", r"复议|诉讼", r"问题", r"其他")


def m_intro_parts(t: Target):
    m = re.search(r"(?:由|等|从|包括)[^。\n]{0,160}?(六)\s*(?:个|大)?\s*(?:部分|方面)", t.an.view.text)
    if not m:
        return None
    sentence = t.an.view.text[max(0, m.start() - 160):m.end()]
    if not all(re.search(name, sentence) for name in _PART_NAMES):
        return None     # the intro does not list six parts: "五" would make it consistent
    return [edit(t, m.start(1), m.end(1), "五", kind="intro-parts",
                 what="引言“六部分”→“五部分”（正文仍有六部分或列出六项）", family={"S111"}, places=("",))]


# -- contact ----------------------------------------------------------------------------

_PHONE = re.compile(r"(?:电话|联系方式)\s*[:为]?\s*(0\d{2,3}-?\d{7,8})")
_EMAIL = re.compile(r"[A-Za-z0-9._-]+(@)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_POSTCODE = re.compile(r"(?:邮编|邮政编码)\s*[:为]?\s*(\d{6})")
CONTACT_COLLATERAL = {"C601", "C602", "C603", "C604", "C605"}


def m_phone_short(t: Target):
    m = _PHONE.search(t.an.view.text)
    if not m:
        return None
    return [edit(t, m.end(1) - 2, m.end(1), "", kind="phone-short", what=f"电话 {m.group(1)} 删去末两位",
                 family={"C602", "C601"}, places=("/meta/contact/phone",))]


def m_phone_letters(t: Target):
    m = _PHONE.search(t.an.view.text)
    if not m:
        return None
    number = m.group(1)
    return [edit(t, m.end(1) - 2, m.end(1), "x7", kind="phone-letters",
                 what=f"电话 {number} → {number[:-2]}x7（含字母）", family={"C602", "C601"},
                 places=("/meta/contact/phone",))]


def m_phone_letter_o(t: Target):
    m = _PHONE.search(t.an.view.text)
    if not m:
        return None
    number = m.group(1)
    k = number.rfind("0", 4)
    if k < 0:
        return None
    pos = m.start(1) + k
    return [edit(t, pos, pos + 1, "O", kind="phone-letter-O",
                 what=f"电话 {number} 中一个 0 写成字母 O", family={"C602", "C601"},
                 places=("/meta/contact/phone",))]


def m_email_no_at(t: Target):
    m = _EMAIL.search(t.an.view.text)
    if not m:
        return None
    return [edit(t, m.start(1), m.end(1), "", kind="email-no-at", what=f"邮箱 {m.group(0)} 去掉 @",
                 family={"C603", "C601"}, places=("/meta/contact/email",))]


def m_email_fullwidth_at(t: Target):
    m = _EMAIL.search(t.an.view.text)
    if not m:
        return None
    return [edit(t, m.start(1), m.end(1), "＠", kind="email-fullwidth-at", what=f"邮箱 {m.group(0)} 的 @ 改为全角 ＠",
                 family={"C603", "C601"}, places=("/meta/contact/email",))]


def m_email_no_suffix(t: Target):
    m = _EMAIL.search(t.an.view.text)
    if not m:
        return None
    dot = m.group(0).rfind(".")
    return [edit(t, m.start() + dot, m.end(), "", kind="email-no-suffix",
                 what=f"邮箱 {m.group(0)} 去掉域名后缀", family={"C603", "C601"}, places=("/meta/contact/email",))]


def m_postcode_5(t: Target):
    m = _POSTCODE.search(t.an.view.text)
    if not m:
        return None
    return [edit(t, m.end(1) - 1, m.end(1), "", kind="postcode-5", what=f"邮编 {m.group(1)} → 5 位",
                 family={"C605"}, places=("/meta/contact/postcode",))]


def m_contact_remove(t: Target):
    """Remove the sentence(s) giving the phone/e-mail: from the start of the sentence holding
    the first contact value to the end of the sentence holding the last."""
    view = t.an.view.text
    hits = [m.span() for rx in (_PHONE, _EMAIL) for m in rx.finditer(view)]
    if not hits:
        return None
    first, last = min(a for a, _ in hits), max(b for _, b in hits)
    if view.count("\n", first, last) > 2:
        return None     # contact spread over the document: not one line to remove
    start = max(view.rfind("。", 0, first), view.rfind("\n", 0, first)) + 1
    stop = re.compile(r"[。\n]").search(view, last)
    end = stop.end() if stop and view[stop.start()] == "。" else (stop.start() if stop else len(view))
    while end < len(view) and view[end] in ")）":
        end += 1
    return [edit(t, start, end, "", kind="contact-remove",
                 what=f"删除联系方式句：“{view[start:end][:50]}…”", family={"C601"},
                 places=("/meta/contact",), collateral={"C605", "N705", "S113"})]


# -- dates and years --------------------------------------------------------------------

_SIGNATURE = re.compile(r"(?m)^[ \t]*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[ \t]*$")
_PERIOD = re.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|-|—)\s*"
                     r"(?:(\d{4})\s*年\s*)?(12\s*月\s*31)\s*日")
DATE_COLLATERAL = {"D504", "D505", "D506", "D507", "D508", "D509", "D510"}


def _signature(t: Target):
    hits = list(_SIGNATURE.finditer(t.an.view.text))
    if not hits:
        return None
    m = hits[-1]
    return m if not t.an.view.text[m.end():].strip() else None


def _date_mutation(t: Target, kind: str, new: str, family: set[str], why: str):
    m = _signature(t)
    if m is None:
        return None
    return [edit(t, m.start(1), m.end(3) + 1, new, kind=kind, what=f"落款日期 {m.group(0).strip()} → {new}（{why}）",
                 family=family, places=("/meta/report_date",), collateral=DATE_COLLATERAL)]


def m_date_impossible(t: Target):
    return _date_mutation(t, "date-impossible", f"{t.year + 1}年2月30日", {"D507"}, "不存在的日期")


def m_date_late(t: Target):
    return _date_mutation(t, "date-late", f"{t.year + 1}年3月15日", {"D505"}, f"{t.level}期限为1月31日")


def m_date_in_year(t: Target):
    return _date_mutation(t, "date-in-year", f"{t.year}年12月20日", {"D506"}, "报告年度尚未结束")


def m_date_year_before(t: Target):
    m = _signature(t)
    if m is None:
        return None
    new = f"{t.year - 1}年{m.group(2)}月{m.group(3)}日"
    return _date_mutation(t, "date-year-before", new, {"D506", "D508"}, "早于报告年度")


def m_period_year(t: Target):
    m = _PERIOD.search(t.an.view.text)
    if not m:
        return None
    y = int(m.group(1))
    text = m.group(0).replace(str(y), str(y - 1))
    return [edit(t, m.start(), m.end(), text, kind="period-year", what=f"统计期限 {m.group(0)} → {text}",
                 family={"D504", "D508"}, places=("/meta/statistics_period",), collateral=DATE_COLLATERAL)]


def m_period_partial(t: Target):
    m = _PERIOD.search(t.an.view.text)
    if not m:
        return None
    return [edit(t, m.start(3), m.end(3), "6月30", kind="period-partial",
                 what=f"统计期限 {m.group(0)} 的止日改为6月30日", family={"D504"},
                 places=("/meta/statistics_period",), collateral=DATE_COLLATERAL)]


def _title(t: Target):
    first = t.an.headings.get("overview")
    limit = first.start if first else len(t.an.view.text)
    for m in re.finditer(r"(?m)^[^\n]*$", t.an.view.text[:limit]):
        line = m.group(0)
        if len(line.strip(" |.")) <= 60 and "政府信息公开" in line and "报告" in line and "。" not in line:
            y = re.search(r"(\d{4})\s*年", line)
            if y:
                return m.start() + y.start(1), m.start() + y.end(1), int(y.group(1))
    return None


def m_title_year(t: Target):
    found = _title(t)
    if not found:
        return None
    a, b, y = found
    return [edit(t, a, b, str(y - 1), kind="title-year", what=f"标题年份 {y} → {y - 1}（正文仍为{y}年）",
                 family={"D508", "D504", "D510"}, places=("/meta/year", "/meta/title", "/meta/statistics_period"),
                 collateral=DATE_COLLATERAL | {"S107", "S108", "D511"})]


# -- prose against table 三 ---------------------------------------------------------------

_PROSE_COUNT = (re.compile(r"(?:收到|受理|接收|接到)[^。；,，\n\d]{0,20}?申请[^。；,，\n\d]{0,12}?(\d+)\s*[件条]"),
                re.compile(r"(?:收到|受理|接收|接到)\s*(?:共|共计)?\s*(\d+)\s*件[^。；\n]{0,10}申请"))


def _new_total(t: Target) -> int | None:
    row = t.an.t3.get("new")
    if row and len(row.cells) == 7 and row.values[6].isdigit():
        return int(row.values[6])
    return None


def m_prose_count_edit(t: Target):
    total = _new_total(t)
    if total is None:
        return None
    limit = t.an.t3_region[0] if t.an.t3_region else len(t.an.view.text)
    for rx in _PROSE_COUNT:
        m = rx.search(t.an.view.text, 0, limit)
        if m:
            wrong = total + 3
            return [edit(t, m.start(1), m.end(1), str(wrong), kind="prose-count-edit",
                         what=f"正文“{m.group(0)}”的数改为 {wrong}（表三 本年新收 总计 {total}）",
                         family={"K801"}, places=("/tables/applications/new", "/sections"))]
    return None


def _overview_line_end(t: Target) -> int | None:
    """View offset of the end of the first prose line of section 一 (where a sentence can be
    added as its last sentence)."""
    h = t.an.headings.get("overview")
    if h is None:
        return None
    start, end = section_extent(t.an.view, t.an.headings, "overview")
    for m in re.finditer(r"(?m)^[^\n]{20,}$", t.an.view.text[h.body:end]):
        if m.group(0).rstrip().endswith("。"):
            return h.body + m.start() + len(m.group(0).rstrip())
    return None


def m_prose_count_insert(t: Target):
    total = _new_total(t)
    pos = _overview_line_end(t)
    if total is None or pos is None:
        return None
    wrong = total + 3
    return [edit(t, pos, pos, f"本年度共收到政府信息公开申请{wrong}件。", kind="prose-count-insert",
                 what=f"第一部分加入“本年度共收到政府信息公开申请{wrong}件。”（表三 本年新收 总计 {total}）",
                 family={"K801"}, places=("/tables/applications/new", "/sections/overview"))]


def m_prose_none_claim(t: Target):
    total = _new_total(t)
    pos = _overview_line_end(t)
    if not total or pos is None:
        return None
    return [edit(t, pos, pos, "本年度未收到政府信息公开申请。", kind="prose-none-claim",
                 what=f"第一部分加入“本年度未收到政府信息公开申请。”（表三 本年新收 总计 {total}）",
                 family={"K803"}, places=("/tables/applications/new", "/sections/overview"))]


# -- table 四 -----------------------------------------------------------------------------

def m_t4_cell(t: Target):
    row = t.an.t4
    if row is None or not all(v.isdigit() for v in row.values):
        return None
    a, b = row.cells[1]      # 行政复议 结果纠正
    old = int(row.values[1])
    return [edit(t, a, b, str(old + 1), kind="t4-cell", what=f"表四 行政复议 结果纠正 {old}→{old + 1}（总计不变）",
                 family={"A404"}, places=("/tables/reviews/review",), collateral={"A405", "K802", "K804"})]


def m_t4_total(t: Target):
    row = t.an.t4
    if row is None or not all(v.isdigit() for v in row.values):
        return None
    a, b = row.cells[9]      # 未经复议直接起诉 总计
    old = int(row.values[9])
    return [edit(t, a, b, str(old + 1), kind="t4-total", what=f"表四 直接起诉 总计 {old}→{old + 1}",
                 family={"A404"}, places=("/tables/reviews/litigation_direct",), collateral={"A405", "K802"})]


# -- innocent edits: every new finding they cause is a false alarm ------------------------

def m_innocent_fullwidth(t: Target):
    """ASCII punctuation of the prose (not the tables) made full-width, as the official text has it."""
    view = t.an.view.text
    limit = min([h.body for sid, h in t.an.headings.items() if sid != "overview"] or [len(view)])
    table = {ord("("): "（", ord(")"): "）", ord(":"): "：", ord(","): "，", ord(";"): "；"}
    text = t.text
    changed = 0
    for m in re.finditer(r"(?m)^[^\n|\t]{20,}$", view[:limit]):
        a, b = t.an.view.span(m.start(), m.end())
        if re.search(r"https?://|www\.|@", text[a:b]):
            continue          # URLs and addresses keep their ASCII
        new = text[a:b].translate(table)
        if new != text[a:b]:
            text = text[:a] + new + text[b:]
            changed += 1
    if not changed:
        return None
    return [Mutation("innocent-fullwidth", f"引言/第一部分 {changed} 行的半角标点改为全角", text, frozenset(), ())]


def m_innocent_blank_lines(t: Target):
    """A blank line after every prose line of section 一 (Word exports do this)."""
    h = t.an.headings.get("overview")
    if h is None:
        return None
    start, end = section_extent(t.an.view, t.an.headings, "overview")
    a, b = t.an.view.span(start, end)
    chunk = t.text[a:b]
    new = re.sub(r"\n(?=\S)", "\n\n", chunk)
    if new == chunk:
        return None
    return [Mutation("innocent-blank-lines", "第一部分每行后加空行", t.text[:a] + new + t.text[b:], frozenset(), ())]


def m_innocent_trailing_spaces(t: Target):
    text = re.sub(r"(?m)(?<=\S)$", "  ", t.text)
    return [Mutation("innocent-trailing-spaces", "每行末尾加两个空格", text, frozenset(), ())]


# -- more kinds: sweeps over every row/cell, and the rest of the DEFECTS.md checklist --------

def m_t3_row_sweep(t: Target):
    """自然人 +1 in every complete row, one row at a time: does the extractor map each row?"""
    out = []
    for row in full_rows(t.an):
        a, b = row.cells[0]
        old = int(row.values[0])
        out.append(edit(t, a, b, str(old + 1), kind="t3-row-sweep", what=f"表三 {row.id} 自然人 {old}→{old + 1}",
                        family=ARITH, places=(_t3_pointer(row.id),), collateral=T3_COLLATERAL))
    return out


def m_t3_result_consistent(t: Target):
    if "results_total" not in t.an.t3:
        return None      # without （七） the results sum cannot be checked: nothing to detect
    for rid in ("disclosed", "partly_disclosed", "withheld_1", "unable_1"):
        found = _consistent_bump(t, rid, "t3-result-consistent", {"A402", "A403"},
                                 "该行自身相加无误，（七）总计不再等于各结果之和")
        if found:
            return found
    return None


def m_t3_new_consistent(t: Target):
    if "carried_forward" not in t.an.t3 or "results_total" not in t.an.t3:
        return None
    return _consistent_bump(t, "new", "t3-new-consistent", {"A403"}, "一 + 二 ≠ （七） + 四")


def m_t3_cell_letter_o(t: Target):
    for row in _pick_rows(t, prefer_deep=False):
        for k, v in enumerate(row.values[:6]):
            if v == "0":
                a, b = row.cells[k]
                return [edit(t, a, b, "O", kind="t3-cell-letter-O", what=f"表三 {row.id} 第{k + 1}栏 0 写成字母 O",
                             family={"V301", "T202"}, places=(_t3_pointer(row.id),),
                             collateral=T3_COLLATERAL | {"F904"})]
    return None


def m_t4_sweep(t: Target):
    row = t.an.t4
    if row is None or not all(v.isdigit() for v in row.values):
        return None
    out = []
    for k, (a, b) in enumerate(row.cells):
        group, column = T4_GROUPS[k // 5], T4_COLUMNS[k % 5]
        old = int(row.values[k])
        out.append(edit(t, a, b, str(old + 1), kind="t4-sweep", what=f"表四 {group} {column} {old}→{old + 1}",
                        family={"A404"}, places=(f"/tables/reviews/{group}",), collateral={"A405", "K802", "K804"}))
    return out


def m_t2_cell_blank(t: Target):
    for pointer in ("item6/penalty", "item5/licensing", "item1/normative_documents"):
        row = t.an.t2.get(pointer)
        if row and row.cells:
            a, b = row.cells[0]
            return [edit(t, a, b, "", kind="t2-cell-blank", what=f"表二 {pointer} 第一栏 “{row.values[0]}” 留空",
                         family={"T202", "F903", "S103"}, places=(f"/tables/proactive/{pointer}",),
                         collateral={"F906"})]
    return None


def m_t2_fee_unit(t: Target):
    row = t.an.t2.get("item8/fees")
    if row is None or not row.cells or t.year < 2021:
        return None
    a, b = row.cells[0]
    return [edit(t, a, b, row.values[0] + "万元", kind="t2-fee-unit",
                 what=f"表二 收费金额 “{row.values[0]}”→“{row.values[0]}万元”",
                 # a 2019-layout table 二 (a 2022 report in the old format) has counts there: V301
                 family={"V302", "V301"}, places=("/tables/proactive/item8",))]


def _cn_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def _insert_sentence(t: Target, sentence: str, kind: str, what: str, family: set[str],
                     places: tuple[str, ...], collateral: set[str] = frozenset()):
    pos = _overview_line_end(t)
    if pos is None:
        return None
    return edit(t, pos, pos, sentence, kind=kind, what=what, family=family, places=places, collateral=collateral)


def _total(t: Target, row_id: str) -> int | None:
    row = t.an.t3.get(row_id)
    if row and len(row.cells) == 7 and row.values[6].isdigit():
        return int(row.values[6])
    return None


def m_prose_phrasing(t: Target):
    """Many ways real reports state the counts of table 三, each with a wrong number."""
    out = []
    new, carried = _total(t, "new"), _total(t, "carried_over")
    forward, disclosed = _total(t, "carried_forward"), _total(t, "disclosed")
    variants = []
    if new is not None:
        w = new + 3
        variants += [
            (f"全年共受理政府信息公开申请{w}件。", "received/受理"),
            (f"本年度新收政府信息公开申请{w}件。", "received/新收"),
            (f"全年收到依申请公开{w}件。", "received/依申请公开"),
            (f"共收到政府信息公开申请{_cn_number(w)}件。", "received/汉字数字"),
            (f"本年度收到政府信息公开申请{w}件，均已按时答复。", "received/后接分句"),
            (f"{t.year}年共收到政府信息公开申请{w}件。", "received/句首年份"),
            (f"全年共接收政府信息公开申请{w}件，其中网上申请{w}件。", "received/其中"),
            (f"依申请公开方面，全年共收到申请{w}件。", "received/申请N件"),
            (f"本机关收到{w}件政府信息公开申请。", "received/收到N件…申请"),
        ]
    if carried is not None:
        variants.append((f"上年结转政府信息公开申请{carried + 2}件。", "carried_over"))
    if forward is not None:
        variants.append((f"结转下年度继续办理{forward + 2}件。", "carried_forward"))
    if carried is not None:
        variants.append((f"上一年度结转{carried + 2}件。", "carried_over/上一年度结转"))
    if forward is not None:
        variants.append((f"结转下一年度办理{forward + 2}件。", "carried_forward/结转下一年度办理"))
    if disclosed is not None:
        variants.append((f"其中予以公开{disclosed + 2}件。", "disclosed"))
    partly = _total(t, "partly_disclosed")
    if partly is not None:
        variants.append((f"部分公开{partly + 2}件。", "partly_disclosed"))
        if disclosed is not None:
            variants.append((f"予以公开和部分公开共{disclosed + partly + 2}件。", "disclosed_both"))
    withheld = [_total(t, f"withheld_{k}") for k in range(1, 9)]
    if all(w is not None for w in withheld):
        variants.append((f"不予公开{sum(withheld) + 2}件。", "withheld/不予公开"))
    results = _total(t, "results_total")
    if results is not None:
        variants.append((f"全年已办结政府信息公开申请{results + 2}件。", "results_total/办结"))
    for sentence, label in variants:
        m = _insert_sentence(t, sentence, "prose-phrasing", f"[{label}] 第一部分加入“{sentence}”",
                             {"K801"}, ("/tables/applications", "/sections/overview"))
        if m:
            out.append(m)
    return out


def m_prose_reviews_count(t: Target):
    row = t.an.t4
    if row is None or not all(v.isdigit() for v in row.values):
        return None
    wrong = int(row.values[4]) + 2
    m = _insert_sentence(t, f"全年被申请行政复议{wrong}件。", "prose-reviews-count",
                         f"第一部分加入“全年被申请行政复议{wrong}件。”（表四 行政复议 总计 {row.values[4]}）",
                         {"K802"}, ("/tables/reviews", "/sections/overview"))
    return [m] if m else None


def m_prose_all_upheld(t: Target):
    """Table 四 gets one 结果纠正 review (its total too: the table adds up) while the prose
    says every review was upheld."""
    row = t.an.t4
    pos = _overview_line_end(t)
    if row is None or pos is None or not all(v.isdigit() for v in row.values):
        return None
    text = t.text
    edits = [(t.an.view.span(*row.cells[4]), str(int(row.values[4]) + 1)),
             (t.an.view.span(*row.cells[1]), str(int(row.values[1]) + 1)),
             (t.an.view.span(pos, pos), "行政复议案件均获维持。")]
    for (a, b), new in sorted(edits, key=lambda e: e[0][0], reverse=True):
        text = text[:a] + new + text[b:]
    return [Mutation("prose-all-upheld", "表四 行政复议 结果纠正、总计各 +1，第一部分加入“行政复议案件均获维持。”",
                     text, frozenset({"K804", "K802"}), ("/tables/reviews", "/sections/overview"))]


def m_prose_blank_number(t: Target):
    h = t.an.headings.get("overview")
    if h is None:
        return None
    start, end = section_extent(t.an.view, t.an.headings, "overview")
    m = re.compile(r"(?:主动公开|公开|发布)[^。，,\d\n]{0,12}?(\d+)\s*条").search(t.an.view.text, h.body, end)
    if not m:
        return None
    return [edit(t, m.start(1), m.end(1), "  ", kind="prose-blank-number",
                 what=f"第一部分“{m.group(0)}”的数字删去（留空格）", family={"N704"}, places=("/sections/overview",))]


def m_prose_parts_insert(t: Target):
    """A total and its listed parts that do not add up (issue 16's 465 vs 464, 382 vs 2558)."""
    out = []
    for sentence, label in (("全年主动公开政府信息200条，其中政策文件50条、工作动态100条、其他信息49条。",
                             "其中…其他，少1"),
                            ("全年主动公开政务信息200条，包括政府网站120条，微信公众号60条，政务微博40条。",
                             "包括…，多20"),
                            ("全年主动公开政府信息2000条。其中，机构职能类信息460条，政策文件650条，规划信息885条。",
                             "另起一句“其中”，少5")):
        m = _insert_sentence(t, sentence, "prose-parts-insert", f"[{label}] 第一部分加入“{sentence}”",
                             {"K805"}, ("/sections/overview",))
        if m:
            out.append(m)
    return out


_REAL_LIST = re.compile(r"(\d+)\s*([条篇])\s*[,，]\s*其中[^。;；\n]*?(\d+)(?=\s*\2\s*(?:[。;；\n]|$))")


def m_prose_parts_edit(t: Target):
    """A list the report itself prints (其中 A a条, …): its last part +3."""
    m = _REAL_LIST.search(t.an.view.text)
    if not m:
        return None
    return [edit(t, m.start(3), m.end(3), str(int(m.group(3)) + 3), kind="prose-parts-edit",
                 what=f"正文“{m.group(0)[:40]}…”最后一项 {m.group(3)}→{int(m.group(3)) + 3}", family={"K805"},
                 places=("/sections/",))]


def _t2_value(t: Target, pointer: str, index: int = 0) -> float | None:
    row = t.an.t2.get(pointer)
    if row is None or len(row.values) <= index or not re.fullmatch(r"\d+(?:\.\d+)?", row.values[index]):
        return None
    return float(row.values[index])


def m_prose_table2(t: Target):
    """表二 figures restated wrongly in section 一 (2021 format: 2019 has other columns)."""
    if t.year < 2021 or re.search(r"本年新制作数量|上一年项目数量", t.an.view.text):
        return None
    out = []
    variants = []
    if (issued := _t2_value(t, "item1/normative_documents")) is not None:
        variants.append((f"本年制发行政规范性文件{int(issued) + 2}件。", "规范性文件 制发", "item1"))
    if (penalty := _t2_value(t, "item6/penalty")) is not None:
        variants.append((f"全年作出行政处罚决定{int(penalty) + 3}件。", "行政处罚 决定数", "item6"))
    if (licensing := _t2_value(t, "item5/licensing")) is not None:
        variants.append((f"全年作出行政许可决定{int(licensing) + 1}件。", "行政许可 决定数", "item5"))
    if (fees := _t2_value(t, "item8/fees")) is not None:
        variants.append((f"全年收取行政事业性收费{fees + 1.5:g}万元。", "行政事业性收费", "item8"))
    for sentence, label, item in variants:
        m = _insert_sentence(t, sentence, "prose-table2", f"[{label}] 第一部分加入“{sentence}”", {"K806"},
                             (f"/tables/proactive/{item}", "/sections/overview"))
        if m:
            out.append(m)
    return out


def m_prose_table4(t: Target):
    """表四 outcomes restated wrongly: 行政复议N件，其中维持M件 / 行政复议N件，诉讼M件."""
    row = t.an.t4
    if row is None or not all(v.isdigit() for v in row.values):
        return None
    v = [int(x) for x in row.values]
    out = []
    for sentence, label, place in (
            (f"全年被申请行政复议{v[4]}件，其中维持{v[0] + 1}件。", "复议 维持", "/tables/reviews/review"),
            (f"信息公开类行政复议{v[4]}件，诉讼{v[9] + v[14] + 2}件。", "复议后的“诉讼N件”",
             "/tables/reviews/litigation")):
        m = _insert_sentence(t, sentence, "prose-table4", f"[{label}] 第一部分加入“{sentence}”", {"K806"},
                             (place, "/sections/overview"))
        if m:
            out.append(m)
    return out


def m_t3_other_one_row(t: Target):
    """A 2021 table 三 whose （六）其他处理 is printed as the 2019 single row (sub-rows summed)."""
    rows = [t.an.t3.get(r) for r in ("other_1", "other_2", "other_3")]
    if any(r is None or len(r.cells) != 7 or not all(v.isdigit() for v in r.values) for r in rows):
        return None
    view = t.an.view
    group = None
    for m in re.compile(r"\(六\)\s*其他处理").finditer(view.text, 0, rows[0].label[0]):
        group = m
    if group is None:
        return None
    first, mid, end = _style(t, rows[0])
    sums = [str(sum(int(r.values[c]) for r in rows)) for c in range(7)]
    label = t.text[slice(*view.span(*group.span()))]
    stop = _SEPS.match(view.text, rows[2].end).end()
    return [edit(t, group.start(), stop, label + first + mid.join(sums) + end, kind="t3-other-one-row",
                 what="表三（六）其他处理 三个子行合为2019年格式的一行", family={"T205"},
                 places=("/tables/applications/other",), forbidden={"T201", "T203", "F905"})]


def m_section6_fee_notice(t: Target):
    """表三 （六）2 gets an application (and its total, and （七）总计) while section 六 says
    nothing of 信息处理费."""
    row, total = t.an.t3.get("other_2"), t.an.t3.get("results_total")
    h = t.an.headings.get("other")
    if row is None or total is None or h is None or not all(v.isdigit() for v in row.values + total.values):
        return None
    start, end = section_extent(t.an.view, t.an.headings, "other")
    fee = re.search(r"[^\n]*处理费[^\n]*", t.an.view.text[h.body:end])
    edits = [(t.an.view.span(*row.cells[0]), str(int(row.values[0]) + 1)),
             (t.an.view.span(*row.cells[6]), str(int(row.values[6]) + 1)),
             (t.an.view.span(*total.cells[0]), str(int(total.values[0]) + 1)),
             (t.an.view.span(*total.cells[6]), str(int(total.values[6]) + 1))]
    if fee:
        edits.append((t.an.view.span(h.body + fee.start(), h.body + fee.end()), "本年度无其他需要报告的事项。"))
    text = t.text
    for (a, b), new in sorted(edits, key=lambda e: e[0][0], reverse=True):
        text = text[:a] + new + text[b:]
    return [Mutation("section6-fee-notice", "表三（六）2 自然人、总计及（七）总计各 +1，第六部分不提信息处理费", text,
                     frozenset({"N706"}), ("/sections/other",), frozenset(), frozenset(T3_COLLATERAL | {"N701"}))]


def _signature_cn(y: int, mo: int, d: int) -> str:
    digits = "〇一二三四五六七八九"
    return "".join(digits[int(c)] for c in str(y)) + "年" + _cn_number(mo) + "月" + _cn_number(d) + "日"


def m_date_late_cn(t: Target):
    return _date_mutation(t, "date-late-cn", _signature_cn(t.year + 1, 3, 15), {"D505"}, "汉字日期，逾期")


def m_date_impossible_iso(t: Target):
    return _date_mutation(t, "date-impossible-iso", f"{t.year + 1}-02-30", {"D507"}, "ISO 写法的不存在日期")


def m_phone_no_area(t: Target):
    m = _PHONE.search(t.an.view.text)
    if not m:
        return None
    number = m.group(1)
    local = re.sub(r"^0\d{2,3}-?", "", number) if "-" in number else number[-8:]
    return [edit(t, m.start(1), m.end(1), local, kind="phone-no-area", what=f"电话 {number} → {local}（无区号）",
                 family={"C602"}, places=("/meta/contact/phone",))]


def m_url_scheme_typo(t: Target):
    m = re.search(r"https?(:)//", t.an.view.text)
    if not m:
        return None
    return [edit(t, m.start(1), m.end(1), "", kind="url-scheme-typo", what="网址 “http://” 写成 “http//”",
                 family={"C604"}, places=("/meta/publication_url", "/meta/contact/website"))]


def m_section_swap(t: Target):
    h = t.an.headings
    if "problems" not in h or "other" not in h or h["problems"].start > h["other"].start:
        return None
    a5, e5 = section_extent(t.an.view, h, "problems")
    a6, e6 = section_extent(t.an.view, h, "other")
    if e5 != a6:
        return None
    # a signature closing section 六 stays at the end of the report
    sig = _signature(t)
    if sig is not None and a6 <= sig.start() < e6:
        e6 = t.an.view.text.rfind("\n", a6, sig.start()) + 1 if "\n" in t.an.view.text[a6:sig.start()] else sig.start()
    oa, ob = t.an.view.span(a5, e6)
    o5 = t.text[t.an.view.span(a5, e5)[0]:t.an.view.span(a5, e5)[1]]
    o6 = t.text[t.an.view.span(a6, e6)[0]:t.an.view.span(a6, e6)[1]]
    if not o6.endswith("\n"):
        o6 += "\n"
    return [edit_orig(t, oa, ob, o6 + o5, kind="section-swap", what="第五、六部分对调", family={"S104"},
                      places=("/sections/problems", "/sections/other"))]


def m_section6_none(t: Target):
    h = t.an.headings.get("other")
    if h is None:
        return None
    start, end = section_extent(t.an.view, t.an.headings, "other")
    body = t.an.view.text[h.body:end]
    m = re.search(r"[^\n]*信息处理费[^\n]*", body)
    if not m:
        return None
    return [edit(t, h.body + m.start(), h.body + m.end(), "无。", kind="section6-none",
                 what=f"第六部分“{m.group(0)[:30]}”改为“无。”", family={"N701"}, places=("/sections/other",))]


def m_section5_no_rectification(t: Target):
    h = t.an.headings.get("problems")
    if h is None:
        return None
    start, end = section_extent(t.an.view, t.an.headings, "problems")
    m = re.compile(r"[(（]一[)）]上年度问题整改情况。[^。]*。").search(t.an.view.text, h.body, end)
    if not m:
        return None
    return [edit(t, m.start(), m.end(), "", kind="section5-no-rectification", what="删去第五部分的上年问题整改情况",
                 family={"N702"}, places=("/sections/problems",))]


def m_notice_2019(t: Target):
    if t.year < 2021:
        return None
    m = re.search(r"国办公开办函〔2021〕30号", t.an.view.text)
    if m:
        return [edit(t, m.start(), m.end(), "国办公开办函〔2019〕60号", kind="notice-2019",
                     what="引用的格式通知 〔2021〕30号 → 〔2019〕60号", family={"D511"}, places=("", "/sections"))]
    found = _insert_sentence(t, "本报告按照国办公开办函〔2019〕60号要求编制。", "notice-2019",
                             "第一部分加入“本报告按照国办公开办函〔2019〕60号要求编制。”", {"D511"}, ("", "/sections"))
    return [found] if found else None


def m_stale_publication(t: Target):
    found = _insert_sentence(t, f"本报告于{t.year}年1月31日前在门户网站公布。", "stale-publication",
                             f"第一部分加入“本报告于{t.year}年1月31日前在门户网站公布。”", {"D509"}, ("", "/sections"))
    return [found] if found else None


def m_title_form(t: Target):
    found = _title(t)
    if not found:
        return None
    a, b, _ = found
    line_end = t.an.view.text.find("\n", b)
    line_end = len(t.an.view.text) if line_end < 0 else line_end
    m = re.compile(r"工作年度报告").search(t.an.view.text, b, line_end)
    if not m:
        return None
    return [edit(t, m.start(), m.end(), "年度工作报告", kind="title-form", what="标题“工作年度报告”→“年度工作报告”",
                 family={"S112"}, places=("/meta/title",))]


def m_period_garbled(t: Target):
    m = _PERIOD.search(t.an.view.text)
    if not m:
        return None
    garbled = re.sub(r"[年月]", "", m.group(0))
    return [edit(t, m.start(), m.end(), garbled, kind="period-garbled",
                 what=f"统计期限 {m.group(0)} → {garbled}（丢了年月）",
                 family={"D503"}, places=("/meta/statistics_period",), collateral=DATE_COLLATERAL | {"D501", "D502"})]




def m_t2_row_delete(t: Target):
    for pointer in ("item6/enforcement", "item6/penalty"):
        row = t.an.t2.get(pointer)
        if row and row.cells:
            view = t.an.view
            start = view.text.rfind("\n", 0, row.label[0]) + 1
            end = _SEPS.match(view.text, row.end).end()
            return [edit(t, start, end, "", kind="t2-row-delete", what=f"删除表二行 {pointer}",
                         family={"T201"}, places=(f"/tables/proactive/{pointer}",),
                         collateral={"F903", "F905", "F906"})]
    return None


def m_t3_total_only(t: Target):
    rows = [r for r in _pick_rows(t, prefer_deep=False) if r.id not in ("results_total", "carried_forward")]
    if not rows:
        return None
    row = rows[0]
    text = t.text
    for a, b in sorted((t.an.view.span(*c) for c in row.cells[:6]), reverse=True):
        text = text[:a] + text[b:]
    line = line_of(text, t.an.view.span(*row.label)[0])
    return [Mutation("t3-total-only", f"表三 {row.id} 六个申请人类别留空，只填总计", text,
                     frozenset({"T204", "T202"}), (_t3_pointer(row.id),), frozenset(range(line, line + 16)),
                     frozenset(T3_COLLATERAL | {"F903"}))]


def m_t3_total_blank(t: Target):
    rows = [r for r in _pick_rows(t, prefer_deep=False) if any(v != "0" for v in r.values[:6])] \
        or _pick_rows(t, prefer_deep=False)
    if not rows:
        return None
    row = rows[0]
    a, b = row.cells[6]
    return [edit(t, a, b, "", kind="t3-total-blank", what=f"表三 {row.id} 总计留空（各类别已填）",
                 family={"T204", "T202", "F903"}, places=(_t3_pointer(row.id),), collateral=T3_COLLATERAL)]


def m_intro_parts_drop(t: Target):
    m = re.search(r"(?:由|包括|包含)[^。\n]{0,160}?(存在的?主要问题(?:及|和)改进(?:情况|措施)[、,，])[^。\n]{0,60}?"
                  r"(?:六|6)\s*(?:个|大)?\s*部分", t.an.view.text)
    if not m:
        return None
    return [edit(t, m.start(1), m.end(1), "", kind="intro-parts-drop",
                 what=f"引言的部分列表删去“{m.group(1)}”（仍称六部分）", family={"S111"}, places=("", "/sections"))]


def m_prose_all_upheld_pending(t: Target):
    row = t.an.t4
    pos = _overview_line_end(t)
    if row is None or pos is None or not all(v.isdigit() for v in row.values):
        return None
    text = t.text
    edits = [(t.an.view.span(*row.cells[4]), str(int(row.values[4]) + 1)),
             (t.an.view.span(*row.cells[3]), str(int(row.values[3]) + 1)),
             (t.an.view.span(pos, pos), "被申请行政复议的案件均被依法维持。")]
    for (a, b), new in sorted(edits, key=lambda e: e[0][0], reverse=True):
        text = text[:a] + new + text[b:]
    return [Mutation("prose-all-upheld-pending", "表四 行政复议 尚未审结、总计各 +1，第一部分加入“…均被依法维持。”",
                     text, frozenset({"K804", "K802"}), ("/tables/reviews", "/sections/overview"))]


KINDS: tuple[Kind, ...] = (
    Kind("t3-applicant-cell", "表三某行一个申请人类别 +1（行总计不再相等）", m_t3_applicant_cell),
    Kind("t3-total-cell", "表三某行总计 +2", m_t3_total_cell),
    Kind("t3-results-total", "表三（七）总计行 自然人、总计各 +1", m_t3_results_total),
    Kind("t3-balance", "表三 四、结转 自然人、总计各 +1", m_t3_balance),
    Kind("t3-row-delete", "删除表三一行", m_t3_row_delete),
    Kind("t3-cell-blank", "表三一个单元格留空", m_t3_cell_blank),
    Kind("t3-cell-slash", "表三一个单元格写“/”", m_t3_cell_slash),
    Kind("t3-cell-dash", "表三一个单元格写“—”", m_t3_cell_dash),
    Kind("t3-cell-sign-word", "表三一个单元格写“减4”", m_t3_cell_sign_word),
    Kind("t2-cell-slash", "表二一个单元格写“/”", m_t2_cell_slash),
    Kind("t2-rules-nonzero", "无规章制定权的机关 规章 >0", m_t2_rules_nonzero),
    Kind("t2-label-2019-row", "2021年表二加入2019年格式的行", m_t2_label_2019_row),
    Kind("t2-label-2019-header", "2021年表二用2019年格式的列标题", m_t2_label_2019_header),
    Kind("t4-cell", "表四一个结果数 +1", m_t4_cell),
    Kind("t4-total", "表四一个总计 +1", m_t4_total),
    Kind("section-delete", "删除一整个部分", m_section_delete),
    Kind("table-delete", "删除表格，保留部分标题", m_table_delete),
    Kind("heading-typo", "部分标题错字（须仍识别该部分）", m_heading_typo),
    Kind("intro-parts", "引言称“五部分”", m_intro_parts),
    Kind("phone-short", "电话少两位", m_phone_short),
    Kind("phone-letters", "电话含字母", m_phone_letters),
    Kind("phone-letter-O", "电话中 0 写成 O", m_phone_letter_o),
    Kind("email-no-at", "邮箱无 @", m_email_no_at),
    Kind("email-fullwidth-at", "邮箱用全角 ＠", m_email_fullwidth_at),
    Kind("email-no-suffix", "邮箱无域名后缀", m_email_no_suffix),
    Kind("postcode-5", "邮编 5 位", m_postcode_5),
    Kind("contact-remove", "删除联系方式", m_contact_remove),
    Kind("date-impossible", "落款日期 2月30日", m_date_impossible),
    Kind("date-late", "落款日期 次年3月15日", m_date_late),
    Kind("date-in-year", "落款日期在报告年度内", m_date_in_year),
    Kind("date-year-before", "落款日期早一年", m_date_year_before),
    Kind("period-year", "统计期限年份改为上一年", m_period_year),
    Kind("period-partial", "统计期限止于6月30日", m_period_partial),
    Kind("title-year", "标题年份改为上一年", m_title_year),
    Kind("prose-count-edit", "正文申请数与表三不符（改数）", m_prose_count_edit),
    Kind("prose-count-insert", "正文申请数与表三不符（加句）", m_prose_count_insert),
    Kind("prose-none-claim", "正文称未收到申请而表三有", m_prose_none_claim),
    Kind("t3-row-sweep", "表三每一行分别改一个数", m_t3_row_sweep),
    Kind("t3-result-consistent", "表三某结果行自洽 +1，（七）不符", m_t3_result_consistent),
    Kind("t3-new-consistent", "表三 一、本年新收 自洽 +1，收支不平衡", m_t3_new_consistent),
    Kind("t3-cell-letter-O", "表三 0 写成 O", m_t3_cell_letter_o),
    Kind("t4-sweep", "表四每一格分别 +1", m_t4_sweep),
    Kind("t2-cell-blank", "表二一个单元格留空", m_t2_cell_blank),
    Kind("t2-fee-unit", "表二收费金额带单位", m_t2_fee_unit),
    Kind("prose-phrasing", "正文以各种说法写错申请数", m_prose_phrasing),
    Kind("prose-reviews-count", "正文复议数与表四不符", m_prose_reviews_count),
    Kind("prose-all-upheld", "正文称均获维持而表四有纠正", m_prose_all_upheld),
    Kind("prose-blank-number", "正文数字留空", m_prose_blank_number),
    Kind("date-late-cn", "落款日期汉字写法且逾期", m_date_late_cn),
    Kind("date-impossible-iso", "落款日期 YYYY-02-30", m_date_impossible_iso),
    Kind("phone-no-area", "电话无区号", m_phone_no_area),
    Kind("url-scheme-typo", "网址 http//", m_url_scheme_typo),
    Kind("section-swap", "第五、六部分对调", m_section_swap),
    Kind("section6-none", "第六部分只写“无”", m_section6_none),
    Kind("section5-no-rectification", "第五部分无上年整改", m_section5_no_rectification),
    Kind("notice-2019", "引用2019年格式通知", m_notice_2019),
    Kind("stale-publication", "称在报告年度内发布", m_stale_publication),
    Kind("title-form", "标题文种不规范", m_title_form),
    Kind("period-garbled", "统计期限丢了年月", m_period_garbled),
    Kind("t2-row-delete", "删除表二一行", m_t2_row_delete),
    Kind("t3-total-only", "表三某行只填总计", m_t3_total_only),
    Kind("t3-total-blank", "表三某行总计留空", m_t3_total_blank),
    Kind("intro-parts-drop", "引言列表少一部分", m_intro_parts_drop),
    Kind("prose-all-upheld-pending", "称均获维持而表四有尚未审结", m_prose_all_upheld_pending),
    Kind("prose-parts-insert", "正文合计与所列分项之和不符（加句）", m_prose_parts_insert),
    Kind("prose-parts-edit", "正文原有分项列表改一项", m_prose_parts_edit),
    Kind("prose-table2", "正文所述表二数字与表格不符", m_prose_table2),
    Kind("prose-table4", "正文所述表四结果数与表格不符", m_prose_table4),
    Kind("t3-other-one-row", "2021年表三（六）其他处理合为一行", m_t3_other_one_row),
    Kind("section6-fee-notice", "表三（六）2 有数而第六部分不提信息处理费", m_section6_fee_notice),
    Kind("innocent-fullwidth", "无害：半角标点改全角", m_innocent_fullwidth),
    Kind("innocent-blank-lines", "无害：加空行", m_innocent_blank_lines),
    Kind("innocent-trailing-spaces", "无害：行尾空格", m_innocent_trailing_spaces),
)


# ================================================================ completed variants

def _style(t: Target, row: Row) -> tuple[str, str, str]:
    """(label→first cell, cell→cell, row end) separators as this report prints table rows."""
    view = t.an.view
    a_label_end = view.span(*row.label)[1]
    c0 = view.span(*row.cells[0])
    c1 = view.span(*row.cells[1])
    c_last = view.span(*row.cells[-1])
    first = t.text[a_label_end:c0[0]]
    mid = t.text[c0[1]:c1[0]]
    after = _SEPS.match(view.text, row.end).end()
    end = t.text[c_last[1]:view.span(after, after)[0]] if after < len(view.text) else "\n"
    if "\n" not in end:
        end = end + "\n"
    return first or " | ", mid or " | ", end


def _completed_values(present: dict[str, list[int]], order: list[str], rest: list[str]) -> dict[str, list[int]] | None:
    """Table 三's values with the `rest` rows filled (zeros) and the totals computed so that every
    relation holds; None when the rows present leave a negative 结转下年度."""
    values = dict(present)
    result_rows = [r for r in order if r not in ("new", "carried_over", "results_total", "carried_forward")]
    for rid in rest:
        if rid not in ("results_total", "carried_forward"):
            values.setdefault(rid, [0] * 7)
    values.setdefault("carried_over", [0] * 7)
    values["results_total"] = [sum(values.get(r, [0] * 7)[c] for r in result_rows) for c in range(7)]
    values["carried_forward"] = [values["new"][c] + values["carried_over"][c] - values["results_total"][c]
                                 for c in range(7)]
    return None if any(v < 0 for v in values["carried_forward"]) else values


def _tail_sections(t: Target) -> list[str]:
    """Sections 五 and 六 and a signature date, for those the report's copy lacks."""
    tail = []
    if "problems" not in t.an.headings:
        tail.append("五、存在的主要问题及改进情况\n"
                    "（一）上年度问题整改情况。针对上年度报告所列问题，已逐项整改到位。"
                    "（二）存在的主要问题。信息公开的及时性有待提高。（三）改进措施。加强审核，及时更新。\n")
    if "other" not in t.an.headings:
        tail.append("六、其他需要报告的事项\n本年度未收取信息处理费。\n")
    if _signature(t) is None:
        tail.append(f"{t.year + 1}年1月20日\n")
    return tail


def complete(t: Target) -> Target | None:
    """The report with what its copy lost after the last complete table-三 row: the rest of
    table 三 (zeros; （七）总计 and 四、结转 computed so that every relation holds), table 四
    (zeros), sections 五 and 六 and a signature date before the deadline."""
    rows = full_rows(t.an)
    if not rows or "carried_forward" in t.an.t3 or "new" not in t.an.t3:
        return None
    order = [r for r, _ in T3_ROWS]
    # the layout of table 三 follows the layout of the report's tables (a 2022 report in the
    # 2019 trial format keeps （六）其他处理 as one row), not its year
    version_2019 = bool(re.search(r"本年新制作数量|对外公开总数量|其他对外管理服务事项|政府集中采购", t.an.view.text))
    order = [r for r in order if (r == "other") == version_2019 or not (r == "other" or r.startswith("other_"))]
    present = {r.id: [int(v) for v in r.values] for r in rows}
    last = max(rows, key=lambda r: order.index(r.id))
    if not all(rid in present for rid in order[:order.index(last.id) + 1]):
        return None     # a row before the cut is unreadable: the completed tables would not add up
    first, mid, end = _style(t, last)
    paren = "(" if "(" in t.text[t.an.view.span(*t.an.t3_region)[0]:] else "（"

    def label(text: str) -> str:
        return text if paren == "(" else text.replace("(", "（").replace(")", "）").replace(",", "，")

    def render(cells: list[str]) -> str:
        return mid.join(cells) + end

    rest = order[order.index(last.id) + 1:]
    values = _completed_values(present, order, rest)
    if values is None:
        return None
    out = []
    for rid in rest:
        text = label(T3_LABEL_TEXT[rid])
        if rid in T3_GROUP_LABEL:
            text = label(T3_GROUP_LABEL[rid]) + first + text
        out.append(text + first + render([str(v) for v in values[rid]]))
    t4 = [label("四、政府信息公开行政复议、行政诉讼情况") + "\n"]
    t4 += [render(list(cells)) for cells in T4_HEADER_ROWS]
    t4.append(render(["0"] * 15))
    tail_sections = _tail_sections(t)
    cut_view = _SEPS.match(t.an.view.text, last.end).end()
    cut = t.an.view.span(cut_view, cut_view)[0] if cut_view < len(t.an.view.text) else len(t.text)
    head = t.text[:cut]
    if not head.endswith("\n"):
        head += end if end.strip(" |\t") == "" else "\n"
    later = [h.start for h in t.an.headings.values() if h.start >= cut_view]
    if later:       # the report goes on (the seed: section 五 after a cut table 三)
        resume = t.an.view.span(min(later), min(later))[0]
        body = head + "".join(out) + "".join(t4) + "\n" + t.text[resume:]
        if tail_sections and not body.endswith("\n"):
            body += "\n"
        body += "".join(tail_sections)
    else:
        body = head + "".join(out) + "".join(t4) + "".join(tail_sections)
    return Target(t.name + "+completed", t.filename, body, t.year, t.level, True)


# ================================================================ running

@dataclass
class Outcome:
    target: str
    completed: bool
    kind: str
    what: str
    detected: bool
    at_place: bool
    hits: list[str]
    new: list[str]            # new findings (code pointer line message)
    changed: list[str]        # same (code, pointer) but another message
    unrelated: list[str]      # new findings outside family and collateral
    forbidden: list[str]
    masked: bool = False      # not new, but the baseline already reports this family there


def findings(result) -> dict[tuple[str, str], list]:
    out: dict[tuple[str, str], list] = defaultdict(list)
    for d in result.diagnostics:
        out[(d.code, d.location.pointer)].append(d)
    return out


def show(d) -> str:
    line = d.location.line if d.location.line is not None else "-"
    return f"{d.code} {d.location.pointer or '∅'} L{line}: {d.message.zh[:110]}"


def at_place(d, m: Mutation) -> bool:
    pointer = d.location.pointer or ""
    if any(pointer.startswith(p) for p in m.places if p) or ("" in m.places and pointer == ""):
        return True
    return d.location.line is not None and d.location.line in m.lines


def in_codes(code: str, codes: frozenset[str] | set[str]) -> bool:
    # a family prefix such as "F9" covers every F9xx code
    return code in codes or any(len(c) < 4 and code.startswith(c) for c in codes)


def run_mutation(linter, workdir: Path, t: Target, base: dict, m: Mutation) -> Outcome:
    path = workdir / t.filename
    path.write_text(m.text, encoding="utf-8")
    after = findings(linter.lint_file(str(path)))
    new = [d for key, ds in after.items() if key not in base for d in ds]
    changed = [d for key, ds in after.items() if key in base
               and {x.message.zh for x in ds} != {x.message.zh for x in base[key]} for d in ds]
    hits = [d for d in new + changed if in_codes(d.code, m.family)]
    unrelated = [d for d in new if not in_codes(d.code, m.family) and not in_codes(d.code, m.collateral)]
    forbidden = [d for d in new if in_codes(d.code, m.forbidden)]
    detected = bool(hits) and not forbidden
    # the report already had this defect at this place (D511 for a report that cites the 2019
    # notice twice): the linter cannot say it again, so this is not counted as a miss
    masked = not detected and not forbidden and any(
        in_codes(d.code, m.family) and at_place(d, m) for ds in base.values() for d in ds)
    return Outcome(t.name, t.completed, m.kind, m.what, detected, detected and any(at_place(d, m) for d in hits),
                   [show(d) for d in hits], [show(d) for d in new], [show(d) for d in changed],
                   [show(d) for d in unrelated], [show(d) for d in forbidden], masked)


def strip_corpus_header(text: str) -> str:
    lines = text.split("\n")
    while lines and (lines[0].startswith("# source:") or lines[0].startswith("# completeness:")):
        lines.pop(0)
    return "\n".join(lines)


def targets(only: list[str] | None, with_completed: bool) -> Iterator[Target]:
    files = sorted(CORPUS.glob("*.txt")) + [SEED]
    for path in files:
        if only and not any(o in path.stem for o in only):
            continue
        raw = path.read_bytes()
        text = strip_corpus_header(raw.decode("utf-8"))
        year = int(path.stem[:4]) if path.stem[:4].isdigit() else int(re.search(r"(\d{4})", path.stem).group(1))
        t = Target(path.stem, path.name, text, year, TRUE_LEVEL.get(path.stem, "?"), False)
        yield t
        if with_completed:
            c = complete(t)
            if c is not None:
                yield c


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="substrings of the file names to study")
    parser.add_argument("--no-completed", action="store_true", help="skip the completed variants")
    parser.add_argument("--kinds", nargs="*", help="only these mutation kinds")
    parser.add_argument("--json", help="write every outcome to this JSON file")
    parser.add_argument("--show-completed", action="store_true", help="print each completed variant's text")
    args = parser.parse_args(argv)

    from xxgk_lint.engine import Linter
    linter = Linter()
    kinds = [k for k in KINDS if not args.kinds or k.name in args.kinds]
    outcomes: list[Outcome] = []
    na: dict[tuple[str, bool], int] = defaultdict(int)
    completed_notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="plant-study-") as tmp:
        workdir = Path(tmp)
        originals: dict[str, dict] = {}
        for t in targets(args.only, not args.no_completed):
            path = workdir / t.filename
            path.write_text(t.text, encoding="utf-8")
            base = findings(linter.lint_file(str(path)))
            if t.completed:
                # a completed variant must not add findings of its own (bad rendering would
                # make every mutation on it meaningless); show what it changed
                stem = t.name.removesuffix("+completed")
                gone = sorted(f"{c} {p}" for c, p in originals[stem] if (c, p) not in base)
                added = [show(d) for key, ds in base.items() if key not in originals[stem] for d in ds]
                completed_notes.append(f"{t.name}: {len(gone)} baseline findings gone, {len(added)} added"
                                       + "".join(f"\n      + {a}" for a in added))
                if args.show_completed:
                    print(f"----- {t.name}\n{t.text}\n-----")
            else:
                originals[t.name] = base
            for kind in kinds:
                muts = kind.make(t)
                if not muts:
                    na[(kind.name, t.completed)] += 1
                    continue
                for m in muts:
                    outcomes.append(run_mutation(linter, workdir, t, base, m))

    print_report(outcomes, na, kinds, completed_notes)
    if args.json:
        Path(args.json).write_text(json.dumps([o.__dict__ for o in outcomes], ensure_ascii=False, indent=1),
                                   encoding="utf-8")
    return 0


def print_report(outcomes: list[Outcome], na: dict, kinds: list[Kind], completed_notes: list[str]) -> None:
    for completed in (False, True):
        title = ("completed variants (real text + synthetic tail)" if completed
                 else "original reports (20 corpus + seed)")
        print(f"\n## Recall on {title}\n")
        print(f"| {'mutation':24} | n/a | masked | applied | detected | right place |")
        print(f"|{'-' * 26}|-----|--------|---------|----------|-------------|")
        tot = [0, 0, 0]
        for kind in kinds:
            rows = [o for o in outcomes if o.kind == kind.name and o.completed == completed]
            masked = sum(o.masked for o in rows)
            rows = [o for o in rows if not o.masked]
            applied, detected = len(rows), sum(o.detected for o in rows)
            placed = sum(o.at_place for o in rows)
            innocent = kind.name.startswith("innocent")
            if not innocent:
                tot = [tot[0] + applied, tot[1] + detected, tot[2] + placed]
            cell = (f"{sum(1 for o in rows if o.unrelated or o.new)} with new findings" if innocent
                    else f"{detected:>3} ({_pct(detected, applied)})")
            place = "" if innocent else f"{placed:>3} ({_pct(placed, applied)})"
            print(f"| {kind.name:24} | {na.get((kind.name, completed), 0):>3} | {masked:>6} | {applied:>7} "
                  f"| {cell:>8} | {place:>11} |")
        print(f"| {'TOTAL (planted)':24} |     |        | {tot[0]:>7} | {tot[1]:>3} ({_pct(tot[1], tot[0])}) "
              f"| {tot[2]:>3} ({_pct(tot[2], tot[0])}) |")
    if completed_notes:
        print("\n## Completed variants: baseline against the original\n")
        for note in completed_notes:
            print("  " + note)
    print("\n## Misses (not detected)\n")
    for o in outcomes:
        if o.kind.startswith("innocent") or o.detected or o.masked:
            continue
        print(f"- {o.target} · {o.kind} · {o.what}")
        said = o.forbidden and ["WRONG: " + f for f in o.forbidden] or o.new + [f"(changed) {c}" for c in o.changed]
        for s in said or ["(no new finding)"]:
            print(f"    said: {s}")
    print("\n## Detected, but not at the mutated place\n")
    for o in outcomes:
        if o.detected and not o.at_place:
            print(f"- {o.target} · {o.kind} · {o.what}")
            for h in o.hits:
                print(f"    hit: {h}")
    print("\n## New findings unrelated to the mutation (false alarms)\n")
    for o in outcomes:
        for u in o.unrelated:
            print(f"- {o.target} · {o.kind} · {o.what}\n    {u}")


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "–"


if __name__ == "__main__":
    sys.exit(main())
