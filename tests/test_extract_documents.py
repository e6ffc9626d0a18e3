"""The clean samples rendered as every input kind extract to the structured report they came from.

`examples/sample-2021.yaml` and `examples/sample-2019.yaml` are rendered by
tests/fixtures/make_documents.py as .txt (tab-separated tables), .md (pipe tables), .html
(portal page, rowspan/colspan), .docx (merged Word tables) and .pdf (reportlab, ruled
tables), read with the real readers and extracted.

Comparison (`comparable`), precisely:
- `format_version` is dropped from the YAML and checked against `Report.format_version`;
- `meta.organ_level` is dropped from the YAML: documents do not state it, the engine infers
  it from the organ name;
- `meta.statistics_period.text` is dropped from the extraction when the YAML has no `text`
  (the YAML may give only start/end; the document always words it);
- section texts are compared with all whitespace removed (PDF lines wrap inside sentences,
  Word/HTML paragraphs become lines);
everything else — every table cell, every meta field, which keys exist — must be equal.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest
import yaml

from xxgk_lint.extract import extract
from xxgk_lint.readers import read

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("txt", "md", "html", "docx", "pdf")


class _StrDates(yaml.SafeLoader):
    pass


_StrDates.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def load_yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_StrDates)


def comparable(data: dict, reference: dict) -> dict:
    out = copy.deepcopy(data)
    out.pop("format_version", None)
    meta = out.get("meta", {})
    meta.pop("organ_level", None)
    ref_period = reference.get("meta", {}).get("statistics_period", {})
    if "text" not in ref_period and isinstance(meta.get("statistics_period"), dict):
        meta["statistics_period"].pop("text", None)
    out["sections"] = {k: "".join(str(v).split()) for k, v in out.get("sections", {}).items()}
    return out


@pytest.fixture(scope="module")
def sample_2019_documents(tmp_path_factory) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    try:
        import make_documents
    finally:
        sys.path.remove(str(ROOT / "tests" / "fixtures"))
    return make_documents.render_all(ROOT / "examples" / "sample-2019.yaml", tmp_path_factory.mktemp("docs2019"))


def _extract(path: Path):
    document = read(str(path), path.read_bytes())
    return extract(document)


@pytest.mark.parametrize("kind", KINDS)
def test_sample_2021_round_trips(sample_documents, kind):
    reference = load_yaml(ROOT / "examples" / "sample-2021.yaml")
    report = _extract(sample_documents[kind])
    assert report.format_version == "2021"
    assert comparable(report.data, reference) == comparable(reference, reference)
    assert [h.section_id for h in report.headings] == [
        "overview", "proactive", "applications", "reviews", "problems", "other"]
    assert all(h.exact for h in report.headings)
    # the official template reads without any loose step
    assert [n.code for n in report.notes] == []


@pytest.mark.parametrize("kind", KINDS)
def test_sample_2019_round_trips(sample_2019_documents, kind):
    reference = load_yaml(ROOT / "examples" / "sample-2019.yaml")
    report = _extract(sample_2019_documents[kind])
    assert report.format_version == "2019"
    assert comparable(report.data, reference) == comparable(reference, reference)
    assert report.data["tables"]["proactive"]["item5"]["other_services"]["change"] == -1
    assert [n.code for n in report.notes] == []


def test_every_value_has_a_span(sample_documents):
    def walk(report, kind, node, pointer):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(report, kind, value, f"{pointer}/{key}")
        else:
            assert report.span_for(pointer) is not None, (kind, pointer)
            # a value's own span, not only an ancestor's (statistics_period parts share it)
            if not pointer.startswith("/meta/statistics_period/"):
                assert pointer in report.spans, (kind, pointer)

    for kind in KINDS:
        report = _extract(sample_documents[kind])
        walk(report, kind, report.data, "")


def test_cell_spans_point_at_the_cell(sample_documents):
    docx = _extract(sample_documents["docx"])
    span = docx.spans["/tables/applications/new/total"]
    assert (span.table, span.row, span.cell) == (2, 4, 10)       # row 一 is the 4th row; 总计 the 10th column
    txt_path = sample_documents["txt"]
    txt = _extract(txt_path)
    span = txt.spans["/tables/applications/new/total"]
    line = txt_path.read_text(encoding="utf-8").split("\n")[span.line - 1]
    assert line[span.column - 1:span.end_column - 1] == "16"
    assert line.split("\t")[-1] == "16"
    pdf = _extract(sample_documents["pdf"])
    assert pdf.spans["/tables/reviews/review/total"].page is not None
