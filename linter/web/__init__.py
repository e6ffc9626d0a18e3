"""`xxgk-lint serve`: the clerk's page — upload a report in the browser, see its findings
pinned to the report's own tables.

A thin layer over the library the CLI uses: the same `Linter`, the same JSON contract as
`check --format json` (`reporters.settle` + `reporters.jsonout.document`), the same .xlsx/.csv
writers as `audit`. Modules: `checker` (worker processes with the per-file time limit),
`upload` (size-limited multipart reading, file names), `view` (what the result page shows),
`app` (the Starlette application: routes and security headers), `templates/`, `static/`.

Starlette, uvicorn, Jinja2 and python-multipart are the optional extra ``web``; nothing here
is imported unless `serve` runs.
"""
