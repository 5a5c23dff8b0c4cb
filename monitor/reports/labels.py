"""Chinese names for what findings are, where they came from and what evidence files hold."""
from ..review.states import status_label

KIND_LABELS = {"fake_portal": "假冒政府网站平台", "illegal_sale": "违法售证信息",
               "suspect": "可疑（待人工判断）", "benign": "未见异常"}
SOURCE_LABELS = {"marketplace": "网络交易平台", "search": "搜索结果", "ad": "搜索广告",
                 "advertised": "卖家宣传网址", "seed": "巡查种子网址", "assess": "人工研判",
                 "lookalike": "仿冒域名"}
# kind → (类别, 格式) for the evidence list of the extraction record
EVIDENCE_KINDS = {
    "warc": ("网页归档：页面及其加载资源的请求与响应、采集要素、截图、DNS 与 WHOIS 记录", "WARC 1.1（gzip 压缩）"),
    "wacz": ("网页归档回放包（可用 ReplayWeb.page 等工具打开）", "WACZ 1.1"),
    "screenshot": ("整页截图", "PNG 图像"),
    "dom": ("浏览器渲染后的页面源代码", "HTML"),
    "headers": ("服务器响应状态与响应头", "JSON"),
    "dns": ("域名解析记录", "JSON"),
    "whois": ("域名注册信息（WHOIS）", "文本"),
    "facts": ("采集要素记录（时间、方法、工具、进入步骤、操作人）", "JSON"),
    "canary_form": ("查询表单探测：填写内容与网站应答", "JSON"),
    "canary_screenshot": ("查询表单探测应答截图", "PNG 图像"),
    "lead_sheet": ("线索清单", "Excel 工作簿（XLSX）"),
}


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "", kind or "")


def source_label(source: str | None) -> str:
    return SOURCE_LABELS.get(source or "", source or "")


__all__ = ["EVIDENCE_KINDS", "kind_label", "source_label", "status_label"]
