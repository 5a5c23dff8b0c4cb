"""Page objects work on saved HTML: no crawl, no network."""
from scrapy.http import HtmlResponse

from campaign import load_campaign
from fixtureweb import demo_world_dir
from spiders.pages import ItemPage, SearchEnginePage, SearchResultsPage, WebPage

CAMPAIGN = load_campaign(demo_world_dir() / "campaign.toml")
MARKET = CAMPAIGN.marketplaces[0]

ITEM_HTML = """<html><head><title>电工证 - 邻里集市</title></head><body>
<div class="item-detail"><div class="item-gallery"><img src="/img/item/7-1.png"><img src="/img/item/7-2.png"></div>
<div class="item-main"><h1 class="item-title">电工证免 考包过</h1>
<div class="item-price">¥<span class="price">880</span></div>
<div class="item-meta"><span class="item-location">重庆 万盛</span></div>
<div class="seller-info"><a class="seller-name" href="/shop/s77">老王证件</a><span class="seller-id">卖家ID：s77</span></div></div>
<div class="item-desc"><p>不用考试，官网可查</p><p>V信：wang-888</p></div></div>
<script>document.title = "hijack"</script></body></html>"""


def response(url, html):
    return HtmlResponse(url, body=html.encode("utf-8"), encoding="utf-8")


def test_item_page_fields_from_campaign_selectors():
    fields = ItemPage(response("https://www.linlijishi.com/item/7.html", ITEM_HTML), MARKET).fields()
    assert fields["title"] == "电工证免 考包过"
    assert fields["price"] == "880"
    assert fields["seller_name"] == "老王证件"
    assert fields["shop_url"] == "https://www.linlijishi.com/shop/s77"
    assert fields["description"] == "不用考试，官网可查 V信：wang-888"
    assert fields["images"] == ["https://www.linlijishi.com/img/item/7-1.png",
                                "https://www.linlijishi.com/img/item/7-2.png"]


def test_search_results_page_lists_items_and_next_page():
    html = """<div class="item-card"><a class="item-title" href="/item/1.html">甲</a></div>
    <div class="item-card"><a class="item-title" href="/item/2.html">乙</a></div>
    <div class="pager"><a class="page-next" href="/search?q=x&amp;page=2">下一页</a></div>"""
    page = SearchResultsPage(response("https://www.linlijishi.com/search?q=x", html), MARKET)
    assert page.item_urls() == ["https://www.linlijishi.com/item/1.html", "https://www.linlijishi.com/item/2.html"]
    assert page.next_page_url() == "https://www.linlijishi.com/search?q=x&page=2"


def test_search_engine_page_separates_ads():
    html = """<div class="result ad"><h3><a href="/aclk?u=x">办证</a></h3><span class="ad-label">广告</span></div>
    <div class="result organic"><h3><a href="https://news.example/a">新闻</a></h3></div>"""
    results = SearchEnginePage(response("https://www.misousuo.com/s?wd=x", html),
                               CAMPAIGN.search_engines[0]).results()
    assert [(r.title, r.is_ad, r.position) for r in results] == [("办证", True, 1), ("新闻", False, 2)]


def test_visible_text_skips_scripts_and_keeps_lines():
    page = WebPage(response("https://www.linlijishi.com/item/7.html", ITEM_HTML))
    assert "hijack" not in page.text
    assert "不用考试，官网可查\nV信：wang-888" in page.text
    assert page.title == "电工证 - 邻里集市"


def test_campaign_expressions_read_what_parsel_reads():
    """Page objects evaluate compiled expressions on the parsed tree; the strings must be
    the ones parsel's getall() gives, for every kind of match."""
    from parsel import Selector

    from spiders.pages.select import first, first_text, matched, nodes, texts
    page = response("https://www.linlijishi.com/item/7.html", ITEM_HTML)
    for expression in ("h1::text", ".seller-name::attr(href)", "img::attr(src)", ".item-desc p",
                       "css:.price::text", "xpath://h1/text()", "xpath:count(//img)",
                       "xpath:boolean(//h1)", "xpath://comment()", "xpath://p[re:test(., 'V信')]/text()",
                       ".missing::text"):
        kind, _, query = expression.partition(":") if expression.startswith(("css:", "xpath:")) else ("css", "", expression)
        expected = getattr(Selector(text=ITEM_HTML), kind)(query).getall()
        assert texts(page, expression) == expected, expression
        assert first(page, expression) == (expected[0] if expected else None), expression
        assert matched(page, expression) == bool(expected), expression
    desc = nodes(page, ".item-desc")
    assert len(desc) == 1 and first_text(desc[0], "p::text") == "不用考试，官网可查 V信：wang-888"
