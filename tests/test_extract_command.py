"""`xxgk-lint extract`: YAML with the source of every value, valid for what was read."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import jsonschema
import pytest

from xxgk_lint.commands import extract as command
from xxgk_lint.extract import extract
from xxgk_lint.readers import read

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "jianning-suixi-2021.txt"


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    command.register(parser.add_subparsers(dest="command"))
    return command.run(parser.parse_args(["extract", *argv]))


def schema_errors(data: dict, version: str) -> list:
    schema = json.loads((ROOT / "schemas" / f"annual-report-{version}.schema.json").read_text(encoding="utf-8"))
    return list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_seed_yaml_reads_back_to_the_extracted_data(tmp_path):
    out = tmp_path / "seed.yaml"
    assert run(str(SEED), "-o", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    assert "  organ: 建宁县濉溪镇人民政府 # 第3行第1列\n" in text
    assert "        issued: 0 # 第43行第4列\n" in text
    assert "phone: 0598-3961801" in text and "# F901 表三" in text
    back = read(str(out), out.read_bytes())
    expected = extract(read(str(SEED), SEED.read_bytes()))
    assert back.data["meta"] == expected.data["meta"]
    assert back.data["tables"] == expected.data["tables"]
    assert back.data["sections"] == expected.data["sections"]
    assert back.data["format_version"] == "2021"
    # only what the seed lacks (section 四, rows of 表三, table 四) fails the schema
    errors = schema_errors(back.data, "2021")
    assert errors and {e.validator for e in errors} == {"required"}


def test_values_the_schema_refuses_are_left_out_with_a_comment(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(SEED.read_text(encoding="utf-8").replace("规章\t0\t0\t0", "规章\t/\t0\t0")
                      .replace("行政处罚\t0", "行政处罚\t251000元"), encoding="utf-8")
    out = tmp_path / "report.yaml"
    assert run(str(source), "-o", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    assert "本年制发件数（原文“/”，未写入）" in text
    assert "本年处理决定数量（原文“251000元”，未写入）" in text
    back = read(str(out), out.read_bytes())
    assert back.data["tables"]["proactive"]["item1"]["rules"] == {"repealed": 0, "in_force": 0}
    assert back.data["tables"]["proactive"]["item6"]["penalty"] == {}
    assert {e.validator for e in schema_errors(back.data, "2021")} == {"required"}


def test_sample_documents_extract_to_valid_yaml(sample_documents, tmp_path):
    for kind in ("docx", "pdf"):
        out = tmp_path / f"{kind}.yaml"
        assert run(str(sample_documents[kind]), "-o", str(out)) == 0
        back = read(str(out), out.read_bytes())
        assert schema_errors(back.data, "2021") == [], kind
        text = out.read_text(encoding="utf-8")
        assert ("第2个表格 第4行 第10格" in text) if kind == "docx" else ("第1页" in text)


def test_english_comments(tmp_path, capsys):
    assert run(str(SEED), "--lang", "en") == 0
    text = capsys.readouterr().out
    assert "# line 3, column 1" in text and "Extracted by xxgk-lint extract" in text
    assert "第3行" not in text


def test_refuses_to_overwrite_the_input(tmp_path, capsys):
    source = tmp_path / "report.txt"
    source.write_bytes(SEED.read_bytes())
    assert run(str(source), "-o", str(tmp_path / "." / "report.txt")) == 2
    assert source.read_bytes() == SEED.read_bytes()
    assert "是本次检查的输入文件" in capsys.readouterr().err


@pytest.mark.parametrize("name, data, code", [
    ("missing.txt", None, 2),
    ("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, 1),
])
def test_unreadable_input(tmp_path, capsys, name, data, code):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    assert run(str(path)) == code
    assert capsys.readouterr().err


def test_a_yaml_table_that_is_not_a_mapping_is_written_empty_not_an_internal_error(tmp_path):
    """A table of blocks given as a list (`proactive: [1]`) used to stop extract with an
    internal error; it is written as an empty table, which `check` then reports."""
    import subprocess
    import sys

    source = tmp_path / "r.yaml"
    source.write_text("tables:\n  proactive: [1]\n  applications: [2]\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "xxgk_lint", "extract", str(source)],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert "内部错误" not in done.stderr
    assert "  proactive: {} # 第2行第3列；表二" in done.stdout
    assert "  applications: {} # 第3行第3列；表三" in done.stdout
