"""Tables whose header is one row of compound labels read as the official tables.

Authors who write Markdown (or CMS editors that cannot merge cells) flatten the multi-row
headers of 表三 and 表四 into one row, each cell the labels above a column joined together:
`| 行政复议结果维持 | … | 行政诉讼未经复议直接起诉总计 | … |`, `申请人情况法人或其他组织商业企业`.
Here the Markdown that make_documents renders for every planted-defect case is rewritten that
way (`compound`): the findings must be the multi-row Markdown's, which are the .docx's
(test_cases_across_kinds), and the clean sample must give none, in Markdown and in HTML.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from xxgk_lint.engine import Linter

TESTS = Path(__file__).resolve().parent
FAIL_CASES = sorted(p for p in (TESTS / "cases").glob("*/fail/*.yaml") if p.name != "expected.yaml")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _compound_tables(lines: list[str]) -> list[list[str]]:
    """Each table of the Markdown as its rows of cells, the header rows of 表三/表四 joined
    into one row of compound labels. Other lines are kept as one-element lists."""
    out: list[list[str]] = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("|"):
            out.append([lines[i]])
            i += 1
            continue
        block = []
        while i < len(lines) and lines[i].startswith("|"):
            if not re.fullmatch(r"\|(-+\|)+", lines[i].strip()):
                block.append(_cells(lines[i]))
            i += 1
        out.append(_joined(block))
    return out


def _joined(rows: list[list[str]]) -> list[str]:
    """Markdown lines of one table with its header rows (those before the first row holding a
    number) joined column by column. In the columns that hold numbers an empty header cell under
    the same label as its left neighbour is a merged cell: it repeats the label to its left; the
    label columns are kept as they are."""
    first_data = next(i for i, row in enumerate(rows) if any(_NUMBER.match(c) for c in row))
    header, data = rows[:first_data], rows[first_data:]
    width = len(rows[0])
    numeric = {c for row in data for c, cell in enumerate(row) if _NUMBER.match(cell)}
    if len(header) < 2:
        return ["| " + " | ".join(row) + " |" for row in rows[:1]] + ["|" + "---|" * width] + \
            ["| " + " | ".join(row) + " |" for row in rows[1:]]
    filled: list[list[str]] = []
    for row in header:
        row = list(row)
        above = filled[-1] if filled else [""] * width
        for c in range(1, width):
            # merged with its left neighbour: under the same label above it
            if not row[c] and c in numeric and c - 1 in numeric and row[c - 1] and above[c] == above[c - 1]:
                row[c] = row[c - 1]
        filled.append(row)
    compound = ["".join(row[c] for row in filled) for c in range(width)]
    return (["| " + " | ".join(compound) + " |", "|" + "---|" * width]
            + ["| " + " | ".join(row) + " |" for row in data])


def compound(markdown: str) -> str:
    parts = _compound_tables(markdown.split("\n"))
    return "\n".join(line for part in parts for line in part)


def _findings(linter: Linter, path: Path) -> list[tuple[str, str]]:
    return sorted((d.code, d.location.pointer or "") for d in linter.lint_file(str(path)).diagnostics)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def test_compound_rewrite_joins_the_official_labels(sample_documents):
    text = compound(sample_documents["md"].read_text(encoding="utf-8"))
    assert "| 行政复议结果维持 | 行政复议结果纠正 |" in text
    assert "| 行政诉讼未经复议直接起诉结果维持 |" in text and "| 行政诉讼复议后起诉总计 |" in text
    assert "| 申请人情况法人或其他组织商业企业 |" in text and "| 申请人情况总计 |" in text


def test_clean_sample_with_compound_headers_has_no_findings(linter, sample_documents, tmp_path):
    path = tmp_path / "compound.md"
    path.write_text(compound(sample_documents["md"].read_text(encoding="utf-8")), encoding="utf-8")
    result = linter.lint_file(str(path))
    assert result.checked and [(d.code, d.message.zh) for d in result.diagnostics] == []
    plain = Linter(keep_data=True)
    assert plain.lint_file(str(path)).data["tables"] == plain.lint_file(str(sample_documents["docx"])).data["tables"]


def test_html_table_with_compound_header_has_no_findings(linter, sample_documents, tmp_path):
    """The same one-row header in an HTML table (a CMS that cannot merge cells)."""
    body = []
    for part in _compound_tables(sample_documents["md"].read_text(encoding="utf-8").split("\n")):
        if len(part) == 1 and not part[0].startswith("|"):
            line = part[0].lstrip("#").strip()
            if line:
                body.append(f"<p>{html.escape(line)}</p>")
            continue
        rows = [_cells(line) for line in part if not re.fullmatch(r"\|(-+\|)+", line)]
        body.append("<table>" + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                                        for row in rows) + "</table>")
    page = tmp_path / "compound.html"
    page.write_text('<html><head><meta charset="utf-8"></head><body>' + "\n".join(body) + "</body></html>",
                    encoding="utf-8")
    result = linter.lint_file(str(page))
    assert result.checked and [(d.code, d.message.zh) for d in result.diagnostics] == []


def test_every_planted_case_with_compound_headers_gives_the_markdown_findings(linter, tmp_path):
    from test_cases_across_kinds import _make_documents, _render

    renderer = _make_documents()
    differences = {}
    for yaml_path in FAIL_CASES:
        name = f"{yaml_path.parent.parent.name}-{yaml_path.stem}"
        md = _render(renderer, yaml_path, tmp_path / name, ("md",))["md"]
        joined = md.with_name("compound.md")
        joined.write_text(compound(md.read_text(encoding="utf-8")), encoding="utf-8")
        expected, got = _findings(linter, md), _findings(linter, joined)
        if got != expected:
            differences[name] = {"only_compound": sorted(set(got) - set(expected)),
                                 "only_rows": sorted(set(expected) - set(got))}
    assert differences == {}
