"""A broken application server: 500 everywhere, 503 with Retry-After on /busy."""

from fixtureweb import Response

ERROR_PAGE = "<!DOCTYPE html><title>500 Internal Server Error</title><h1>Internal Server Error</h1>"


def handle(request):
    if request.path == "/busy":
        return Response(503, "<h1>Service Unavailable</h1>", headers={"Retry-After": "120"})
    return Response(500, ERROR_PAGE)
