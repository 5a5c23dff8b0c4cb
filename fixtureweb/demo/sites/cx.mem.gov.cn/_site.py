"""cx.mem.gov.cn replica: a single-page app whose labels and form come from a
JSON API; the genuine portal finds no record for people it does not know."""
from pathlib import Path

from fixtureweb.messages import Response

_CAPTCHA = (Path(__file__).parent / "static/img/captcha.png").read_bytes()

CONFIG = {
    "authority": "中华人民共和国应急管理部",
    "title": "特种作业操作证及安全生产知识和管理能力考核合格信息查询平台",
    "formTitle": "证书信息查询",
    "submitText": "查 询",
    "queryApi": "/api/cert/query",
    "fields": [
        {"name": "certType", "label": "证件类型", "type": "select",
         "options": [{"value": "tzzy", "label": "特种作业操作证"},
                     {"value": "aqsc", "label": "安全生产知识和管理能力考核合格证"}]},
        {"name": "certNo", "label": "证件号码", "placeholder": "请输入身份证号码或证书编号"},
        {"name": "name", "label": "姓名", "placeholder": "请输入持证人姓名"},
        {"name": "captcha", "label": "验证码", "placeholder": "请输入右侧验证码"},
    ],
    "notice": [
        "查询说明：本平台提供全国特种作业操作证、安全生产知识和管理能力考核合格证信息查询服务。",
        "请输入持证人的证件号码与姓名，两项信息须与发证机关登记的信息完全一致。",
        "证书信息以本平台查询结果为准。本平台不收取任何费用，未委托任何机构或个人代办证书。",
    ],
    "footer": {
        "owner": "中华人民共和国应急管理部",
        "siteCode": "bm73000001",
        "icp": "京ICP备18044773号-3",
        "police": "京公网安备11010502035578号",
        "conacUrl": "https://bszs.conac.cn/sitename?method=show&id=5A7E0C3D1F2B4A6C",
    },
}


def handle(request):
    if request.path == "/api/portal/config":
        return Response.json(CONFIG)
    if request.path == "/api/captcha":
        return Response(body=_CAPTCHA, content_type="image/png")
    if request.path == "/api/cert/query" and request.method == "POST":
        return Response.json({"code": 404, "msg": "未查询到相关信息，请核对证件号码和姓名。", "records": []})
    return None
