"""Conformance corpus: real files through the real engine, one folder per rule code.

    tests/cases/<CODE>/fail/<case>.<ext>   must produce that code (and exactly what expected.yaml lists)
    tests/cases/<CODE>/pass/<case>.<ext>   must produce nothing that expected.yaml does not list
    tests/cases/<CODE>/{fail,pass}/expected.yaml   case file name → expected findings

The format is documented in tests/cases/README.md. Comparison is exact: every finding the
engine reports must be listed, and every listed finding must be reported, so a rule of
another family firing on a case shows up here.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from xxgk_lint.rule_api import Rule

CASES = Path(__file__).parent / "cases"
SIDE_CAR = "expected.yaml"
OUTCOMES = ("fail", "pass")
STRUCTURED = {".yaml", ".yml", ".json"}
# Rule modules whose every code must have a fail and a pass case (YAML and a document format
# where the rule can apply). Add your module when its cases are in.
COVERED_MODULES = ("structure", "tables", "values", "totals", "dates", "contact", "content", "consistency",
                   "prose_arithmetic")
# Codes that cannot fire on structured input (a YAML/JSON mapping has no printed headings, no
# repeated section and no 2008-era text layout), so they need no YAML fail case.
DOCUMENT_ONLY = {"S105", "S106", "S110"}
KEYS = {"code", "pointer", "line"}


def _sidecar(folder: Path) -> dict:
    path = folder / SIDE_CAR
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _case_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.name != SIDE_CAR and not p.name.startswith((".", "README")))


def _cases() -> list:
    params = []
    for code_dir in sorted(p for p in CASES.iterdir() if p.is_dir()):
        for outcome in OUTCOMES:
            folder = code_dir / outcome
            if not folder.is_dir():
                continue
            expected = _sidecar(folder)
            for case in _case_files(folder):
                params.append(pytest.param(code_dir.name, outcome, case, expected.get(case.name),
                                           id=f"{code_dir.name}/{outcome}/{case.name}"))
    return params


@pytest.fixture(scope="module")
def linter():
    from xxgk_lint.config import Config
    from xxgk_lint.engine import Linter

    return Linter(Config())


@dataclass(frozen=True)
class Reported:
    code: str
    pointer: str
    line: int | None
    message: str


def _reported(result) -> list[Reported]:
    """The unsuppressed findings, and the consequences told with them: an A405 folded into the
    T201/T202 that causes it (xxgk_lint.grouping) is reported — at its cause's line."""
    out = []
    for d in result.diagnostics:
        if d.suppressed is not None:
            continue
        out.append(Reported(d.code, d.location.pointer, d.location.line, d.message.zh))
        for folded in (d.details or {}).get("unverifiable", ()):
            out.append(Reported(folded["code"], folded["pointer"], d.location.line,
                                f"（并入 {d.code}）{folded['message_zh']}"))
    return out


def _describe(reported) -> str:
    return "\n".join(f"  {r.code} pointer={r.pointer!r} line={r.line} {r.message}"
                     for r in reported) or "  (none)"


def _matches(entry: dict, r: Reported) -> bool:
    return (entry["code"] == r.code
            and ("pointer" not in entry or entry["pointer"] == r.pointer)
            and ("line" not in entry or entry["line"] == r.line))


@pytest.mark.parametrize("code, outcome, case, expected", _cases())
def test_case(linter, code, outcome, case, expected):
    assert expected is not None, f"{case.name} is not listed in {case.parent / SIDE_CAR}"
    result = linter.lint_file(str(case))
    got = _reported(result)
    unmatched = list(got)
    missing = []
    for entry in expected:
        hit = next((d for d in unmatched if _matches(entry, d)), None)
        if hit is None:
            missing.append(entry)
        else:
            unmatched.remove(hit)
    assert not missing and not unmatched, (
        f"{case.relative_to(CASES)}\nmissing: {missing}\nunexpected:\n{_describe(unmatched)}"
        f"\nall findings:\n{_describe(got)}")


# ---------------------------------------------------------------- the corpus itself


def _sidecar_problems(code_dir: Path) -> list[str]:
    problems = []
    for outcome in OUTCOMES:
        folder = code_dir / outcome
        if not folder.is_dir():
            problems.append(f"{code_dir.name}: no {outcome}/ folder")
            continue
        files = {p.name for p in _case_files(folder)}
        expected = _sidecar(folder)
        if not files:
            problems.append(f"{code_dir.name}/{outcome}: no case")
        for name in sorted(set(expected) - files):
            problems.append(f"{code_dir.name}/{outcome}/{SIDE_CAR}: lists {name}, which does not exist")
        for name, entries in expected.items():
            if not isinstance(entries, list) or not all(
                    isinstance(e, dict) and "code" in e and set(e) <= KEYS for e in entries):
                problems.append(f"{code_dir.name}/{outcome}/{name}: entries must be mappings of {sorted(KEYS)}")
                continue
            own = [e for e in entries if e["code"] == code_dir.name]
            if outcome == "fail" and not own:
                problems.append(f"{code_dir.name}/fail/{name}: does not expect {code_dir.name}")
            if outcome == "pass" and own:
                problems.append(f"{code_dir.name}/pass/{name}: expects {code_dir.name}")
            if Path(name).suffix not in STRUCTURED and any("line" not in e for e in own):
                problems.append(f"{code_dir.name}/{outcome}/{name}: text input, give the line of {code_dir.name}")
    return problems


def test_every_case_folder_is_well_formed():
    problems = [p for d in sorted(CASES.iterdir()) if d.is_dir() for p in _sidecar_problems(d)]
    assert not problems, "\n".join(problems)


def test_case_folders_name_registered_codes():
    from xxgk_lint.registry import load_rules

    codes = set(load_rules())
    unknown = [d.name for d in CASES.iterdir() if d.is_dir() and d.name not in codes]
    assert not unknown, f"case folders for unregistered codes: {unknown}"


@pytest.mark.parametrize("module", COVERED_MODULES)
def test_covered_codes_have_cases_in_yaml_and_a_document_format(module):
    mod = importlib.import_module(f"xxgk_lint.rules.{module}")
    codes = sorted(r.code for r in vars(mod).values() if isinstance(r, Rule))
    gaps = []
    for code in codes:
        for outcome in OUTCOMES:
            folder = CASES / code / outcome
            suffixes = Counter(p.suffix for p in _case_files(folder)) if folder.is_dir() else Counter()
            need_yaml = not (outcome == "fail" and code in DOCUMENT_ONLY)
            if need_yaml and not any(s in STRUCTURED for s in suffixes):
                gaps.append(f"{code}/{outcome}: no YAML/JSON case")
            if not any(s not in STRUCTURED for s in suffixes):
                gaps.append(f"{code}/{outcome}: no document case (.txt, .md, .docx …)")
    assert not gaps, "\n".join(gaps)
