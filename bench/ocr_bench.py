"""OCR benchmark: seconds per scanned page, and the ratio to reading the same report's text PDF,
measured in one run.

    python bench/ocr_bench.py [--dpi 200] [--rounds 2]

The sample report (examples/sample-2021.yaml) is rendered as a text PDF by the test fixture
renderer and scanned as the OCR tests scan it (tests/fixtures/scan.py: grey, turned 0.7°,
blurred); both are then read + extracted. The first round loads the OCR models and is
reported apart. Needs the `ocr` extra.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import make_documents  # noqa: E402  (the test fixture renderer, shared with the tests)
import scan  # noqa: E402  (the test fixture scanner)

from xxgk_lint.extract import extract  # noqa: E402
from xxgk_lint.readers import ocr, read  # noqa: E402


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not ocr.available():
        print("the ocr extra is not installed: pip install 'xxgk-lint[ocr]'", file=sys.stderr)
        return 2
    report = make_documents.load(make_documents.DEFAULT_YAML)
    text_pdf = make_documents.render_pdf(make_documents.build_items(report), report)
    scanned = scan.scanned_pdf(text_pdf, args.dpi)
    import pypdfium2 as pdfium
    pages = len(pdfium.PdfDocument(scanned))

    first = timed(lambda: extract(read("scan.pdf", scanned)))
    text_s = min(timed(lambda: extract(read("text.pdf", text_pdf))) for _ in range(5))
    scan_s = min(timed(lambda: extract(read("scan.pdf", scanned))) for _ in range(args.rounds))
    print(f"scanned report: {pages} pages at {args.dpi} dpi")
    print(f"first read (loads the models): {first:.2f} s")
    print(f"OCR: {scan_s / pages:.2f} s per scanned page ({scan_s:.2f} s the report)")
    print(f"text PDF of the same report: {text_s * 1000:.0f} ms; the scan takes {scan_s / text_s:.0f}× as long")
    return 0


if __name__ == "__main__":
    sys.exit(main())
