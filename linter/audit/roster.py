"""The county's roster: which organs must report, matched against the reports of an audit.

A roster is a `.csv` with a header row (UTF-8, or the GBK/GB18030 Excel writes on Chinese
Windows), the first sheet of an `.xlsx`, or a `.txt` with one name per line. Columns are found
by their header (机关/单位/名称, 层级, 联系人); without a recognised name column the first
column is the name.

Matching uses `organ.match_keys`: a report and a roster line match when the most specific form
of one name is among the forms of the other (建宁县濉溪镇人民政府 / 濉溪镇人民政府 / 濉溪镇,
full/half-width folded). A report that matches one line exactly is that line's; otherwise a
report matching several lines is *ambiguous* and listed as such, never assigned by guess.
Outcome per line: 已报送, 未报送 (no report), 重复报送 (two or more reports of one year).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import BilingualUserError, Message
from ..organ import match_keys
from ..paths import os_reason

if TYPE_CHECKING:
    from .record import ReportRecord

ROSTER_KINDS = (".csv", ".xlsx", ".txt")
NAME_HEADERS = ("机关名称", "机关", "单位名称", "单位", "名称", "组织名称", "name", "organ")
LEVEL_HEADERS = ("机关层级", "层级", "级别", "level")
CONTACT_HEADERS = ("联系人", "联系方式", "联系电话", "contact")

REPORTED, MISSING, DUPLICATE = "reported", "missing", "duplicate"
ROSTER_STATUS_LABEL = {
    "zh": {REPORTED: "已报送", MISSING: "未报送", DUPLICATE: "重复报送"},
    "en": {REPORTED: "reported", MISSING: "missing", DUPLICATE: "duplicate"},
}


class RosterError(BilingualUserError):
    """A roster file that cannot be used (exit code 2); the message names the file."""


@dataclass(frozen=True, slots=True)
class RosterEntry:
    position: int               # 1-based line (csv/txt) or row (xlsx) in the roster file
    name: str
    level: str = ""
    contact: str = ""
    keys: tuple[str, ...] = ()


@dataclass
class Roster:
    path: str
    entries: list[RosterEntry]


# ---------------------------------------------------------------- reading

def load_roster(path: str | Path) -> Roster:
    """Read a roster; RosterError with a Chinese message naming the file when it cannot be used."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in ROSTER_KINDS:
        raise RosterError(f"名单文件 {path}：不支持的格式 {suffix or '（无扩展名）'}，请用 .csv、.xlsx 或 .txt"
                          f" / roster {path}: unsupported format; use .csv, .xlsx or .txt")
    try:
        if suffix == ".xlsx":
            rows = _xlsx_rows(path)
        else:
            text = _decode(path.read_bytes(), path)
            rows = _csv_rows(text) if suffix == ".csv" else [(i, [line]) for i, line in
                                                                enumerate(text.splitlines(), 1)]
    except OSError as exc:
        reason = os_reason(exc)
        raise RosterError(f"名单文件 {path} 无法读取：{reason.zh} / "
                          f"roster {path} cannot be read ({reason.en})") from None
    if suffix == ".txt":
        rows = [(i, cells) for i, cells in rows if not cells[0].strip().startswith("#")]
        entries = _entries(rows, name_col=0, level_col=None, contact_col=None)
    else:
        entries = _table_entries(rows)
    if not entries:
        raise RosterError(f"名单文件 {path} 中没有机关名称 / roster {path} lists no organ")
    return Roster(str(path), entries)


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):      # Excel on Chinese Windows saves CSV as GBK
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterError(f"名单文件 {path} 的编码无法识别，请另存为 UTF-8 / "
                      f"roster {path}: unknown encoding; save as UTF-8")


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    import csv
    import io

    reader = csv.reader(io.StringIO(text))
    return [(reader.line_num, row) for row in reader]


def _xlsx_rows(path: Path) -> list[tuple[int, list[str]]]:
    import warnings
    import zipfile

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")        # openpyxl warns about styles and data validation
            wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise RosterError(f"名单文件 {path} 不是有效的 .xlsx 工作簿（{type(exc).__name__}）"
                          f" / roster {path} is not a valid .xlsx workbook") from None
    try:
        ws = wb.worksheets[0]
        return [(i, ["" if v is None else str(v) for v in row])
                for i, row in enumerate(ws.iter_rows(values_only=True), 1)]
    finally:
        wb.close()


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    folded = [_fold(h) for h in header]
    for name in names:
        if name in folded:
            return folded.index(name)
    return None


def _fold(text: str) -> str:
    import unicodedata
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _table_entries(rows: list[tuple[int, list[str]]]) -> list[RosterEntry]:
    rows = [(i, cells) for i, cells in rows if any(c.strip() for c in cells)]
    if not rows:
        return []
    header = rows[0][1]
    name_col = _column(header, NAME_HEADERS)
    level_col, contact_col = _column(header, LEVEL_HEADERS), _column(header, CONTACT_HEADERS)
    if name_col is None and level_col is None and contact_col is None:
        # no header row recognised: every row is data, the name in the first column
        return _entries(rows, name_col=0, level_col=None, contact_col=None)
    return _entries(rows[1:], name_col=name_col or 0, level_col=level_col, contact_col=contact_col)


def _entries(rows, *, name_col: int, level_col: int | None, contact_col: int | None) -> list[RosterEntry]:
    def cell(cells: list[str], col: int | None) -> str:
        return cells[col].strip() if col is not None and col < len(cells) else ""

    out = []
    for position, cells in rows:
        name = cell(cells, name_col)
        keys = match_keys(name)
        if keys:
            out.append(RosterEntry(position, name, cell(cells, level_col), cell(cells, contact_col), keys))
    return out


# ---------------------------------------------------------------- matching

@dataclass
class RosterResult:
    roster: Roster
    reports: dict[int, list["ReportRecord"]]            # entry index → its reports, in path order
    unlisted: list["ReportRecord"] = field(default_factory=list)      # organ not on the roster
    ambiguous: list[tuple["ReportRecord", list[RosterEntry]]] = field(default_factory=list)
    unnamed: list["ReportRecord"] = field(default_factory=list)       # no organ name recognised

    def status(self, index: int) -> str:
        found = self.reports.get(index, [])
        if not found:
            return MISSING
        years = [r.year for r in found]
        return DUPLICATE if len(years) != len(set(years)) else REPORTED

    def entries_with_status(self) -> list[tuple[RosterEntry, str, list["ReportRecord"]]]:
        return [(e, self.status(i), self.reports.get(i, [])) for i, e in enumerate(self.roster.entries)]

    def missing(self) -> list[RosterEntry]:
        return [e for e, status, _ in self.entries_with_status() if status == MISSING]

    def duplicates(self) -> list[tuple[RosterEntry, list["ReportRecord"]]]:
        return [(e, found) for e, status, found in self.entries_with_status() if status == DUPLICATE]

    def to_json(self, lang: str) -> dict:
        """The JSON export's top-level "roster"."""
        def entry(e: RosterEntry) -> dict:
            return {"name": e.name, "level": e.level, "contact": e.contact, "line": e.position}

        return {
            "file": self.roster.path,
            "listed": len(self.roster.entries),
            "missing": [entry(e) for e in self.missing()],
            "unlisted": [{"path": r.path, "organ": r.organ, "year": r.year} for r in self.unlisted],
            "ambiguous": [{"path": r.path, "organ": r.organ, "year": r.year,
                           "candidates": [entry(e) for e in candidates]} for r, candidates in self.ambiguous],
            "duplicates": [dict(entry(e), paths=[r.path for r in found]) for e, found in self.duplicates()],
            "unnamed": [r.path for r in self.unnamed],
            "entries": [dict(entry(e), status=status, status_label=ROSTER_STATUS_LABEL[lang][status],
                             paths=[r.path for r in found])
                        for e, status, found in self.entries_with_status()],
        }


def match_roster(roster: Roster, records: list["ReportRecord"]) -> RosterResult:
    """Assign each report to its roster line; see the module docstring."""
    by_key: dict[str, list[int]] = {}
    for i, e in enumerate(roster.entries):
        for key in e.keys:
            by_key.setdefault(key, []).append(i)
    result = RosterResult(roster, {})
    for r in records:
        keys = match_keys(r.organ)
        if not keys:
            result.unnamed.append(r)
            continue
        # lines among whose forms the report's name is, and lines whose name is among the report's forms
        candidates = set(by_key.get(keys[0], ()))
        candidates |= {i for key in keys for i in by_key.get(key, ()) if roster.entries[i].keys[0] == key}
        exact = [i for i in candidates if roster.entries[i].keys[0] == keys[0]]
        chosen = exact if exact else sorted(candidates)
        if len(chosen) == 1:
            result.reports.setdefault(chosen[0], []).append(r)
        elif chosen:
            result.ambiguous.append((r, [roster.entries[i] for i in sorted(chosen)]))
        else:
            result.unlisted.append(r)
    return result


def summary_lines(result: RosterResult, lang: str) -> list[str]:
    """The roster part of the terminal summary: counts, then 未报送, 名单外, ambiguous, duplicates."""
    sep = "、" if lang == "zh" else ", "
    missing, duplicates = result.missing(), result.duplicates()
    lines = [Message(
        f"名单（{result.roster.path}）共 {len(result.roster.entries)} 个机关：已报送 "
        f"{len(result.roster.entries) - len(missing)} 个，未报送 {len(missing)} 个，重复报送 {len(duplicates)} 个；"
        f"名单外的报告 {len(result.unlisted)} 份，无法确定对应机关的报告 {len(result.ambiguous)} 份",
        f"roster ({result.roster.path}): {len(result.roster.entries)} organ(s): "
        f"{len(result.roster.entries) - len(missing)} reported, {len(missing)} missing, {len(duplicates)} "
        f"with duplicate reports; {len(result.unlisted)} report(s) not on the roster, "
        f"{len(result.ambiguous)} report(s) matching several roster lines").text(lang)]
    if missing:
        lines.append(Message("未报送：", "missing: ").text(lang) + sep.join(e.name for e in missing))
    for r in result.unlisted:
        lines.append(Message(f"名单外：{r.organ}（{r.path}）", f"not on the roster: {r.organ} ({r.path})").text(lang))
    for r, candidates in result.ambiguous:
        names = sep.join(e.name for e in candidates)
        lines.append(Message(f"无法确定：{r.path} 的机关“{r.organ}”与名单中多个机关相符（{names}），"
                             "请在名单或报告中写明全称",
                             f"ambiguous: the organ \"{r.organ}\" of {r.path} matches several roster lines "
                             f"({names}); write the full name in the roster or the report").text(lang))
    for e, found in duplicates:
        paths = sep.join(r.path for r in found)
        lines.append(Message(f"重复报送：{e.name}（{paths}）", f"duplicate reports: {e.name} ({paths})").text(lang))
    if result.unnamed:
        lines.append(Message(f"另有 {len(result.unnamed)} 份文件未识别出机关名称，未与名单对照",
                             f"{len(result.unnamed)} more file(s) name no organ that could be recognised; "
                             "not matched with the roster").text(lang))
    return lines
