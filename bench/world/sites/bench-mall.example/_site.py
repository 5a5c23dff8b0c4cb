"""A generated full-size mall for the scoring benchmark: item and search pages shaped like a large
marketplace's (category menu, inline state script and styles, gallery, SKU options, spec table,
reviews, "猜你喜欢" and "看了又看" blocks carrying other sellers' titles, a long footer with the
platform's own ICP and 公安备案 numbers), 90-120 KiB each. Texts come from the demo marketplace's
listings, so one item in three sells certificates.

URLs: /item/<n>.html  /search?q=<word>&page=<n>"""
import json
import random
import tomllib
from html import escape

from fixtureweb import Response
from fixtureweb.world import demo_world_dir

LISTINGS = tomllib.loads((demo_world_dir() / "sites/www.linlijishi.com/_listings.toml").read_text("utf-8"))["listing"]
CATEGORIES = ["女装", "男装", "鞋靴", "箱包", "母婴", "美妆", "数码", "手机", "电脑", "家电", "家具", "家装", "建材",
              "五金工具", "劳保用品", "安防", "汽车用品", "运动户外", "图书", "教育培训", "本地服务", "办公用品",
              "食品", "生鲜", "医药", "宠物", "玩具", "乐器", "珠宝", "手表", "二手闲置", "工业品", "农资", "花卉",
              "礼品", "文具", "仪器仪表", "电工电料", "消防器材", "特种设备"]
SENTENCES = ["收到货了，包装很严实，物流也快。", "和描述一致，性价比不错，推荐购买。", "客服态度很好，有问必答。",
             "用了一周再来评价，质量可以。", "第二次回购了，一如既往的好。", "颜色和图片有一点色差，能接受。",
             "发货速度快，第二天就到了。", "东西不错，就是说明书太简单。", "整体满意，给五星。",
             "价格实惠，做工还行，先用用看。"]
STYLE = "".join(f".c{i}{{margin:{i % 7}px;padding:{i % 5}px {i % 9}px;color:#{i * 2731 % 0xFFFFFF:06x};"
                f"font-size:{12 + i % 6}px;line-height:1.{i % 9}}}" for i in range(600))


def handle(request):
    if request.path.startswith("/item/") and request.path.endswith(".html"):
        n = request.path[len("/item/"):-len(".html")]
        return Response.html(item_page(int(n))) if n.isdigit() else None
    if request.path == "/search":
        page = request.arg("page", "1")
        return Response.html(search_page(request.arg("q", "") or "", int(page) if page.isdigit() else 1))
    return None


def card(rng: random.Random, css: str) -> str:
    other = rng.choice(LISTINGS)
    n = rng.randrange(100000, 999999)
    return (f'<li class="{css}-item c{rng.randrange(600)}"><a href="/item/{n}.html" class="{css}-link">'
            f'<img class="lazy" data-src="//img.bench-mall.example/i/{n}.jpg" alt="">'
            f'<p class="{css}-title">{escape(other["title"])}</p></a>'
            f'<p class="{css}-price"><em>¥</em>{other["price"]}</p><span class="sales">已售 {rng.randrange(5000)}</span></li>')


def state_script(rng: random.Random, item: dict, n: int) -> str:
    """The page state a client-rendered mall ships inline: item, SKUs, recommendations, tracking."""
    state = {"item": {"id": n, "title": item["title"], "price": item["price"], "desc": item["description"],
                      "images": [f"//img.bench-mall.example/i/{n}-{k}.jpg" for k in range(8)]},
             "skus": [{"id": n * 100 + k, "props": f"规格{k}", "price": item["price"], "stock": rng.randrange(999)}
                      for k in range(24)],
             "recommend": [{"id": rng.randrange(10 ** 6), "title": rng.choice(LISTINGS)["title"],
                            "price": rng.choice(LISTINGS)["price"], "pic": f"//img.bench-mall.example/r/{k}.jpg"}
                           for k in range(120)],
             "track": {f"spm{k}": f"a{rng.randrange(10 ** 8)}.b{rng.randrange(10 ** 6)}" for k in range(200)}}
    return f"window.__INIT_STATE__ = {json.dumps(state, ensure_ascii=False)};"


def layout(title: str, body: str, rng: random.Random, script: str = "") -> str:
    menu = "".join(f'<li class="cat c{i}"><a href="/search?q={escape(c)}">{c}</a><div class="sub">'
                   + "".join(f'<a href="/search?q={escape(c)}{k}">{c}{k}</a>' for k in range(6)) + "</div></li>"
                   for i, c in enumerate(CATEGORIES))
    footer_links = "".join(f'<a href="/help/{k}.html">帮助中心 {k}</a>' for k in range(60))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="keywords" content="{escape(title)}"><meta name="viewport" content="width=device-width">
<link rel="stylesheet" href="//cdn.bench-mall.example/css/base.css"><link rel="icon" href="/favicon.ico">
<style>{STYLE}</style>
<script>(function(){{var a=[];for(var i=0;i<{rng.randrange(50, 99)};i++)a.push(i);window.__t=a}})();</script>
</head><body>
<div id="site-nav" class="site-nav"><div class="nav-left"><a href="/login">亲，请登录</a><a href="/reg">免费注册</a></div>
<ul class="nav-right"><li><a href="/my">我的订单</a></li><li><a href="/cart">购物车</a></li><li><a href="/fav">收藏夹</a></li>
<li><a href="/seller">卖家中心</a></li><li><a href="/service">联系客服</a></li></ul></div>
<div id="header" class="header"><a class="logo" href="/">基准商城</a>
<form class="search" action="/search"><input name="q" placeholder="搜索 宝贝/店铺"><button type="submit">搜索</button></form>
<div class="hot-words">{"".join(f'<a href="/search?q={escape(c)}">{c}</a>' for c in CATEGORIES[:12])}</div></div>
<div id="category-menu" class="menu"><ul>{menu}</ul></div>
{body}
<div id="footer" class="footer"><div class="footer-links">{footer_links}</div>
<p class="copyright">© 2025 基准商城（虚构基准站点） 增值电信业务经营许可证：浙B2-20080224 浙ICP备09109183号-1
浙公网安备33010002000078号</p></div>
<script>{script}</script>
</body></html>"""


def item_page(n: int) -> str:
    rng = random.Random(n)
    item = LISTINGS[n % len(LISTINGS)]
    gallery = "".join(f'<li class="thumb"><img src="//img.bench-mall.example/i/{n}-{k}.jpg" alt="{escape(item["title"])}">'
                      "</li>" for k in range(8))
    skus = "".join(f'<li class="sku c{k}" data-sku="{n * 100 + k}"><a href="#"><span>规格{k}</span></a></li>'
                   for k in range(24))
    specs = "".join(f'<tr><th>参数{k}</th><td>{rng.choice(CATEGORIES)} {rng.randrange(1, 99)}型</td></tr>'
                    for k in range(24))
    description = "".join(f"<p>{escape(line)}</p>" for line in item["description"].splitlines())
    description += "".join(f'<p class="desc-img"><img src="//img.bench-mall.example/d/{n}-{k}.jpg"></p>'
                           for k in range(12))
    reviews = "".join(f'<li class="review"><div class="user">{rng.choice("张王李赵刘陈")}**{k}</div>'
                      f'<div class="review-content">{rng.choice(SENTENCES)}{rng.choice(SENTENCES)}</div>'
                      f'<div class="review-meta">2025-0{rng.randrange(1, 9)}-1{k % 9} 颜色分类：规格{k % 24}</div></li>'
                      for k in range(20))
    guess = "".join(card(rng, "guess") for _ in range(40))
    also = "".join(card(rng, "also") for _ in range(12))
    body = f"""<div id="breadcrumb" class="breadcrumb"><a href="/">首页</a> &gt; <a href="/search?q=劳保用品">劳保用品</a> &gt; <span>{escape(item['title'][:10])}</span></div>
<div id="detail" class="detail">
<div class="gallery"><img class="main-pic" src="//img.bench-mall.example/i/{n}-0.jpg"><ul class="thumbs">{gallery}</ul></div>
<div class="item-info"><h1 class="item-title">{escape(item['title'])}</h1>
<div class="price-box"><span class="price">¥{item['price']}</span><span class="promo">店铺优惠 满200减20</span></div>
<dl class="deliver"><dt>配送</dt><dd>{escape(item['location'])} 至 全国 快递 免运费</dd></dl>
<dl class="sku-box"><dt>规格</dt><dd><ul class="skus">{skus}</ul></dd></dl>
<div class="actions"><button class="buy">立即购买</button><button class="cart">加入购物车</button></div></div>
<div class="shop-card"><a class="shop-name" href="/shop/{item['seller_id']}">{escape(item['seller'])}</a>
<span class="shop-score">描述 4.8 服务 4.8 物流 4.7</span></div></div>
<div id="content" class="content">
<div class="tabs"><a href="#desc">宝贝详情</a><a href="#specs">规格参数</a><a href="#reviews">累计评价 {rng.randrange(9999)}</a></div>
<div id="desc" class="item-desc">{description}</div>
<table id="specs" class="specs">{specs}</table>
<div id="reviews" class="comments"><h3>累计评价</h3><ul>{reviews}</ul></div></div>
<div id="side" class="aside"><h3 class="title">看了又看</h3><ul>{also}</ul></div>
<div id="guess" class="guess-like"><h2 class="title">猜你喜欢</h2><ul>{guess}</ul></div>"""
    return layout(f"{item['title']}-基准商城", body, rng, state_script(rng, item, n))


def search_page(query: str, page: int) -> str:
    rng = random.Random(f"{query}/{page}")
    results = "".join(card(rng, "result") for _ in range(48))
    pager = "".join(f'<a href="/search?q={escape(query)}&amp;page={k}">{k}</a>' for k in range(1, 11))
    body = f"""<div class="filter">{"".join(f'<a href="/search?q={escape(c)}">{c}</a>' for c in CATEGORIES)}</div>
<div id="results" class="search-results"><ul>{results}</ul></div><div class="pager">{pager}</div>
<div id="guess" class="guess-like"><h2 class="title">猜你喜欢</h2><ul>{"".join(card(rng, "guess") for _ in range(20))}</ul></div>"""
    return layout(f"{query} - 基准商城搜索", body, rng)
