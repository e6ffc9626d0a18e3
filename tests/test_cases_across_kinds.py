"""Every YAML conformance case, rendered as the documents people publish, must lint the same.

Each tests/cases/<CODE>/{fail,pass}/<case>.yaml is rendered by tests/fixtures/make_documents.py
as .txt, .md, .html and .docx (and as .pdf for a few fail cases: rendering and reading PDF is
slow), each rendering is linted, and its findings, as (code, JSON pointer), must equal those of
the YAML file itself. A second test checks that what the YAML findings point at, the rendering's
findings point at too (a line, a Word paragraph or table cell, a PDF page).

A difference is either legitimate, and declared below as data with its reason (the YAML holds
something the renderer cannot print, or that only a structured file can have), or a bug in
reading, extraction or a rule, listed in KNOWN_FINDING_BUGS / KNOWN_LOCATION_BUGS as a strict
xfail naming the cause. Remove an xfail entry when its bug is fixed (strict: the test fails as
soon as it passes).

Codes only documents can produce (F9xx extraction notes, S105 duplicate section, S106
non-standard heading, S110 2008-era layout) are deliberately *not* excused: make_documents
prints the official headings once, in template order, and the template's tables, so any of
them on a rendering means the reader or extractor misread a well-formed document.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from xxgk_lint.config import Config
from xxgk_lint.engine import Linter

TESTS = Path(__file__).resolve().parent
CASES = TESTS / "cases"
FIXTURES = TESTS / "fixtures"
SAMPLE = TESTS.parent / "examples" / "sample-2021.yaml"

FAST_KINDS = ("txt", "md", "html", "docx")
# PDF only for the fail cases of these codes: table arithmetic, a missing section/row, contact
# details and the year are where PDF layout (cell positions, wrapped lines) could lose a
# finding. S111's long intro sentence is the one case whose text wraps across PDF lines; V301's
# words and signs (减4, "-", "/") and T205's one-row （六） must survive PDF table cells.
PDF_CODES = ("A401", "T201", "S101", "C601", "D501", "S111", "V301", "T205")


def _yaml_cases() -> list[str]:
    """'A401/fail/row-totals' for tests/cases/A401/fail/row-totals.yaml, sorted."""
    return sorted(f"{p.parent.parent.name}/{p.parent.name}/{p.stem}"
                  for p in CASES.glob("*/*/*.yaml")
                  if p.name != "expected.yaml" and p.parent.name in ("fail", "pass"))


def _kinds(case: str) -> tuple[str, ...]:
    code, outcome, _ = case.split("/")
    return FAST_KINDS + ("pdf",) if outcome == "fail" and code in PDF_CODES else FAST_KINDS


# ---------------------------------------------------------------- legitimate differences

# Findings about the structured file itself rather than the report it holds. They are dropped
# from the YAML side only: a rendering that produced one would still be a difference.
STRUCTURED_ONLY_CODE_PREFIXES = {
    "Y0": "schema type errors and duplicate keys (an unquoted postcode read as int) exist only in "
          "typed YAML; the renderer prints the value as text and the loader keeps one of two keys",
    "T203": "an unknown row/column key is outside the template grid, so the renderer never prints it",
    "I0": "input findings (encoding, size, extension) describe the YAML file, not its report",
    "L0": "inline suppression comments live in the YAML source and are not rendered",
}


@dataclass(frozen=True)
class RendererDifference:
    only_in_yaml: frozenset[tuple[str, str]]
    only_in_rendering: frozenset[tuple[str, str]]
    reason: str


def _findings(*pairs: tuple[str, str]) -> frozenset[tuple[str, str]]:
    return frozenset(pairs)


# Cases whose defect make_documents cannot print as the YAML holds it. The declared difference
# must be exactly what every rendering shows, so an entry is noticed when it goes stale.
RENDERER_DIFFERENCES = {
    "A405/fail/carried-forward-missing": RendererDifference(
        _findings(("T201", "/tables/applications/carried_forward")),
        _findings(("T202", "/tables/applications/carried_forward")),
        "the renderer prints every template row, so the row missing from the YAML (T201) is "
        "printed with blank cells (T202)"),
    "S104/fail/reviews-after-problems": RendererDifference(
        _findings(("S104", "/sections/reviews")),
        _findings(),
        "the renderer prints sections in template order (spec.SECTIONS), not in the YAML "
        "mapping's order, so the misplaced section is back in place"),
    "D508/fail/title-year": RendererDifference(
        _findings(("D508", "/meta/title")),
        _findings(("D504", "/meta/statistics_period"), ("D505", "/meta/report_date"),
                  ("S108", "/meta/year")),
        "meta.year is not printed; a document's reporting year is its title's year (extract/"
        "meta.py: 'the title year wins'), so the 2020 title contradicts the 2021 period, the "
        "deadline of the report date and the 2021 table format instead of a separate year"),
}

# Findings about something the report lacks: the YAML points at the parent key's line, a
# document has nothing printed to point at.
ABSENCE_CODES = {
    "D501": "no year anywhere: nothing printed to point at",
    "D502": "no statistics period: nothing printed to point at",
}

# ---------------------------------------------------------------- known bugs (strict xfail)

KNOWN_FINDING_BUGS: dict[tuple[str, str], str] = {}

KNOWN_LOCATION_BUGS: dict[tuple[str, str], str] = {}


# ---------------------------------------------------------------- rendering


def _make_documents():
    sys.path.insert(0, str(FIXTURES))
    try:
        import make_documents
    finally:
        sys.path.remove(str(FIXTURES))
    return make_documents


def _date_as_printed(value) -> str:
    """make_documents._date_zh for dates the calendar lacks or already written out: a report
    prints 2022年2月30日 as typed (D503/D507 cases) and keeps 2022年1月30日 as is, where the
    fixture's date.fromisoformat() raises. Identical output for every valid ISO date."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(value).strip())
    if m is None:
        return str(value)
    year, month, day = (int(g) for g in m.groups())
    return f"{year}年{month}月{day}日"


_PERIOD_PLACEHOLDER = "〔统计期限〕"
_PERIOD_SENTENCE = f"本报告中所列数据的统计期限{_PERIOD_PLACEHOLDER}。"


def _items(make_documents, report: dict) -> list:
    """make_documents.build_items, also for a report without statistics period (D501/D502
    cases), which the fixture cannot render: the intro then simply lacks that sentence."""
    meta = report["meta"]
    period_missing = not meta.get("statistics_period")
    if period_missing:
        meta["statistics_period"] = {"text": _PERIOD_PLACEHOLDER}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(make_documents, "_date_zh", _date_as_printed)
        items = make_documents.build_items(report)
    if period_missing:
        holders = [item for item in items if _PERIOD_SENTENCE in item.text]
        assert len(holders) == 1, "make_documents no longer prints the period sentence as expected"
        holders[0].text = holders[0].text.replace(_PERIOD_SENTENCE, "")
    return items


@contextmanager
def _docx_cell_grid_cached():
    """python-docx recomputes a table's whole cell grid on every Table.cell() call, so that
    make_documents.render_docx takes ~0.9 s a report, most of this file's run time. The grid
    changes only when cells merge: keep it until the next merge. Output is byte-identical
    (test_docx_rendering_unchanged_by_cached_cell_grid)."""
    from docx.table import Table, _Cell

    uncached_cells, uncached_merge = Table._cells, _Cell.merge
    grids: dict[int, tuple[object, list]] = {}

    def cached_cells(table):
        key = id(table._tbl)
        if key not in grids:
            grids[key] = (table._tbl, uncached_cells.fget(table))   # holds the element: its id stays its own
        return grids[key][1]

    def merge_and_forget_grids(cell, other):
        grids.clear()
        return uncached_merge(cell, other)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Table, "_cells", property(cached_cells))
        mp.setattr(_Cell, "merge", merge_and_forget_grids)
        yield


def _render(make_documents, yaml_path: Path, out_dir: Path, kinds: tuple[str, ...]) -> dict[str, Path]:
    """Like make_documents.render_all, but only the kinds asked for (render_all always makes
    the slow PDF) and through _items for the values the fixture cannot print."""
    report = make_documents.load(yaml_path)
    items = _items(make_documents, report)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for kind in kinds:
        path = paths[kind] = out_dir / f"{yaml_path.stem}.{kind}"
        if kind == "txt":
            path.write_text(make_documents.render_txt(items), encoding="utf-8")
        elif kind == "md":
            path.write_text(make_documents.render_md(items), encoding="utf-8")
        elif kind == "html":
            path.write_text(make_documents.render_html(items, report), encoding="utf-8")
        elif kind == "docx":
            with _docx_cell_grid_cached():
                path.write_bytes(make_documents.render_docx(items, report))
        else:
            path.write_bytes(make_documents.render_pdf(items, report))
    return paths


class LintedCases:
    """Renders a case on first use and lints each file once, for both tests."""

    def __init__(self, root: Path):
        self.root = root
        self.make_documents = _make_documents()
        self.linter = Linter(Config())
        self.paths: dict[tuple[str, str], Path] = {}
        self.results: dict[tuple[str, str], list] = {}

    def path(self, case: str, kind: str) -> Path:
        if kind == "yaml":
            return CASES / f"{case}.yaml"
        if (case, kind) not in self.paths:
            kinds = (kind,) if kind == "pdf" else FAST_KINDS
            out_dir = self.root / case.replace("/", "__")
            for k, p in _render(self.make_documents, CASES / f"{case}.yaml", out_dir, kinds).items():
                self.paths[case, k] = p
        return self.paths[case, kind]

    def diagnostics(self, case: str, kind: str) -> list:
        """Every diagnostic, suppressed or not: a suppression comment is not rendered."""
        if (case, kind) not in self.results:
            result = self.linter.lint_file(str(self.path(case, kind)))
            assert result.checked and result.kind == kind, (
                f"{case}.{kind} was read as {result.kind!r} (checked={result.checked})")
            self.results[case, kind] = result.diagnostics
        return self.results[case, kind]


@pytest.fixture(scope="module")
def linted(tmp_path_factory) -> LintedCases:
    return LintedCases(tmp_path_factory.mktemp("cases-across-kinds"))


def _params(known_bugs: dict[tuple[str, str], str]) -> list:
    return [pytest.param(case, kind, id=f"{case}.{kind}",
                         marks=[pytest.mark.xfail(strict=True, reason=known_bugs[case, kind])]
                         if (case, kind) in known_bugs else [])
            for case in _yaml_cases() for kind in _kinds(case)]


def _key(d) -> tuple[str, str]:
    return d.code, d.location.pointer


def _describe(diagnostics) -> str:
    return "\n".join(f"  {d.code} pointer={d.location.pointer!r} {d.message.zh}"
                     for d in diagnostics) or "  (none)"


# ---------------------------------------------------------------- the tests


def _expected_from_yaml(linted: LintedCases, case: str) -> Counter:
    from_yaml = Counter(_key(d) for d in linted.diagnostics(case, "yaml")
                        if not d.code.startswith(tuple(STRUCTURED_ONLY_CODE_PREFIXES)))
    difference = RENDERER_DIFFERENCES.get(case)
    if difference is not None:
        stale = difference.only_in_yaml - set(from_yaml)
        assert not stale, f"RENDERER_DIFFERENCES[{case!r}] is stale: the YAML no longer gives {sorted(stale)}"
        from_yaml -= Counter(difference.only_in_yaml)
        from_yaml += Counter(difference.only_in_rendering)
    return from_yaml


@pytest.mark.parametrize("case, kind", _params(KNOWN_FINDING_BUGS))
def test_rendering_gives_the_findings_of_the_yaml(linted, case, kind):
    expected = _expected_from_yaml(linted, case)
    rendered = linted.diagnostics(case, kind)
    got = Counter(_key(d) for d in rendered)
    assert got == expected, (
        f"{case}: the {kind} rendering differs from the YAML\n"
        f"only from the YAML: {sorted((expected - got).elements())}\n"
        f"only from the {kind}: {sorted((got - expected).elements())}\n"
        f"YAML findings:\n{_describe(linted.diagnostics(case, 'yaml'))}\n"
        f"{kind} findings:\n{_describe(rendered)}")


def _located(kind: str, location) -> bool:
    """Whether a finding points somewhere in the file, in the terms that kind can give."""
    if kind in ("yaml", "txt", "md", "html"):
        return location.line is not None
    if kind == "docx":
        return location.paragraph is not None or location.table_index is not None
    return location.page is not None


@pytest.mark.parametrize("case, kind", _params(KNOWN_LOCATION_BUGS))
def test_rendering_locates_what_the_yaml_locates(linted, case, kind):
    located_in_yaml = {_key(d) for d in linted.diagnostics(case, "yaml") if _located("yaml", d.location)}
    compared = [d for d in linted.diagnostics(case, kind)
                if _key(d) in located_in_yaml and d.code not in ABSENCE_CODES]
    unlocated = [d for d in compared if not _located(kind, d.location)]
    assert not unlocated, f"{case}.{kind}: findings with no place in the file:\n{_describe(unlocated)}"


def test_docx_rendering_unchanged_by_cached_cell_grid(tmp_path):
    make_documents = _make_documents()
    report = make_documents.load(SAMPLE)
    items = make_documents.build_items(report)
    plain = make_documents.render_docx(items, report)
    with _docx_cell_grid_cached():
        cached = make_documents.render_docx(items, report)
    assert cached == plain


def test_declared_differences_and_bugs_name_existing_parametrizations():
    cases = set(_yaml_cases())
    known = {(case, kind) for case in cases for kind in _kinds(case)}
    unknown = ([c for c in RENDERER_DIFFERENCES if c not in cases]
               + [k for k in (*KNOWN_FINDING_BUGS, *KNOWN_LOCATION_BUGS) if k not in known])
    assert not unknown, f"entries for cases or kinds that are not tested: {unknown}"
    assert all(d.reason and (d.only_in_yaml or d.only_in_rendering) for d in RENDERER_DIFFERENCES.values())
