"""Each fact of the format and of the text in one place (issue 14), and the module layout that
keeps it so: rule modules only declare rules, no rule module imports another, the engine and
the neutral modules import no rule module, and no rule asks for the input kind.

The scans read the sources (ast), so they fail as soon as a second definition appears."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from xxgk_lint import spec
from xxgk_lint.extract.values import value_like
from xxgk_lint.normalize import CN_DIGITS, CN_ZEROS

ROOT = Path(__file__).resolve().parents[1]
LINTER = ROOT / "linter"
RULES = ROOT / "rules"
SOURCES = sorted(LINTER.rglob("*.py")) + sorted(RULES.glob("*.py"))


def _trees() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"), filename=str(p))) for p in SOURCES]


TREES = _trees()


def _strings(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _offenders(pattern: re.Pattern[str], allowed: set[str]) -> list[str]:
    return [f"{_name(p)}:{line}: {m.group(0)}" for p, tree in TREES if _name(p) not in allowed
            for line, text in _strings(tree) for m in pattern.finditer(text)]


# Three Chinese digits in counting order (一二三, 七八九, 〇一二): a list of the digits, as a
# character class or a lookup table spells them. Years (二〇二二) and words never have one.
_DIGIT_RUN = re.compile("|".join(
    re.escape(zero + CN_DIGITS[:2]) for zero in CN_ZEROS) + "|" + "|".join(
    re.escape(CN_DIGITS[i:i + 3]) for i in range(len(CN_DIGITS) - 2)))


def test_chinese_digits_are_spelled_out_only_in_normalize():
    assert _offenders(_DIGIT_RUN, {"linter/normalize.py"}) == []


def test_the_digit_scan_would_see_a_copy():
    assert _DIGIT_RUN.search("[一二三四五六七八九十]") and _DIGIT_RUN.search('"零一二三四五六七八九"')
    assert not _DIGIT_RUN.search("二〇二二年一月六日")


# A second list of the statistics period's keywords: three of the words that name the period,
# as alternatives of a regular expression.
_WORD = "(?:期限|时限|时间段|时间|时段|区间|周期|期间|范围)"
_PERIOD_WORDS = re.compile(rf"{_WORD}\|{_WORD}\|{_WORD}")


def test_period_keywords_only_in_spec():
    assert _offenders(_PERIOD_WORDS, {"linter/spec.py"}) == []
    assert _PERIOD_WORDS.search(spec.PERIOD_KEYWORDS)


def _set_literals(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, ast.Set):
            yield node.lineno, {e.value for e in node.elts if isinstance(e, ast.Constant)}


def test_placeholders_only_in_spec():
    copies = [f"{_name(p)}:{line}" for p, tree in TREES if _name(p) != "linter/spec.py"
              for line, values in _set_literals(tree) if {"/", "无", "—"} <= values]
    assert copies == []


@pytest.mark.parametrize("cell", sorted(spec.PLACEHOLDERS))
def test_every_placeholder_is_a_value_to_the_extractor(cell):
    """The extractor and the validator share one set: a placeholder cell is read as a value,
    which the schema rule then reports with the hint to write 0."""
    assert value_like(cell)


def test_layout_cell_limit_defined_once():
    defined = [_name(p) for p, tree in TREES for node in ast.walk(tree)
               if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and "LAYOUT_CELL" in t.id
                                                       for t in node.targets)]
    assert defined == ["linter/readers/page_layout.py"]


def _imports(tree: ast.Module, module: str) -> set[str]:
    """Absolute names of the modules `tree` imports (relative imports resolved from `module`)."""
    found: set[str] = set()
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                name = f"{base}.{node.module}" if node.module else base
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{a.name}" for a in node.names)
    return found


def _module_name(path: Path) -> str:
    if path.is_relative_to(RULES):
        return "xxgk_lint.rules." + path.stem
    parts = path.relative_to(LINTER).with_suffix("").parts
    return ".".join(("xxgk_lint", *parts))


def _rule_imports(path: Path, tree: ast.Module) -> set[str]:
    return {name for name in _imports(tree, _module_name(path))
            if name.startswith("xxgk_lint.rules.") and name.split(".")[2] in {p.stem for p in RULES.glob("*.py")}}


def test_no_rule_module_imports_another():
    assert {_name(p): _rule_imports(p, t) for p, t in TREES if p.is_relative_to(RULES) and _rule_imports(p, t)} == {}


# suppress.py reads the declarations of its own L0xx codes from rules/meta.py (metadata, no logic).
_MAY_IMPORT_DECLARATIONS = {"linter/suppress.py": {"xxgk_lint.rules.meta"}}


def test_library_modules_import_no_rule_module():
    found = {_name(p): imported for p, tree in TREES if p.is_relative_to(LINTER)
             if (imported := _rule_imports(p, tree) - _MAY_IMPORT_DECLARATIONS.get(_name(p), set()))}
    assert found == {}


def test_rules_never_ask_for_the_input_kind():
    asked = [f"{_name(p)}:{node.lineno}" for p, tree in TREES if p.is_relative_to(RULES) for node in ast.walk(tree)
             if isinstance(node, ast.Attribute) and node.attr == "kind"
             and isinstance(node.value, ast.Name) and node.value.id == "report"]
    assert asked == []
