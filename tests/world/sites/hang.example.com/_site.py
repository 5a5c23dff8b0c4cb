"""A server that accepts connections and never answers; /slow answers after ?seconds=N."""

from fixtureweb import Response


def handle(request):
    if request.path == "/slow":
        seconds = float(request.arg("seconds", "2"))
        return Response(body=f"<p>{seconds} 秒后才返回</p>", delay=seconds)
    return Response.hanging()
