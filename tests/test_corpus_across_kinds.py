"""The real reports (corpus and seed) as the other kinds a clerk may hold them in — an HTML page
with one <p> per line, a Word document and a PDF with one paragraph per line (PDF wraps the
long ones), and the same text in GB18030 with CRLF line ends, UTF-8 with a BOM or UTF-16 —
give the findings of the plain text. The documents are made by real libraries (python-docx,
reportlab) or written as a browser would receive them; only the reading differs, so any
difference is a reader or extraction bug, listed in KNOWN_DIFFERENCES until it is fixed."""

from __future__ import annotations

import html
import sys
from collections import Counter
from pathlib import Path

import pytest

from xxgk_lint.engine import Linter

FIXTURES = str(Path(__file__).resolve().parent / "fixtures")
sys.path.insert(0, FIXTURES)
import pdf_fixtures  # noqa: E402  (the PDF printing is shared with the PDF fixture record)

sys.path.remove(FIXTURES)

ROOT = Path(__file__).resolve().parents[1]
REPORTS = [*sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt")),
           ROOT / "examples" / "jianning-suixi-2021.txt"]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def _published_lines(path: Path) -> list[str]:
    # the corpus files open with `# source:` / `# completeness:` notes that published reports lack
    return [line for line in path.read_text(encoding="utf-8").split("\n") if not line.startswith("# ")]


def _html(lines: list[str]) -> bytes:
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines if line.strip())
    return (f'<html><head><meta charset="utf-8"><title>政府信息公开</title></head><body>\n'
            f'<div class="article">\n{body}</div></body></html>').encode("utf-8")


def _docx(lines: list[str]) -> bytes:
    import io

    import docx

    document = docx.Document()
    for line in lines:
        if line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _text(lines: list[str], encoding: str, newline: str = "\n", bom: bytes = b"") -> bytes:
    return bom + newline.join(lines).encode(encoding)


KINDS = {
    "page.html": _html,
    "document.docx": _docx,
    "document.pdf": pdf_fixtures.lines_pdf,
    "gb18030-crlf.txt": lambda lines: _text(lines, "gb18030", "\r\n"),
    "utf8-bom.txt": lambda lines: _text(lines, "utf-8", bom=b"\xef\xbb\xbf"),
    "utf16.txt": lambda lines: _text(lines, "utf-16"),
}


# (report stem, kind) → why that rendering legitimately differs (a strict xfail). None now: the
# one there was (a heading wrapped by PDF inside a flattened line, 2024_zhejiang-jyt) is read.
KNOWN_DIFFERENCES: dict[tuple[str, str], str] = {}


def _findings(linter: Linter, path: Path, *, with_lines: bool) -> Counter:
    # I-codes describe the file itself (a guessed encoding, a kind mismatch), not the report
    return Counter((d.code, d.location.pointer or "", d.location.line if with_lines else None)
                   for d in linter.lint_file(str(path)).diagnostics if not d.code.startswith("I"))


def _params():
    for report in REPORTS:
        for kind in KINDS:
            reason = KNOWN_DIFFERENCES.get((report.stem, kind))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(report, kind, id=f"{report.stem}-{kind}", marks=marks)


@pytest.mark.parametrize("report, kind", list(_params()))
def test_real_report_gives_the_same_findings_in_every_form(tmp_path, linter, report, kind):
    lines = _published_lines(report)
    plain = tmp_path / "plain.txt"
    plain.write_text("\n".join(lines), encoding="utf-8")
    other = tmp_path / kind
    other.write_bytes(KINDS[kind](lines))
    # text encodings keep every line where it was; documents renumber blank lines away
    with_lines = kind.endswith(".txt")
    expected = _findings(linter, plain, with_lines=with_lines)
    assert expected, "a real report with no finding at all would make this comparison empty"
    assert _findings(linter, other, with_lines=with_lines) == expected
