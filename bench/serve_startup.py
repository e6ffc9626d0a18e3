"""`xxgk-lint serve` start-up: from launching the command to the first answer of the upload
page (goal: under 3 s), and to the first checked upload, measured against `xxgk-lint check`
of the same file in the same run (the first upload waits for the worker processes, which
load the rules as `check` does; the ratio shows what the server adds).

    python bench/serve_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import http.client
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed" / "jianning-suixi-2021.txt"
TARGET_SECONDS = 3.0


def upload_body() -> tuple[str, bytes]:
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{SEED.name}"\r\n\r\n'
            .encode() + SEED.read_bytes() + f"\r\n--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", body


def ask(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def one_run() -> tuple[float, float]:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "xxgk_lint", "serve", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        port = int(re.search(rb"127\.0\.0\.1:(\d+)/", process.stdout.readline()).group(1))
        assert ask(port, "GET", "/") == 200
        page = time.perf_counter() - start
        content_type, body = upload_body()
        assert ask(port, "POST", "/api/check", body, {"Content-Type": content_type}) == 200
        return page, time.perf_counter() - start
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(60)


def check_once() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "xxgk_lint", "check", "--format", "json", str(SEED)],
                   stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    check_once()                                    # warm the file cache
    runs = [one_run() for _ in range(args.runs)]
    check = min(check_once() for _ in range(args.runs))
    page = min(p for p, _ in runs)
    first = min(f for _, f in runs)
    print(f"serve → first page          {page * 1000:7.0f} ms (goal < {TARGET_SECONDS:g} s)")
    print(f"serve → first checked upload {first * 1000:7.0f} ms")
    print(f"check of the same file       {check * 1000:7.0f} ms")
    print(f"first upload / check = {first / check:.2f}×")
    return 0 if page < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
