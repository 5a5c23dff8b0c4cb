"""The demo world as a crawler sees it, using the selectors documented in fixtureweb/README.md."""

from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from parsel import Selector

# Some fixture sites present broken certificates on purpose; tests that opt out
# of verification are not news.
pytestmark = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")

MARKET = "https://www.linlijishi.com"
SEARCH = "https://www.misousuo.com"


def page(web, url) -> Selector:
    answer = web.get(url)
    assert answer.status_code == 200, url
    return Selector(answer.text)


def test_marketplace_search_paginates(web):
    first = page(web, f"{MARKET}/search?q=证")
    cards = first.css("div.search-results div.item-card")
    assert len(cards) == 10
    next_url = first.css("a.page-next::attr(href)").get()
    seen = {card.attrib["data-item-id"] for card in cards}
    while next_url:
        following = page(web, urljoin(MARKET, next_url))
        seen |= {card.attrib["data-item-id"] for card in following.css("div.item-card")}
        next_url = following.css("a.page-next::attr(href)").get()
    assert len(seen) > 20


def test_marketplace_search_ignores_spaces_sellers_insert(web):
    titles = page(web, f"{MARKET}/search?q=免考").css("a.item-title::text").getall()
    assert "安全员C证 免 考 包过 全国通用 官网可查" in titles
    assert page(web, f"{MARKET}/search?q=潜水艇").css("p.no-results")


def test_item_page_fields(web):
    item = page(web, f"{MARKET}/item/1001.html")
    assert item.css("h1.item-title::text").get() == "安全员C证 免 考 包过 全国通用 官网可查"
    assert item.css("div.item-price span.price::text").get() == "380.00"
    assert item.css("a.seller-name::text").get() == "证书服务小王"
    assert item.css("a.seller-name::attr(href)").get() == "/shop/u58231907"
    assert item.css("span.seller-id::text").get() == "卖家ID：u58231907"
    assert item.css("span.item-location::text").get() == "广东 深圳"
    assert "www点aqzs-banli点top" in "".join(item.css("div.item-desc ::text").getall())
    images = item.css("div.item-gallery img::attr(src)").getall()
    assert len(images) == 3
    assert web.get(urljoin(MARKET, images[0])).headers["Content-Type"] == "image/png"


def test_shop_page_lists_the_sellers_items(web):
    shop = page(web, f"{MARKET}/shop/u58231907")
    assert shop.css("h1.shop-name::text").get() == "证书服务小王"
    assert len(shop.css("div.item-card")) == 4


def test_search_engine_marks_ads_and_redirects_them_to_landing_pages(web):
    results = page(web, f"{SEARCH}/s?wd=电工证")
    ads = results.css("div.result.ad")
    assert {ad.css("span.ad-label::text").get() for ad in ads} == {"广告", "推广"}
    assert results.css("div.result.organic h3 a::attr(href)").get().startswith("https://")
    ad_link = ads[0].css("h3 a::attr(href)").get()
    assert parse_qs(urlsplit(ad_link).query)["u"] == ["https://www.aqzs-banli.top/"]
    web.verify = False  # the seller's site presents a self-signed certificate
    landing = web.get(urljoin(SEARCH, ad_link))
    assert landing.url == "https://www.aqzs-banli.top/"
    text = landing.content.decode("utf-8")  # static pages declare their charset only in <meta>
    assert "免 考" in text and "ax-8866" in text


def test_landing_page_form_post(web):
    web.verify = False
    answer = web.post("https://www.aqzs-banli.top/consult", data={"name": "张先生", "cert": "焊工证"})
    assert "张先生 您好，焊工证 可免考办理" in Selector(answer.text).css("p.reply::text").get()
