"""Report structure from what the readers give: a `Report` with the source span of every value.

    from xxgk_lint.extract import extract
    report = extract(document)      # model.Document from a reader

- `document`: a document (text, Markdown, HTML, Word, PDF) → Report, in steps of their own
  modules (`units`, `runon`, `sections`, `layout`, `tables`, `meta`);
- `structured`: a parsed YAML/JSON report → Report (its headings, the table layout of its keys).

The package imports its modules only when they are used: a YAML or JSON check needs
`structured` alone, and importing the document extractor's modules for it would slow every
YAML check's start-up for nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Document, Report

__all__ = ["extract"]


def extract(document: Document) -> Report:
    from .document import extract_document

    return extract_document(document)
