"""Jinja2 environment: autoescaping on (crawled titles and text are hostile) and the labels and
helpers templates use."""
from pathlib import Path

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from monitor.review.states import RESOLUTIONS, ROLES, STATUSES, resolution_label, status_label

from .text import highlight

KINDS = {"fake_portal": "假冒查询平台", "illegal_sale": "违法售证信息", "suspect": "疑似"}
SOURCES = {"marketplace": "交易平台", "ad": "广告", "search": "搜索结果", "seed": "种子网址",
           "advertised": "宣传网址", "lookalike": "仿冒域名"}
QUEUES = {"cac": "网信办", "samr": "市场监管"}

env = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=True)
templates = Jinja2Templates(env=env)
env.globals.update(STATUSES=STATUSES, RESOLUTIONS=RESOLUTIONS, ROLES=ROLES, KINDS=KINDS,
                   SOURCES=SOURCES, QUEUES=QUEUES)
env.filters.update(
    status=status_label, resolution=resolution_label,
    kind=lambda v: KINDS.get(v, v or ""), source=lambda v: SOURCES.get(v, v or ""),
    queue=lambda v: QUEUES.get(v, v or ""), role=lambda v: ROLES.get(v, v or ""),
    when=lambda v: (v or "")[:16].replace("T", " "), highlight=highlight,
    risk_class=lambda r: "risk-high" if (r or 0) >= 80 else "risk-mid" if (r or 0) >= 50 else "risk-low",
)
