"""PDF tables read from pdfium's own drawing: findings unchanged on every PDF fixture, tables
across pages in LibreOffice-made PDFs, bounded pages.

- Every PDF fixture (tests/fixtures/pdf_fixtures.py) gives the findings recorded with the
  earlier pdfplumber-based reader (tests/fixtures/pdf_findings.json).
- The sample report and every planted-defect case, rendered as .docx with narrow label
  columns (labels wrap over several lines, 表三 runs over 2–3 pages with rows cut by page
  breaks) and converted to PDF by LibreOffice, give the findings of the .docx.
- A page with ~780,000 tiny characters in a 99×99 ruled grid ends quickly with a clear
  finding, in the real CLI, within the time budget and under 1 GB.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from xxgk_lint.config import Config
from xxgk_lint.engine import Linter

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
sys.path.insert(0, str(FIXTURES))
import make_documents  # noqa: E402
import pdf_fixtures  # noqa: E402
import soffice  # noqa: E402

sys.path.remove(str(FIXTURES))


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config())


# ---------------------------------------------------------------- before and after

def test_every_pdf_fixture_gives_the_findings_recorded_before_the_pdfium_reader(tmp_path, linter):
    recorded = json.loads(pdf_fixtures.RECORD.read_text(encoding="utf-8"))
    fixtures = pdf_fixtures.pdf_fixtures()
    assert sorted(fixtures) == sorted(recorded)
    changed = {name: (recorded[name], now) for name, data in fixtures.items()
               if (now := pdf_fixtures.findings(linter, name, data, tmp_path)) != recorded[name]}
    assert not changed
