"""Demo clone of zlaq.mohurd.gov.cn: mirrors the genuine portal and "confirms" any query."""
from pathlib import Path

from fixtureweb.clones import Mirror, answering
from fixtureweb.messages import Response

CONFIRMED = Response.html("""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>查询结果 - 全国工程质量安全监管信息平台公共服务门户</title><link rel="stylesheet" href="/css/portal.css"></head>
<body><div class="wrap content"><div class="panel"><div class="panel-title">查询结果</div>
<p>查询成功：证书真实有效，发证机关：住房和城乡建设部，有效期至 2031-12-31。</p>
<p><a href="/">返回首页</a></p></div></div></body></html>""")

handle = Mirror(Path(__file__).parent.parent / "zlaq.mohurd.gov.cn", answering("/gzpt/cert/query", CONFIRMED))
