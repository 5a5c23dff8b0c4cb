"""Redirect chains: /start -> /step1 -> /step2 -> /step3 -> /final.html; /loop; /away to another host."""

from fixtureweb import Response

CHAIN = {
    "/start": ("/step1", 301),
    "/step1": ("/step2", 302),
    "/step2": ("/step3", 307),
    "/step3": ("/final.html", 308),
    "/loop": ("/loop", 302),
    "/away": ("http://gbk.example.com/", 302),
}


def handle(request):
    if request.path in CHAIN:
        location, status = CHAIN[request.path]
        return Response.redirect(location, status)
    return None
