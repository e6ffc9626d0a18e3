"""The statutory report format as data: the single source of truth.

Everything that knows the shape of a 政府信息公开工作年度报告 reads it from here: the
JSON Schema generator, the extractors (to match labels), the rules (to name rows and
columns) and the reporters (to describe a JSON pointer in the report's own terms).

Facts come from FORMAT.md (copied into docs/FORMAT.md): 国办公开办函〔2021〕30号 for
reporting years 2021+, 国办公开办函〔2019〕60号 (trial format) for 2019 and 2020.

The structured report (YAML/JSON form) looks like::

    format_version: "2021"
    meta: {organ, organ_level, year, title, statistics_period: {start, end, text},
           report_date, publication_url, contact: {phone, email, address, postcode, fax, website}}
    sections: {overview, proactive, applications, reviews, problems, other}   # text
    tables:
      proactive:    {item1: {rules: {issued, repealed, in_force}, ...}, item5: ..., ...}  # 表二
      applications: {new: {natural_person, ..., total}, ...}                              # 表三
      reviews:      {review: {upheld, corrected, other, pending, total}, ...}             # 表四
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Protocol

FORMAT_VERSIONS = ("2019", "2021")


def format_version_for_year(year: int) -> str | None:
    """The format a reporting year must use; None before the 2019 revision (out of scope)."""
    if year >= 2021:
        return "2021"
    if year >= 2019:
        return "2019"
    return None


@dataclass(frozen=True)
class Label:
    zh: str
    en: str


# ---------------------------------------------------------------- sections

@dataclass(frozen=True)
class Section:
    id: str
    numeral: str          # 一 … 六
    heading: str          # official heading without the numeral
    en: str
    table: str | None     # id of the table this section carries
    variants: tuple[str, ...] = ()  # known non-standard headings (accepted with a warning)

    @property
    def full_heading(self) -> str:
        return f"{self.numeral}、{self.heading}"


SECTIONS: tuple[Section, ...] = (
    Section("overview", "一", "总体情况", "Overview", None,
            ("政府信息公开工作的总体情况", "政府信息公开工作总体情况", "工作的总体情况", "概述")),
    Section("proactive", "二", "主动公开政府信息情况", "Proactive disclosure", "proactive",
            ("主动公开政府信息的情况", "主动公开情况")),
    Section("applications", "三", "收到和处理政府信息公开申请情况", "Applications received and handled",
            "applications", ("收到和处理政府信息公开申请的情况", "依申请公开情况")),
    Section("reviews", "四", "政府信息公开行政复议、行政诉讼情况", "Administrative review and litigation",
            "reviews", ("因政府信息公开工作被申请行政复议和提起行政诉讼情况",
                        "政府信息公开行政复议和行政诉讼情况", "因政府信息公开申请行政复议、提起行政诉讼的情况",
                        "政府信息公开行政复议与行政诉讼情况")),
    Section("problems", "五", "存在的主要问题及改进情况", "Main problems and improvements", None,
            ("政府信息公开工作存在的主要问题及改进情况", "存在问题和改进情况", "存在的主要问题和改进措施",
             "存在的主要问题及改进措施", "存在的问题及改进情况")),
    Section("other", "六", "其他需要报告的事项", "Other matters to report", None,
            ("其他需要报告事项",)),
)
SECTION_BY_ID = {s.id: s for s in SECTIONS}
SECTION_BY_NUMERAL = {s.numeral: s for s in SECTIONS}
SECTION_NUMERALS = "".join(s.numeral for s in SECTIONS)      # 一二三四五六, for character classes


# ---------------------------------------------------------------- tables

@dataclass(frozen=True)
class Row:
    id: str
    label: str            # official row label as printed (numbering included)
    en: str
    group: str | None = None   # group label printed to the left (e.g. （三）不予公开)
    aliases: tuple[str, ...] = ()  # shortened or drifted labels seen in real reports


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    en: str
    kind: str = "count"   # count | signed (本年增/减) | amount (money)
    unit: str = "件"


@dataclass(frozen=True)
class Block:
    """A group of rows sharing columns: a 第二十条 item of table 二, or a whole table."""
    id: str
    label: str
    en: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    id: str
    name: str             # 表二 / 表三 / 表四
    section: str          # section id
    en: str
    blocks: tuple[Block, ...]
    # True when the data has one level (rows directly under the table), as in 表三/表四
    flat: bool = False

    def block(self, block_id: str) -> Block:
        return next(b for b in self.blocks if b.id == block_id)

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(r for b in self.blocks for r in b.rows)


# -- table 二

_C_DECISIONS_2021 = Column("decisions", "本年处理决定数量", "decisions this year")

_PROACTIVE_2021 = Table("proactive", "表二", "proactive", "Table 2 (proactive disclosure)", (
    Block("item1", "第二十条第（一）项", "Art. 20 item (1)", (
        Column("issued", "本年制发件数", "issued this year"),
        Column("repealed", "本年废止件数", "repealed this year"),
        Column("in_force", "现行有效件数", "currently in force"),
    ), (
        Row("rules", "规章", "departmental rules (规章)"),
        Row("normative_documents", "行政规范性文件", "administrative normative documents",
            aliases=("规范性文件",)),
    )),
    Block("item5", "第二十条第（五）项", "Art. 20 item (5)", (_C_DECISIONS_2021,), (
        Row("licensing", "行政许可", "administrative licensing"),
    )),
    Block("item6", "第二十条第（六）项", "Art. 20 item (6)", (_C_DECISIONS_2021,), (
        Row("penalty", "行政处罚", "administrative penalties"),
        Row("enforcement", "行政强制", "administrative enforcement"),
    )),
    Block("item8", "第二十条第（八）项", "Art. 20 item (8)", (
        Column("amount", "本年收费金额（单位：万元）", "fees collected (10,000 yuan)", "amount", "万元"),
    ), (
        Row("fees", "行政事业性收费", "administrative fees"),
    )),
))

_C_PREVIOUS = Column("previous", "上一年项目数量", "items last year")
_C_CHANGE = Column("change", "本年增/减", "change this year", "signed")
_C_DECISIONS_2019 = Column("decisions", "处理决定数量", "decisions")

_PROACTIVE_2019 = Table("proactive", "表二", "proactive", "Table 2 (proactive disclosure, 2019 trial format)", (
    Block("item1", "第二十条第（一）项", "Art. 20 item (1)", (
        Column("new_made", "本年新制作数量", "newly made this year"),
        Column("new_published", "本年新公开数量", "newly published this year"),
        Column("total_published", "对外公开总数量", "total published"),
    ), (
        Row("rules", "规章", "departmental rules (规章)"),
        Row("normative_documents", "规范性文件", "normative documents", aliases=("行政规范性文件",)),
    )),
    Block("item5", "第二十条第（五）项", "Art. 20 item (5)", (_C_PREVIOUS, _C_CHANGE, _C_DECISIONS_2019), (
        Row("licensing", "行政许可", "administrative licensing"),
        Row("other_services", "其他对外管理服务事项", "other external management services"),
    )),
    Block("item6", "第二十条第（六）项", "Art. 20 item (6)", (_C_PREVIOUS, _C_CHANGE, _C_DECISIONS_2019), (
        Row("penalty", "行政处罚", "administrative penalties"),
        Row("enforcement", "行政强制", "administrative enforcement"),
    )),
    Block("item8", "第二十条第（八）项", "Art. 20 item (8)", (_C_PREVIOUS, _C_CHANGE), (
        Row("fees", "行政事业性收费", "administrative fee items"),
    )),
    Block("item9", "第二十条第（九）项", "Art. 20 item (9)", (
        Column("projects", "采购项目数量", "procurement projects"),
        Column("amount", "采购总金额", "total procurement amount", "amount", ""),
    ), (
        Row("procurement", "政府集中采购", "centralised government procurement"),
    )),
))

# -- table 三

APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人", "natural persons"),
    Column("commercial", "商业企业", "commercial enterprises"),
    Column("research", "科研机构", "research institutions"),
    Column("social_welfare", "社会公益组织", "public-interest organisations"),
    Column("legal_service", "法律服务机构", "legal service providers"),
    Column("other_org", "其他", "other organisations"),
    Column("total", "总计", "total"),
)
APPLICANT_PARTS = tuple(c.id for c in APPLICANT_COLUMNS[:-1])
# The five columns the template prints under one merged header 法人或其他组织.
LEGAL_PERSON_COLUMNS = ("commercial", "research", "social_welfare", "legal_service", "other_org")
LEGAL_PERSON_HEADER = ("法人或其他组织", "legal persons and other organisations")

_G3 = "三、本年度办理结果"
_WITHHELD = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = OTHER_HANDLING_GROUP = "（六）其他处理"


def _applications_rows(version: str) -> tuple[Row, ...]:
    rows = [
        Row("new", "一、本年新收政府信息公开申请数量", "I. new applications this year"),
        Row("carried_over", "二、上年结转政府信息公开申请数量", "II. carried over from last year"),
        Row("disclosed", "（一）予以公开", "(1) disclosed", _G3),
        Row("partly_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "(2) partly disclosed", _G3, ("（二）部分公开",)),
        Row("withheld_1", "1.属于国家秘密", "(3)1 state secret", _WITHHELD),
        Row("withheld_2", "2.其他法律行政法规禁止公开", "(3)2 prohibited by other laws", _WITHHELD),
        Row("withheld_3", "3.危及“三安全一稳定”", "(3)3 endangers security and stability", _WITHHELD),
        Row("withheld_4", "4.保护第三方合法权益", "(3)4 third-party rights", _WITHHELD),
        Row("withheld_5", "5.属于三类内部事务信息", "(3)5 internal affairs", _WITHHELD),
        Row("withheld_6", "6.属于四类过程性信息", "(3)6 process information", _WITHHELD),
        Row("withheld_7", "7.属于行政执法案卷", "(3)7 enforcement files", _WITHHELD),
        Row("withheld_8", "8.属于行政查询事项", "(3)8 administrative enquiry matters", _WITHHELD),
        Row("unable_1", "1.本机关不掌握相关政府信息", "(4)1 information not held", _UNABLE),
        Row("unable_2", "2.没有现成信息需要另行制作", "(4)2 would have to be created", _UNABLE),
        Row("unable_3", "3.补正后申请内容仍不明确", "(4)3 still unclear after correction", _UNABLE),
        Row("not_processed_1", "1.信访举报投诉类申请", "(5)1 petitions and complaints", _NOT_PROCESSED,
            ("1.信访举报投诉",)),
        Row("not_processed_2", "2.重复申请", "(5)2 repeated application", _NOT_PROCESSED),
        Row("not_processed_3", "3.要求提供公开出版物", "(5)3 published material requested", _NOT_PROCESSED),
        Row("not_processed_4", "4.无正当理由大量反复申请", "(5)4 mass repeated applications", _NOT_PROCESSED),
        Row("not_processed_5", "5.要求行政机关确认或重新出具已获取信息",
            "(5)5 confirmation of information already obtained", _NOT_PROCESSED),
    ]
    if version == "2021":
        rows += [
            Row("other_1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "(6)1 applicant failed to supplement in time", _OTHER),
            Row("other_2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "(6)2 applicant did not pay the fee in time", _OTHER),
            Row("other_3", "3.其他", "(6)3 other", _OTHER),
        ]
    else:
        rows.append(Row(OTHER_HANDLING_SINGLE_ROW, "（六）其他处理", "(6) other handling", _G3))
    rows += [
        Row("results_total", "（七）总计", "(7) total", _G3),
        Row("carried_forward", "四、结转下年度继续办理", "IV. carried forward to next year"),
    ]
    return tuple(rows)


# （六）其他处理 (OTHER_HANDLING_GROUP): one row in the 2019 trial format (`other`), three
# sub-rows since 2021.
OTHER_HANDLING_ROWS = ("other_1", "other_2", "other_3")
OTHER_HANDLING_SINGLE_ROW = "other"


def _applications(version: str) -> Table:
    return Table("applications", "表三", "applications", "Table 3 (applications)", (
        Block("applications", "收到和处理政府信息公开申请情况", "applications",
              APPLICANT_COLUMNS, _applications_rows(version)),
    ), flat=True)


# Result rows summed into （七）总计 (every row between 二 and （七）).
def result_row_ids(version: str) -> tuple[str, ...]:
    ids = [r.id for r in _applications_rows(version)]
    return tuple(ids[ids.index("disclosed"):ids.index("results_total")])


# -- table 四

REVIEW_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持", "upheld"),
    Column("corrected", "结果纠正", "corrected"),
    Column("other", "其他结果", "other outcome"),
    Column("pending", "尚未审结", "pending"),
    Column("total", "总计", "total"),
)
REVIEW_PARTS = ("upheld", "corrected", "other", "pending")

_REVIEWS = Table("reviews", "表四", "reviews", "Table 4 (review and litigation)", (
    Block("reviews", "政府信息公开行政复议、行政诉讼情况", "review and litigation", REVIEW_COLUMNS, (
        Row("review", "行政复议", "administrative review"),
        Row("litigation_direct", "行政诉讼（未经复议直接起诉）", "litigation without prior review",
            "行政诉讼", ("未经复议直接起诉",)),
        Row("litigation_after_review", "行政诉讼（复议后起诉）", "litigation after review",
            "行政诉讼", ("复议后起诉",)),
    )),
), flat=True)

TABLES: dict[str, dict[str, Table]] = {
    "2021": {"proactive": _PROACTIVE_2021, "applications": _applications("2021"), "reviews": _REVIEWS},
    "2019": {"proactive": _PROACTIVE_2019, "applications": _applications("2019"), "reviews": _REVIEWS},
}

# What authors write in a table cell for "nothing" or "zero" that is not a number (as width-folded
# text, normalize.fold_width: ／ is /): the extractor takes such a cell for a value, which the
# schema rule then reports with the hint to write 0.
PLACEHOLDERS = frozenset({"/", "\\", "-", "--", "—", "——", "–", "_", "__", "O", "o", "〇", "无", "空", "×", "x", "X",
                          "*", "…", "...", "N/A", "n/a", "NA", "null", "None"})

# Words only the report prints, by which a reader finds the report among a web page's menus,
# footers and other tables: its name (also off the format: …政府信息公开工作报告, …政务公开年报),
# words of the first and the last section headings (in order), and words of its tables' labels.
REPORT_NAME = r"年度报告|(?:政府信息公开|政务公开|信息公开)[^。；;，,]{0,8}(?:报告|年报)"
SECTION_ANCHORS = ("总体情况", "其他需要报告")
TABLE_ANCHORS = ("申请人情况", "信息内容", "行政复议", "本年新收", "第二十条", "本年制发", "结果维持")

# Header cells that name no row or column but tell which table a row of cells belongs to
# (the merged top-left header of 表二, the merged applicant header of 表三 and its sub-header).
TABLE_HEADER_CELLS = (("proactive", "信息内容"), ("applications", "申请人情况"),
                      ("applications", LEGAL_PERSON_HEADER[0]))

# Labels whose presence identifies the 2019 trial layout of table 二 (FORMAT.md §4.2).
LAYOUT_2019_MARKERS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "其他对外管理服务事项",
                       "第二十条第（九）项", "政府集中采购", "上一年项目数量")
LAYOUT_2021_MARKERS = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "本年处理决定数量")


# ---------------------------------------------------------------- metadata

@dataclass(frozen=True)
class MetaField:
    id: str
    zh: str
    en: str


META_FIELDS: tuple[MetaField, ...] = (
    MetaField("organ", "机关名称", "organ"),
    MetaField("organ_level", "机关层级", "organ level"),
    MetaField("year", "报告年度", "reporting year"),
    MetaField("title", "报告标题", "title"),
    MetaField("statistics_period", "统计期限", "statistics period"),
    MetaField("report_date", "报告日期（落款日期）", "report date"),
    MetaField("publication_url", "公开网址", "publication URL"),
    MetaField("contact", "联系方式", "contact details"),
)
CONTACT_FIELDS: tuple[MetaField, ...] = (
    MetaField("phone", "联系电话", "phone"),
    MetaField("email", "电子邮箱", "email"),
    MetaField("address", "通讯地址", "address"),
    MetaField("postcode", "邮政编码", "postcode"),
    MetaField("fax", "传真", "fax"),
    MetaField("website", "网站", "website"),
)

# The words that name the statistics period in a report's text (统计期限自…至…, 本报告所列数据…,
# 数据统计时间段为…): a regular expression, read by the extractor and by the date rules alike.
PERIOD_KEYWORDS = (r"统计(?:数据)?(?:期限|时限|时间段|时间|时段|区间|周期|期间|范围)"
                   r"|数据(?:统计)?(?:期限|时间段|区间)|所列数据|数据统计")


@dataclass(frozen=True)
class OrganLevel:
    id: str                 # value used in the YAML form
    en: str
    is_government: bool     # 人民政府 (vs 部门): drives the art. 49 deadline
    can_make_rules: bool    # may issue 规章 under 《立法法》
    deadline: str | None    # "MM-DD" of the year after the reporting year; None = local profile


ORGAN_LEVELS: tuple[OrganLevel, ...] = (
    OrganLevel("国务院部门", "State Council department", False, True, "01-31"),
    OrganLevel("省级人民政府", "provincial government", True, True, "03-31"),
    OrganLevel("省级部门", "provincial department", False, False, "01-31"),
    OrganLevel("设区的市人民政府", "prefecture-level city government", True, True, "03-31"),
    OrganLevel("市级部门", "city department", False, False, "01-31"),
    OrganLevel("县级人民政府", "county-level government", True, False, "03-31"),
    OrganLevel("县级部门", "county-level department", False, False, "01-31"),
    OrganLevel("部门", "department (level unknown)", False, False, "01-31"),
    OrganLevel("乡镇", "township government", True, False, None),
    OrganLevel("街道", "sub-district office", True, False, None),
)
ORGAN_LEVEL_BY_ID = {lvl.id: lvl for lvl in ORGAN_LEVELS}


# ---------------------------------------------------------------- describing pointers

@dataclass(frozen=True)
class Place:
    """A JSON pointer described in the report's own terms, for messages and locations."""
    section: str | None = None   # numeral 一…六
    table: str | None = None     # 表二 …
    block: str | None = None     # 第二十条第（一）项
    row: str | None = None       # row label zh
    column: str | None = None    # column label zh
    field: str | None = None     # metadata field label zh
    row_en: str | None = None
    column_en: str | None = None
    field_en: str | None = None

    def zh(self) -> str:
        parts = []
        if self.table:
            parts.append(self.table)
        elif self.section:
            parts.append(f"第{self.section}部分")
        if self.block:
            parts.append(self.block)
        if self.row:
            parts.append(self.row)
        if self.column:
            parts.append(self.column)
        if self.field:
            parts.append(self.field)
        return " ".join(parts)

    def en(self) -> str:
        parts = []
        if self.table:
            parts.append({"表二": "Table 2", "表三": "Table 3", "表四": "Table 4"}.get(self.table, self.table))
        elif self.section:
            parts.append(f"section {self.section}")
        if self.block:
            parts.append(self.block)
        if self.row:
            parts.append(self.row_en or self.row)
        if self.column:
            parts.append(self.column_en or self.column)
        if self.field:
            parts.append(self.field_en or self.field)
        return " / ".join(parts)


class RowLabels(Protocol):
    """A row's label and group: a `Row`, or the extractor's label target of one."""

    @property
    def label(self) -> str: ...

    @property
    def group(self) -> str | None: ...


def row_display(row: RowLabels) -> str:
    """The label a reader recognises: group prefix for numbered sub-rows (（三）1.属于国家秘密)."""
    if row.group and row.label[:1].isdigit():
        return f"{row.group}{row.label}"
    return row.label


def _group_numeral(row: Row) -> str:
    return row.group[:row.group.index("）") + 1] if row.group and "）" in row.group else ""


def short_label(row: Row) -> str:
    """Row label for messages: （三）4.保护第三方合法权益, （二）部分公开 without its long note."""
    if row.group and row.label[:1].isdigit():
        return _group_numeral(row) + row.label
    label = row.label
    if label.startswith("（"):
        label = re.sub(r"（[^（）]*）$", "", label)
    return label


def row_runs(rows: list[Row]) -> tuple[list[str], list[str]]:
    """Names of rows (zh, en), numbered sub-rows of one group compressed into ranges: （五）2–5."""
    def number(row: Row) -> int | None:
        head = row.label.split(".")[0]
        return int(head) if row.group and head.isdigit() else None

    runs: list[list[Row]] = []
    for row in rows:
        prev = runs[-1][-1] if runs else None
        own = number(row)
        if prev is not None and own is not None and prev.group == row.group and number(prev) == own - 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    zh, en = [], []
    for run in runs:
        if len(run) == 1:
            zh.append(short_label(run[0]))
            en.append(run[0].en)
        else:
            first, last = run[0].label.split(".")[0], run[-1].label.split(".")[0]
            zh.append(f"{_group_numeral(run[0])}{first}–{last}")
            en.append(f"{run[0].en.split(')')[0]}){first}–{last}")
    return zh, en


def split_pointer(pointer: str) -> list[str]:
    if not pointer or pointer == "/":
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]


def join_pointer(*parts: str | int) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def describe(pointer: str, version: str = "2021") -> Place:
    """Describe a JSON pointer of the structured report in the report's own terms."""
    parts = split_pointer(pointer)
    version = version if version in TABLES else "2021"
    if not parts:
        return Place()
    head = parts[0]
    if head == "sections" and len(parts) > 1 and parts[1] in SECTION_BY_ID:
        return Place(section=SECTION_BY_ID[parts[1]].numeral)
    if head == "meta":
        fields = {f.id: f for f in META_FIELDS}
        if len(parts) > 2 and parts[1] == "contact":
            cf = {f.id: f for f in CONTACT_FIELDS}.get(parts[2])
            if cf:
                return Place(field=cf.zh, field_en=cf.en)
        f = fields.get(parts[1]) if len(parts) > 1 else None
        return Place(field=f.zh if f else None, field_en=f.en if f else None)
    if head == "tables" and len(parts) > 1 and parts[1] in TABLES[version]:
        table = TABLES[version][parts[1]]
        section = SECTION_BY_ID[table.section].numeral
        rest = parts[2:]
        block = None
        if not table.flat and rest:
            block = next((b for b in table.blocks if b.id == rest[0]), None)
            rest = rest[1:]
        elif table.flat:
            block = table.blocks[0]
        place: dict = {"section": section, "table": table.name}
        if block and not table.flat:
            place["block"] = block.label
        if block and rest:
            row = next((r for r in block.rows if r.id == rest[0]), None)
            if row:
                place["row"] = row_display(row)
                place["row_en"] = row.en
            if len(rest) > 1:
                col = next((c for c in block.columns if c.id == rest[1]), None)
                if col:
                    place["column"] = col.label
                    place["column_en"] = col.en
        return Place(**place)
    return Place()
