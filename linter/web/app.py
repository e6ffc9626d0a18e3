"""The Starlette application of `xxgk-lint serve`.

Routes: ``GET /`` upload page, ``POST /check`` result page, ``POST /api/check`` the
``check --format json`` document, ``GET /rules`` and ``GET /rules/{code}`` the rule pages,
``/static`` the page's own CSS and JS (no CDN, no web font: the page works offline).

Every response carries a Content-Security-Policy without inline script, nosniff and
no-referrer; pages that show a report are not cached. Nothing of an upload outlives its
request: the bytes are held in memory, checked in a worker process, and dropped.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..config import ConfigError
from .upload import MAX_FILES, NotAnUpload, TooLarge, read_uploads

if TYPE_CHECKING:
    from ..engine import Linter
    from ..model import FileResult
    from .checker import Checked, Checker

# Why an upload is not checked: too large, no file in it, unreadable form data, or the
# server's own overrides file is broken (`Site.refusal` words each).
_REFUSED = (TooLarge, NotAnUpload, MultiPartException, ConfigError)

HERE = Path(__file__).resolve().parent
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class SecurityHeaders:
    """ASGI middleware: the headers above on every response, static files and errors included."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present]
            await send(message)

        await self.app(scope, receive, with_headers)


class _Site:
    """The pages and the API of one server: its rules and configuration, its templates, its checker."""

    def __init__(self, linter: Linter, checker: Checker):
        self.config = linter.config
        self.rules = linter.rules
        self.lang = linter.config.lang
        self.checker = checker
        self.limit = int(self.config.max_file_size_mb * 1024 * 1024)
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                               trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(t=self.t, lang=self.lang, limit_mb=f"{self.config.max_file_size_mb:g}",
                                max_files=MAX_FILES)

    def t(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def page(self, name: str, code: int = 200, **context: object) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(**context), status_code=code,
                            headers={"cache-control": "no-store"})

    def problem_page(self, status: int, message: str) -> HTMLResponse:
        return self.page("error.html", status, status=status, message=message)

    def refusal(self, exc: Exception) -> tuple[int, str]:
        """The status and the message for an upload that cannot be checked (see `_REFUSED`)."""
        if isinstance(exc, TooLarge):
            mb = f"{self.config.max_file_size_mb:g}"
            return 413, self.t(f"上传的文件过大：一次上传总计不能超过 {mb} MB，文件未被检查。",
                               f"the upload is too large: at most {mb} MB per upload; nothing was checked.")
        if isinstance(exc, NotAnUpload):
            return 400, self.t("请求中没有上传的文件：请用表单的“file”字段上传一个或多个报告文件。",
                               "the request carries no uploaded file: send one or more reports in the form field "
                               "\"file\".")
        if isinstance(exc, MultiPartException):
            return 400, self.t(f"上传内容无法读取（表单格式错误，或一次超过 {MAX_FILES} 个文件）。",
                               f"the upload could not be read (malformed form data, or more than {MAX_FILES} files).")
        # the configuration's overrides file, read when the results are settled
        return 500, self.t(f"服务器的豁免文件有误，请联系管理员：{exc}",
                           f"the server's overrides file is broken; tell the administrator: {exc}")

    async def settled_results(self, request: Request) -> tuple[list[Checked], list[FileResult]]:
        from ..reporters import settle

        uploads = await read_uploads(request, self.limit)
        if not uploads:
            raise NotAnUpload()
        checked = await asyncio.gather(*(self.checker.check(u.name, u.data) for u in uploads))
        del uploads
        results = settle([c.result for c in checked], None, self.config, self.rules)
        return checked, results

    async def index(self, request: Request) -> Response:
        from ..readers import LEGACY_EXTENSIONS, SUPPORTED_EXTENSIONS

        # Legacy .doc/.wps too: their finding tells the clerk how to save them in a checkable form.
        return self.page("index.html", extensions=",".join(sorted({*SUPPORTED_EXTENSIONS, *LEGACY_EXTENSIONS})))

    async def check(self, request: Request) -> Response:
        from ..audit.record import STATUS_LABEL
        from .view import file_view

        try:
            checked, results = await self.settled_results(request)
        except _REFUSED as exc:
            return self.problem_page(*self.refusal(exc))
        # Drawing the page writes the .xlsx/.csv downloads: a thread, not the event loop.
        # `settle` puts the unused overrides of the configured overrides file after the files' results.
        files = await run_in_threadpool(lambda: [file_view(i, r, c.yaml, self.rules, self.config)
                                                 for i, (r, c) in enumerate(zip(results, checked, strict=False))])
        extra = results[len(checked):]
        return self.page("result.html", files=files, extra=[d for r in extra for d in r.active()],
                         labels=STATUS_LABEL[self.lang])

    async def api_check(self, request: Request) -> Response:
        from ..reporters.common import RenderContext
        from ..reporters.jsonout import document

        try:
            _, results = await self.settled_results(request)
        except _REFUSED as exc:
            status, message = self.refusal(exc)
            return JSONResponse({"error": message}, status_code=status)
        body = json.dumps(document(results, RenderContext(lang=self.lang, rules=self.rules, config=self.config)),
                          ensure_ascii=False, indent=2, default=str) + "\n"
        return Response(body, media_type="application/json", headers={"cache-control": "no-store"})

    async def rule_list(self, request: Request) -> Response:
        return self.page("rules.html", rules=sorted(self.rules.values(), key=lambda r: r.code))

    async def rule_page(self, request: Request) -> Response:
        wanted = request.path_params["code"].strip()
        rule = self.rules.get(wanted.upper()) or next((r for r in self.rules.values() if r.name == wanted), None)
        if rule is None:
            return self.problem_page(404, self.t(f"没有规则 {wanted}。", f"no rule {wanted}."))
        from ..rule_pages import page_of

        return self.page("rule.html", rule=rule, explained=page_of(rule, self.lang))

    async def http_error(self, request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        text = {404: self.t("没有这个页面。", "no such page."),
                405: self.t("此地址不支持这种请求方式。", "this address does not accept that request method.")}
        return self.problem_page(status, text.get(status, self.t("请求无法处理。", "the request cannot be handled.")))

    async def server_error(self, request: Request, exc: Exception) -> Response:
        return self.problem_page(500, self.t("服务器内部错误，请稍后重试或联系管理员。",
                                             "internal server error; try again later or tell the administrator."))


def create_app(linter: Linter, checker: Checker) -> SecurityHeaders:
    """The application for `linter`'s rules and configuration, checking through `checker`."""
    site = _Site(linter, checker)
    app = Starlette(routes=[
        Route("/", site.index),
        Route("/check", site.check, methods=["POST"]),
        Route("/api/check", site.api_check, methods=["POST"]),
        Route("/rules", site.rule_list),
        Route("/rules/{code}", site.rule_page),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ], exception_handlers={HTTPException: site.http_error, 500: site.server_error})
    return SecurityHeaders(app)     # outermost: error pages get the headers too
