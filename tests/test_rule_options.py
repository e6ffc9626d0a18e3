"""Declared rule options: checked when the configuration loads (exit 2 naming the file and key),
their declared defaults applied, and listed by `explain` — through the real CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk_lint.registry import load_rules
from xxgk_lint.rule_api import option, rule
from xxgk_lint.rule_options import Option

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-2021.yaml"
FEE = "fees: {amount: 12.6}"     # the sample's table 2 item (8) fee amount (万元)


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=120)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """An organ's own repository (its root configuration is trusted) holding one report whose fee
    amount is 150000 (万元): above V304's default limit of 100000."""
    (tmp_path / ".git").mkdir()
    assert FEE in SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "report.yaml").write_text(SAMPLE.read_text(encoding="utf-8").replace(FEE, "fees: {amount: 150000}"),
                                          encoding="utf-8")
    return tmp_path


def codes(proc: subprocess.CompletedProcess) -> list[str]:
    return [d["code"] for f in json.loads(proc.stdout)["files"] for d in f["diagnostics"]]


@pytest.mark.parametrize(("file", "text", "table"), [
    ("pyproject.toml", '[tool.xxgk-lint.rules.fee-amount-implausible]\nmax = "abc"\n',
     "[tool.xxgk-lint.rules.fee-amount-implausible]"),
    ("xxgk-lint.toml", '[rules.fee-amount-implausible]\nmax = "abc"\n', "[rules.fee-amount-implausible]"),
])
def test_a_wrong_type_stops_the_run_at_load_naming_file_and_key(project: Path, file, text, table):
    (project / file).write_text(text, encoding="utf-8")
    proc = cli("check", "report.yaml", cwd=project)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and proc.stdout == b"", err
    assert f"错误：{project / file}：{table} max = \"abc\" 无效；应为不小于 0 的数（默认 100000）" in err
    assert "I007" not in err and "Traceback" not in err
    english = cli("check", "--lang", "en", "report.yaml", cwd=project)
    assert english.returncode == 2
    assert (f"error: {project / file}: {table} max = \"abc\" is invalid; expected number at least 0 "
            f"(default 100000)") in english.stderr.decode("utf-8")


@pytest.mark.parametrize(("text", "words"), [
    ("[rules.fee-amount-implausible]\nmax = -5\n", "max = -5 无效；应为不小于 0 的数"),
    ("[rules.fee-amount-implausible]\nlimit = 5\n",
     "[rules.fee-amount-implausible] 中的选项 limit 不存在；可用选项：max"),
    ("[rules.content-similar]\nthreshold = 1.5\n", "threshold = 1.5 无效；应为大于 0、不大于 1 的数"),
    ("[rules.contact-required]\nrequired = [\"wechat\"]\n", 'required = ["wechat"] 无效'),
    ("required-contacts = [\"phone\", \"wechat\"]\n", 'required-contacts = ["phone", "wechat"] 无效'),
    ("deadlines = {\"乡镇\" = \"2-20\"}\n", 'deadlines = {"乡镇" = "2-20"} 无效'),
    ("[rules.report-date-deadline]\n\"乡镇\" = \"02-30\"\n", '"乡镇" = "02-30" 无效；应为带引号的“MM-DD”'),
    ("[rules.section-missing]\nstrict = true\n", "选项 strict 不存在：规则 section-missing 没有选项"),
])
def test_out_of_range_unknown_and_malformed_options_are_refused(project: Path, text, words):
    (project / "xxgk-lint.toml").write_text(text, encoding="utf-8")
    proc = cli("check", "report.yaml", cwd=project)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and words in err, err
    assert err.startswith(f"xxgk-lint: 错误：{project / 'xxgk-lint.toml'}：")


def test_audit_refuses_a_bad_option_before_reading_any_file(project: Path, tmp_path_factory):
    config = tmp_path_factory.mktemp("conf") / "xxgk-lint.toml"
    config.write_text("[rules.content-similar]\nthreshold = 0\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "audit.xlsx"
    proc = cli("audit", "--config", str(config), str(project), "--export", str(out), cwd=project)
    assert proc.returncode == 2 and not out.exists()
    assert "[rules.content-similar] threshold = 0 无效" in proc.stderr.decode("utf-8")


def test_the_declared_default_applies_and_a_configured_value_replaces_it(project: Path):
    assert codes(cli("check", "--format", "json", "report.yaml", cwd=project)) == ["V304"]
    (project / "xxgk-lint.toml").write_text("[rules.fee-amount-implausible]\nmax = 200000\n", encoding="utf-8")
    raised = cli("check", "--format", "json", "report.yaml", cwd=project)
    assert raised.returncode == 0 and codes(raised) == []


def test_the_older_top_level_settings_still_set_their_options(project: Path):
    text = SAMPLE.read_text(encoding="utf-8")
    assert "  fax: " in text
    (project / "xxgk-lint.toml").write_text('required-contacts = ["phone", "fax"]\n'
                                            '[rules.fee-amount-implausible]\nmax = 200000\n', encoding="utf-8")
    (project / "report.yaml").write_text(re.sub(r"\n    fax: [^\n]*", "", text), encoding="utf-8")
    proc = cli("check", "--format", "json", "report.yaml", cwd=project)
    assert codes(proc) == ["C601"] and "unknown setting" not in proc.stderr.decode("utf-8")


def test_explain_lists_the_options_in_both_languages():
    zh = cli("explain", "V304", cwd=ROOT)
    text = zh.stdout.decode("utf-8")
    assert zh.returncode == 0
    assert re.search(r"选项\s+类型与取值\s+默认值\s+说明", text), text
    assert re.search(r"max\s+不小于 0 的数\s+100000\s+收费金额（万元）超过此值即报告", text), text
    assert "[tool.xxgk-lint.rules.fee-amount-implausible]" in text
    en = cli("explain", "--lang", "en", "contact-required", cwd=ROOT).stdout.decode("utf-8")
    assert re.search(r"required\s+list of strings; allowed: phone, email, address, postcode, fax, website\s+"
                     r'\["phone", "email"\]', en), en
    assert re.search(r"top-level setting\s+required-contacts", en), en
    assert "本规则没有选项" in cli("explain", "A401", cwd=ROOT).stdout.decode("utf-8")


def test_rules_lists_which_rules_take_options():
    listed = {r["code"]: r["options"] for r in json.loads(cli("rules", "--format", "json", cwd=ROOT).stdout)}
    assert {code: names for code, names in listed.items() if names} == {
        "C601": ["required"], "D505": ["deadlines"], "V304": ["max"], "X102": ["threshold"]}


def test_every_option_a_rule_reads_is_declared():
    """A rule reads its options as ctx.options["<its name>"]["<option>"]; each must be declared."""
    by_name = {r.name: r for r in load_rules().values()}
    read = set()
    for module in (ROOT / "rules").glob("*.py"):
        read |= set(re.findall(r'ctx\.options\["([a-z0-9-]+)"\]\["([a-z0-9_-]+)"\]', module.read_text("utf-8")))
    assert read, "no rule reads an option: the pattern above is out of date"
    for name, key in read:
        assert key in {o.name for o in by_name[name].options}, f"{name} reads the undeclared option {key}"
    # and no rule reads them the old way, with a default of its own
    for module in (ROOT / "rules").glob("*.py"):
        assert not re.search(r"ctx\.options\.get\(", module.read_text("utf-8")), module


PLUGIN = '''
from xxgk_lint.model import Finding, Message
from xxgk_lint.rule_api import option, rule

@rule(code="LOC201", name="overview-short", category="content", severity="warning",
      title="总体情况过短", checks="总体情况字数不少于 minimum。", rationale="本地要求", legal_basis="本地要求",
      options=(option("minimum", "integer", 5000, "总体情况至少的字数", minimum=1),))
def overview_short(report, ctx):
    limit = ctx.options["overview-short"]["minimum"]
    if len(report.data["sections"]["overview"]) < limit:
        yield Finding("LOC201", Message(f"总体情况不足 {limit} 字"), "/sections/overview")
'''


def test_a_plugin_rule_declares_options_like_a_builtin(project: Path):
    (project / "my_rules").mkdir()
    (project / "my_rules" / "local.py").write_text(PLUGIN, encoding="utf-8")
    config = project / "xxgk-lint.toml"
    config.write_text('rules-dirs = ["my_rules"]\nselect = ["LOC"]\n', encoding="utf-8")
    found = json.loads(cli("check", "--format", "json", "report.yaml", cwd=project).stdout)
    assert [d["message"] for d in found["files"][0]["diagnostics"]] == ["总体情况不足 5000 字"]
    config.write_text('rules-dirs = ["my_rules"]\nselect = ["LOC"]\n[rules.overview-short]\nminimum = 10\n',
                      encoding="utf-8")
    assert codes(cli("check", "--format", "json", "report.yaml", cwd=project)) == []
    config.write_text('rules-dirs = ["my_rules"]\n[rules.overview-short]\nminimum = 0\n', encoding="utf-8")
    refused = cli("check", "report.yaml", cwd=project)
    assert refused.returncode == 2 and "minimum = 0 无效；应为不小于 1 的整数" in refused.stderr.decode("utf-8")
    page = cli("explain", "LOC201", "--config", str(config), cwd=project).stdout.decode("utf-8")
    assert re.search(r"minimum\s+不小于 1 的整数\s+5000\s+总体情况至少的字数", page), page


def test_a_local_yaml_rule_takes_no_options(project: Path):
    (project / "本县规则.yaml").write_text(
        "- code: Z001\n  title: 须写明传真\n  message: 未写明传真\n  severity: warning\n"
        "  check:\n    required: 联系方式.传真\n", encoding="utf-8")
    (project / "xxgk-lint.toml").write_text('local-rules = ["本县规则.yaml"]\n[rules.local-z001]\nlimit = 3\n',
                                            encoding="utf-8")
    proc = cli("check", "report.yaml", cwd=project)
    assert proc.returncode == 2
    assert "[rules.local-z001] 中的选项 limit 不存在：规则 local-z001 没有选项" in proc.stderr.decode("utf-8")


def test_a_declaration_with_an_invalid_default_or_a_repeated_name_is_refused():
    with pytest.raises(ValueError, match="default"):
        option("max", "number", "abc", "上限")
    with pytest.raises(ValueError, match="unknown type"):
        option("max", "float", 1.0, "上限")     # type: ignore[arg-type]  # the mistake under test
    twice = (option("a", "integer", 1, "甲"), option("a", "integer", 2, "乙"))
    with pytest.raises(ValueError, match="declared twice"):
        rule(code="LOC301", name="twice", category="content", severity="info", title="t", checks="c",
             rationale="r", legal_basis="b", options=twice)


def test_declared_options_are_frozen_values():
    declared = load_rules()["V304"].options
    assert all(isinstance(o, Option) for o in declared) and declared[0].default == 100000
