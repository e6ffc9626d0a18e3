"""The YAML/JSON reader: data, exact positions, headings, layout, duplicate keys, syntax errors."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk_lint import spec
from xxgk_lint.model import InputProblem
from xxgk_lint.extract.structured import layout_from_keys
from xxgk_lint.readers.structured import read_json, read_yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SAMPLE_2021 = (EXAMPLES / "sample-2021.yaml").read_text(encoding="utf-8")
SAMPLE_2019 = (EXAMPLES / "sample-2019.yaml").read_text(encoding="utf-8")


def at(report, pointer: str) -> str:
    """The source text a single-line span covers."""
    span = report.spans[pointer]
    assert span.line == span.end_line, pointer
    return report.lines[span.line - 1][span.column - 1:span.end_column - 1]


def _child(pointer: str, key) -> str:
    return f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"


def leaves(data, pointer=""):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, _child(pointer, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from leaves(value, _child(pointer, i))
    else:
        yield pointer, data


def containers(data, pointer=""):
    if isinstance(data, dict):
        for key, value in data.items():
            child = _child(pointer, key)
            if isinstance(value, (dict, list)):
                yield child, key
                yield from containers(value, child)


# ---------------------------------------------------------------- YAML: data and positions

@pytest.mark.parametrize("text", [SAMPLE_2021, SAMPLE_2019], ids=["2021", "2019"])
def test_yaml_data_matches_pyyaml(text):
    report = read_yaml("sample.yaml", text)
    assert report.kind == "yaml"
    assert report.data == yaml.load(text, Loader=yaml.CSafeLoader)
    assert report.notes == []


@pytest.mark.parametrize("text", [SAMPLE_2021, SAMPLE_2019], ids=["2021", "2019"])
def test_every_table_cell_points_at_its_number(text):
    report = read_yaml("sample.yaml", text)
    cells = [(p, v) for p, v in leaves(report.data["tables"], "/tables")]
    assert len(cells) > 190
    for pointer, value in cells:
        assert at(report, pointer) == str(value), pointer


def test_every_leaf_and_container_has_a_span():
    report = read_yaml("sample.yaml", SAMPLE_2021)
    for pointer, value in leaves(report.data):
        assert pointer in report.spans, pointer
        if isinstance(value, str) and "\n" not in value:
            assert at(report, pointer).strip('"') == value
    for pointer, key in containers(report.data):
        assert at(report, pointer) == key, pointer     # containers: the key's position


def test_known_positions_in_sample():
    report = read_yaml("sample.yaml", SAMPLE_2021)
    lines = SAMPLE_2021.split("\n")
    line = next(i for i, ln in enumerate(lines, 1) if ln.startswith("    results_total:"))
    span = report.spans["/tables/applications/results_total/total"]
    assert (span.line, span.column) == (line, lines[line - 1].index("total: 15") + len("total: ") + 1)
    assert report.span_for("/tables/applications/results_total/total") is span
    # A pointer that does not exist resolves to its nearest ancestor's span.
    assert report.span_for("/tables/applications/no_such_row/total") is report.spans["/tables/applications"]
    assert report.span_for("/nothing") is None


def test_headings_from_section_keys_in_file_order():
    text = textwrap.dedent("""\
        sections:
          applications: 三
          overview: 一
          nonsense: x
          reviews: 四
        """)
    report = read_yaml("r.yaml", text)
    assert [h.section_id for h in report.headings] == ["applications", "overview", "reviews"]
    first = report.headings[0]
    assert first.text == "三、收到和处理政府信息公开申请情况" and first.exact
    assert (first.span.line, first.span.column) == (2, 3)
    assert report.text == "三\n一\nx\n四"


def test_sample_headings_and_text():
    report = read_yaml("sample.yaml", SAMPLE_2021)
    assert [h.section_id for h in report.headings] == [s.id for s in spec.SECTIONS]
    assert [h.text for h in report.headings] == [s.full_heading for s in spec.SECTIONS]
    assert "示例县市场监督管理局认真贯彻落实" in report.text
    assert "本年度未收取信息处理费。" in report.text
    assert report.lines == SAMPLE_2021.split("\n")


def test_timestamps_stay_strings_and_keys_stay_text():
    report = read_yaml("r.yaml", "meta:\n  report_date: 2022-01-20\n  year: 2021\nyes: 1\n2021: x\nnull: 2\n")
    assert report.data["meta"] == {"report_date": "2022-01-20", "year": 2021}
    assert set(report.data) == {"meta", "yes", "2021", "null"}


def test_unquoted_postcode_stays_an_int_and_octal_is_yaml_1_1():
    report = read_yaml("r.yaml", "meta:\n  contact:\n    postcode: 350001\n    fax: 050000\n")
    contact = report.data["meta"]["contact"]
    assert contact == {"postcode": 350001, "fax": 0o50000}
    assert at(report, "/meta/contact/fax") == "050000"


def test_empty_value_points_at_its_key():
    report = read_yaml("r.yaml", "tables:\n  reviews:\n    review:\n      upheld:\n      total: 0\n")
    assert report.data["tables"]["reviews"]["review"] == {"upheld": None, "total": 0}
    assert at(report, "/tables/reviews/review/upheld") == "upheld"
    assert at(report, "/tables/reviews/review/total") == "0"


def test_bom_crlf_and_unicode_line_separators():
    text = '\ufeffmeta:\r\n  organ: "甲\u2028乙"\r\n  year: 2021\r\n'
    report = read_yaml("r.yaml", text)
    assert report.data["meta"]["organ"] == "甲\u2028乙"
    # libyaml counts U+2028 as a line break; `lines` must agree with its line numbers.
    assert at(report, "/meta/year") == "2021"
    assert report.spans["/meta/year"].line == 4
    assert report.spans["/meta"].column == 1


def test_anchors_aliases_and_merge_keys():
    text = textwrap.dedent("""\
        zero: &zero {upheld: 0, corrected: 0, other: 0, pending: 0, total: 0}
        tables:
          reviews:
            review: *zero
            litigation_direct: {<<: *zero, total: 0}
        """)
    report = read_yaml("r.yaml", text)
    reviews = report.data["tables"]["reviews"]
    assert reviews["review"] == reviews["litigation_direct"] == {
        "upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}


def test_alias_bomb_is_refused():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 7):
        prev = chr(ord("a") + i - 1)
        lines.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [{', '.join(['*' + prev] * 10)}]")
    with pytest.raises(InputProblem) as err:
        read_yaml("bomb.yaml", "\n".join(lines) + "\n")
    assert err.value.code == "I001"


# ---------------------------------------------------------------- YAML: duplicates and problems

def test_duplicate_keys_are_noted_at_the_second_occurrence():
    text = textwrap.dedent("""\
        tables:
          applications:
            new: {natural_person: 12, total: 16}
            carried_over: {natural_person: 1, natural_person: 2}
            new: {natural_person: 11, total: 15}
        """)
    report = read_yaml("r.yaml", text)
    assert [(n.code, n.pointer) for n in report.notes] == [
        ("Y002", "/tables/applications/carried_over/natural_person"),
        ("Y002", "/tables/applications/new")]
    second = report.notes[1]
    assert (second.span.line, second.span.column) == (5, 5)
    assert "第3行" in second.message.zh and "new" in second.message.zh
    assert report.data["tables"]["applications"]["new"] == {"natural_person": 11, "total": 15}


@pytest.mark.parametrize("text, line, column, words", [
    ("meta:\n  organ: 甲\n   year: 2021\n", 3, 8, "冒号"),
    ("meta:\n  organ: a: b\n", 2, 11, "键: 值"),
    ("meta:\n\torgan: x\n", 2, 1, "制表符"),
    ("tables: {reviews: {review: 1}\n", 2, 1, "逗号"),
    ('title: "abc\n', 2, 1, "结束"),
    ("a: 1\n---\nb: 2\n", 2, 1, "多个 YAML 文档"),
    ("a: *nothing\n", 1, 4, "锚点"),
    ("a: " + "[" * 2000 + "]" * 2000 + "\n", 1, 1003, "嵌套层级过深"),
])
def test_yaml_syntax_errors_give_a_position(text, line, column, words):
    with pytest.raises(InputProblem) as err:
        read_yaml("bad.yaml", text)
    problem = err.value
    assert problem.code == "I001"
    assert (problem.span.line, problem.span.column) == (line, column)
    assert f"第{line}行" in problem.message.zh and words in problem.message.zh
    assert f"line {line}" in problem.message.en


@pytest.mark.parametrize("text, code", [
    ("- a\n- b\n", "I001"),
    ("just text\n", "I001"),
    ("# only a comment\n\n", "I010"),
    ("a: !!binary aGVsbG8=\n", "I001"),
    ("a: !custom x\n", "I001"),
    ("? [a, b]\n: c\n", "I001"),
    ("a: !!set {x, y}\n", "I001"),
])
def test_yaml_documents_that_cannot_be_checked(text, code):
    with pytest.raises(InputProblem) as err:
        read_yaml("bad.yaml", text)
    assert err.value.code == code
    assert err.value.message.zh and err.value.message.en


@pytest.mark.parametrize("text, span", [("a: 1\nb: x\x07y\n", (2, 5)), ("a: \ud800\n", None)])
def test_invalid_characters(text, span):
    with pytest.raises(InputProblem) as err:
        read_yaml("bad.yaml", text)
    assert err.value.code == "I001"
    if span:
        assert (err.value.span.line, err.value.span.column) == span
        assert f"第{span[0]}行第{span[1]}列" in err.value.message.zh


def test_non_mapping_top_level_names_its_position():
    with pytest.raises(InputProblem) as err:
        read_yaml("bad.yaml", "# c\n- a\n")
    assert err.value.span.line == 2 and "列表" in err.value.message.zh


# ---------------------------------------------------------------- layout

def test_format_version_declared_wins():
    data = yaml.safe_load(SAMPLE_2019)
    data["format_version"] = "2021"
    report = read_yaml("r.yaml", yaml.safe_dump(data, allow_unicode=True))
    assert report.format_version == "2021"
    assert report.layout_evidence == ["/format_version"]


@pytest.mark.parametrize("text, version", [(SAMPLE_2021, "2021"), (SAMPLE_2019, "2019")], ids=["2021", "2019"])
def test_layout_detected_from_keys(text, version):
    data = yaml.safe_load(text)
    del data["format_version"]
    report = read_yaml("r.yaml", yaml.safe_dump(data, allow_unicode=True))
    assert report.format_version == version
    assert report.layout_evidence
    # Only keys found in one format count, each once at its highest level.
    if version == "2019":
        assert "/tables/proactive/item9" in report.layout_evidence
        assert not any(p.startswith("/tables/proactive/item9/") for p in report.layout_evidence)
        assert "/tables/applications/other" in report.layout_evidence
    else:
        assert "/tables/applications/other_1" in report.layout_evidence
        assert "/tables/proactive/item8/fees/amount" in report.layout_evidence


def test_layout_unknown_without_distinguishing_keys():
    assert layout_from_keys({"tables": {"reviews": {"review": {"upheld": 0}}}}) == (None, [])
    assert layout_from_keys({}) == (None, [])
    assert layout_from_keys({"tables": {"applications": {"other": {}, "other_1": {}}}}) == (None, [])
    report = read_yaml("r.yaml", "format_version: 2021\ntables: {applications: {other_1: {}}}\n")
    assert report.format_version == "2021" and report.layout_evidence == ["/tables/applications/other_1"]


# ---------------------------------------------------------------- JSON

def test_json_sample_data_and_positions():
    data = yaml.safe_load(SAMPLE_2021)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    report = read_json("sample.json", text)
    assert report.kind == "json"
    assert report.data == data
    assert report.format_version == "2021"
    assert [h.section_id for h in report.headings] == [s.id for s in spec.SECTIONS]
    for pointer, value in leaves(data):
        assert json.loads(at(report, pointer)) == value, pointer
    for pointer, key in containers(data):
        assert at(report, pointer) == json.dumps(key, ensure_ascii=False), pointer
    span = report.spans["/tables/applications/new/total"]
    assert report.lines[span.line - 1].strip() == '"total": 16'


def test_json_compact_positions_and_escapes():
    text = '{"meta": {"organ": "\\u7532\\"x", "year": 2021},\n "tables": {"reviews": {"review": {"total": -0.5e1}}}}'
    report = read_json("r.json", text)
    assert report.data == json.loads(text)
    assert at(report, "/meta/organ") == '"\\u7532\\"x"'
    assert (report.spans["/tables/reviews/review/total"].line, report.spans["/tables/reviews/review/total"].column) \
        == (2, text.split("\n")[1].index("-0.5e1") + 1)


def test_json_duplicate_keys():
    report = read_json("r.json", '{"sections": {"overview": "a",\n "overview": "b"}}')
    assert report.data == {"sections": {"overview": "b"}}
    (note,) = report.notes
    assert note.code == "Y002" and note.pointer == "/sections/overview"
    assert (note.span.line, note.span.column) == (2, 2)


@pytest.mark.parametrize("text", [
    '{"a": 1 "b": 2}',
    '{"a": 1,}',
    '{"a" 1}',
    '{"a": [1, 2,]}',
    '{"a": tru}',
    '{"a": "x\ny"}',
    '{"a": "\\q"}',
    '{"a": 01}',
    '{"a": 1}}',
    '{\n  "a": {\n    "b": 1\n  ',
    '{"a": "unterminated',
])
def test_json_syntax_errors_match_the_stdlib_position(text):
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    with pytest.raises(InputProblem) as err:
        read_json("bad.json", text)
    problem = err.value
    assert problem.code == "I001"
    assert (problem.span.line, problem.span.column) == (expected.value.lineno, expected.value.colno)
    assert "JSON 语法错误" in problem.message.zh


@pytest.mark.parametrize("text, code", [("[1, 2]", "I001"), ('"x"', "I001"), ("  \n", "I010")])
def test_json_documents_that_cannot_be_checked(text, code):
    with pytest.raises(InputProblem) as err:
        read_json("bad.json", text)
    assert err.value.code == code


def test_json_too_deep_is_refused():
    with pytest.raises(InputProblem) as err:
        read_json("deep.json", '{"a": ' + "[" * 5000 + "]" * 5000 + "}")
    assert err.value.code == "I001"


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                     st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12))
_json_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=20)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.text(max_size=8), _json_values, max_size=5), st.sampled_from([None, 0, 2]),
       st.booleans())
def test_json_parser_agrees_with_stdlib(data, indent, ascii_only):
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    report = read_json("p.json", text)
    assert report.data == json.loads(text)
    for pointer, value in leaves(report.data):
        span = report.spans[pointer]
        if span.line == span.end_line:
            assert json.loads(at(report, pointer)) == value


_yaml_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\x85"),
                     max_size=10)
_yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**9, 10**9),
              st.floats(allow_nan=False, allow_infinity=False), _yaml_text),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_yaml_text, inner, max_size=3)),
    max_leaves=15)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_yaml_text, _yaml_values, min_size=1, max_size=4), st.booleans())
def test_yaml_reader_agrees_with_pyyaml(data, flow):
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    report = read_yaml("p.yaml", text)
    assert report.data == yaml.load(text, Loader=yaml.CSafeLoader)
    for pointer, value in leaves(report.data):
        span = report.spans[pointer]
        if span.line == span.end_line:
            assert yaml.load(at(report, pointer), Loader=yaml.CSafeLoader) == value, pointer


def test_yaml_spans_are_found_on_demand_like_the_data():
    """Spans come from the node tree when asked for: the last of duplicate keys (whose value
    is the one in the data), merged keys, escaped pointer parts, list items, and every
    pointer the mapping lists resolves."""
    text = textwrap.dedent("""\
        base: &base {upheld: 1, total: 1}
        tables:
          reviews:
            review: {<<: *base, total: 2}
        a/b: {c~d: [x, {e: 5}]}
        dup: 1
        dup: 22
        empty:
        """)
    report = read_yaml("r.yaml", text)
    spans = report.spans
    assert at(report, "/dup") == "22" and (spans["/dup"].line, spans["/dup"].column) == (7, 6)
    assert at(report, "/a~1b/c~0d/1/e") == "5"
    assert at(report, "/a~1b/c~0d/0") == "x"
    assert spans["/tables/reviews/review"].line == 4
    assert at(report, "/tables/reviews/review/total") == "2"
    assert spans["/tables/reviews/review/upheld"].line == 1     # merged from the anchor's line
    assert at(report, "/empty") == "empty"                      # an empty value: its key
    for missing in ("/nothing", "/dup/x", "/a~1b/c~0d/2", "/a~1b/c~0d/-1", "", "dup"):
        assert missing not in spans and spans.get(missing) is None
    assert set(spans) >= {"/base", "/base/upheld", "/tables/reviews/review/total", "/a~1b/c~0d/1/e", "/empty"}
    assert all(spans[p] is not None for p in spans)
