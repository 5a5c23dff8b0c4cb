"""Seed URLs from the campaign, followed within their own site to the campaign's depth."""
from urllib.parse import urlsplit

import scrapy

from ..base import CampaignSpider
from ..pages import WebPage
from ..urls import registered_domain


class SeedSpider(CampaignSpider):
    name = "seeds"

    def has_sources(self) -> bool:
        return bool(self.campaign.seeds)

    async def start(self):
        for seed in self.campaign.seeds:
            url = str(seed)
            yield scrapy.Request(url, callback=self.parse, dont_filter=True, errback=self.record_error,
                                 meta={"certsweep_page": True, "path": [f"种子：{url}"],
                                       "site": registered_domain(urlsplit(url).hostname or ""),
                                       **self.browser_meta(False)})

    def parse(self, response):
        page = WebPage(response)
        again = self.rendered_again(response, page)
        if again:
            yield again
            return
        item = self.page_item(response, source="seed", source_name="seeds", path=response.meta["path"],
                              page=page)
        yield item
        yield from self.advertised_requests(item.text, item.path)
        yield from self.image_requests(page.images(), item.path)
        for url in page.links():
            if registered_domain(urlsplit(url).hostname or "") == response.meta["site"]:
                yield scrapy.Request(url, callback=self.parse, errback=self.record_error,
                                     meta={"certsweep_page": True, "site": response.meta["site"],
                                           "path": response.meta["path"] + [f"链接：{url}"],
                                           **self.browser_meta(False)})
