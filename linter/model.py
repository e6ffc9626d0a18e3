"""The data every stage passes on: source spans, the document model, the report, diagnostics.

Flow: read (bytes → Document, or → Report for YAML/JSON) → extract (Document → Report)
→ validate (schema) → rules → report. Each stage only knows the types in this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Callable, Literal, get_args

Category = Literal["input", "schema", "section", "table", "value", "total", "date", "contact",
                   "content", "consistency", "format"]
Severity = Literal["error", "warning", "info"]
# What a reader produced: a document for the extractor ...
DocumentKind = Literal["txt", "md", "html", "docx", "pdf", "image"]
# ... or, for YAML/JSON, the structured report itself.
ReportKind = DocumentKind | Literal["yaml", "json"]
# FileResult.kind: the report's kind, "overrides" for the pseudo-result carrying findings on the
# overrides file itself (suppress.OVERRIDES_KIND), None when the file could not be read.
ResultKind = ReportKind | Literal["overrides"]

CATEGORIES: tuple[Category, ...] = get_args(Category)
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
SEVERITY_RANK: dict[Severity, int] = {"info": 0, "warning": 1, "error": 2}
# The words a clerk reads for a category and a severity (zh, en).
CATEGORY_LABEL = {
    "input": ("文件读取", "input"), "schema": ("结构", "schema"), "section": ("章节", "sections"),
    "table": ("表格", "tables"), "value": ("数值", "values"), "total": ("合计", "totals"),
    "date": ("日期", "dates"), "contact": ("联系方式", "contact"), "content": ("内容", "content"),
    "consistency": ("前后一致", "consistency"), "format": ("格式", "format"),
}
SEVERITY_LABEL = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def category_label(category: str, lang: str) -> str:
    zh, en = CATEGORY_LABEL.get(category, (category, category))
    return en if lang == "en" else zh


# ---------------------------------------------------------------- source positions

@dataclass(slots=True, unsafe_hash=True)
class Span:
    """Where something sits in the file that was read. All numbers are 1-based.

    Treated as immutable, but not declared frozen: readers create hundreds per file and a
    frozen dataclass's __init__ costs three times as much (measured 1.1 µs vs 0.35 µs).

    Text-like inputs (YAML, JSON, .txt, .md, .html) fill line/column. A .docx fills
    paragraph (body paragraph index) or table/row/cell (table index in document order).
    A PDF fills page (and line within the page's extracted text when known).
    Text read by OCR (scanned PDF pages, image files) also fills `ocr`: the recognition
    confidence (0–1) of the text at this place; None for text the file itself holds.
    """
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    ocr: float | None = None

    def describe(self, lang: str = "zh", *, prose: bool = False) -> str:
        """Where, in the document's own terms: ``12:5`` (``第12行第5列`` with `prose`), or
        page/paragraph/table-cell for documents; '' when unknown."""
        zh = lang != "en"
        bits = []
        if self.page is not None:
            ocr = ("（OCR）" if zh else " (OCR)") if self.ocr is not None else ""
            bits.append(f"第{self.page}页{ocr}" if zh else f"page {self.page}{ocr}")
        if self.table is not None:
            bits.append(f"第{self.table}个表格" if zh else f"table {self.table}")
            if self.row is not None:
                bits.append(f"第{self.row}行" if zh else f"row {self.row}")
            if self.cell is not None:
                bits.append(f"第{self.cell}格" if zh else f"cell {self.cell}")
        elif self.paragraph is not None:
            bits.append(f"第{self.paragraph}段" if zh else f"paragraph {self.paragraph}")
        if self.line is not None and not (prose and (self.table is not None or self.paragraph is not None)):
            bits.append(self._line_text(zh) if prose else f"{self.line}:{self.column or 1}")
        return " ".join(bits)

    def _line_text(self, zh: bool) -> str:
        if self.end_line is not None and self.end_line != self.line:
            return f"第{self.line}–{self.end_line}行" if zh else f"lines {self.line}–{self.end_line}"
        if self.column is not None:
            return f"第{self.line}行第{self.column}列" if zh else f"line {self.line}, column {self.column}"
        return f"第{self.line}行" if zh else f"line {self.line}"


# ---------------------------------------------------------------- document model

@dataclass(slots=True)
class Cell:
    text: str
    span: Span
    rowspan: int = 1
    colspan: int = 1


@dataclass(slots=True)
class TableBlock:
    """A table as the file has it: rows of cells, merged cells kept as spans (not repeated)."""
    rows: list[list[Cell]]
    span: Span


@dataclass(slots=True)
class Paragraph:
    text: str
    span: Span
    # heading level when the file marks it (Word heading style, <h2>, Markdown #); None otherwise
    level: int | None = None


Block = Paragraph | TableBlock


@dataclass(slots=True)
class Document:
    """What a reader gives the extractor: blocks in reading order with their source spans."""
    path: str
    kind: DocumentKind
    blocks: list[Block]
    encoding: str | None = None    # for byte-oriented text inputs
    title: str | None = None       # <title>, docx core title, PDF metadata title, when present
    # source lines of text inputs, to quote the offending line in terminal output
    lines: list[str] | None = None
    notes: list["Finding"] = field(default_factory=list)  # reader findings (encoding guesses …)


# ---------------------------------------------------------------- messages and findings

@dataclass(frozen=True, slots=True)
class Message:
    """A user-facing text in Chinese and English. The English is optional (a county's local
    rule, a plugin written for one office): left out, it is the Chinese text."""
    zh: str
    en: str = ""

    def __post_init__(self) -> None:
        if not self.en:
            object.__setattr__(self, "en", self.zh)

    def text(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    @classmethod
    def bilingual(cls, text: str) -> "Message":
        """A text written "中文 / English" (or Chinese alone) as a Message."""
        zh, _, en = text.partition(" / ")
        return cls(zh, en)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule (or reader, extractor, schema step) yields: no severity, no file position.

    `pointer` is a JSON pointer into the structured report; the engine turns it into a
    physical span through Report.spans and into section/table/row/column labels via spec.
    `span` may be given directly when there is no pointer (e.g. a stray heading).
    """
    code: str
    message: Message
    pointer: str = ""
    span: Span | None = None
    expected: Any = None
    actual: Any = None
    details: dict | None = None    # extra data: addends, matched label, similarity …


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None
    paragraph: int | None = None
    table_index: int | None = None
    row_index: int | None = None
    cell_index: int | None = None
    section: str | None = None      # 一 … 六
    table: str | None = None        # 表二 / 表三 / 表四
    block: str | None = None        # 第二十条第（一）项
    row: str | None = None          # row label as printed
    column_label: str | None = None
    field: str | None = None        # metadata field label
    pointer: str = ""
    ocr: float | None = None        # recognition confidence when the place was read by OCR

    def span(self) -> Span:
        """The physical part of the location."""
        return Span(line=self.line, column=self.column, end_line=self.end_line,
                    end_column=self.end_column, page=self.page, paragraph=self.paragraph,
                    table=self.table_index, row=self.row_index, cell=self.cell_index, ocr=self.ocr)

    def to_dict(self) -> dict:
        """The JSON form: the fields that are known, plus the logical path."""
        out = {k: v for k, v in (
            ("path", self.path), ("line", self.line), ("column", self.column),
            ("end_line", self.end_line), ("end_column", self.end_column), ("page", self.page),
            ("paragraph", self.paragraph), ("table_index", self.table_index),
            ("row_index", self.row_index), ("cell_index", self.cell_index),
            ("section", self.section), ("table", self.table), ("block", self.block),
            ("row", self.row), ("column_label", self.column_label), ("field", self.field),
            ("pointer", self.pointer)) if v is not None}
        out["logical"] = self.logical()
        return out

    def logical(self) -> str:
        """Section/table/row/column path, used by baselines, overrides and SARIF logicalLocations."""
        parts = [p for p in (f"第{self.section}部分" if self.section and not self.table else None,
                             self.table, self.block, self.row, self.column_label, self.field) if p]
        return "/".join(parts)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    name: str
    category: Category
    severity: Severity
    message: Message
    location: Location
    expected: Any = None
    actual: Any = None
    details: dict | None = None
    suppressed: str | None = None   # the reason, when an override or inline comment silenced it
    # "new" or "unchanged" when compared with a baseline (`--baseline`); unchanged ones do not count
    baseline: str | None = None

    @property
    def counted(self) -> bool:
        """Whether it counts towards the totals and the exit code (not suppressed, not in the baseline)."""
        return self.suppressed is None and self.baseline != "unchanged"

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.page or 0, loc.line or 0, loc.column or 0, loc.pointer, self.code)

    def to_dict(self, lang: str = "zh") -> dict:
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message.text(lang),
            "message_zh": self.message.zh,
            "message_en": self.message.en,
            "location": self.location.to_dict(),
        }
        if self.location.ocr is not None:
            # the finding rests on text read by OCR, recognised with this confidence
            out["ocr"] = True
            out["ocr_confidence"] = self.location.ocr
        if self.expected is not None:
            out["expected"] = self.expected
        if self.actual is not None:
            out["actual"] = self.actual
        if self.details:
            out["details"] = self.details
        if self.suppressed is not None:
            out["suppressed"] = self.suppressed
        if self.baseline is not None:
            out["baseline_state"] = self.baseline
        return out


# ---------------------------------------------------------------- the report

@dataclass(slots=True)
class Heading:
    """A top-level section heading as found in a document (for order/duplicate/variant rules)."""
    section_id: str
    text: str            # as printed
    exact: bool          # True when it is the official heading (after normalisation)
    span: Span | None = None


@dataclass(slots=True)
class Report:
    """The structured report plus where each value came from.

    `data` has the shape of the JSON Schema (see spec.py). Values that could not be read
    as what the schema wants stay in `data` as the raw string (so schema validation reports
    them); `spans` maps JSON pointers to source spans; `headings` lists section headings in
    document order (for YAML/JSON input: the keys of `sections` in file order).
    """
    path: str
    kind: ReportKind
    data: dict
    spans: Mapping[str, Span] = field(default_factory=dict)
    headings: list[Heading] = field(default_factory=list)
    format_version: str | None = None   # layout detected (or declared) for the tables
    layout_evidence: list[str] = field(default_factory=list)  # labels that decided the layout
    text: str = ""                   # normalised full text (prose rules, consistency rules)
    encoding: str | None = None
    lines: list[str] | None = None
    notes: list[Finding] = field(default_factory=list)   # findings from reading/extraction
    _derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, key: object, compute: Callable[[], Any]) -> Any:
        """`compute()`, once per report and `key`: views of the report that several rules
        read (the sections' normalised text, the prose's stated counts, the table relations)
        are built once, and each rule stays a function of the report alone."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = compute()
            return value

    @property
    def printed(self) -> bool:
        """Whether the report was read from a printed document (text, Markdown, HTML, Word, PDF)
        rather than stated as data (YAML/JSON). Only a printed report has a title and an intro
        before section 一 in its `text`, section headings as printed, and a year read off its
        title (where one mistyped digit is possible); a stated report's text is its sections.
        Rules ask this, never `kind`: they know nothing of file formats."""
        return self.kind not in ("yaml", "json")

    @property
    def meta(self) -> dict[str, Any]:
        """The metadata; empty where a hand-written YAML/JSON report has none, null or not a mapping."""
        meta = self.data.get("meta")
        return meta if isinstance(meta, dict) else {}

    @property
    def year(self) -> int | None:
        y = self.meta.get("year")
        return y if isinstance(y, int) and not isinstance(y, bool) else None

    def value_at(self, pointer: str) -> Any:
        """The data under a JSON pointer (ids need no escaping), or None where any step is missing."""
        node: Any = self.data
        for part in pointer.strip("/").split("/") if pointer.strip("/") else ():
            node = node.get(part) if isinstance(node, dict) else None
        return node

    def span_for(self, pointer: str) -> Span | None:
        """The span of the pointer, or of its nearest ancestor that has one."""
        p = pointer
        while True:
            if p in self.spans:
                return self.spans[p]
            if not p or p == "/":
                return None
            p = p.rsplit("/", 1)[0]


class UserError(Exception):
    """A mistake of the user's — a bad setting, path or option — that stops the command with
    exit code 2 and one line naming it, in Chinese (English with --lang en)."""

    def __init__(self, zh: str, en: str | None = None):
        # the exception's own text carries both languages (a program calling the library may
        # show it as it is); the CLI shows `message` in the chosen one
        super().__init__(zh if not en or en == zh else f"{zh} / {en}")
        self.message = Message(zh, en or zh)


class BilingualUserError(UserError):
    """A UserError raised with one "中文 / English" text (modules that write both in one string)."""

    def __init__(self, text: str):
        message = Message.bilingual(text)
        super().__init__(message.zh, message.en)


class InputProblem(Exception):
    """Raised by a reader when a file cannot be checked at all (the engine turns it into a
    finding of category `input` and counts the file as not checked)."""

    def __init__(self, code: str, message: Message, span: Span | None = None):
        super().__init__(message.en)
        self.code = code
        self.message = message
        self.span = span


# ---------------------------------------------------------------- results

@dataclass(slots=True)
class FileResult:
    """Everything known about one linted file; what reporters and the audit consume."""
    path: str                          # as given by the user (relative paths stay relative)
    kind: ResultKind | None            # input kind actually read; None when the file could not be read
    diagnostics: list[Diagnostic]
    checked: bool = True               # False when the file could not be read at all
    organ: str | None = None
    organ_level: str | None = None
    year: int | None = None
    format_version: str | None = None  # format the report was checked against
    encoding: str | None = None
    lines: list[str] | None = None     # source lines, to quote offending lines (text inputs)
    data: dict | None = None           # the structured report (kept only when asked for)
    text: str | None = None            # normalised body text (kept only when asked for)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error" and d.counted)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning" and d.counted)

    @property
    def infos(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "info" and d.counted)

    def active(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.counted]
