"""邻里集市, a fictional second-hand marketplace; pages are rendered from _listings.toml.

URLs: /  /search?q=KEYWORD&page=N  /item/<id>.html  /shop/<seller_id>
      /img/item/<id>-<n>.png (generated).  CSS selectors: fixtureweb/README.md.
"""

import hashlib
import struct
import tomllib
import zlib
from html import escape
from pathlib import Path
from urllib.parse import quote

from fixtureweb import Response

PAGE_SIZE = 10
LISTINGS = tomllib.loads((Path(__file__).parent / "_listings.toml").read_text("utf-8"))["listing"]
BY_ID = {str(item["id"]): item for item in LISTINGS}
HOT_WORDS = ["安全员证", "电工证", "焊工证", "叉车", "安全帽", "教材"]


def handle(request):
    path = request.path
    if path == "/":
        return Response.html(home())
    if path == "/search":
        page = request.arg("page", "1")
        return Response.html(search(request.arg("q", "") or "", int(page) if page.isdigit() else 1))
    if path.startswith("/item/") and path.endswith(".html"):
        item = BY_ID.get(path[len("/item/"):-len(".html")])
        return Response.html(item_page(item)) if item else None
    if path.startswith("/shop/"):
        items = [i for i in LISTINGS if i["seller_id"] == path[len("/shop/"):]]
        return Response.html(shop_page(items)) if items else None
    if path.startswith("/img/item/") and path.endswith(".png"):
        return Response(body=placeholder_png(path), content_type="image/png",
                        headers={"Cache-Control": "max-age=86400"})
    return None


def matches(item, query: str) -> bool:
    # Spaces are ignored on both sides, as lenient marketplace search does ("免 考" ~ "免考").
    haystack = "".join((item["title"] + item["description"]).split()).lower()
    return all(term in haystack for term in query.lower().split())


def search(query: str, page: int) -> str:
    found = [item for item in LISTINGS if matches(item, query)]
    pages = max(1, -(-len(found) // PAGE_SIZE))
    shown = found[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    if found:
        cards = "\n".join(card(item) for item in shown)
        body = (f'<p class="result-count">共找到 <b>{len(found)}</b> 件宝贝</p>\n'
                f'<div class="search-results">\n{cards}\n</div>\n{pager(query, page, pages)}')
    else:
        body = f'<p class="no-results">没有找到与“{escape(query)}”相关的宝贝，换个词试试吧。</p>'
    return layout(f"{query} - 搜索结果 - 邻里集市", body, query)


def card(item) -> str:
    url = f"/item/{item['id']}.html"
    return f"""  <div class="item-card" data-item-id="{item['id']}">
    <a class="item-link" href="{url}"><img class="item-thumb" src="/img/item/{item['id']}-1.png" alt="{escape(item['title'])}"></a>
    <a class="item-title" href="{url}">{escape(item['title'])}</a>
    <span class="item-price">¥{item['price']}</span>
    <span class="item-seller">{escape(item['seller'])}</span>
    <span class="item-location">{escape(item['location'])}</span>
  </div>"""


def pager(query: str, page: int, pages: int) -> str:
    def link(number: int, css: str, text: str, rel: str = "") -> str:
        rel_attr = f' rel="{rel}"' if rel else ""
        return f'<a class="{css}" href="/search?q={quote(query)}&amp;page={number}"{rel_attr}>{text}</a>'

    parts = [link(page - 1, "page-prev", "上一页", "prev")] if page > 1 else []
    for number in range(1, pages + 1):
        parts.append(f'<span class="page-current">{number}</span>' if number == page
                     else link(number, "page-number", str(number)))
    if page < pages:
        parts.append(link(page + 1, "page-next", "下一页", "next"))
    return f'<div class="pager">{" ".join(parts)}</div>'


def item_page(item) -> str:
    gallery = "".join(f'<img src="/img/item/{item["id"]}-{n}.png" alt="商品图片{n}">'
                      for n in range(1, item["images"] + 1))
    description = "".join(f"<p>{escape(line)}</p>" for line in item["description"].splitlines())
    body = f"""<div class="item-detail" data-item-id="{item['id']}">
  <div class="item-gallery">{gallery}</div>
  <div class="item-main">
    <h1 class="item-title">{escape(item['title'])}</h1>
    <div class="item-price">¥<span class="price">{item['price']}</span></div>
    <div class="item-meta">
      <span class="item-location">{escape(item['location'])}</span>
      <span class="item-posted">发布于 {item['posted']}</span>
    </div>
    <div class="seller-info">
      <a class="seller-name" href="/shop/{item['seller_id']}">{escape(item['seller'])}</a>
      <span class="seller-id">卖家ID：{item['seller_id']}</span>
    </div>
  </div>
  <div class="item-desc">{description}</div>
</div>"""
    return layout(f"{item['title']} - 邻里集市", body)


def shop_page(items) -> str:
    first = items[0]
    cards = "\n".join(card(item) for item in items)
    body = f"""<div class="shop-header"><h1 class="shop-name">{escape(first['seller'])}</h1>
<span class="seller-id">卖家ID：{first['seller_id']}</span> <span class="shop-location">{escape(first['location'])}</span></div>
<div class="search-results">
{cards}
</div>"""
    return layout(f"{first['seller']}的小店 - 邻里集市", body)


def home() -> str:
    hot = " ".join(f'<a class="hot-word" href="/search?q={quote(w)}">{w}</a>' for w in HOT_WORDS)
    latest = "\n".join(card(item) for item in sorted(LISTINGS, key=lambda i: i["posted"], reverse=True)[:8])
    body = f'<div class="hot-words">热门搜索：{hot}</div>\n<h2>最新发布</h2>\n<div class="search-results">\n{latest}\n</div>'
    return layout("邻里集市 - 买卖闲置，就在身边", body)


def layout(title: str, body: str, query: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>
<link rel="stylesheet" href="/static/style.css"><link rel="icon" href="/favicon.ico"></head>
<body>
<header class="site-header"><a class="logo" href="/">邻里集市</a>
<form class="search-box" action="/search" method="get"><input name="q" value="{escape(query)}" placeholder="搜索宝贝"><button type="submit">搜索</button></form>
</header>
<main>
{body}
</main>
<footer>© 2025 邻里集市（虚构演示站点） · <a href="/static/rules.html">平台规则</a></footer>
</body></html>"""


def placeholder_png(path: str, size: int = 120) -> bytes:
    """A solid-colour PNG whose colour is derived from the image path."""
    red, green, blue = hashlib.md5(path.encode()).digest()[:3]
    row = b"\x00" + bytes((red, green, blue)) * size
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * size))
            + chunk(b"IEND", b""))
