"""A rule's page as data: what `xxgk-lint explain` prints and the web rule page shows.

Both draw the same `Page` (the terminal with rich in `commands/explain.py`, the web page with the
`rule.html` template), so the two never disagree about what a rule checks or which options it has.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import SEVERITY_LABEL, category_label
from .rule_api import Rule
from .rule_options import Option, shown

FORMAT_WORDS = {"2019": ("2019年试行格式", "2019 trial format"), "2021": ("2021年格式", "2021 format")}
PRODUCER_WORDS = {"read": ("读取文件时", "while reading the file"),
                  "extract": ("从文档中提取表格时", "while extracting the tables"),
                  "engine": ("检查过程本身", "the checking machinery")}


@dataclass(frozen=True)
class OptionRow:
    """One option as the page lists it."""
    name: str
    type: str           # the type in words, with bounds and allowed values
    default: str        # as it would be written in TOML
    description: str


@dataclass(frozen=True)
class Page:
    """A rule's page: heading, facts, its options, then titled parts."""
    heading: str
    name: str
    facts: list[tuple[str, str]]
    sections: list[tuple[str, str, str]]      # (title, text, kind: "text" | "fix" | "fail" | "pass")
    options_title: str
    options_headers: tuple[str, str, str, str]   # the columns of the options table
    options: list[OptionRow]
    options_usage: str                        # how to set them, or that the rule has none


def option_row(declared: Option, lang: str) -> OptionRow:
    return OptionRow(declared.name, declared.expected().text(lang), shown(declared.default),
                     declared.description.text(lang))


def _options_usage(rule: Rule, lang: str) -> str:
    zh = lang == "zh"
    if not rule.options:
        return "本规则没有选项。" if zh else "This rule has no options."
    settings = [o for o in rule.options if o.setting]
    text = (f"在配置文件中设置：pyproject.toml 的 [tool.xxgk-lint.rules.{rule.name}] 表，"
            f"或 xxgk-lint.toml 的 [rules.{rule.name}] 表" if zh else
            f"Set in the configuration: the table [tool.xxgk-lint.rules.{rule.name}] in pyproject.toml "
            f"or [rules.{rule.name}] in xxgk-lint.toml")
    for o in settings:
        text += (f"；{o.name} 也可写作顶层设置 {o.setting}" if zh else
                 f"; {o.name} may also be given as the top-level setting {o.setting}")
    return text + ("。" if zh else ".")


def _facts(rule: Rule, lang: str) -> list[tuple[str, str]]:
    zh = lang == "zh"

    def t(a: str, b: str) -> str:
        return a if zh else b

    facts = [(t("类别", "Category"), category_label(rule.category, lang)),
             (t("默认级别", "Default severity"), SEVERITY_LABEL[lang][rule.severity]),
             (t("适用格式", "Formats"), t("、", ", ").join(
                 FORMAT_WORDS[f][0 if zh else 1] if f in FORMAT_WORDS else f for f in sorted(rule.formats)))]
    if rule.produced_by:
        words = PRODUCER_WORDS.get(rule.produced_by)
        facts.append((t("产生于", "Produced"), words[0 if zh else 1] if words else
                      t(f"规则 {rule.produced_by} 的检查", f"by the check of rule {rule.produced_by}")))
    if not rule.verified:
        facts.append((t("注意", "Note"), t("本规则依据的要求未经官方原文核实，默认仅作提示，可在配置中调整。",
                                          "the requirement behind this rule is unverified against the official "
                                          "text; it defaults to a warning and can be configured.")))
    return facts


def page_of(rule: Rule, lang: str) -> Page:
    zh = lang == "zh"

    def t(a: str, b: str) -> str:
        return a if zh else b

    sections = [(t("检查内容", "What it checks"), rule.checks.text(lang), "text"),
                (t("为什么重要", "Why it matters"), rule.rationale.text(lang), "text"),
                (t("修改建议", "How to fix"), rule.fix.text(lang) if rule.fix else
                 t("（规则作者未提供修改建议）", "(the rule's author gave no advice)"), "fix")]
    if rule.example_fail:
        sections.append((t("不通过的示例", "Example that fails"), rule.example_fail.rstrip(), "fail"))
    if rule.example_pass:
        sections.append((t("通过的示例", "Example that passes"), rule.example_pass.rstrip(), "pass"))
    sections.append((t("法规依据", "Legal basis"), rule.legal_basis.text(lang), "text"))
    return Page(f"{rule.code}  {rule.title.text(lang)}", t(f"（{rule.name}）", f"({rule.name})"),
                _facts(rule, lang), sections, t("选项", "Options"), _option_headers(lang),
                [option_row(o, lang) for o in rule.options], _options_usage(rule, lang))


def _option_headers(lang: str) -> tuple[str, str, str, str]:
    return (("选项", "类型与取值", "默认值", "说明") if lang == "zh"
            else ("Option", "Type and values", "Default", "Description"))

