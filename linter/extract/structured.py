"""A structured (YAML/JSON) report's data → `Report`: its section headings and the table layout
its keys follow.

The YAML and JSON readers parse the text and record positions; what the data means as a report
(which keys are sections, which format the tables are in) is decided here, as it is for
documents in `document.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .. import spec
from ..model import Finding, Heading, Report, ReportKind, Span

TablePath = tuple[str, ...]       # (table, [block,] row, column): a key path under /tables


def _layout_paths(version: str) -> frozenset[TablePath]:
    paths: set[TablePath] = set()
    for table in spec.TABLES[version].values():
        for block in table.blocks:
            base = (table.id,) if table.flat else (table.id, block.id)
            paths.add(base)
            for row in block.rows:
                paths.add(base + (row.id,))
                paths.update(base + (row.id, col.id) for col in block.columns)
    return frozenset(paths)


_ONLY: dict[str, frozenset[TablePath]] = {}


def _only_in(version: str) -> frozenset[TablePath]:
    """Table paths that exist in this format and not the other."""
    if not _ONLY:
        a, b = _layout_paths("2019"), _layout_paths("2021")
        _ONLY["2019"], _ONLY["2021"] = a - b, b - a
    return _ONLY[version]


_WITH_BLOCKS = frozenset(t.id for tables in spec.TABLES.values() for t in tables.values() if not t.flat)


def _rows(prefix: TablePath, rows: dict) -> Iterator[TablePath]:
    for rid, row in rows.items():
        yield prefix + (rid,)
        if isinstance(row, dict):
            yield from (prefix + (rid, cid) for cid in row)


def _present_paths(tables: dict) -> Iterator[TablePath]:
    for tid, table in tables.items():
        if not isinstance(table, dict):
            continue
        if tid in _WITH_BLOCKS:
            for bid, block in table.items():
                yield (tid, bid)
                if isinstance(block, dict):
                    yield from _rows((tid, bid), block)
        else:
            yield from _rows((tid,), table)


def layout_from_keys(data: dict) -> tuple[str | None, list[str]]:
    """The table layout a structured report follows, from its keys, with the deciding pointers.

    A key counts when it exists in only one format and its parent exists in both (so a
    2019-only block counts once, not once per cell). None when there is no evidence or the
    evidence is split evenly."""
    tables = data.get("tables")
    if not isinstance(tables, dict):
        return None, []
    found: dict[str, list[str]] = {"2019": [], "2021": []}
    for path in _present_paths(tables):
        for version in found:
            only = _only_in(version)
            if path in only and path[:-1] not in only:
                found[version].append(spec.join_pointer("tables", *path))
    old, new = found["2019"], found["2021"]
    if len(old) > len(new):
        return "2019", old
    if len(new) > len(old):
        return "2021", new
    return None, []


def report_from_data(path: str, kind: ReportKind, data: dict, spans: Mapping[str, Span], section_keys: dict[str, Span],
                     notes: list[Finding], lines: list[str]) -> Report:
    """The report of a parsed YAML/JSON file; `section_keys` are the spans of the keys under /sections."""
    headings: list[Heading] = []
    texts: list[str] = []
    sections = data.get("sections")
    if isinstance(sections, dict):
        for sid, body in sections.items():
            section = spec.SECTION_BY_ID.get(sid)
            if section is not None:
                headings.append(Heading(sid, section.full_heading, True, section_keys.get(sid)))
            if isinstance(body, str):
                texts.append(body)
    declared = data.get("format_version")
    version: str | None
    if isinstance(declared, str) and declared in spec.FORMAT_VERSIONS:
        version, evidence = declared, ["/format_version"]
    else:
        version, evidence = layout_from_keys(data)
    return Report(path=path, kind=kind, data=data, spans=spans, headings=headings, format_version=version,
                  layout_evidence=evidence, text="\n".join(texts), lines=lines, notes=notes)
