"""PDF reading cost as a ratio to pypdfium2's own text extraction of the same pages, measured
in one run (issue 18: at most 10×, goal 5×).

    python bench/pdf_bench.py [--rounds 5] [--no-office] [--before REV]

Two sets of realistic PDFs:
- LibreOffice-made: the sample report and every planted-defect case, rendered as .docx with
  narrow label columns (表三 over 2–3 pages, labels wrapped in cells) and converted by
  `soffice` (skipped with --no-office or without LibreOffice);
- the PDF fixtures of the test suite (tests/fixtures/pdf_fixtures.py: reportlab renderings
  of the sample, the conformance cases and the real reports).
For each set: CPU seconds (process time, best of --rounds) of `readers.pdf.read` and of
opening each PDF with pypdfium2 and extracting every page's text, per page and as a ratio.
With --before REV, the reader of that git revision (e.g. the pdfplumber-based one) is
measured in the same run too.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import make_documents  # noqa: E402  (the test fixture renderers, shared with the tests)
import pdf_fixtures  # noqa: E402
import soffice  # noqa: E402

from xxgk_lint.readers import pdf  # noqa: E402


def text_only(data: bytes) -> int:
    """pypdfium2's own text extraction: open, every page's text; returns the page count."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        for i in range(len(document)):
            document[i].get_textpage().get_text_range()
        return len(document)
    finally:
        document.close()


def cpu(fn, files: list[bytes], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for data in files:
            fn(data)
        best = min(best, time.process_time() - start)
    return best


def office_pdfs(folder: Path) -> list[bytes]:
    sources = []
    yamls = [Path(make_documents.DEFAULT_YAML), *sorted((ROOT / "tests" / "cases").glob("*/fail/*.yaml"))]
    for path in yamls:
        report = make_documents.load(path)
        try:
            items = make_documents.build_items(report)
        except (KeyError, TypeError, ValueError):
            continue        # a case the renderer cannot print
        source = folder / f"{len(sources):03d}.docx"
        source.write_bytes(make_documents.render_docx(items, report, narrow_labels=True))
        sources.append(source)
    return [p.read_bytes() for p in soffice.convert(sources, "pdf", folder / "pdf")]


def reader_at(revision: str):
    """readers/pdf.py as it was at a git revision, imported beside the current one."""
    import importlib.util
    import subprocess

    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{revision}:linter/readers/pdf.py"],
                            check=True, capture_output=True, text=True, encoding="utf-8").stdout
    folder = Path(tempfile.mkdtemp(prefix="xxgk-pdf-before-"))
    (folder / "pdf_before.py").write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("xxgk_lint.readers.pdf_before", folder / "pdf_before.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def measure(name: str, files: list[bytes], rounds: int, before=None) -> None:
    pages = sum(text_only(data) for data in files)
    readers = {"xxgk-lint": pdf} | ({"before": before} if before else {})
    for module in readers.values():        # warm-up: lazy imports and pdfium's own caches
        for data in files[:3]:
            _read(module, data)
    baseline = cpu(text_only, files, rounds)
    line = [f"{name}: {len(files)} PDFs, {pages} pages; pypdfium2 text {1000 * baseline / pages:.2f} ms CPU/page"]
    for label, module in readers.items():
        seconds = cpu(lambda data, module=module: _read(module, data), files, rounds)
        line.append(f"{label} {1000 * seconds / pages:.2f} ms CPU/page = {seconds / baseline:.1f}×")
        # the baseline again after each reader: a changing load shows as a drift here
        baseline = min(baseline, cpu(text_only, files, rounds))
    print("; ".join(line))


def _read(module, data: bytes) -> None:
    from xxgk_lint.model import InputProblem

    try:
        module.read("bench.pdf", data)
    except InputProblem:
        pass            # the hostile fixtures end in a finding; that is their cost


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-office", action="store_true")
    parser.add_argument("--before", metavar="REV", help="also measure readers/pdf.py of this git revision")
    args = parser.parse_args(argv)
    before = reader_at(args.before) if args.before else None
    if not args.no_office and soffice.SOFFICE:
        with tempfile.TemporaryDirectory() as folder:
            measure("LibreOffice-made", office_pdfs(Path(folder)), args.rounds, before)
    measure("test fixtures", list(pdf_fixtures.pdf_fixtures().values()), args.rounds, before)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
