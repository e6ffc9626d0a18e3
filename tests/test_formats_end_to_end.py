"""The same report in every input kind: clean → zero findings; a planted defect → the same
findings, each located where that kind can point (line, Word table cell, PDF page)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from xxgk_lint.engine import Linter

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-2021.yaml"
KINDS = ("txt", "md", "html", "docx", "pdf")


def render(yaml_path: Path, out_dir: Path) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    try:
        import make_documents
    finally:
        sys.path.remove(str(ROOT / "tests" / "fixtures"))
    return {"yaml": yaml_path, **make_documents.render_all(yaml_path, out_dir)}


def plant(tmp_path: Path, old: str, new: str) -> dict[str, Path]:
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    source = tmp_path / "planted.yaml"
    source.write_text(text.replace(old, new), encoding="utf-8")
    return render(source, tmp_path)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


@pytest.mark.parametrize("kind", ("yaml", *KINDS))
def test_clean_sample_has_no_findings_in_any_kind(kind, sample_documents, linter):
    path = SAMPLE if kind == "yaml" else sample_documents[kind]
    result = linter.lint_file(str(path))
    assert result.checked and result.kind == kind
    assert [(d.code, d.message.zh) for d in result.diagnostics] == []


@pytest.fixture(scope="module")
def arithmetic_defect(tmp_path_factory) -> dict[str, Path]:
    # （四）1 法律服务机构 1 → 2: its row total (A401) and the （七） column sum (A402) break.
    return plant(tmp_path_factory.mktemp("arith"),
                 "unable_1:         {natural_person: 2, commercial: 0, research: 0, social_welfare: 0, "
                 "legal_service: 1",
                 "unable_1:         {natural_person: 2, commercial: 0, research: 0, social_welfare: 0, "
                 "legal_service: 2")


EXPECTED = {("A401", "/tables/applications/unable_1/total"),
            ("A402", "/tables/applications/results_total/legal_service")}


@pytest.mark.parametrize("kind", ("yaml", *KINDS))
def test_planted_arithmetic_defect_found_in_every_kind(kind, arithmetic_defect, linter):
    path = arithmetic_defect[kind]
    result = linter.lint_file(str(path))
    assert {(d.code, d.location.pointer) for d in result.diagnostics} == EXPECTED
    for d in result.diagnostics:
        loc = d.location
        assert loc.table == "表三"
        if kind in ("yaml", "txt", "md", "html"):
            source_line = path.read_text(encoding="utf-8").splitlines()[loc.line - 1]
            label = "本机关不掌握相关政府信息" if d.code == "A401" else "总计"
            assert label in source_line or "unable_1" in source_line or "results_total" in source_line
        elif kind == "docx":
            from docx import Document
            table = Document(str(path)).tables[loc.table_index - 1]
            row = table.rows[loc.row_index - 1]
            assert row.cells[loc.cell_index - 1].text.strip() == ("3" if d.code == "A401" else "1")
            assert any("本机关不掌握相关政府信息" in c.text or "总计" in c.text for c in row.cells)
        else:
            assert loc.page is not None and loc.page >= 1 and loc.cell_index is not None


@pytest.mark.parametrize("kind", ("yaml", *KINDS))
def test_placeholder_cell_found_in_every_kind(kind, tmp_path_factory, linter):
    cache = tmp_path_factory.getbasetemp() / "placeholder"
    if not cache.exists():
        cache.mkdir()
        plant(cache, "withheld_2:       {natural_person: 0,", 'withheld_2:       {natural_person: "/",')
    path = cache / f"planted.{kind}"
    result = linter.lint_file(str(path))
    placeholder = [d for d in result.diagnostics if d.code == "V301"]
    assert [d.location.pointer for d in placeholder] == ["/tables/applications/withheld_2/natural_person"]
    assert re.search(r"“/”|'/'|\"/\"", placeholder[0].message.zh)
    assert placeholder[0].location.row and "其他法律行政法规禁止公开" in placeholder[0].location.row
