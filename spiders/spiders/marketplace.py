"""Marketplaces: search each term, follow result pages, open every listing."""
from urllib.parse import quote

import scrapy

from ..base import CampaignSpider, carried
from ..pages import ItemPage, SearchResultsPage
from ..terms import search_terms


class MarketplaceSpider(CampaignSpider):
    name = "marketplace"

    def has_sources(self) -> bool:
        return bool(self.campaign.marketplaces)

    async def start(self):
        for index, market in enumerate(self.campaign.marketplaces):
            for term in search_terms(self.campaign):
                url = market.search_url.format(keyword=quote(term), page=market.first_page)
                yield scrapy.Request(url, callback=self.parse_search, dont_filter=True,
                                     meta={"market": index, "result_page": 1,
                                           "path": [f"{market.name} 搜索：{term}"],
                                           **self.browser_meta(market.render)},
                                     errback=self.record_error)

    def parse_search(self, response):
        market = self.campaign.marketplaces[response.meta["market"]]
        page = SearchResultsPage(response, market)
        path = response.meta["path"]
        for url in page.item_urls():
            yield scrapy.Request(url, callback=self.parse_item, errback=self.record_error,
                                 meta={"market": response.meta["market"], "certsweep_page": True,
                                       "path": path + [f"结果：{url}"],
                                       **self.browser_meta(market.render)})
        next_url = page.next_page_url()
        if next_url and response.meta["result_page"] < market.max_result_pages:
            yield response.follow(next_url, callback=self.parse_search, errback=self.record_error,
                                  meta={**carried(response.meta), **self.browser_meta(market.render),
                                        "result_page": response.meta["result_page"] + 1})

    def parse_item(self, response):
        market = self.campaign.marketplaces[response.meta["market"]]
        item = self.page_item(response, source="marketplace", source_name=market.name,
                              path=response.meta["path"], fields=ItemPage(response, market).fields())
        yield item
        yield from self.advertised_requests(item.text, item.path)
