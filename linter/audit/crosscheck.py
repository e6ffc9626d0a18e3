"""Checks across the reports of one audit (X101–X103, declared in rules/crossreport.py).

They run in the parent once every file is read, on the records alone (a few figures and a
text signature per report), and depend only on the records' order: the same findings
whatever the number of workers. Each finding is attached to one file — the later-year
report, or the later file in path order — and names the other file.

With a history database (`audit --db`), stored reports of the same organs' other years
come in as *references*: X101 and X102 compare against them as against a file in the folder
(the finding names the stored file, its year and the database), but never attach a finding
to them, and X102 compares a report only with its own organ's stored years.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..engine import make_location
from ..model import Diagnostic, Message
from ..spec import APPLICANT_COLUMNS, describe, join_pointer
from .record import ReportRecord
from .signature import band_rows, lsh_keys, packed, packed_similarity

if TYPE_CHECKING:
    from ..config import Config
    from ..rule_api import Rule

# Earlier reports compared per LSH bucket. Copies of one text all share every bucket, and the
# earliest copy is the best match anyway: the cap keeps a folder of 10,000 copies linear.
BUCKET_CAP = 64


def organ_key(organ: str | None) -> str | None:
    if not organ:
        return None
    key = "".join(unicodedata.normalize("NFKC", organ).split())
    return key or None


def similarity_threshold(config: "Config", similar: "Rule") -> float:
    """The X102 threshold: `[rules.content-similar] threshold` or its declared default
    (`ConfigError` when the configured value is not allowed)."""
    return float(config.options_for([similar])[similar.name]["threshold"])


class _Maker:
    def __init__(self, rules: dict[str, "Rule"], config: "Config"):
        self.rules = rules
        self.config = config

    def selected(self, code: str) -> bool:
        return code in self.rules and self.config.is_selected(code)

    def __call__(self, code: str, record: ReportRecord, pointer: str, message: Message, *,
                 expected=None, actual=None, details: dict | None = None) -> Diagnostic:
        rule = self.rules[code]
        place = describe(pointer, record.format_version or "2021") if pointer else None
        return Diagnostic(code=code, name=rule.name, category=rule.category,
                          severity=self.config.severity.get(code, rule.severity), message=message,
                          location=make_location(record.path, None, place, pointer),
                          expected=expected, actual=actual, details=details)


def crosscheck(records: list[ReportRecord], rules: dict[str, "Rule"], config: "Config",
               references: Sequence[ReportRecord] = ()) -> dict[int, list[Diagnostic]]:
    """Cross-report diagnostics by record index (of `records`; `references` get none)."""
    make = _Maker(rules, config)
    found: dict[int, list[Diagnostic]] = {}

    def add(record: ReportRecord, diagnostic: Diagnostic) -> None:
        found.setdefault(record.index, []).append(diagnostic)

    firsts: dict[tuple[str, int], ReportRecord] = {}
    for r in records:
        key = organ_key(r.organ)
        if not r.checked or key is None or r.year is None:
            continue
        first = firsts.setdefault((key, r.year), r)
        if first is not r and make.selected("X103"):
            add(r, _duplicate(make, r, first))

    stored = {(organ_key(r.organ), r.year): r for r in references}
    if make.selected("X101"):
        for (key, year), r in firsts.items():
            previous = firsts.get((key, year - 1)) or stored.get((key, year - 1))
            if previous is not None:
                for d in _carry_over(make, r, previous):
                    add(r, d)

    if make.selected("X102"):
        threshold = similarity_threshold(config, rules["X102"])
        for r, other, sim in _similar_pairs(records, threshold, references):
            add(r, _similar(make, r, other, sim))

    for diagnostics in found.values():
        diagnostics.sort(key=Diagnostic.sort_key)
    return found


# ---------------------------------------------------------------- X103

def _duplicate(make: _Maker, r: ReportRecord, first: ReportRecord) -> Diagnostic:
    return make("X103", r, "/meta/organ", Message(
        f"{r.path} 与 {first.path} 都是{r.organ}{r.year}年度的报告：一个机关每年只发布一份年度报告，"
        "请确认哪一份是正式发布的版本",
        f"{r.path} and {first.path} are both {r.organ}'s report for {r.year}: an organ publishes one "
        "annual report a year; confirm which one is the published version"),
        details={"this_file": r.path, "other_file": first.path, "organ": r.organ, "year": r.year})


# ---------------------------------------------------------------- X101

def _carry_over(make: _Maker, r: ReportRecord, previous: ReportRecord):
    for col in APPLICANT_COLUMNS:
        over_ptr = join_pointer("tables", "applications", "carried_over", col.id)
        forward_ptr = join_pointer("tables", "applications", "carried_forward", col.id)
        over, forward = r.figure(over_ptr), previous.figure(forward_ptr)
        if not (isinstance(over, int) and isinstance(forward, int)) or over == forward:
            continue
        yield make("X101", r, over_ptr, Message(
            f"本报告（{r.path}）表三“二、上年结转政府信息公开申请数量”{col.label}为 {over}，"
            f"而上一年度报告 {previous.path}（{previous.year}年度{_stored_zh(previous)}）表三“四、结转下年度继续办理”"
            f"{col.label}为 {forward}，两者应相等",
            f"this report ({r.path}) has {over} in table 3 row \"II. carried over from last year\", "
            f"column {col.en}, but last year's report {previous.path} ({previous.year}{_stored_en(previous)}) "
            f"has {forward} in row \"IV. carried forward to next year\"; they must be equal"),
            expected=forward, actual=over,
            details={"this_file": r.path, "other_file": previous.path, "previous_year": previous.year,
                     "previous_pointer": forward_ptr, "column": col.id, "stored_in": previous.source})


def _stored_zh(r: ReportRecord) -> str:
    return f"，不在本次检查的文件中，取自历史数据库 {r.source}" if r.source else ""


def _stored_note_zh(r: ReportRecord) -> str:
    return f"（{_stored_zh(r)[1:]}）" if r.source else ""


def _stored_en(r: ReportRecord) -> str:
    return f"; not among the files audited now, stored in the history database {r.source}" if r.source else ""


# ---------------------------------------------------------------- X102

def _order_key(r: ReportRecord) -> tuple:
    return (r.year if r.year is not None else 0, r.index)


def _similar_pairs(records: list[ReportRecord], threshold: float, references: Sequence[ReportRecord] = ()
                   ) -> Iterator[tuple[ReportRecord, ReportRecord, float]]:
    """(later, earlier, similarity) for each report whose best earlier match reaches `threshold`.

    Candidates come from LSH buckets (reports sharing a band of the signature), so the work
    grows with the number of reports, not its square; each candidate is then scored on the
    whole signature. Reports of one organ and year are duplicates (X103), not compared. Stored
    reports (`references`) are never `later`: each report is compared directly with its own
    organ's stored earlier years (a few per organ), which keeps them out of the buckets."""
    stored: dict[str, list[tuple[int, int, ReportRecord]]] = {}    # organ → (signature, year, report)
    for m in references:
        organ = organ_key(m.organ)
        if m.signature is not None and organ is not None and m.year is not None:
            stored.setdefault(organ, []).append((packed(m.signature), m.year, m))
    ordered = sorted(((r, r.signature) for r in records if r.signature is not None),
                     key=lambda signed: _order_key(signed[0]))
    rows = band_rows(threshold)
    position = {r.index: i for i, (r, _) in enumerate(ordered)}
    signatures = {r.index: packed(signature) for r, signature in ordered}
    organs = {r.index: organ_key(r.organ) for r, _ in ordered}
    buckets: dict[bytes, list[ReportRecord]] = {}
    for r, raw_signature in ordered:
        candidates: dict[int, ReportRecord] = {}
        for key in lsh_keys(raw_signature, rows):
            members = buckets.setdefault(key, [])
            for m in members[:BUCKET_CAP]:
                candidates[m.index] = m
            members.append(r)
        best: tuple[float, tuple, ReportRecord] | None = None
        mine, signature = organs[r.index], signatures[r.index]
        for m in candidates.values():
            if mine is not None and organs[m.index] == mine and m.year == r.year:
                continue
            sim = packed_similarity(signature, signatures[m.index])
            if sim >= threshold and (best is None or (-sim, (1, position[m.index])) < (-best[0], best[1])):
                best = (sim, (1, position[m.index]), m)
        year = r.year       # the organ's stored reports of earlier years
        earlier = [] if mine is None or year is None else [
            (sig, stored_year, m) for sig, stored_year, m in stored.get(mine, ()) if stored_year < year]
        for sig, stored_year, m in earlier:
            sim = packed_similarity(signature, sig)
            if sim >= threshold and (best is None or (-sim, (0, stored_year)) < (-best[0], best[1])):
                best = (sim, (0, stored_year), m)
        if best is not None:
            yield r, best[2], best[0]


def _similar(make: _Maker, r: ReportRecord, other: ReportRecord, sim: float) -> Diagnostic:
    same_organ = organ_key(r.organ) is not None and organ_key(r.organ) == organ_key(other.organ)
    who_zh = f"本机关{other.year}年度" if same_organ else f"{other.organ or '（机关名称未识别）'}{other.year or ''}年度"
    who_en = (f"this organ's {other.year} report" if same_organ
              else f"the {other.year or ''} report of {other.organ or '(organ not recognised)'}")
    return make("X102", r, "/sections", Message(
        f"本报告（{r.path}）的正文与{who_zh}的报告 {other.path}{_stored_note_zh(other)}雷同，相似度约 {sim:.0%}"
        "（已去掉官方标题、表格栏目、机关名称和数字后比较）：年度报告应如实撰写本机关本年度的情况",
        f"the text of this report ({r.path}) is nearly identical to {who_en} ({other.path}{_stored_en(other)}): "
        f"similarity about {sim:.0%} (official headings, table labels, organ names and digits excluded); "
        "the report must describe this organ's own year"),
        actual=round(sim, 2),
        details={"this_file": r.path, "other_file": other.path, "similarity": round(sim, 3),
                 "other_organ": other.organ, "other_year": other.year, "stored_in": other.source})
