"""`xxgk-lint serve [--host 127.0.0.1] [--port 8000] [--open]`: the clerk's page in the browser.

Binds 127.0.0.1 unless told otherwise (any other address gets a warning: the page is then
reachable from the network). The web stack (Starlette, uvicorn, Jinja2, python-multipart) is
the optional extra ``web``, imported only here, so that start-up of the other commands does
not grow; without it the command says how to install it and exits 2.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys

from .options import add_config_options, config_from_args, fail, positive_int, print_config_warnings, timeout_seconds

WEB_MODULES = ("starlette", "uvicorn", "jinja2", "python_multipart")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(sub) -> None:
    p = sub.add_parser("serve", help="在浏览器中检查报告（本机网页） / check reports in the browser",
                       description="启动本机网页：上传年度报告，在浏览器中查看检查结果（需要安装 "
                                   "xxgk-lint[web]） / start the web page: upload reports, see the findings")
    web = p.add_argument_group("网页 / web")
    web.add_argument("--host", default="127.0.0.1",
                     help="监听地址（默认 127.0.0.1，仅本机可访问） / address to bind (default 127.0.0.1)")
    web.add_argument("--port", type=int, default=8000, help="端口（默认 8000；0 为任选空闲端口） / port (default 8000)")
    web.add_argument("--open", action="store_true", help="启动后打开浏览器 / open the browser")
    web.add_argument("--jobs", "-j", type=positive_int, metavar="N",
                     help="检查用的工作进程数（默认 CPU 核数） / worker processes (default: CPU count)")
    web.add_argument("--timeout", type=timeout_seconds, default=60.0, metavar="SECONDS",
                     help="单个文件的检查时限，超时记为 I008（默认 60） / per-file time limit (default 60)")
    add_config_options(p)


def missing_web_modules() -> list[str]:
    return [m for m in WEB_MODULES if importlib.util.find_spec(m) is None]


def bind(host: str, port: int):
    """The listening socket, bound here so that a port in use is a clear error (exit 2)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def run(args: argparse.Namespace) -> int:
    from ..model import Message, UserError

    lang = args.lang or "zh"
    missing = missing_web_modules()
    if missing:
        names = ", ".join(missing)
        return fail(Message(f"网页功能需要另外安装：pip install 'xxgk-lint[web]'（缺少 {names}）",
                            f"the web page needs the extra: pip install 'xxgk-lint[web]' (missing {names})"), lang)
    if not 0 <= args.port <= 65535:
        return fail(Message(f"端口 {args.port} 无效，应为 0–65535", f"invalid port {args.port}; use 0–65535"), lang)

    from ..engine import Linter
    from ..reporters import settle

    try:
        cfg = config_from_args(args)
        linter = Linter(cfg, debug=args.debug)
        settle([], None, cfg, linter.rules)     # a bad overrides file stops here, not at an upload
    except UserError as exc:
        return fail(exc.message, lang)
    print_config_warnings(cfg)
    try:
        sock = bind(args.host, args.port)
    except OSError as exc:
        return fail(Message(f"无法在 {args.host}:{args.port} 上监听（{exc.strerror or exc}），"
                            "端口可能已被占用，可用 --port 换一个",
                            f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc}); the port may be "
                            "in use: choose another with --port"), cfg.lang)
    return serve(sock, linter, args)


def serve(sock, linter, args: argparse.Namespace) -> int:
    import threading
    import webbrowser

    import uvicorn

    from ..audit.runner import default_jobs
    from ..web.app import create_app
    from ..web.checker import Checker

    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    if args.host not in LOOPBACK:
        print(f"xxgk-lint: 警告：网页监听 {args.host}，同一网络中的其他计算机都可以访问并上传文件；"
              f"在县级内网使用时请放在反向代理之后 / warning: listening on {args.host}, the page is "
              f"reachable from the network", file=sys.stderr)
    checker = Checker(linter, jobs=args.jobs or default_jobs(), timeout=args.timeout)
    checker.warm_up()
    server = uvicorn.Server(uvicorn.Config(create_app(linter, checker), log_level="warning",
                                           access_log=False, lifespan="off"))
    print(f"xxgk-lint serve: 在浏览器中打开 {url} （Ctrl+C 停止） / open {url} (Ctrl+C stops)", flush=True)
    if args.open:
        def open_when_started() -> None:
            while not server.started and not server.should_exit:
                threading.Event().wait(0.05)
            if server.started:
                webbrowser.open(url)
        threading.Thread(target=open_when_started, daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        checker.close()
        sock.close()
    return 0
