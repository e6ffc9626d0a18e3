"""The audit's .html export in a real browser (headless Chromium, offline): the inline script
runs, the chart is drawn, and a screenshot shows it (pixels counted with a small PNG decoder)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from urllib.parse import quote

import pytest

from xxgk_lint.audit import run_audit
from xxgk_lint.audit.exports import export
from xxgk_lint.config import Config

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [pytest.mark.slow,     # a real headless browser
              pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", *args],
        capture_output=True, timeout=120, check=False)


def decode_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """(width, height, rows of raw pixels, bytes per pixel) of an 8-bit RGB/RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        filt = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if filt == 1:
                line[x] = (line[x] + a) & 255
            elif filt == 2:
                line[x] = (line[x] + b) & 255
            elif filt == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> tuple[Path, int]:
    root = tmp_path_factory.mktemp("html")
    reports = root / "reports"
    reports.mkdir()
    shutil.copy(ROOT / "examples" / "jianning-suixi-2021.txt", reports / "seed.txt")
    shutil.copy(ROOT / "examples" / "sample-2021.yaml", reports / "a.yaml")
    shutil.copy(ROOT / "examples" / "sample-2021.yaml", reports / "b.yaml")
    (reports / "empty.txt").write_bytes(b"")
    audit = run_audit([str(reports)], Config(), jobs=2)
    out = root / "审核结果.html"
    export(audit, str(out))
    return out, len(audit.records)


def test_page_runs_its_script_and_has_the_chart(page, tmp_path):
    path, files = page
    proc = chromium(tmp_path, "--dump-dom", path.as_uri())
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    dom = proc.stdout.decode("utf-8")
    assert re.search(r'<html[^>]*data-ready="1"', dom)                 # the inline script ran
    assert f'<span id="shown-count">{files} / {files}</span>' in dom
    charts = re.findall(r"<svg[^>]*class=\"chart\".*?</svg>", dom, re.S)
    assert len(charts) == 2
    widths = [int(w) for w in re.findall(r'<rect[^>]*width="(\d+)"', charts[1])]
    assert len(widths) >= 4 and max(widths) > 100 and min(widths) >= 2
    assert "建宁县濉溪镇人民政府" in dom and dom.count('<details class="report"') == files - 1


def test_a_link_can_open_a_filtered_view(page, tmp_path):
    path, files = page
    proc = chromium(tmp_path, "--dump-dom", path.as_uri() + "#filter=" + quote("濉溪"))
    dom = proc.stdout.decode("utf-8")
    assert f'<span id="shown-count">1 / {files}</span>' in dom
    rows = re.findall(r"<tr class=\"[a-z_]+\"[^>]*>", dom)
    assert len(rows) == files and sum("hidden" in r for r in rows) == files - 1


def test_a_malformed_filter_link_does_not_break_the_page(page, tmp_path):
    path, files = page
    proc = chromium(tmp_path, "--dump-dom", path.as_uri() + "#filter=%E0%A4%A")   # decodeURIComponent throws
    dom = proc.stdout.decode("utf-8")
    assert re.search(r'<html[^>]*data-ready="1"', dom)                 # the script ran to its end
    assert f'<span id="shown-count">0 / {files}</span>' in dom          # filtered by the text as typed


def test_screenshot_shows_the_page_and_its_bars(page, tmp_path):
    path, _ = page
    shot = tmp_path / "shot.png"
    proc = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1000,900", "--hide-scrollbars",
                    path.as_uri())
    assert proc.returncode == 0 and shot.exists(), proc.stderr.decode("utf-8", "replace")[-2000:]
    width, height, rows, bpp = decode_png(shot.read_bytes())
    assert (width, height) == (1000, 900)
    ink = bars = 0
    for row in rows:
        for x in range(0, width * bpp, bpp):
            r, g, b = row[x], row[x + 1], row[x + 2]
            if r < 235 or g < 235 or b < 235:
                ink += 1
            if r > 150 and g < 90 and b < 90:                           # the red/orange bars (errors)
                bars += 1
    assert ink > 0.02 * width * height, ink                             # not a blank page
    assert bars > 2000, bars                                            # the chart is visible


def test_printing_shows_every_finding(page, tmp_path):
    """Printed (to PDF by the browser), the collapsed findings of every report are on paper."""
    import unicodedata

    import pypdfium2 as pdfium

    path, _ = page
    pdf = tmp_path / "printed.pdf"
    proc = chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", path.as_uri())
    assert proc.returncode == 0 and pdf.exists(), proc.stderr.decode("utf-8", "replace")[-2000:]
    doc = pdfium.PdfDocument(pdf)
    text = "".join(p.get_textpage().get_text_range() for p in doc)
    doc.close()
    # the PDF's CJK font maps some characters to Kangxi radicals (⼯ for 工): NFKC folds them back
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    # a finding of the seed and its advice, both inside a collapsed <details> on screen
    assert unicodedata.normalize("NFKC", "表三在（五）1.信访举报投诉类申请之后缺少9行") in text
    assert "修改建议" in text
