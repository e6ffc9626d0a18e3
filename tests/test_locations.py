"""Where a finding is, as every text format prints it: a PDF's page is never lost, and a long
source line is cut around the column when the output is piped (not printed whole)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

import make_documents  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str) -> str:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    proc = subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=ROOT, env=env,
                          capture_output=True, timeout=120)
    return proc.stdout.decode("utf-8")


def pdf_with_a_blank_number(tmp_path: Path) -> Path:
    report = make_documents.load(make_documents.DEFAULT_YAML)
    report["sections"]["problems"] += "\n本年度主动公开政府信息  条。"
    path = tmp_path / "report.pdf"
    path.write_bytes(make_documents.render_pdf(make_documents.build_items(report), report))
    return path


def test_pdf_body_text_findings_keep_their_page_in_every_text_format(tmp_path):
    pdf = pdf_with_a_blank_number(tmp_path)
    rich = cli("check", str(pdf), "--select", "N704")
    arrow = next(line for line in rich.splitlines() if line.startswith("  --> "))
    assert re.search(r"report\.pdf 第\d+页 第\d+行", arrow), arrow
    concise = cli("check", str(pdf), "--select", "N704", "--format", "concise").splitlines()[0]
    assert re.search(r"report\.pdf: 第\d+页 \d+:\d+", concise), concise
    github = cli("check", str(pdf), "--select", "N704", "--format", "github").splitlines()[0]
    assert re.search(r"::第\d+页 \d+:\d+", github), github


def test_piped_output_cuts_a_long_line_around_the_column(tmp_path):
    text = ("一、总体情况\n" + "我镇认真贯彻落实条例要求，" * 30 + "本年度主动公开政府信息  条，"
            + "持续推进政务公开，" * 10 + "\n")
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    out = cli("check", str(path), "--select", "N704", "--no-fix")
    from rich.cells import cell_len

    quoted = [line for line in out.splitlines() if "│" in line]
    assert len(quoted) == 2 and "…" in quoted[0]
    assert all(cell_len(line) <= 110 for line in quoted), [cell_len(x) for x in quoted]
    source, caret = quoted
    assert caret.rstrip().endswith("^") and cell_len(caret) <= cell_len(source)
