"""The consultation form posts here and gets the usual "add us on WeChat" answer."""

from html import escape

from fixtureweb import Response


def handle(request):
    if request.path == "/consult" and request.method == "POST":
        name = escape(request.arg("name", "") or "")
        cert = escape(request.arg("cert", "") or "证书")
        return Response.html(f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>提交成功</title></head>
<body><h1>提交成功</h1><p class="reply">{name} 您好，{cert} 可免考办理，请尽快添加V信 ax-8866 发送资料。</p></body></html>""")
    return None
