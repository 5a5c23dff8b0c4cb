"""50 MB HTML bodies generated on the fly: /big.html with Content-Length, /big-chunked.html without."""

from fixtureweb import Response

SIZE = 50 * 1024 * 1024
BLOCK = (("<p>安全生产许可证 填充内容 " + "x" * 990 + "</p>\n") * 64).encode()  # ~64 KB per write
INDEX = '<!DOCTYPE html><meta charset="utf-8"><a href="/big.html">大页面</a> <a href="/big-chunked.html">分块大页面</a>'


def blocks(size: int):
    sent = 0
    while sent < size:
        chunk = BLOCK[: size - sent]
        sent += len(chunk)
        yield chunk


def handle(request):
    if request.path == "/big.html":
        return Response(body=blocks(SIZE), length=SIZE)
    if request.path == "/big-chunked.html":
        return Response(body=blocks(SIZE))
    if request.path == "/":
        return Response.html(INDEX)
    return None
