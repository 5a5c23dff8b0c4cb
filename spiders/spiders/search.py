"""Search engines: record organic results and ads apart, and open every ad's landing page."""
from urllib.parse import quote

import scrapy

from ..base import CampaignSpider
from ..pages import SearchEnginePage
from ..terms import search_terms


class SearchSpider(CampaignSpider):
    name = "search"

    def has_sources(self) -> bool:
        return bool(self.campaign.search_engines)

    async def start(self):
        for index, engine in enumerate(self.campaign.search_engines):
            for term in search_terms(self.campaign, include_portal_queries=True):
                url = engine.search_url.format(keyword=quote(term), page=1)
                yield scrapy.Request(url, callback=self.parse_results, dont_filter=True,
                                     meta={"engine": index, "term": term,
                                           "path": [f"{engine.name} 搜索：{term}"],
                                           **self.browser_meta(engine.render)},
                                     errback=self.record_error)

    def parse_results(self, response):
        engine = self.campaign.search_engines[response.meta["engine"]]
        results = SearchEnginePage(response, engine).results()
        path = response.meta["path"]
        yield self.page_item(response, source="search", source_name=engine.name, path=path,
                             fields={"query": response.meta["term"],
                                     "ads": [r.__dict__ for r in results if r.is_ad],
                                     "organic": [r.__dict__ for r in results if not r.is_ad]})
        for result in results:
            if result.is_ad or engine.follow_organic:
                label = "广告" if result.is_ad else "自然结果"
                yield scrapy.Request(result.url, callback=self.parse_landing, errback=self.record_error,
                                     meta={"certsweep_page": True, "is_ad": result.is_ad,
                                           "engine": response.meta["engine"],
                                           "path": path + [f"{label}（第 {result.position} 位）：{result.url}"],
                                           "result_title": result.title,
                                           **self.browser_meta(True)})

    def parse_landing(self, response):
        engine = self.campaign.search_engines[response.meta["engine"]]
        item = self.page_item(response, source="ad" if response.meta["is_ad"] else "search",
                              source_name=engine.name,
                              path=response.meta["path"],
                              fields={"result_title": response.meta["result_title"]})
        yield item
        yield from self.advertised_requests(item.text, item.path)
