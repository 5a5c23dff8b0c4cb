"""Exact copy of the cx.mem.gov.cn app (a mirror) whose query API "confirms" anyone."""
from fixtureweb.clones import Mirror
from fixtureweb.messages import Response
from fixtureweb.world import demo_world_dir


def confirm(request):
    if request.path == "/api/cert/query" and request.method == "POST":
        asked = request.json() or {}
        record = {"姓名": asked.get("name", ""), "证件号码": asked.get("certNo", ""), "证书状态": "有效",
                  "发证机关": "应急管理部", "有效期至": "2031-06-30"}
        return Response.json({"code": 0, "msg": "查询成功，证书真实有效", "records": [record]})
    return None


handle = Mirror(demo_world_dir() / "sites" / "cx.mem.gov.cn", confirm)
