"""Marketplaces: search each term, follow result pages, open every listing."""
from urllib.parse import quote

import scrapy

from ..base import CampaignSpider, carried
from ..browser import BROWSER_CONTEXT
from ..login import load_login_cookies
from ..pages import ItemPage, SearchResultsPage
from ..terms import search_terms


class MarketplaceSpider(CampaignSpider):
    name = "marketplace"

    def __init__(self, campaign: str | None = None, **kwargs):
        super().__init__(campaign, **kwargs)
        self.login_cookies = {i: load_login_cookies(m.storage_state)
                              for i, m in enumerate(self.campaign.marketplaces) if m.storage_state}

    def has_sources(self) -> bool:
        return bool(self.campaign.marketplaces)

    def source_meta(self, index: int) -> dict:
        """Rendering and login state for one marketplace's requests."""
        market = self.campaign.marketplaces[index]
        meta = {"market": index, **self.browser_meta(market.render)}
        if market.storage_state and meta.get("playwright"):
            meta["playwright_context"] = f"market-{index}"
            meta["playwright_context_kwargs"] = {**BROWSER_CONTEXT, "storage_state": market.storage_state}
        return meta

    def cookies(self, index: int) -> list[dict]:
        return self.login_cookies.get(index, [])

    async def start(self):
        for index, market in enumerate(self.campaign.marketplaces):
            for term in search_terms(self.campaign):
                url = market.search_url.format(keyword=quote(term), page=market.first_page)
                yield scrapy.Request(url, callback=self.parse_search, dont_filter=True,
                                     cookies=self.cookies(index), errback=self.record_error,
                                     meta={**self.source_meta(index), "result_page": 1,
                                           "path": [f"{market.name} 搜索：{term}"]})

    def parse_search(self, response):
        index = response.meta["market"]
        market = self.campaign.marketplaces[index]
        page = SearchResultsPage(response, market)
        path = response.meta["path"]
        for url in page.item_urls():
            yield scrapy.Request(url, callback=self.parse_item, errback=self.record_error,
                                 cookies=self.cookies(index),
                                 meta={**self.source_meta(index), "certsweep_page": True,
                                       "path": path + [f"结果：{url}"]})
        next_url = page.next_page_url()
        if next_url and response.meta["result_page"] < market.max_result_pages:
            yield response.follow(next_url, callback=self.parse_search, errback=self.record_error,
                                  cookies=self.cookies(index),
                                  meta={**carried(response.meta), **self.source_meta(index),
                                        "result_page": response.meta["result_page"] + 1})

    def parse_item(self, response):
        market = self.campaign.marketplaces[response.meta["market"]]
        item = self.page_item(response, source="marketplace", source_name=market.name,
                              path=response.meta["path"], fields=ItemPage(response, market).fields())
        yield item
        yield from self.advertised_requests(item.text, item.path)
        yield from self.image_requests(item.fields["images"], item.path)
