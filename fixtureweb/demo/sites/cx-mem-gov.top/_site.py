"""Demo clone of cx.mem.gov.cn: mirrors the genuine single-page app and "confirms" any query."""
from pathlib import Path

from fixtureweb.clones import Mirror, answering
from fixtureweb.messages import Response

CONFIRMED = Response.json({"code": 0, "msg": "查询成功，证书真实有效", "records": [
    {"姓名": "（与查询一致）", "证书状态": "有效", "发证机关": "应急管理部", "有效期至": "2032-05-31"}]})

handle = Mirror(Path(__file__).parent.parent / "cx.mem.gov.cn", answering("/api/cert/query", CONFIRMED))
