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

from .upload import MAX_FILES, NotAnUpload, TooLarge, read_uploads

if TYPE_CHECKING:
    from ..engine import Linter
    from .checker import Checker

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


def create_app(linter: "Linter", checker: "Checker") -> SecurityHeaders:
    """The application for `linter`'s rules and configuration, checking through `checker`."""
    from ..audit.record import STATUS_LABEL
    from ..config import ConfigError
    from ..reporters import settle
    from ..reporters.common import RenderContext
    from ..reporters.jsonout import document
    from .view import file_view

    config = linter.config
    rules = linter.rules
    lang = config.lang
    limit = int(config.max_file_size_mb * 1024 * 1024)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)

    def t(zh: str, en: str) -> str:
        return en if lang == "en" else zh

    env.globals.update(t=t, lang=lang, limit_mb=f"{config.max_file_size_mb:g}", max_files=MAX_FILES)

    def page(name: str, code: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=code,
                            headers={"cache-control": "no-store"})

    def problem_page(status: int, message: str) -> HTMLResponse:
        return page("error.html", status, status=status, message=message)

    def too_large_text() -> str:
        return t(f"上传的文件过大：一次上传总计不能超过 {config.max_file_size_mb:g} MB，文件未被检查。",
                 f"the upload is too large: at most {config.max_file_size_mb:g} MB per upload; nothing was checked.")

    def not_upload_text() -> str:
        return t("请求中没有上传的文件：请用表单的“file”字段上传一个或多个报告文件。",
                 "the request carries no uploaded file: send one or more reports in the form field \"file\".")

    def malformed_text() -> str:
        return t(f"上传内容无法读取（表单格式错误，或一次超过 {MAX_FILES} 个文件）。",
                 f"the upload could not be read (malformed form data, or more than {MAX_FILES} files).")

    def config_text(exc: Exception) -> str:
        return t(f"服务器的豁免文件有误，请联系管理员：{exc}", f"the server's overrides file is broken; tell the administrator: {exc}")

    async def settled_results(request: Request):
        uploads = await read_uploads(request, limit)
        if not uploads:
            raise NotAnUpload()
        checked = await asyncio.gather(*(checker.check(u.name, u.data) for u in uploads))
        del uploads
        results = settle([c.result for c in checked], None, config, rules)
        return checked, results

    async def index(request: Request) -> Response:
        from ..readers import LEGACY_EXTENSIONS, SUPPORTED_EXTENSIONS

        # Legacy .doc/.wps too: their finding tells the clerk how to save them in a checkable form.
        return page("index.html", extensions=",".join(sorted({*SUPPORTED_EXTENSIONS, *LEGACY_EXTENSIONS})))

    async def check(request: Request) -> Response:
        try:
            checked, results = await settled_results(request)
        except ConfigError as exc:
            return problem_page(500, config_text(exc))
        except TooLarge:
            return problem_page(413, too_large_text())
        except NotAnUpload:
            return problem_page(400, not_upload_text())
        except MultiPartException:
            return problem_page(400, malformed_text())
        # Drawing the page writes the .xlsx/.csv downloads: a thread, not the event loop.
        files = await run_in_threadpool(lambda: [file_view(i, r, c.yaml, rules, config)
                                                 for i, (r, c) in enumerate(zip(results, checked))])
        extra = results[len(checked):]          # unused overrides of the configured overrides file
        return page("result.html", files=files, extra=[d for r in extra for d in r.active()],
                    labels=STATUS_LABEL[lang])

    async def api_check(request: Request) -> Response:
        try:
            _, results = await settled_results(request)
        except ConfigError as exc:
            return JSONResponse({"error": config_text(exc)}, status_code=500)
        except TooLarge:
            return JSONResponse({"error": too_large_text()}, status_code=413)
        except NotAnUpload:
            return JSONResponse({"error": not_upload_text()}, status_code=400)
        except MultiPartException:
            return JSONResponse({"error": malformed_text()}, status_code=400)
        body = json.dumps(document(results, RenderContext(lang=lang, rules=rules, config=config)),
                          ensure_ascii=False, indent=2, default=str) + "\n"
        return Response(body, media_type="application/json", headers={"cache-control": "no-store"})

    async def rule_list(request: Request) -> Response:
        return page("rules.html", rules=sorted(rules.values(), key=lambda r: r.code))

    async def rule_page(request: Request) -> Response:
        wanted = request.path_params["code"].strip()
        rule = rules.get(wanted.upper()) or next((r for r in rules.values() if r.name == wanted), None)
        if rule is None:
            return problem_page(404, t(f"没有规则 {wanted}。", f"no rule {wanted}."))
        from ..rule_pages import page_of

        return page("rule.html", rule=rule, explained=page_of(rule, lang))

    async def http_error(request: Request, exc: HTTPException) -> Response:
        text = {404: t("没有这个页面。", "no such page."),
                405: t("此地址不支持这种请求方式。", "this address does not accept that request method.")}
        return problem_page(exc.status_code, text.get(exc.status_code, t("请求无法处理。", "the request cannot be handled.")))

    async def server_error(request: Request, exc: Exception) -> Response:
        return problem_page(500, t("服务器内部错误，请稍后重试或联系管理员。",
                                   "internal server error; try again later or tell the administrator."))

    app = Starlette(routes=[
        Route("/", index),
        Route("/check", check, methods=["POST"]),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/rules", rule_list),
        Route("/rules/{code}", rule_page),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ], exception_handlers={HTTPException: http_error, 500: server_error})
    return SecurityHeaders(app)     # outermost: error pages get the headers too
