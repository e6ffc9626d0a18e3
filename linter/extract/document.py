"""Document → structured Report, with the source span of every value.

Steps (each in its own module):
- `units`: flatten paragraphs and table rows into lines of cells, normalised once (a report
  run into one line cut back into its lines by `runon`);
- `sections`: headings 一…六 (official, variant, typo; table rows excluded);
- `layout`: 2019 vs 2021 table layout from the labels only one layout has;
- `tables`: tables 二/三/四, label-anchored, region by region;
- `meta`: title, organ, year, statistics period, signature date, URL, contact details.

Conventions (docs/ARCHITECTURE.md): a value that is not what the schema wants stays as its raw
string; an empty cell is an absent key; a table whose material is present but unreadable is
`{}` plus a T210 note; every loose step is an F9xx note in `Report.notes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from .. import spec
from ..model import Document, Finding, Heading, Message, Report, Span
from ..normalize import fold_width, simplify
from . import meta as meta_mod
from .labels import index as label_index
from .layout import MarkerHit, detect_layout
from .runon import splitter
from .sections import FoundHeading, find_headings
from .tables import RUN_TOGETHER, TableReader, TableResult, run_together
from .units import Unit, build_units

# codes the extractor emits (declared in rules/extraction.py)
EXTRACTION_CODES = ("F901", "F902", "F903", "F904", "F905", "F906", "F907", RUN_TOGETHER, "T210")
_TABLE_ORDER = ("proactive", "applications", "reviews")


def extract_document(document: Document) -> Report:
    units = build_units(document, splitter)
    headings = find_headings(units)
    notes: list[Finding] = []     # the engine puts the reader's own notes in front
    data: dict = {}
    spans: dict[str, Span] = {}

    first_heading = headings[0].unit if headings else None
    intro = units[:first_heading] if first_heading is not None else units[:30]
    end = _footer_start(units, headings[-1].unit + 1 if headings else 0)
    signature = meta_mod.find_signature(units[:end], headings[-1].unit + 1 if headings else 0)
    meta, year = _meta(document, units[:end], intro, headings, signature, spans)
    data["meta"] = meta

    layout, evidence, found, where = detect_layout(units)
    # even evidence: the reporting year decides how the tables are read
    table_layout = layout or (spec.format_version_for_year(year) if year else None) or "2021"
    if found["2019"] and found["2021"]:
        notes.append(_mixed_layouts(found, where, table_layout))

    regions = _regions(headings, end)
    tables = _tables(units, headings, regions, table_layout)
    consumed = _used_ranges(tables.values())
    data["sections"] = _sections(units, headings, regions, consumed, signature, spans)
    data["tables"] = {}
    for table_id in _TABLE_ORDER:
        result = tables.get(table_id)
        if result is None or result.data is None:
            continue
        data["tables"][table_id] = result.data
        spans.update(result.spans)
        notes += result.notes
    notes.sort(key=lambda f: (f.span.line or 0) if f.span else 0)

    return Report(
        path=document.path, kind=document.kind, data=data, spans=spans,
        headings=[Heading(h.section.id, h.text, h.exact, h.span) for h in headings],
        format_version=layout, layout_evidence=evidence,
        text=_full_text(units),
        encoding=document.encoding, lines=document.lines, notes=notes)


def _mixed_layouts(found: dict[str, list[str]], where: dict[str, MarkerHit], table_layout: str) -> Finding:
    """F902: labels of both layouts, pointing at the first label that does not fit the layout
    the tables are read in (that is the stray one the author has to look at)."""
    stray = found["2019" if table_layout == "2021" else "2021"][0]
    return Finding("F902", Message(
        f"表格同时含有2019年试行格式（{'、'.join(found['2019'])}）和2021年格式（{'、'.join(found['2021'])}）的标签，"
        f"按{table_layout}年格式读取",
        f"the tables carry labels of both the 2019 trial format ({', '.join(found['2019'])}) and the 2021 format "
        f"({', '.join(found['2021'])}); read as the {table_layout} format"),
        "/tables", where[stray].span, details={"2019": found["2019"], "2021": found["2021"], "stray": stray})


def _full_text(units: list[Unit]) -> str:
    """The report's text for the prose rules, one line per unit, except that a line the
    source wrapped (PDF lines, hard-wrapped text: `…存在的主要问` / `题…`) is glued back, so
    that a sentence or a name cut by the wrap still reads as one."""
    parts: list[str] = []
    previous: Unit | None = None
    for unit in units:
        if unit.pipes:
            continue
        if previous is not None:
            prose = not (previous.physical or unit.physical)
            parts.append("" if prose and meta_mod.wrapped(previous.norm, unit.norm) else "\n")
        parts.append(unit.norm)
        previous = unit
    return "".join(parts)


# ---------------------------------------------------------------- regions and tables

_FOOTER = re.compile(r"主办单位|承办单位|技术支持|网站标识码|ICP备|版权所有|Copyright|©|打印本页|关闭窗口|【打印】")


def _footer_start(units: list[Unit], after: int) -> int:
    """Index of the first line of page chrome after the last heading (copied web pages keep
    `主办单位：…　联系电话：…`, whose phone is not the report's contact)."""
    for unit in units[after:]:
        if unit.table is None and len(unit.norm) < 120 and _FOOTER.search(unit.norm):
            return unit.index
    return len(units)


def _regions(headings: list[FoundHeading], total: int) -> dict[str, tuple[int, int]]:
    """Unit range of each section's first heading (heading line excluded)."""
    regions: dict[str, tuple[int, int]] = {}
    for i, heading in enumerate(headings):
        end = headings[i + 1].unit if i + 1 < len(headings) else total
        regions.setdefault(heading.section.id, (heading.unit + 1, end))
    return regions


def _tables(units: list[Unit], headings: list[FoundHeading], regions: dict[str, tuple[int, int]],
            layout: str) -> dict[str, TableResult]:
    index = label_index()
    results: dict[str, TableResult] = {}
    heading_units = sorted(h.unit for h in headings)
    for table_id in _TABLE_ORDER:
        region = regions.get(spec.TABLES[layout][table_id].section)
        if region is None:
            continue
        # the reading stops where another table's labels begin (a table whose heading is missing)
        results[table_id] = TableReader(table_id, layout, index, units).read(*region)
    # a table whose heading is missing (or misplaced): find it by its own labels
    for table_id in _TABLE_ORDER:
        if table_id in results and results[table_id].data is not None:
            continue
        taken = _used_ranges(results.values())
        start = _anchor(units, table_id, taken, index)
        if start is None:
            continue
        end = next((u for u in heading_units if u > start), len(units))
        end = min([end] + [first for first, _ in taken if first > start])
        result = TableReader(table_id, layout, index, units).read(start, end)
        if result.data is not None:
            results[table_id] = result
    # a table whose text is there with its cells run together: unreadable, not missing
    for table_id in _TABLE_ORDER:
        region = regions.get(spec.TABLES[layout][table_id].section)
        if region is not None and (table_id not in results or results[table_id].data is None):
            glued = run_together(table_id, layout, units, *region)
            if glued is not None:
                results[table_id] = glued
    return results


def _used_ranges(results: Iterable[TableResult]) -> list[tuple[int, int]]:
    """The ranges of units (first, last) the tables were read from."""
    return [(r.first, r.last) for r in results if r.first is not None and r.last is not None]


def _anchor(units: list[Unit], table_id: str, taken: list[tuple[int, int]], index) -> int | None:
    for unit in units:
        if any(first <= unit.index <= last for first, last in taken):
            continue
        for piece in unit.pieces:
            hit = index.exact(piece.key, table_id) if piece.key else None
            if hit is not None and hit.target.strong:
                return unit.index
    return None


# ---------------------------------------------------------------- sections

def _sections(units: list[Unit], headings: list[FoundHeading], regions: dict[str, tuple[int, int]],
              consumed: list[tuple[int, int]], signature, spans: dict[str, Span]) -> dict:
    skip: set[int] = set()
    for first, last in consumed:
        skip.update(range(first, last + 1))
    if signature is not None:
        skip.add(signature.date_unit.index)
        if signature.organ_unit is not None:
            skip.add(signature.organ_unit.index)
    first_of: dict[str, FoundHeading] = {}
    for heading in headings:
        first_of.setdefault(heading.section.id, heading)
    out: dict = {}
    for section in spec.SECTIONS:
        if section.id not in first_of:
            continue
        heading = first_of[section.id]
        start, end = regions[section.id]
        body = [u for u in units[start:end] if u.index not in skip and not u.pipes and u.pieces and u.sim]
        text = simplify(heading.content).strip() if heading.content else ""
        previous = fold_width(text)
        for unit in body:
            if text:
                # glue lines the source wrapped (PDF, hard-wrapped text) back into paragraphs
                text += "" if unit.table is None and meta_mod.wrapped(previous, unit.norm) else "\n"
            text += unit.sim
            previous = unit.norm
        out[section.id] = text
        spans[spec.join_pointer("sections", section.id)] = heading.span
    return out


# ---------------------------------------------------------------- metadata

class Placed(NamedTuple):
    """A value read from the document and where it was read."""
    value: Any
    span: Span | None


def _meta(document: Document, units: list[Unit], intro: list[Unit], headings: list[FoundHeading],
          signature: meta_mod.Signature | None, spans: dict[str, Span]) -> tuple[dict, int | None]:
    """The report's metadata (in the format's key order) and year; writes the spans of the values."""
    meta: dict = {}

    def put(field: str, placed: Placed) -> None:
        meta[field] = placed.value
        if placed.span is not None:
            spans[spec.join_pointer("meta", field)] = placed.span

    # the intro, plus the overview: many reports state period and contact details there
    front_end = headings[1].unit if len(headings) > 1 else min(len(units), 60)
    front = meta_mod.Flow(units[:front_end])
    everything = meta_mod.Flow(units)

    title, title_unit = meta_mod.find_title(units, len(intro), document.title)
    title_span = title_unit.span if title_unit else None
    overview = units[headings[0].unit + 1:front_end][:6] if headings else []
    organ = _organ(title, title_span, front, signature, overview)
    if organ is not None and organ.value:
        # organ_level stays undeclared: the engine resolves it (config, then organ.infer_level)
        put("organ", organ)
    # a keyword anywhere beats a keyword-less date range in the front
    period = (meta_mod.period_by_keyword(front) or meta_mod.period_by_keyword(everything)
              or meta_mod.period_by_range(front) or meta_mod.period_by_range(everything))
    year = _year(title, title_span, front, period)
    if year is not None:
        put("year", year)
    if title:
        put("title", Placed(title, title_span))
    if period is not None:
        put("statistics_period", Placed(*period))
    if signature is not None:
        put("report_date", Placed(signature.date, signature.date_unit.span))

    contact = _contact(front, everything)
    website = contact["website"][0] if "website" in contact else None
    publication = _publication_url(intro, everything, website)
    if publication is not None:
        put("publication_url", publication)
    if contact:
        meta["contact"] = {field_id: value for field_id, (value, _) in contact.items()}
        for field_id, (_, span) in contact.items():
            spans[spec.join_pointer("meta", "contact", field_id)] = span
        first_span = next(iter(contact.values()))[1]
        spans[spec.join_pointer("meta", "contact")] = first_span
    return {f.id: meta[f.id] for f in spec.META_FIELDS if f.id in meta}, None if year is None else year.value


def _organ(title: str | None, title_span: Span | None, front: meta_mod.Flow, signature: meta_mod.Signature | None,
           overview: list[Unit]) -> Placed | None:
    """The organ: from the title, else a sentence of the front, else the signature, else the overview's opening."""
    if title:
        organ = meta_mod.organ_from_title(title)
        if organ is not None:
            return Placed(organ, title_span)
    in_front = meta_mod.organ_from_body(front)
    if in_front:
        return Placed(*in_front)
    if signature is not None and signature.organ:
        return Placed(signature.organ, signature.organ_unit.span if signature.organ_unit else None)
    in_overview = meta_mod.organ_from_overview(overview)
    if in_overview:
        return Placed(in_overview[0], in_overview[1].span)
    return None


def _year(title: str | None, title_span: Span | None, front: meta_mod.Flow,
          period: tuple[dict, Span] | None) -> Placed | None:
    """The reporting year: from the title, else the front's text, else the statistics period's start."""
    if title:
        year = meta_mod.title_year(title)
        if year is not None:
            return Placed(year, title_span)
    in_front = meta_mod.body_year(front)
    if in_front:
        return Placed(*in_front)
    if period is not None and "start" in period[0]:
        return Placed(int(period[0]["start"][:4]), period[1])
    return None


def _publication_url(intro: list[Unit], everything: meta_mod.Flow, website: str | None) -> Placed | None:
    """The intro's URL (preferably one the sentence says the report is at), else a URL in a
    sentence about the report anywhere; a URL merely mentioned in the body is not it, nor is
    the contact details' website."""
    flow = meta_mod.Flow(intro)
    urls = meta_mod.find_urls(flow)
    publication = (next((u for u in urls if u.about_report), None)
                   or next((u for u in urls if u.url != website), None))
    if publication is None:
        flow = everything
        publication = next((u for u in meta_mod.find_urls(flow) if u.about_report and u.url != website), None)
    if publication is None:
        return None
    return Placed(publication.url, flow.span(publication.start, publication.end))


def _contact(front: meta_mod.Flow, everything: meta_mod.Flow) -> dict[str, tuple[str, Span]]:
    """Each contact detail found and where, in the format's order: the front's, else the first anywhere."""
    found = {field_id: (where, front) for field_id, where in meta_mod.find_contact(front).items()}
    for field_id, where in meta_mod.find_contact(everything).items():
        found.setdefault(field_id, (where, everything))
    contact: dict[str, tuple[str, Span]] = {}
    for field in spec.CONTACT_FIELDS:
        if field.id in found:
            (value, start, end), flow = found[field.id]
            contact[field.id] = value, flow.span(start, end)
    return contact
