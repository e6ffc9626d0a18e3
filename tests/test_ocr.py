"""Scanned reports read by offline OCR (issue 19): the same findings as the text PDF.

Reports are rendered by make_documents as text PDFs, then scanned in the test with real
libraries (pypdfium2 render at 150/200 dpi, Pillow rotation and blur; tests/fixtures/scan.py).
Recognition costs seconds a page on the 2-core machine, so each scanned file is linted once
per session (`_Scans`), and a planted defect is scanned on its own page only: the other
pages keep their text layer, and the findings must equal the text PDF's all the same.

The network guard of conftest.py is active in every test here: OCR never goes online.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from xxgk_lint.config import Config
from xxgk_lint.engine import OCR_CONFIDENT, Linter
from xxgk_lint.readers import ocr

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
CASES = TESTS / "cases"
SAMPLE = ROOT / "examples" / "sample-2021.yaml"
SEED = ROOT / "examples" / "jianning-suixi-2021.txt"
# The fail cases the cross-kind test also renders as PDF (test_cases_across_kinds.PDF_CODES):
# table arithmetic, contact details, the year and a long intro sentence.
DEFECT_CODES = ("A401", "C601", "D501", "S111")

pytestmark = [pytest.mark.slow,     # renders, scans and recognises whole reports
              pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")]


def _fixture(name: str):
    sys.path.insert(0, str(TESTS / "fixtures"))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(TESTS / "fixtures"))


make_documents = _fixture("make_documents")
scan = _fixture("scan")
across_kinds = __import__("test_cases_across_kinds")


def _text_pdf(yaml_path: Path) -> bytes:
    """The report as make_documents prints it, through the cross-kind test's items (which
    also print a report without statistics period, as the D501 case has)."""
    report = make_documents.load(yaml_path)
    return make_documents.render_pdf(across_kinds._items(make_documents, report), report)


def _key(d) -> tuple[str, str]:
    return d.code, d.location.pointer


class _Scans:
    """Files written once and linted once per session."""

    def __init__(self, root: Path):
        self.root = root
        self.linter = Linter(Config(), keep_data=True)
        self.results: dict[str, object] = {}

    def lint(self, name: str, make) -> object:
        if name not in self.results:
            path = self.root / name
            path.write_bytes(make())
            self.results[name] = self.linter.lint_file(str(path))
        return self.results[name]


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> _Scans:
    return _Scans(tmp_path_factory.mktemp("scans"))


def _describe(result) -> str:
    return "\n".join(f"  {d.severity} {d.code} {d.location.pointer!r} {d.message.zh}"
                     for d in result.diagnostics) or "  (none)"


# ---------------------------------------------------------------- clean scans


@pytest.mark.parametrize("dpi, angle", ((150, 0.7), (200, -1.2)))
def test_clean_scan_has_no_errors_and_reads_what_the_text_pdf_holds(scans, dpi, angle):
    text = scans.lint("sample.pdf", lambda: _text_pdf(SAMPLE))
    scanned = scans.lint(f"sample-{dpi}.pdf", lambda: scan.scanned_pdf(_text_pdf(SAMPLE), dpi, angle=angle))
    assert scanned.checked and scanned.kind == "pdf"
    assert [d for d in scanned.diagnostics if d.severity == "error"] == [], _describe(scanned)
    assert Counter(map(_key, scanned.diagnostics)) == Counter(map(_key, text.diagnostics)), _describe(scanned)
    # every table value and the metadata, as the text layer has them
    assert scanned.data["tables"] == text.data["tables"]
    assert scanned.data["meta"] == text.data["meta"]


# ---------------------------------------------------------------- planted defects


def _defect_cases() -> list[Path]:
    return sorted(p for code in DEFECT_CODES for p in (CASES / code / "fail").glob("*.yaml")
                  if p.name != "expected.yaml")


def _planted(old: str, new: str, tmp: Path) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp / "planted.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


PLANTED = {
    # test_formats_end_to_end's two: an arithmetic slip in 表三 and a "/" for 0
    "arithmetic": ("unable_1:         {natural_person: 2, commercial: 0, research: 0, social_welfare: 0, "
                   "legal_service: 1",
                   "unable_1:         {natural_person: 2, commercial: 0, research: 0, social_welfare: 0, "
                   "legal_service: 2"),
    "slash": ("withheld_2:       {natural_person: 0,", 'withheld_2:       {natural_person: "/",'),
}


def _defect_params() -> list:
    params = [pytest.param(p, id=f"{p.parent.parent.name}/{p.stem}") for p in _defect_cases()]
    return params + [pytest.param(name, id=f"planted/{name}") for name in PLANTED]


@pytest.mark.parametrize("case", _defect_params())
def test_planted_defect_found_on_its_scanned_page_as_in_the_text_pdf(scans, tmp_path, case):
    source = case if isinstance(case, Path) else _planted(*PLANTED[case], tmp_path)
    name = case.stem if isinstance(case, Path) else case
    pdf = _text_pdf(source)
    text = scans.lint(f"{name}.pdf", lambda: pdf)
    assert text.diagnostics, "the planted defect gives no finding in the text PDF"
    # the page the defect's findings point at (the title page for what is absent)
    page = min((d.location.page for d in text.diagnostics if d.location.page), default=1) - 1
    dpi = (150, 200)[len(name) % 2]        # both resolutions across the cases
    scanned = scans.lint(f"{name}-scan.pdf", lambda: scan.with_scanned_page(pdf, page, dpi, angle=-0.6))
    assert Counter(map(_key, scanned.diagnostics)) == Counter(map(_key, text.diagnostics)), (
        f"text PDF:\n{_describe(text)}\nscanned page {page + 1}:\n{_describe(scanned)}")
    on_scan = [d for d in scanned.diagnostics if d.location.page == page + 1]
    assert on_scan and all(d.location.ocr is not None for d in on_scan)
    assert all("（OCR）" in d.location.span().describe() for d in on_scan)


# ---------------------------------------------------------------- the seed


def test_seed_printed_and_scanned_gives_the_printed_texts_findings(scans, tmp_path):
    """The seed report (examples/jianning-suixi-2021.txt) as an organ prints it: its extracted
    report rendered by make_documents (its missing rows print as blank rows, as
    test_cases_across_kinds declares), scanned at 200 dpi. Same findings as the print's text."""
    seed_yaml = tmp_path / "seed.yaml"
    extracted = subprocess.run([sys.executable, "-m", "xxgk_lint", "extract", str(SEED), "-o", str(seed_yaml)],
                               capture_output=True, text=True, encoding="utf-8")
    assert extracted.returncode == 0, extracted.stderr
    pdf = _text_pdf(seed_yaml)
    text = scans.lint("seed.pdf", lambda: pdf)
    scanned = scans.lint("seed-200.pdf", lambda: scan.scanned_pdf(pdf, 200, angle=0.9))
    assert {d.code for d in text.diagnostics} >= {"S103", "T202", "N701", "N702"}
    assert Counter(map(_key, scanned.diagnostics)) == Counter(map(_key, text.diagnostics)), (
        f"text PDF:\n{_describe(text)}\nscan:\n{_describe(scanned)}")
    assert [d.severity for d in scanned.diagnostics] == [d.severity for d in text.diagnostics]


# ---------------------------------------------------------------- doubtful readings


def _text_runs(pdf: bytes, index: int) -> list[dict]:
    """The text runs pdfium finds on a page, with their boxes in top-down coordinates."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[index]
        textpage = page.get_textpage()
        height = page.get_height()
        runs = []
        for i in range(textpage.count_rects()):
            x0, y0, x1, y1 = textpage.get_rect(i)
            text = textpage.get_text_bounded(x0, y0, x1, y1).strip()
            if text:
                runs.append({"text": text, "x0": x0, "x1": x1, "top": height - y1, "bottom": height - y0})
        return runs
    finally:
        doc.close()


def test_smudged_value_gives_a_warning_that_asks_to_check_the_original(scans, tmp_path):
    """A value scribbled over on the scan: whatever its finding, it rests on a doubtful reading,
    so it is a warning saying 识别值，请核对原件, never an error."""
    from PIL import ImageDraw

    pdf = _text_pdf(SAMPLE)
    words = _text_runs(pdf, 1)
    row = next(w for w in words if w["text"].startswith("一、本年新收"))
    total = max((w for w in words if abs(w["top"] - row["top"]) < 3 and w["text"].isdigit()), key=lambda w: w["x0"])

    def smudge(image, page, scale):
        if page == 1:
            draw = ImageDraw.Draw(image)
            x0, y0, x1, y1 = (v * scale for v in (total["x0"] - 4, total["top"] - 3,
                                                  total["x1"] + 4, total["bottom"] + 3))
            for k in range(0, int(x1 - x0), 3):
                draw.line((x0 + k, y0, x0 + k + 8, y1), fill=60, width=2)

    scanned = scans.lint("smudged.pdf", lambda: scan.with_scanned_page(pdf, 1, 200, retouch=smudge))
    doubtful = [d for d in scanned.diagnostics if d.location.ocr is not None and d.location.ocr < OCR_CONFIDENT]
    assert doubtful, _describe(scanned)
    assert all(d.severity != "error" and "识别值，请核对原件" in d.message.zh for d in doubtful)
    assert any(d.location.pointer.startswith("/tables/applications/new") for d in doubtful), _describe(scanned)
    assert [d for d in scanned.diagnostics if d.severity == "error"] == [], _describe(scanned)


# ---------------------------------------------------------------- image files, the CLI


def test_multipage_tiff_scan_is_read_like_the_pdf(scans):
    result = scans.lint("sample-150.tiff",
                        lambda: scan.tiff(scan.scanned_pages(_text_pdf(SAMPLE), 150, angle=1.5), 150))
    assert result.checked and result.kind == "image"
    assert result.diagnostics == [], _describe(result)


def test_cli_json_marks_findings_read_by_ocr(tmp_path):
    """A photo-like JPEG of the page with 表三 of a report with an arithmetic slip, through the
    real CLI: the JSON diagnostics carry the ocr flag and confidence, the text output says
    第1页（OCR）."""
    source = _planted(*PLANTED["arithmetic"], tmp_path)
    image = scan.scanned_pages(_text_pdf(source), 200, pages=[1], angle=-2.0, blur=1.0)[0]
    path = tmp_path / "表三.jpg"
    path.write_bytes(scan.single(image, "JPEG", 200))
    run = subprocess.run([sys.executable, "-m", "xxgk_lint", "check", "--format", "json", str(path)],
                         capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 1, run.stderr
    diagnostics = json.loads(run.stdout)["files"][0]["diagnostics"]
    found = {d["code"]: d for d in diagnostics}
    assert found["A401"]["location"]["pointer"] == "/tables/applications/unable_1/total"
    located = [d for d in diagnostics if d["location"].get("page") == 1]
    assert located and all(d["ocr"] is True and 0 <= d["ocr_confidence"] <= 1 for d in located)
    assert all("ocr" not in d for d in diagnostics if "page" not in d["location"])
    text = subprocess.run([sys.executable, "-m", "xxgk_lint", "check", str(path)],
                          capture_output=True, text=True, encoding="utf-8")
    assert "第1页（OCR）" in text.stdout


# ---------------------------------------------------------------- without the extra

# Run before the CLI: the OCR engine cannot be imported, as in an install without the extra.
_HIDE_OCR = """
import importlib.abc, sys
class HideOcr(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("rapidocr", "onnxruntime"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, HideOcr())
from xxgk_lint.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("name", ("scan.pdf", "scan.png"))
def test_without_the_extra_a_scan_gets_i006_with_the_install_hint(tmp_path, name):
    image = scan.scanned_pages(_text_pdf(SAMPLE), 150, pages=[0])[0]
    path = tmp_path / name
    path.write_bytes(scan.image_pdf([image], 150) if name.endswith(".pdf") else scan.single(image, "PNG", 150))
    run = subprocess.run([sys.executable, "-c", _HIDE_OCR, "check", "--format", "json", str(path)],
                         capture_output=True, text=True, encoding="utf-8",
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert run.returncode == 1, run.stderr
    [diagnostic] = json.loads(run.stdout)["files"][0]["diagnostics"]
    assert diagnostic["code"] == "I006"
    assert "pip install 'xxgk-lint[ocr]'" in diagnostic["message_zh"]
    assert "OCR" in diagnostic["message_zh"]


# ---------------------------------------------------------------- the audit


def test_audit_reads_a_scan_in_its_worker_within_the_default_limit(tmp_path):
    """A scanned page in a county folder: read by OCR in the audit's worker process (one
    worker, `--jobs 1`) and checked, not cut by the default per-file time limit."""
    from xxgk_lint.audit import DEFAULT_TIMEOUT_S, run_audit

    image = scan.scanned_pages(_text_pdf(SAMPLE), 150, pages=[2])[0]      # the short last page
    (tmp_path / "扫描件.png").write_bytes(scan.single(image, "PNG", 150))
    audit = run_audit([str(tmp_path)], Config(), jobs=1)
    [record] = audit.records
    assert record.checked and record.kind == "image", [d.message.zh for d in record.diagnostics]
    assert record.seconds < DEFAULT_TIMEOUT_S
    assert any(d.location.ocr is not None for d in record.diagnostics)


def test_damaged_image_is_a_clear_finding_not_a_traceback(tmp_path):
    image = scan.scanned_pages(_text_pdf(SAMPLE), 150, pages=[2])[0]
    path = tmp_path / "截断.png"
    path.write_bytes(scan.single(image, "PNG", 150)[:5000])
    result = Linter(Config()).lint_file(str(path))
    assert not result.checked
    [diagnostic] = result.diagnostics
    assert diagnostic.code == "I001" and "图片文件已损坏" in diagnostic.message.zh
