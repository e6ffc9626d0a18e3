"""A whole report run into one line (a portal's "copy all", a crawler) reads as the report.

The run-on files are made from real multi-line files — the seed report and the clean sample
rendered by make_documents — by removing their line breaks (or turning them into spaces), as a
copy of a web page's text does. Their findings must be the multi-line file's; a table whose
cells lost their separators too is reported as unreadable (F908), not as missing.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import pytest

from xxgk_lint.engine import Linter
from xxgk_lint.extract import extract
from xxgk_lint.readers import read

TESTS = Path(__file__).resolve().parent
SEED = TESTS / "fixtures" / "seed" / "jianning-suixi-2021.txt"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


@pytest.fixture(scope="module")
def originals(sample_documents) -> dict[str, str]:
    return {"seed": SEED.read_text(encoding="utf-8"),
            "clean": sample_documents["txt"].read_text(encoding="utf-8")}


def _findings(linter: Linter, path: Path) -> Counter:
    return Counter((d.code, d.location.pointer or "") for d in linter.lint_file(str(path)).diagnostics)


def _runon(text: str, joiner: str) -> str:
    return joiner.join(line for line in text.split("\n") if line.strip())


@pytest.mark.parametrize("joiner", ["", " "], ids=["no-break", "space"])
@pytest.mark.parametrize("report", ["seed", "clean"])
def test_runon_text_gives_the_findings_of_the_original(linter, originals, tmp_path, report, joiner):
    original = tmp_path / "original.txt"
    original.write_text(originals[report], encoding="utf-8")
    runon = tmp_path / "runon.txt"
    runon.write_text(_runon(originals[report], joiner), encoding="utf-8")
    assert runon.read_text(encoding="utf-8").count("\n") == 0
    expected = _findings(linter, original)
    assert _findings(linter, runon) == expected
    sections = {k: n for k, n in expected.items() if k[0] in ("S101", "S102")}
    # the seed has no section 四 and so no table 四: those, and only those, are reported
    assert sections == ({("S101", "/sections/reviews"): 1, ("S102", "/tables/reviews"): 1} if report == "seed" else {})


def test_runon_web_page_of_the_clean_report_has_no_findings(linter, originals, tmp_path):
    page = tmp_path / "page.html"
    body = html.escape(_runon(originals["clean"], ""))
    page.write_text(f'<html><head><meta charset="utf-8"></head><body><div class="article"><p>{body}</p></div>'
                    f"</body></html>", encoding="utf-8")
    result = linter.lint_file(str(page))
    assert result.checked and [(d.code, d.message.zh) for d in result.diagnostics] == []


def test_runon_headings_are_found_mid_line(originals):
    doc = read("runon.txt", _runon(originals["clean"], "").encode("utf-8"))
    report = extract(doc)
    assert [h.section_id for h in report.headings] == ["overview", "proactive", "applications", "reviews",
                                                       "problems", "other"]
    assert all(h.exact for h in report.headings)
    assert all(h.span.line == 1 for h in report.headings)


@pytest.mark.parametrize("report", ["seed", "clean"])
def test_cells_run_together_are_an_unreadable_table_not_missing_rows(linter, originals, tmp_path, report):
    glued = tmp_path / "glued.txt"
    glued.write_text(_runon(originals[report], "").replace("\t", ""), encoding="utf-8")
    found = linter.lint_file(str(glued)).diagnostics
    unreadable = {d.location.pointer for d in found if d.code == "F908"}
    tables = {"/tables/proactive", "/tables/applications"} | ({"/tables/reviews"} if report == "clean" else set())
    assert unreadable == tables
    for d in found:
        if d.code == "F908":
            assert d.severity == "error" and d.location.table in ("表二", "表三", "表四")
            assert d.location.table in d.message.zh and "连在一起" in d.message.zh
    # neither "missing"/"empty" tables nor missing rows or unplaced values for the unreadable ones
    assert not [d for d in found if d.code in ("S102", "S103", "T201", "T202", "F906", "A405")
                and d.location.pointer.startswith(tuple(tables))]


def test_a_list_of_the_parts_in_one_line_is_not_cut(originals):
    """The intro's list of the six parts is not a run-on report."""
    intro = ("本报告由一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；"
             "四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项组成。")
    doc = read("intro.txt", (intro + "\n" + originals["clean"]).encode("utf-8"))
    report = extract(doc)
    assert [h.span.line for h in report.headings] != [1] * 6
    assert all(h.span.line > 1 for h in report.headings)


def test_glued_numbers_in_prose_are_not_a_table(linter, originals, tmp_path):
    """Prose that names a table's labels with a number (`现行有效件数12件`) does not make the
    missing table an unreadable one: it stays missing (S102)."""
    text = originals["clean"]
    start, end = text.index("第二十条第（一）项"), text.index("三、收到和处理政府信息公开申请情况")
    prose = "本年制发件数3件，本年废止件数1件，现行有效件数12件。\n"
    path = tmp_path / "prose.txt"
    path.write_text(text[:start] + prose + text[end:], encoding="utf-8")
    codes = {(d.code, d.location.pointer) for d in linter.lint_file(str(path)).diagnostics}
    assert ("S102", "/tables/proactive") in codes
    assert not any(code == "F908" for code, _ in codes)
