"""Configuration resolution: selection truth table, file discovery, validation, warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk_lint.config import Config, ConfigError, find_config, from_table, load_config
from xxgk_lint.registry import load_rules

RULES = load_rules()


@pytest.mark.parametrize(("select", "extend", "ignore", "code", "selected"), [
    (("ALL",), (), (), "A401", True),
    (("ALL",), (), ("A",), "A401", False),
    (("ALL",), (), ("A4",), "S101", True),
    (("A",), (), (), "S101", False),
    (("A",), (), ("A401",), "A401", False),   # more specific ignore wins
    (("A",), (), ("A401",), "A402", True),
    (("A401",), (), ("A",), "A401", True),    # more specific select wins
    (("A401",), (), ("A401",), "A401", False),  # tie: ignore wins
    (("S",), ("A401",), (), "A401", True),
    (("S",), ("A401",), (), "A402", False),
    ((), (), (), "A401", False),               # empty select selects nothing
    (("ALL",), (), ("ALL",), "S101", False),
])
def test_selection_truth_table(select, extend, ignore, code, selected):
    cfg = Config(select=select, extend_select=extend, ignore=ignore)
    assert cfg.is_selected(code) is selected


def test_pyproject_found_upward_and_xxgk_toml_preferred(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.xxgk-lint]\nignore = ["A"]\n', encoding="utf-8")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    found = find_config(nested)
    assert found is not None and found[0] == tmp_path / "pyproject.toml"
    assert load_config(start=nested).ignore == ("A",)
    (tmp_path / "a" / "xxgk-lint.toml").write_text('ignore = ["S"]\n', encoding="utf-8")
    assert load_config(start=nested).ignore == ("S",)


def test_pyproject_without_our_table_is_skipped(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.black]\nline-length = 80\n', encoding="utf-8")
    assert find_config(tmp_path) is None or find_config(tmp_path)[0] != tmp_path / "pyproject.toml"


def test_isolated_ignores_files(tmp_path: Path):
    (tmp_path / "xxgk-lint.toml").write_text('ignore = ["A"]\n', encoding="utf-8")
    assert load_config(start=tmp_path, isolated=True).ignore == ()


def test_unknown_codes_keys_and_ineffective_settings_are_reported():
    cfg = from_table({"select": ["ALL"], "ignore": ["Z999", "A402"], "severity": {"A402": "warning", "Q123": "info"},
                      "colour": "red", "rules": {"no-such-rule": {"x": 1}}}, Path("xxgk-lint.toml"))
    cfg.check_against(RULES)
    text = "\n".join(w.zh for w in cfg.warnings)
    assert "未知的配置项 colour" in text
    assert "Z999" in text and "Q123" in text
    assert "A402 设置的级别不会生效" in text
    assert "no-such-rule" in text


def test_known_codes_produce_no_warning():
    cfg = from_table({"select": ["A", "S101"], "severity": {"A401": "warning"}}, None)
    cfg.check_against(RULES)
    assert cfg.warnings == []


@pytest.mark.parametrize("table", [
    {"severity": {"A401": "fatal"}},
    {"fail-on": "critical"},
    {"organ-level": "村委会"},
    {"select": "A401"},
    {"lang": "fr"},
])
def test_invalid_values_are_config_errors(table):
    with pytest.raises(ConfigError):
        from_table(table, Path("xxgk-lint.toml"))


@pytest.mark.parametrize(("table", "named"), [
    ({"deadlines": {"乡镇": "1月31日"}}, 'deadlines = {"乡镇" = "1月31日"}'),
    ({"deadlines": {"村": "01-31"}}, "deadlines = {\"村\" = "),
    ({"required-contacts": ["phone", "wechat"]}, 'required-contacts = ["phone", "wechat"]'),
    ({"rules": {"fee-amount-implausible": {"max": "abc"}}}, '[rules.fee-amount-implausible] max = "abc"'),
    ({"rules": {"fee-amount-implausible": {"max": -1}}}, "不小于 0 的数"),
    ({"rules": {"fee-amount-implausible": {"maximum": 5}}}, "选项 maximum 不存在；可用选项：max"),
    ({"rules": {"content-similar": {"threshold": 0}}}, "大于 0、不大于 1 的数"),
    ({"rules": {"report-date-deadline": {"乡镇": "02-30"}}}, "[rules.report-date-deadline] \"乡镇\" = \"02-30\" 无效"),
    ({"rules": {"report-date-deadline": {"strict": True}}}, "选项 strict 不存在"),
    ({"rules": {"section-missing": {"x": 1}}}, "规则 section-missing 没有选项"),
])
def test_invalid_rule_options_are_config_errors_naming_the_key(table, named):
    cfg = from_table(table, Path("xxgk-lint.toml"))
    with pytest.raises(ConfigError) as caught:
        cfg.options_for(RULES.values())
    assert caught.value.message.zh.startswith("xxgk-lint.toml：") and named in caught.value.message.zh


def test_rule_options_take_declared_defaults_and_the_top_level_settings():
    cfg = from_table({"deadlines": {"乡镇": "02-20"}, "required-contacts": ["phone"],
                      "rules": {"report-date-deadline": {"街道": "02-10"}}}, None)
    options = cfg.options_for(RULES.values())
    assert options["report-date-deadline"] == {"deadlines": {"乡镇": "02-20", "街道": "02-10"}}
    assert options["contact-required"] == {"required": ["phone"]}
    assert options["fee-amount-implausible"] == {"max": 100000}
    assert options["content-similar"] == {"threshold": 0.9}
    assert options["section-missing"] == {}
    # the rule's own table wins over the top-level setting
    both = from_table({"required-contacts": ["phone"], "rules": {"contact-required": {"required": ["fax"]}}}, None)
    assert both.options_for(RULES.values())["contact-required"] == {"required": ["fax"]}


def test_option_settings_are_known_keys_once_the_rules_are_loaded():
    cfg = from_table({"deadlines": {"乡镇": "02-20"}, "required-contacts": ["phone"], "colour": "red"}, None)
    cfg.check_against(RULES)
    assert [w.zh for w in cfg.warnings] == ["config: 未知的配置项 colour（已忽略）"]


def test_broken_toml_is_a_config_error(tmp_path: Path):
    bad = tmp_path / "xxgk-lint.toml"
    bad.write_text("select = [", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(explicit=bad)


def test_xxgk_toml_accepts_bare_keys_and_a_tool_table(tmp_path: Path):
    """README: xxgk-lint.toml holds the keys bare, or under [tool.xxgk-lint] as in pyproject.toml."""
    bare, nested = tmp_path / "bare", tmp_path / "nested"
    bare.mkdir()
    nested.mkdir()
    (bare / "xxgk-lint.toml").write_text('ignore = ["S1"]\nfail-on = "warning"\n', encoding="utf-8")
    (nested / "xxgk-lint.toml").write_text('[tool.xxgk-lint]\nignore = ["S1"]\nfail-on = "warning"\n',
                                           encoding="utf-8")
    for folder in (bare, nested):
        cfg = load_config(start=folder)
        assert (cfg.ignore, cfg.fail_on, cfg.warnings) == (("S1",), "warning", [])
        assert load_config(explicit=folder / "xxgk-lint.toml").ignore == ("S1",)
