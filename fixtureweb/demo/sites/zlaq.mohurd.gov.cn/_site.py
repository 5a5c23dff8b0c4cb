"""zlaq.mohurd.gov.cn replica: a server-rendered form posting to the portal,
which finds no record for people it does not know."""
from fixtureweb.messages import Response

ANSWER = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>查询结果 - 全国工程质量安全监管信息平台公共服务门户</title><link rel="stylesheet" href="/css/portal.css"></head>
<body><div class="wrap content"><div class="panel"><div class="panel-title">查询结果</div>
<p class="none">未查询到相关信息，请核对证件号码和姓名后重新查询。</p><p><a href="/">返回首页</a></p></div></div></body></html>"""


def handle(request):
    if request.path == "/gzpt/cert/query":
        return Response.html(ANSWER)
    return None
