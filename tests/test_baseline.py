"""Baselines keyed by logical place: only new findings fail, moved lines do not matter."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from xxgk_lint import baseline, reporters
from xxgk_lint.config import Config, ConfigError
from xxgk_lint.engine import Linter
from xxgk_lint.model import Diagnostic, FileResult, Location, Message

SAMPLE = Path(__file__).parents[1] / "examples" / "sample-2021.yaml"
SCHEMA = Path(__file__).parent / "fixtures" / "sarif" / "sarif-2.1.0.schema.json"
# A401 (（一）予以公开 row total) and A402 (（七）总计/自然人)
DISCLOSED = ("disclosed:        {natural_person: 5,", "disclosed:        {natural_person: 6,")
# A404 (表四 行政复议 total)
REVIEW = ("review:                  {upheld: 1, corrected: 0, other: 0, pending: 1, total: 2}",
          "review:                  {upheld: 1, corrected: 0, other: 0, pending: 1, total: 3}")


# Only the planted totals defects and the bookkeeping codes: other rules evolve independently.
SELECT = ("A4", "L0")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(select=SELECT))


def report(path: Path, *defects: tuple[str, str], header: str = "") -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in defects:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(header + text, encoding="utf-8")
    return path.name          # the tests run in the report's folder, paths as a user gives them


def run(linter, paths, base, fmt="concise", **options):
    out = io.StringIO()
    code = reporters.finish([linter.lint_file(p) for p in paths],
                            reporters.OutputOptions(format=fmt, baseline=base, **options),
                            linter.config, linter.rules, out=out)
    return code, out.getvalue()


def finding_lines(concise: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in
            (re.match(r"^(\S+?):\d+:\d+: ([A-Z]\d{3}) ", x) for x in concise.splitlines()) if m]


def test_baseline_written_then_only_new_findings_fail(linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = tmp_path / "xxgk-lint-baseline.json"
    a = report(tmp_path / "a.yaml", DISCLOSED)

    code, out = run(linter, [a], base)
    assert code == 0 and base.exists()
    assert "已写入基线" in out and "（2 项）" in out
    doc = json.loads(base.read_text(encoding="utf-8"))
    assert doc["entries"] == [
        {"path": "a.yaml", "code": "A401", "location": "/tables/applications/disclosed/total", "count": 1},
        {"path": "a.yaml", "code": "A402", "location": "/tables/applications/results_total/natural_person",
         "count": 1},
    ]

    code, out = run(linter, [a], base)
    assert code == 0 and finding_lines(out) == []
    assert "基线：新增 0 项，未变 2 项，已修复 0 项" in out

    report(tmp_path / "a.yaml", DISCLOSED, REVIEW)
    code, out = run(linter, [a], base)
    assert code == 1
    assert finding_lines(out) == [("a.yaml", "A404")]
    assert "基线：新增 1 项，未变 2 项" in out


def test_moving_lines_does_not_break_the_baseline(linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = tmp_path / "b.json"
    a = report(tmp_path / "a.yaml", DISCLOSED)
    assert run(linter, [a], base)[0] == 0
    before = {(d.code, d.location.line) for d in linter.lint_file(a).diagnostics}
    report(tmp_path / "a.yaml", DISCLOSED, header="# 修订说明\n" * 7)
    after = {(d.code, d.location.line) for d in linter.lint_file(a).diagnostics}
    assert {c for c, _ in before} == {c for c, _ in after} and before != after   # lines really moved
    code, out = run(linter, [a], base)
    assert code == 0 and finding_lines(out) == []


def test_fixed_findings_are_reported(linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = tmp_path / "b.json"
    a = report(tmp_path / "a.yaml", DISCLOSED, REVIEW)
    run(linter, [a], base)
    report(tmp_path / "a.yaml", REVIEW)          # A401 and A402 fixed
    code, out = run(linter, [a], base)
    assert code == 0 and "已修复 2 项" in out
    assert "已修复 A401 a.yaml /tables/applications/disclosed/total（1 项）" in out
    code, doc = run(linter, [a], base, fmt="json", show_suppressed=True)
    doc = json.loads(doc)
    assert doc["baseline"]["new"] == 0 and doc["baseline"]["unchanged"] == 1 and doc["baseline"]["fixed"] == 2
    assert [d["baseline_state"] for d in doc["files"][0]["diagnostics"]] == ["unchanged"]


def test_sarif_baseline_states_are_schema_valid(linter, tmp_path, monkeypatch):
    import jsonschema

    monkeypatch.chdir(tmp_path)
    base = tmp_path / "b.json"
    a = report(tmp_path / "a.yaml", DISCLOSED)
    run(linter, [a], base)
    report(tmp_path / "a.yaml", REVIEW, ("disclosed:        {natural_person: 5, commercial: 1,",
                                         "disclosed:        {natural_person: 5, commercial: 2,"))
    code, text = run(linter, [a], base, fmt="sarif")
    doc = json.loads(text)
    states = sorted((r["ruleId"], r["baselineState"]) for r in doc["runs"][0]["results"])
    # A401 is still there (another column); A402 moved from 自然人 to 商业企业; A404 is new
    assert states == [("A401", "unchanged"), ("A402", "absent"), ("A402", "new"), ("A404", "new")]
    absent = next(r for r in doc["runs"][0]["results"] if r["baselineState"] == "absent")
    assert absent["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == \
        "/tables/applications/results_total/natural_person"
    assert absent["kind"] == "pass" and absent["level"] == "none"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft4Validator(schema).iter_errors(doc)) == []
    assert code == 1


def _result(path, *pointers):
    return FileResult(path, "yaml", [Diagnostic(
        "A401", "applications-row-total", "total", "error", Message("x", "x"),
        Location(path=path, line=i + 1, pointer=p)) for i, p in enumerate(pointers)])


def test_counts_per_key(tmp_path):
    base = tmp_path / "b.json"
    baseline.write(base, [_result(str(tmp_path / "a.yaml"), "/p")])
    marked, outcome = baseline.compare([_result(str(tmp_path / "a.yaml"), "/p", "/p")], base)
    assert [d.baseline for d in marked[0].diagnostics] == ["unchanged", "new"]
    assert (outcome.new, outcome.unchanged, outcome.fixed) == (1, 1, [])
    assert marked[0].errors == 1 and reporters.exit_code(marked) == 1


def test_files_outside_the_run_are_not_reported_fixed(tmp_path):
    base = tmp_path / "b.json"
    baseline.write(base, [_result(str(tmp_path / "a.yaml"), "/p"), _result(str(tmp_path / "b.yaml"), "/q")])
    _, outcome = baseline.compare([_result(str(tmp_path / "a.yaml"))], base)
    assert [(f.path, f.code, f.location) for f in outcome.fixed] == [("a.yaml", "A401", "/p")]


def test_keys_do_not_depend_on_the_cwd(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    base = tmp_path / "b.json"
    monkeypatch.chdir(tmp_path)
    baseline.write(base, [_result("sub/a.yaml", "/p")])
    monkeypatch.chdir(tmp_path / "sub")
    _, outcome = baseline.compare([_result("a.yaml", "/p")], base)
    assert (outcome.new, outcome.unchanged) == (0, 1)
    _, outcome = baseline.compare([_result(str(tmp_path / "sub" / "a.yaml"), "/p")], base)
    assert (outcome.new, outcome.unchanged) == (0, 1)


@pytest.mark.parametrize("content", ["not json", '{"version": 99, "entries": []}',
                                     '{"version": 1, "entries": [{"path": "a"}]}'])
def test_bad_baseline_is_a_config_error(tmp_path, content):
    base = tmp_path / "b.json"
    base.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        baseline.compare([_result("a.yaml", "/p")], base)


def test_suppressed_findings_stay_out_of_the_baseline(tmp_path):
    r = _result("a.yaml", "/p", "/q")
    r.diagnostics[1] = Diagnostic("A401", "n", "total", "error", Message("x", "x"),
                                  Location(path="a.yaml", pointer="/q"), suppressed="reason")
    outcome = baseline.write(tmp_path / "b.json", [r])
    assert outcome.recorded == 1
