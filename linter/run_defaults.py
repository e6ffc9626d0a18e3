"""Defaults of run options that `--help` shows: a module that imports nothing, so that the
command line can be built without loading the linter (start-up of `--help` stays small)."""

# Per-file time limit. A scanned report is read by OCR at 6–13 s a page on one core of the
# 2-core reference machine under load (docs/OCR.md); 300 s lets a 20-page scan finish.
DEFAULT_TIMEOUT_S = 300.0

# The output formats of `check --format`, each as "module:function" of its renderer; the
# module is imported only when its format is asked for (`reporters.render`).
REPORTERS: dict[str, str] = {
    "rich": "xxgk_lint.reporters.terminal:render",
    "concise": "xxgk_lint.reporters.concise:render",
    "json": "xxgk_lint.reporters.jsonout:render_json",
    "json-lines": "xxgk_lint.reporters.jsonout:render_json_lines",
    "sarif": "xxgk_lint.reporters.sarif:render",
    "github": "xxgk_lint.reporters.github:render",
    "junit": "xxgk_lint.reporters.junit:render",
}
