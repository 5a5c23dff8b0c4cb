"""A marketplace that shows listings only to a logged-in browser (cookie `session=member-42`):
sources whose listings need a login use a Playwright storage_state file exported by the user."""
from fixtureweb import Response

LOGGED_IN = "session=member-42"


def handle(request):
    if LOGGED_IN not in request.headers.get("cookie", ""):
        return Response.html("<html><head><title>请登录</title></head><body><p>请先登录后查看。</p></body></html>")
    if request.path == "/search":
        return Response.html('<html><body><div class="card"><a class="t" href="/item/1.html">焊工证</a></div>'
                             "</body></html>")
    if request.path == "/item/1.html":
        return Response.html("<html><head><title>焊工证</title></head><body><h1>焊工证免考包过</h1>"
                             '<div class="desc"><p>不用考试，官网可查，加V：hg-7788</p></div></body></html>')
    return None
