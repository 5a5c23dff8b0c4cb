"""A generated marketplace for crawl benchmarks: ITEMS listings, 50 per search page.

One listing in eight sells certificates with evasions; the rest are ordinary goods."""
from html import escape

from fixtureweb import Response

ITEMS = 5000
PER_PAGE = 50
GOODS = ["劳保手套", "安全帽", "绝缘鞋", "电工工具包", "焊帽", "叉车配件", "反光背心", "安全带"]
SELLING = ["电工证免 考包过，官网可查，V信 zheng-{n}", "焊工证速成 三天下证 可查可验 加微 hg{n}",
           "安全员证不用考试直接拿证，全国联网可查，扣扣 {n}8800"]


def handle(request):
    if request.path == "/search":
        page = int(request.arg("page", "1") or 1)
        return Response.html(search_page(page))
    if request.path.startswith("/item/"):
        return Response.html(item_page(int(request.path.split("/")[-1].split(".")[0])))
    return None


def search_page(page: int) -> str:
    first = (page - 1) * PER_PAGE
    cards = "".join(f'<div class="card"><a class="t" href="/item/{n}.html">商品 {n}</a></div>'
                    for n in range(first, min(first + PER_PAGE, ITEMS)))
    more = f'<a class="next" href="/search?q=x&page={page + 1}">下一页</a>' if first + PER_PAGE < ITEMS else ""
    return f"<html><head><title>搜索 第{page}页</title></head><body>{cards}{more}</body></html>"


def item_page(n: int) -> str:
    text = SELLING[n % 3].format(n=n) if n % 8 == 0 else f"{GOODS[n % len(GOODS)]}，厂家直销，量大从优"
    filler = "<p>商品详情：" + "质量可靠，发货迅速。" * 40 + "</p>"
    return (f"<html><head><title>商品 {n}</title></head><body><h1>商品 {n} {escape(text[:12])}</h1>"
            f'<div class="desc"><p>{escape(text)}</p>{filler}</div>'
            f'<div class="seller">卖家 s{n % 97}</div></body></html>')
