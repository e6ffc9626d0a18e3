"""Property-based fuzzing of `Linter.lint_file` (hypothesis, derandomized: the same inputs
on every run, so a failure reproduces; no example database is written).

For every input, written to a file and linted from disk, the properties are those of the
fuzz campaign (bench/fuzz_campaign.py, which runs the same checks on 100,000+ inputs):
- a `FileResult` comes back and no internal error was caught on the way (I007: a crash
  that the engine's safety net turned into a finding);
- it took less than `SECONDS` (the readers' limits bound the work);
- the input file is byte-identical afterwards;
- every message can be written as UTF-8, and the JSON report renders.

Inputs: random bytes under every extension (with and without a real magic number), random
text in many encodings, mutations of the sample report in each input kind (bytes, lines,
cells, numbers, Unicode, encodings, and for YAML/JSON the data itself; see
tests/fixtures/hostile/hostile_mutations.py), hostile values rendered as well-formed
documents, and random deep nesting in each syntax.
The network guard of conftest.py is active throughout.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from xxgk_lint.engine import Linter
from xxgk_lint.model import FileResult
from xxgk_lint.reporters import render

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
sys.path.insert(0, str(HOSTILE))
import hostile_fixtures  # noqa: E402
import hostile_mutations  # noqa: E402

sys.path.remove(str(HOSTILE))

pytestmark = pytest.mark.slow      # property-based fuzzing: thousands of generated inputs

SECONDS = 10.0
EXTENSIONS = (".txt", ".md", ".html", ".htm", ".yaml", ".yml", ".json", ".docx", ".pdf", ".doc", ".wps", ".xyz", "")
MAGICS = (b"", b"PK\x03\x04", b"PK\x05\x06", b"%PDF-1.4\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf",
          b"\xff\xfe", b"\xfe\xff", b"<html><body>", b"{\\rtf1", b"---\n", b"{", b"<?xml version='1.0'?>")
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "shift_jis",
             "latin-1")
_FUZZ = settings(derandomize=True, deadline=None, database=None, print_blob=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def fuzz(examples: int) -> settings:
    return settings(_FUZZ, max_examples=examples)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def bases(sample_documents) -> dict[str, bytes]:
    """The sample report in each input kind."""
    out = {kind: path.read_bytes() for kind, path in sample_documents.items()}
    source = ROOT / "examples" / "sample-2021.yaml"
    out["yaml"] = source.read_bytes()
    with open(source, encoding="utf-8") as fh:
        out["json"] = json.dumps(yaml.safe_load(fh), ensure_ascii=False, indent=2).encode("utf-8")
    return out


def check(linter: Linter, workdir: Path, name: str, data: bytes) -> FileResult:
    """Lint `data` saved as `name`; assert the properties; return the result."""
    path = workdir / name
    path.write_bytes(data)
    before = hashlib.sha256(data).digest()
    start = time.perf_counter()
    result = linter.lint_file(str(path))
    elapsed = time.perf_counter() - start
    assert isinstance(result, FileResult)
    internal = [d.message.en for d in result.diagnostics if d.code == "I007"]
    assert not internal, internal
    assert elapsed < SECONDS, f"{name}: {elapsed:.1f} s"
    assert hashlib.sha256(path.read_bytes()).digest() == before, "the input file was modified"
    for d in result.diagnostics:
        (d.message.zh + d.message.en).encode("utf-8")
        assert d.location.path == str(path)
    out = io.StringIO()
    render("json", [result], out)
    out.getvalue().encode("utf-8")
    return result


# ---------------------------------------------------------------- random bytes and text

@fuzz(1000)
@given(ext=st.sampled_from(EXTENSIONS), magic=st.sampled_from(MAGICS), body=st.binary(max_size=2048))
def test_random_bytes_under_every_extension(linter, workdir, ext, magic, body):
    result = check(linter, workdir, f"random{ext}", magic + body)
    if not magic + body:
        assert [d.code for d in result.diagnostics] in (["I010"], ["I002"])


@fuzz(400)
@given(ext=st.sampled_from((".txt", ".md", ".html", ".yaml", ".json")), encoding=st.sampled_from(ENCODINGS),
       text=st.text(max_size=400))
def test_random_text_in_any_encoding(linter, workdir, ext, encoding, text):
    check(linter, workdir, f"text{ext}", text.encode(encoding, errors="replace"))


# ---------------------------------------------------------------- mutations of the sample report

# examples per kind, for about 15 s in all: a PDF costs ~0.1 s, a text file ~0.01 s
_BUDGET = {"txt": 200, "md": 150, "html": 150, "yaml": 150, "json": 150, "docx": 200, "pdf": 40}


def _steps(kind: str):
    return st.lists(st.tuples(st.sampled_from(sorted(hostile_mutations.OPERATORS[kind])),
                              st.integers(0, 2 ** 32 - 1)), min_size=1, max_size=4)


def _mutation_test(kind: str):
    @fuzz(_BUDGET[kind])
    @given(steps=_steps(kind))
    def test(linter, workdir, bases, steps):
        check(linter, workdir, f"mutant.{kind}", hostile_mutations.mutate(kind, bases[kind], steps))
    test.__name__ = f"test_mutations_of_the_sample_{kind}"
    test.__doc__ = f"Deleted/duplicated lines and cells, swapped numbers, Unicode, encodings, truncation ({kind})."
    return test


for _kind in hostile_mutations.KINDS:
    globals()[f"test_mutations_of_the_sample_{_kind}"] = _mutation_test(_kind)


def test_mutations_change_the_file_and_replay_exactly(bases):
    """The operators do something, and the same steps give the same bytes (what makes a
    failure of the campaign or of hypothesis reproducible)."""
    for kind in hostile_mutations.KINDS:
        for name in sorted(hostile_mutations.OPERATORS[kind]):
            steps = [(name, 12345)]
            once = hostile_mutations.mutate(kind, bases[kind], steps)
            assert once == hostile_mutations.mutate(kind, bases[kind], steps), (kind, name)
        changed = sum(hostile_mutations.mutate(kind, bases[kind], [(n, s)]) != bases[kind]
                      for n in hostile_mutations.OPERATORS[kind] for s in range(3))
        assert changed >= 2 * len(hostile_mutations.OPERATORS[kind]), kind


@pytest.fixture(scope="module")
def sample_report() -> dict:
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    try:
        import make_documents
    finally:
        sys.path.pop(0)
    return make_documents.load(make_documents.DEFAULT_YAML)


@fuzz(60)
@given(kind=st.sampled_from(("txt", "md", "html")),          # .docx too in the campaign (slower to render)
       steps=st.lists(st.tuples(st.sampled_from(hostile_mutations.RENDERABLE_OPERATORS), st.integers(0, 2 ** 32 - 1)),
                      min_size=1, max_size=3))
def test_hostile_values_in_well_formed_documents(linter, workdir, sample_report, kind, steps):
    """Huge, negative, fractional and non-numeric table values, prose full of numbers and
    dates, deleted rows and sections, in a document that reads fine: this reaches the
    extractor and every rule."""
    data = hostile_mutations.render_mutant(sample_report, kind, steps)
    assume(data is not None)
    assert check(linter, workdir, f"rendered.{kind}", data).checked


# ---------------------------------------------------------------- nesting in every syntax

_HTML_TAGS = ("div", "span", "b", "font", "table", "td", "tr", "p", "li", "ul", "a", "section", "blockquote", "h2")


@fuzz(100)
@given(syntax=st.sampled_from(("json", "yaml", "yaml-block", "html", "md", "docx")), depth=st.integers(1, 3000),
       closed=st.booleans(), tags=st.lists(st.sampled_from(_HTML_TAGS), min_size=1, max_size=4))
def test_deep_nesting_in_every_syntax(linter, workdir, syntax, depth, closed, tags):
    suffix = syntax
    if syntax == "json":
        data = ('{"meta": ' + '{"a": [' * depth + "1" + ("]}" * depth if closed else "") + "}").encode()
    elif syntax == "yaml":
        data = ("meta: " + "[" * depth + "x" + ("]" * depth if closed else "")).encode()
    elif syntax == "yaml-block":
        suffix, depth = "yaml", min(depth, 1500)
        data = ("".join("  " * i + "a:\n" for i in range(depth)) + "  " * depth + "x\n").encode()
    elif syntax in ("html", "md"):
        opened = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
        shut = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth))) if closed else ""
        data = (("# 报告\n\n" if syntax == "md" else "<html><body>") + opened + "一、总体情况" + shut).encode()
    else:
        wrap = ("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>") if closed else \
            ("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>")
        data = hostile_fixtures.docx(hostile_fixtures.document_xml(
            wrap[0] * min(depth, 400) + hostile_fixtures.paragraph("一、总体情况") + wrap[1] * min(depth, 400)))
    check(linter, workdir, f"deep.{suffix}", data)


# ---------------------------------------------------------------- any type in any field

_ANY_TYPE = ({"x": {"y": 1}}, [{"x": 1}, [2]], None, True, 10 ** 400, float("nan"), "二〇二一")


def _fields(node, depth: int = 0):
    """(container, key) of every value down to rows (not the cells), and the first cell of each row."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for n, (key, value) in enumerate(items):
        if depth < 3 or n == 0:
            yield node, key
        if depth < 3:
            yield from _fields(value, depth + 1)


def test_every_field_of_a_structured_report_may_hold_any_type(linter, workdir, bases):
    """A hand-written YAML/JSON report may put a mapping, a list, a huge number or nothing
    where text or a number belongs; every field down to the table rows, and the first cell
    of each row, is given each of those (the fuzz campaign found a mapping as organ_level
    crashing the engine)."""
    report = json.loads(bases["json"])
    targets = list(_fields(report))
    assert len(targets) > 60
    for node, key in targets:
        original = node[key]
        for value in _ANY_TYPE:
            node[key] = value
            check(linter, workdir, "typed.json", json.dumps(report, ensure_ascii=False).encode("utf-8"))
        node[key] = original
