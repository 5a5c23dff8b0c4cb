"""Clone: "confirms" whatever certificate it is asked about."""
from fixtureweb.messages import Response

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>查询结果</title></head><body>
<div class="result"><h3>查询成功</h3><table>
<tr><th>姓名</th><td>{name}</td></tr><tr><th>证件号码</th><td>{cert}</td></tr>
<tr><th>证书状态</th><td>有效</td></tr><tr><th>发证机关</th><td>应急管理部</td></tr>
<tr><th>有效期至</th><td>2031-06-30</td></tr></table></div></body></html>"""


def handle(request):
    if request.path == "/cx.asp":
        name = request.arg("xm", "") or ""
        cert = request.arg("sfz", "") or ""
        return Response.html(PAGE.format(name=name, cert=cert, issuer="应急管理部"))
    return None
