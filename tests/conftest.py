"""Shared pytest fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

_FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sample_documents(tmp_path_factory) -> dict[str, Path]:
    """examples/sample-2021.yaml rendered as .txt, .md, .html, .docx and .pdf
    ({kind: path}); see tests/fixtures/make_documents.py."""
    sys.path.insert(0, str(_FIXTURES))
    try:
        import make_documents
    finally:
        sys.path.remove(str(_FIXTURES))
    return make_documents.render_all(make_documents.DEFAULT_YAML, tmp_path_factory.mktemp("documents"))
