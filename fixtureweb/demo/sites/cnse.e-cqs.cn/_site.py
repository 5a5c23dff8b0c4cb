"""cnse.e-cqs.cn replica: the query page lives under /info-pub/pub; the genuine
platform finds no record for people it does not know."""
from fixtureweb.messages import Response

ANSWER = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>查询结果 - 全国特种设备公示信息查询平台</title><link rel="stylesheet" href="/info-pub/static/pub.css"></head>
<body><section class="search"><h2>查询结果</h2><p>未查询到相关信息。</p>
<p><a href="/info-pub/pub/">重新查询</a></p></section></body></html>"""


def handle(request):
    if request.path == "/info-pub/pub/personQuery":
        return Response.html(ANSWER)
    if request.path == "/":
        return Response.redirect("/info-pub/pub/")
    return None
