"""Overrides file and inline suppressions, on real reports linted by the engine."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from xxgk_lint import reporters, suppress
from xxgk_lint.config import Config, ConfigError
from xxgk_lint.engine import Linter

SAMPLE = Path(__file__).parents[1] / "examples" / "sample-2021.yaml"
# planting this makes A401 (row total of （一）予以公开) and A402 (（七）总计/自然人) fire
DISCLOSED = ("disclosed:        {natural_person: 5,", "disclosed:        {natural_person: 6,")


# Only the planted totals defects and the bookkeeping codes: other rules evolve independently.
SELECT = ("A4", "L0")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(select=SELECT))


def defective(path: Path, header: str = "") -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    assert DISCLOSED[0] in text
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + text.replace(*DISCLOSED, 1), encoding="utf-8")
    return str(path)


def write_overrides(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run(linter, paths, *, fmt="json", config=None, **options):
    out = io.StringIO()
    results = [linter.lint_file(p) for p in paths]
    code = reporters.finish(results, reporters.OutputOptions(format=fmt, **options),
                            config or linter.config, linter.rules, out=out)
    text = out.getvalue()
    return code, (json.loads(text) if fmt in ("json", "sarif") else text)


def all_diags(doc):
    return [(f["path"], d) for f in doc["files"] for d in f["diagnostics"]]


# ---------------------------------------------------------------- overrides

def test_override_silences_exactly_one_finding_of_one_file(linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = defective(tmp_path / "a.yaml")
    b = defective(tmp_path / "b.yaml")
    ov = write_overrides(tmp_path / "overrides.yaml", """\
- files: [a.yaml]
  rules: [A402]
  location: 表三/（七）总计/自然人
  reason: 上级主管部门口径，已书面确认
""")
    code, doc = run(linter, [a, b], overrides=ov, show_suppressed=True)
    silenced = [(p, d["code"], d["suppressed"]) for p, d in all_diags(doc) if "suppressed" in d]
    assert silenced == [(a, "A402", "上级主管部门口径，已书面确认")]
    active = sorted((p, d["code"]) for p, d in all_diags(doc) if "suppressed" not in d)
    assert active == [(a, "A401"), (b, "A401"), (b, "A402")]
    assert doc["summary"]["suppressed"] == 1 and doc["summary"]["errors"] == 3
    assert code == 1
    # hidden without --show-suppressed, but still counted
    _, doc = run(linter, [a, b], overrides=ov)
    assert (a, "A402") not in [(p, d["code"]) for p, d in all_diags(doc)]
    assert doc["summary"]["suppressed"] == 1


def test_suppressed_findings_are_external_suppressions_in_sarif(linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = defective(tmp_path / "a.yaml")
    ov = write_overrides(tmp_path / "ov.yaml", "overrides:\n  - {files: ['*.yaml'], rules: [A401], "
                                               "reason: 已知问题}\n")
    _, sarif = run(linter, [a], fmt="sarif", overrides=ov)
    res = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    assert res["A401"]["suppressions"] == [{"kind": "external", "justification": "已知问题"}]
    assert "suppressions" not in res["A402"]


def test_pointer_location_is_a_prefix_on_whole_segments(linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = defective(tmp_path / "a.yaml")
    ov = write_overrides(tmp_path / "ov.yaml", """\
- {files: [a.yaml], rules: [A402], location: /tables/applications/results_total, reason: 口径}
- {files: [a.yaml], rules: [A401], location: /tables/applications/disc, reason: 不是完整的一段}
""")
    _, doc = run(linter, [a], overrides=ov, show_suppressed=True)
    by_code = {d["code"]: d for _, d in all_diags(doc)}
    assert by_code["A402"]["suppressed"] == "口径"
    assert "suppressed" not in by_code["A401"]
    # the second entry silenced nothing: reported as L002 on its own line of the overrides file
    assert by_code["L002"]["location"] == {"path": str(ov), "line": 2, "column": 1,
                                           "pointer": "", "logical": ""}


@pytest.mark.parametrize("text, message", [
    ("- {files: [a.yaml], rules: [A401]}\n", "reason"),
    ("- {files: [a.yaml], rules: [A401], reason: '  '}\n", "reason"),
    ("- {files: [a.yaml], rules: [A401], reason: x, scope: all}\n", "unknown key"),
    ("- {files: [a.yaml], rules: [A401], reason: x, action: ignore}\n", "action"),
    ("- {files: [a.yaml], rules: [Z999], reason: x}\n", "unknown rule code Z999"),
    ("- {files: [a.yaml], rules: [not-a-code], reason: x}\n", "not a rule code"),
    ("- {files: [], rules: [A401], reason: x}\n", "files"),
    ("- {files: [a.yaml], reason: x}\n", "rules"),
    ("foo: []\n", "top-level"),
    ("- [unterminated\n", "invalid YAML"),
])
def test_bad_override_entries_are_config_errors(tmp_path, text, message):
    ov = write_overrides(tmp_path / "ov.yaml", "# comment\n" + text)
    with pytest.raises(ConfigError, match=message):
        suppress.load_overrides(ov, known_codes={"A401", "A402"})


def test_missing_reason_stops_the_run_before_output(linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = defective(tmp_path / "a.yaml")
    ov = write_overrides(tmp_path / "ov.yaml", "- {files: [a.yaml], rules: [A401]}\n")
    out = io.StringIO()
    with pytest.raises(ConfigError, match=r"ov.yaml:1: `reason` is mandatory"):
        reporters.finish([linter.lint_file(a)], reporters.OutputOptions(overrides=ov), None,
                         linter.rules, out=out)
    assert out.getvalue() == ""


def test_unused_override_is_reported_in_every_format_and_counted(linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = defective(tmp_path / "a.yaml")
    ov = write_overrides(tmp_path / "ov.yaml", """\
# overrides for the 2021 reports
- files: [a.yaml]
  rules: [A404]
  reason: 表四口径
- files: [other-organ.yaml]
  rules: [A401]
  reason: not judged - its file is not part of this run
""")
    _, doc = run(linter, [a], overrides=ov)
    entry = doc["files"][-1]
    assert entry["path"] == str(ov) and entry["format"] == "overrides"
    assert [(d["code"], d["severity"], d["location"]["line"]) for d in entry["diagnostics"]] == \
        [("L002", "warning", 2)]
    assert "A404" in entry["diagnostics"][0]["message"]
    assert doc["summary"]["warnings"] == 1 and doc["summary"]["files"] == 1
    _, concise = run(linter, [a], fmt="concise", overrides=ov)
    assert f"{ov}:2:1: L002 " in concise
    _, github = run(linter, [a], fmt="github", overrides=ov)
    assert f"::warning file={ov},line=2,col=1,title=L002 unused-override::" in github
    _, sarif = run(linter, [a], fmt="sarif", overrides=ov)
    l002 = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "L002"]
    assert l002[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "ov.yaml"
    assert l002[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_relevel_changes_severity_and_exit_code(linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = defective(tmp_path / "a.yaml")
    ov = write_overrides(tmp_path / "ov.yaml", """\
- {files: ["*"], rules: [A401, A402], action: off, reason: first}
- {files: ["*"], rules: [A401, A402], action: info, reason: 说明性问题，last entry wins}
""")
    code, doc = run(linter, [a], overrides=ov)
    severities = {d["code"]: d["severity"] for _, d in all_diags(doc)}
    assert severities == {"A401": "info", "A402": "info"}
    d = next(d for _, d in all_diags(doc) if d["code"] == "A401")
    assert d["details"]["severity_override"] == {"from": "error", "reason": "说明性问题，last entry wins",
                                                 "source": f"{ov}:2"}
    assert code == 0 and doc["summary"]["infos"] == 2


def test_globs_are_relative_to_the_overrides_file(tmp_path, monkeypatch):
    (tmp_path / "cfg").mkdir()
    ov = suppress.load_overrides(write_overrides(tmp_path / "cfg" / "ov.yaml", """\
- {files: ["../reports/**/*.yaml"], rules: [A401], reason: r}
- {files: ["a.yaml"], rules: [A401], reason: basename at any depth}
- {files: ["reports/*.yaml"], rules: [A401], reason: relative to cfg/ so never}
- {files: ["../reports/20[0-9][0-9]/?.yaml"], rules: [A401], reason: classes}
"""))
    target = tmp_path / "reports" / "2021" / "a.yaml"
    for cwd in (tmp_path, tmp_path / "cfg"):
        monkeypatch.chdir(cwd)
        for given in (str(target), str(Path("..") / target.relative_to(tmp_path)) if cwd != tmp_path
                      else str(target.relative_to(tmp_path))):
            matched = [e.reason for e in ov.for_file(given)]
            assert matched == ["r", "basename at any depth", "classes"], (cwd, given)


def test_glob_translation():
    rx = suppress.glob_to_regex
    assert rx("**/*.yaml").match("a.yaml") and rx("**/*.yaml").match("x/y/a.yaml")
    assert not rx("*.yaml").match("x/a.yaml")
    assert rx("reports/**").match("reports/x/y.pdf")
    assert rx("[!b]*.txt").match("a.txt") and not rx("[!b]*.txt").match("b.txt")
    assert not rx("a.yaml").match("a.yamlx")


# ---------------------------------------------------------------- inline comments

def test_inline_suppression_used_and_unused(linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = defective(tmp_path / "a.yaml", "# xxgk-lint: disable=A401,A404 本年度按上级口径填报\n")
    code, doc = run(linter, [a], show_suppressed=True)
    by_code = {d["code"]: d for _, d in all_diags(doc)}
    assert by_code["A401"]["suppressed"] == "本年度按上级口径填报"
    assert by_code["A401"]["details"]["suppression"] == {"kind": "inSource", "source": f"{a}:1"}
    assert "suppressed" not in by_code["A402"]
    l001 = by_code["L001"]
    assert l001["severity"] == "warning" and l001["location"]["line"] == 1
    assert "A404" in l001["message"] and "A401" not in l001["message"]
    _, sarif = run(linter, [a], fmt="sarif")
    a401 = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "A401")
    assert a401["suppressions"][0]["kind"] == "inSource"


def test_fully_used_inline_suppression_reports_nothing(linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = defective(tmp_path / "a.yaml", "# xxgk-lint: disable=A401, A402 已与统计口径核对\n")
    code, doc = run(linter, [a])
    assert all_diags(doc) == [] and code == 0 and doc["summary"]["suppressed"] == 2


@pytest.mark.parametrize("comment, fragment", [
    ("# xxgk-lint: disable=A401\n", "缺少理由"),
    ("# xxgk-lint: disabel A401 理由\n", "无法解析"),
])
def test_inline_without_reason_or_malformed_has_no_effect_and_is_l003(linter, tmp_path, monkeypatch,
                                                                      comment, fragment):
    monkeypatch.chdir(tmp_path)
    a = defective(tmp_path / "a.yaml", comment)
    code, doc = run(linter, [a])
    by_code = {d["code"]: d for _, d in all_diags(doc)}
    assert "suppressed" not in by_code["A401"]
    assert by_code["L003"]["severity"] == "error" and fragment in by_code["L003"]["message"]
    assert by_code["L003"]["location"]["line"] == 1
    assert code == 1


def test_config_selects_and_relevels_bookkeeping_codes(linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = defective(tmp_path / "a.yaml", "# xxgk-lint: disable=A404 不存在的问题\n")
    _, doc = run(linter, [a], config=Config(select=SELECT, ignore=("L001",)))
    assert "L001" not in [d["code"] for _, d in all_diags(doc)]
    code, doc = run(linter, [a], config=Config(select=SELECT, severity={"L001": "error"}))
    assert [d["severity"] for _, d in all_diags(doc) if d["code"] == "L001"] == ["error"]


def test_find_inline_comment_syntaxes():
    md = ["# 标题", "<!-- xxgk-lint: disable=C601 本机关未设传真 --> 正文", "<!-- 普通注释 -->"]
    found = suppress.find_inline(md, "md")
    assert [(s.line, s.column, s.codes, s.reason) for s in found] == [(2, 1, ("C601",), "本机关未设传真")]
    html = ['<p>x</p><!--xxgk-lint: disable=c601,C602 理由 -->']
    assert suppress.find_inline(html, "html")[0].codes == ("C601", "C602")
    assert suppress.find_inline(html, "html")[0].column == 9
    yaml_lines = ["a: 1  # xxgk-lint: disable=A401 理由 有空格"]
    assert suppress.find_inline(yaml_lines, "yaml")[0].reason == "理由 有空格"
    # plain text carries no comments: a directive there is found, refused (never valid)
    (plain,) = suppress.find_inline(["# xxgk-lint: disable=A401 理由"], "txt")
    assert plain.refused and not plain.valid
    # YAML syntax is not HTML syntax
    assert suppress.find_inline(["<!-- xxgk-lint: disable=A401 理由 -->"], "yaml") == []
    assert suppress.find_inline(None, "yaml") == []


def test_location_text_matches_by_prefix_as_the_readme_says(linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = defective(tmp_path / "a.yaml")
    # 表三/（七） is a prefix of the text 表三/（七）总计/自然人, not a whole segment of it
    ov = write_overrides(tmp_path / "ov.yaml",
                         "- {files: [a.yaml], rules: [A402], location: 表三/（七）, reason: 口径}\n")
    _, doc = run(linter, [a], overrides=ov, show_suppressed=True)
    by_code = {d["code"]: d for _, d in all_diags(doc)}
    assert by_code["A402"]["suppressed"] == "口径" and "L002" not in by_code


def test_inline_disable_in_plain_text_is_refused_with_l003(tmp_path):
    report = Path(__file__).parents[1] / "examples" / "jianning-suixi-2021.txt"
    text = report.read_text(encoding="utf-8").replace("六、其他需要报告的事项\n",
                                                     "六、其他需要报告的事项\nxxgk-lint: disable=N701 本镇不收费\n", 1)
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    linter = Linter(Config())
    _, doc = run(linter, [str(path)], config=linter.config)
    by_code = {d["code"]: d for _, d in all_diags(doc)}
    assert "N701" in by_code and "suppressed" not in by_code["N701"]      # not silenced
    assert "纯文本" in by_code["L003"]["message"] and by_code["L003"]["severity"] == "error"
