"""Reading uploads: kept in memory (never spooled to a temporary file), refused past the
limit, names cleaned to labels."""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("starlette")

from starlette.requests import Request  # noqa: E402

from xxgk_lint.web import upload  # noqa: E402


def request_for(body: bytes, content_type: str, chunk: int = 65536) -> Request:
    chunks = [body[i:i + chunk] for i in range(0, len(body), chunk)] or [b""]

    async def receive():
        data = chunks.pop(0) if chunks else b""
        return {"type": "http.request", "body": data, "more_body": bool(chunks)}

    scope = {"type": "http", "method": "POST", "path": "/check", "query_string": b"",
             "headers": [(b"content-type", content_type.encode())]}
    return Request(scope, receive)


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    head = f'--b\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n\r\n'.encode("utf-8")
    return head + data + b"\r\n--b--\r\n", "multipart/form-data; boundary=b"


def test_a_file_larger_than_starlettes_spool_size_stays_in_memory(monkeypatch):
    rolled = []
    real_init = upload.MultiPartParser.on_headers_finished

    def watch(self):
        real_init(self)
        if self._current_part.file is not None:
            rolled.append(self._current_part.file.file)
    monkeypatch.setattr(upload.MultiPartParser, "on_headers_finished", watch)
    data = b"x" * (3 * 1024 * 1024)                  # three times Starlette's default spool size
    body, content_type = multipart("report.txt", data)
    uploads = asyncio.run(upload.read_uploads(request_for(body, content_type), limit=8 * 1024 * 1024))
    assert [(u.name, u.data) for u in uploads] == [("report.txt", data)]
    assert rolled and not any(f._rolled for f in rolled)        # never written to a temporary file


def test_a_body_past_the_limit_is_refused_at_the_chunk_that_crosses_it():
    body, content_type = multipart("big.txt", b"x" * 300_000)
    served = []
    request = request_for(body, content_type, chunk=10_000)
    real_stream = request.stream

    async def counted():
        async for chunk in real_stream():
            served.append(len(chunk))
            yield chunk
    request.stream = counted
    with pytest.raises(upload.TooLarge):
        asyncio.run(upload.read_uploads(request, limit=100_000))
    assert 100_000 < sum(served) <= 110_000


@pytest.mark.parametrize("raw, clean", [
    ("报告.docx", "报告.docx"),
    ("C:\\Users\\镇政府\\桌面\\报告.docx", "报告.docx"),
    ("../../etc/passwd", "passwd"),
    ("..", upload.UNNAMED),
    ("", upload.UNNAMED),
    (None, upload.UNNAMED),
    (".hidden.txt", "hidden.txt"),
    ("a\u202e\x00b\tc.txt", "abc.txt"),
    ("a  b\u3000c.txt", "a b c.txt"),
    ("长" * 300 + ".pdf", "长" * 115 + "….pdf"),
])
def test_upload_names_are_labels_never_paths(raw, clean):
    assert upload.clean_name(raw) == clean
    assert len(upload.clean_name(raw)) <= 120
