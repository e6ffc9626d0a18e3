"""Word 97 (.doc) and WPS (.wps) files, read through LibreOffice, lint as the .docx they came from.

The files are made the way organs make them: every planted-defect case (tests/cases/*/fail)
rendered as .docx, then saved by LibreOffice as Word 97 (`doc:MS Word 97`; a Kingsoft .wps is
the same binary format, so the .wps files are Word 97 exports named .wps). The linter converts
them back with LibreOffice in its own private profile, in the audit's worker processes.
Without LibreOffice each file gets one clear finding and the CLI exits 1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk_lint.audit import run_audit
from xxgk_lint.config import Config
from xxgk_lint.engine import Linter
from xxgk_lint.readers import read
from xxgk_lint.readers.office import OfficeSettings, find_soffice

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS / "fixtures"))
try:
    import make_documents
    from soffice import SOFFICE, convert
finally:
    sys.path.remove(str(TESTS / "fixtures"))

pytestmark = [pytest.mark.slow,     # converts every planted-defect case through LibreOffice
              pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")]

FAIL_CASES = sorted(p for p in (TESTS / "cases").glob("*/fail/*.yaml") if p.name != "expected.yaml")
# Notes about the conversion itself, which the .docx cannot have.
CONVERSION_NOTES = {"I014"}


def _what(diagnostic) -> tuple:
    """A finding as the clerk reads it: code and what it is about (not where in the file)."""
    loc = diagnostic.location
    return (diagnostic.code, loc.section, loc.table, loc.block, loc.row, loc.column_label,
            str(diagnostic.actual))


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> dict[str, Path]:
    """{case name: .docx path} for every planted-defect case, plus the clean sample, rendered
    as test_cases_across_kinds renders them."""
    from test_cases_across_kinds import _make_documents, _render

    out = tmp_path_factory.mktemp("planted-docx")
    renderer = _make_documents()
    paths = {}
    for yaml_path in FAIL_CASES + [make_documents.DEFAULT_YAML]:
        name = "clean" if yaml_path == make_documents.DEFAULT_YAML else \
            f"{yaml_path.parent.parent.name}-{yaml_path.stem}"
        rendered = _render(renderer, yaml_path, out / "render", ("docx",))["docx"]
        paths[name] = rendered.rename(out / f"{name}.docx")
    return paths


@pytest.fixture(scope="module")
def word97(planted, tmp_path_factory) -> list[Path]:
    """The planted set saved by LibreOffice as Word 97 .doc (one batch)."""
    return convert(list(planted.values()), "doc:MS Word 97", tmp_path_factory.mktemp("planted-doc"))


@pytest.fixture(scope="module")
def docx_findings(planted) -> dict[str, list[tuple]]:
    linter = Linter()
    return {name: sorted(_what(d) for d in linter.lint_file(str(path)).diagnostics)
            for name, path in planted.items()}


def test_every_planted_doc_gives_the_docx_findings(word97, docx_findings):
    audit = run_audit([str(p) for p in word97], Config(), jobs=2, timeout=120)
    assert len(audit.records) == len(docx_findings)
    differences = {}
    for record in audit.records:
        name = Path(record.path).stem
        assert record.checked, (name, [d.message.zh for d in record.diagnostics])
        assert [d.code for d in record.diagnostics].count("I014") == 1
        got = sorted(_what(d) for d in record.diagnostics
                     if d.code not in CONVERSION_NOTES and not d.code.startswith("X"))
        expected = [f for f in docx_findings[name] if not f[0].startswith("X")]
        if got != expected:
            differences[name] = {"only_doc": sorted(set(got) - set(expected)),
                                 "only_docx": sorted(set(expected) - set(got))}
    assert differences == {}


def test_wps_files_give_the_docx_findings(planted, docx_findings, tmp_path):
    # Every third case, exported again by LibreOffice as Word 97 and named .wps (as WPS saves).
    chosen = sorted(planted)[::3]
    exported = convert([planted[name] for name in chosen], "doc:MS Word 97", tmp_path / "export")
    wps = []
    for path in exported:
        wps.append(tmp_path / f"{path.stem}.wps")
        path.rename(wps[-1])
    audit = run_audit([str(p) for p in wps], Config(), jobs=2, timeout=120)
    for record in audit.records:
        name = Path(record.path).stem
        assert record.checked and record.kind == "docx"
        got = sorted(_what(d) for d in record.diagnostics if d.code not in CONVERSION_NOTES and d.code[0] != "X")
        assert got == [f for f in docx_findings[name] if f[0][0] != "X"], name


def test_doc_locations_name_the_converted_table_cell(word97, planted):
    """A .doc finding points at a table cell of the converted document, as the .docx one does."""
    doc = next(p for p in word97 if p.stem.startswith("A401-"))
    docx = planted[doc.stem]
    linter = Linter()
    from_doc = {d.code: d.location for d in linter.lint_file(str(doc)).diagnostics}
    from_docx = {d.code: d.location for d in linter.lint_file(str(docx)).diagnostics}
    assert from_doc["A401"].table_index == from_docx["A401"].table_index is not None
    assert from_doc["A401"].row_index == from_docx["A401"].row_index is not None
    note = from_doc["I014"]
    assert note.path == str(doc)


def test_conversion_is_cached_by_content(word97, tmp_path):
    """The same bytes are converted once per cache: the second read uses the cached .docx
    (its "LibreOffice" here is a program that converts nothing)."""
    data = word97[0].read_bytes()
    settings = OfficeSettings(find_soffice(), cache_dir=tmp_path)
    first = read("a.doc", data, office=settings)
    assert len(list(tmp_path.glob("*.docx"))) == 1
    second = read("copy.wps", data, office=OfficeSettings(shutil.which("false"), cache_dir=tmp_path))
    assert [b.span for b in first.blocks] == [b.span for b in second.blocks]
    assert second.notes[0].code == "I014" and second.notes[0].details["extension"] == ".wps"


def test_input_file_is_not_modified(word97):
    before = word97[0].read_bytes(), os.stat(word97[0]).st_mtime_ns
    Linter().lint_file(str(word97[0]))
    assert (word97[0].read_bytes(), os.stat(word97[0]).st_mtime_ns) == before


def test_damaged_doc_is_a_clear_finding():
    problem_data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    result = Linter().lint_file("broken.doc", problem_data)
    assert not result.checked
    assert [d.code for d in result.diagnostics] == ["I001"]
    assert "LibreOffice" in result.diagnostics[0].message.zh


def test_hung_conversion_is_killed_at_the_timeout(tmp_path, word97):
    """A LibreOffice that never finishes is killed with its children at the timeout."""
    fake = tmp_path / "soffice"
    marker = tmp_path / "child.pid"
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {marker}\nwait\n", encoding="utf-8")
    fake.chmod(0o755)
    from xxgk_lint.model import InputProblem
    with pytest.raises(InputProblem) as caught:
        read("slow.doc", word97[0].read_bytes(), office=OfficeSettings(str(fake), timeout=1.0))
    assert caught.value.code == "I001" and "1 秒" in caught.value.message.zh
    assert not _alive(int(marker.read_text(encoding="utf-8")))


def _alive(pid: int) -> bool:
    """Running, not merely a zombie waiting for its (new) parent to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


# ---------------------------------------------------------------- without LibreOffice (the real CLI)

def _cli(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """The CLI with PATH reduced to a folder without LibreOffice (the interpreter is named by
    its full path), unless `env` says otherwise."""
    environment = {k: v for k, v in os.environ.items() if k != "XXGK_SOFFICE"}
    environment.update({"PATH": str(cwd), **env})
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.mark.parametrize("extension", [".doc", ".wps"])
def test_without_libreoffice_each_file_gets_one_clear_finding(word97, tmp_path, extension):
    report = tmp_path / f"乡镇报告{extension}"
    shutil.copy(word97[0], report)
    done = _cli(["check", "--format", "json", report.name], tmp_path)
    assert done.returncode == 1, done.stderr
    (only,) = json.loads(done.stdout)["files"]
    codes = [d["code"] for d in only["diagnostics"]]
    assert codes == ["I002"]
    message = only["diagnostics"][0]["message"]
    assert "LibreOffice" in message and ".docx" in message and extension in message


def test_config_can_turn_libreoffice_off_and_audit_counts_not_checked(word97, tmp_path):
    reports = tmp_path / "reports"      # the configuration beside, not inside, the audited folder
    reports.mkdir()
    for i, path in enumerate(word97[:2]):
        shutil.copy(path, reports / f"report{i}{'.doc' if i == 0 else '.wps'}")
    (tmp_path / "xxgk-lint.toml").write_text("soffice = false\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "xxgk_lint", "audit", "--jobs", "2", "reports"], cwd=tmp_path,
                          capture_output=True, text=True, encoding="utf-8", timeout=300,
                          env={k: v for k, v in os.environ.items() if k != "XXGK_SOFFICE"})
    assert done.returncode == 1, done.stderr
    assert "无法检查 2 份" in done.stdout
    assert done.stdout.count("需要 LibreOffice 才能检查") == 2


def test_environment_variable_chooses_the_program(word97, tmp_path):
    """$XXGK_SOFFICE wins over PATH: naming a program that does not exist means no LibreOffice,
    even though soffice is on PATH; naming the real one converts."""
    report = tmp_path / "report.doc"
    shutil.copy(word97[-1], report)        # the clean sample
    path = os.environ["PATH"]
    missing = _cli(["check", report.name], tmp_path, PATH=path, XXGK_SOFFICE=str(tmp_path / "no-soffice"))
    assert missing.returncode == 1 and "I002" in missing.stdout, missing.stdout + missing.stderr
    named = _cli(["check", report.name], tmp_path, PATH=path, XXGK_SOFFICE=SOFFICE)
    assert named.returncode == 0, named.stdout + named.stderr
    assert "I014" in named.stdout and "LibreOffice" in named.stdout


def test_audit_converts_each_content_once_in_its_workers(word97, tmp_path):
    """Two copies of one .doc and a .wps of another report: two conversions, run by the
    audit's workers (the wrapper logs the process that started LibreOffice)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(word97[0], folder / "镇甲.doc")
    shutil.copy(word97[0], folder / "镇甲（重复）.doc")
    shutil.copy(word97[1], folder / "镇乙.wps")
    log = tmp_path / "conversions.log"
    wrapper = tmp_path / "soffice-logged"
    wrapper.write_text(f'#!/bin/sh\necho "$PPID" >> {log}\nexec {SOFFICE} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    config = Config(soffice=str(wrapper))
    audit = run_audit([str(folder)], config, jobs=2, timeout=120)
    assert [r.checked for r in audit.records] == [True, True, True]
    parents = log.read_text(encoding="utf-8").split()
    assert len(parents) == 2
    assert str(os.getpid()) not in parents            # converted in the workers, not the parent
    assert config.conversion_cache is None            # the run's cache folder is gone with it


def test_soffice_setting_is_validated(tmp_path):
    """false, a name on PATH or an absolute path to a program called soffice/libreoffice: a
    configuration file cannot make the linter run a script shipped beside it."""
    from xxgk_lint.config import ConfigError, from_table

    where = tmp_path / "xxgk-lint.toml"
    assert from_table({"soffice": False}, where).soffice is False
    assert from_table({"soffice": "soffice"}, where).soffice == "soffice"
    assert from_table({"soffice": "/opt/libreoffice7.6/program/soffice"}, where).soffice == \
        "/opt/libreoffice7.6/program/soffice"
    for bad in (3, "", "bin/soffice", "./soffice", "/tmp/evil.sh", "python3"):
        with pytest.raises(ConfigError):
            from_table({"soffice": bad}, where)
