"""The result page's pure parts: quoting a prose finding, the pointers a finding names."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette")

from xxgk_lint.model import Diagnostic, Location, Message  # noqa: E402
from xxgk_lint.web.view import QUOTE_CONTEXT, pointers_in, quote_of  # noqa: E402


def diagnostic(location: Location, **kwargs) -> Diagnostic:
    return Diagnostic("N704", "x", "content", "warning", Message("m", "m"), location, **kwargs)


def test_a_long_source_line_is_quoted_around_the_marked_columns():
    line = "甲" * 500 + "主动公开政府信息  条" + "乙" * 500
    column = 501
    d = diagnostic(Location("a.txt", line=2, column=column, end_line=2, end_column=column + 11))
    quote = quote_of(d, ["第一行", line + "\n"])
    assert quote.marked == "主动公开政府信息  条"
    assert quote.before == "…" + "甲" * QUOTE_CONTEXT and quote.after == "乙" * QUOTE_CONTEXT + "…"


def test_a_finding_without_a_column_range_quotes_the_line_unmarked():
    quote = quote_of(diagnostic(Location("a.txt", line=1)), ["一、总体情况"])
    assert (quote.before, quote.marked, quote.after) == ("", "", "一、总体情况")
    assert quote_of(diagnostic(Location("a.txt", line=9)), ["x"]) is None
    assert quote_of(diagnostic(Location("a.docx", paragraph=3)), None) is None


def test_the_sentence_a_rule_names_is_quoted_with_the_actual_words_marked():
    d = diagnostic(Location("a.txt"), actual="去年", details={"sentence": "针对去年的问题，我镇已整改。"})
    quote = quote_of(d, None)
    assert (quote.before, quote.marked, quote.after) == ("针对", "去年", "的问题，我镇已整改。")


def test_pointers_are_found_at_any_depth_of_the_details():
    details = {"addends": [{"label": "自然人", "pointer": "/tables/a/b/c"}],
               "groups": {"members": [{"x": [{"pointer": "/tables/d/e/f"}]}]},
               "pointer_like_text": "/not/a/key", "pointer": 3}
    assert list(pointers_in(details)) == ["/tables/a/b/c", "/tables/d/e/f"]
