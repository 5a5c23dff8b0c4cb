"""Marketplace pages, described entirely by the campaign's selectors: a marketplace is configuration."""
from campaign import Marketplace
from scrapy.http import TextResponse

from .select import first, first_text, nodes, texts


class SearchResultsPage:
    def __init__(self, response: TextResponse, config: Marketplace):
        self.response, self.config = response, config

    def item_urls(self) -> list[str]:
        selectors = self.config.selectors
        urls = []
        for card in nodes(self.response, selectors.card):
            href = first(card, selectors.item_url)
            if href:
                urls.append(self.response.urljoin(href.strip()))
        return urls

    def next_page_url(self) -> str | None:
        expression = self.config.selectors.next_page
        href = first(self.response, expression) if expression else None
        return self.response.urljoin(href.strip()) if href else None


class ItemPage:
    def __init__(self, response: TextResponse, config: Marketplace):
        self.response, self.config = response, config

    def fields(self) -> dict:
        item = self.config.selectors.item
        values = {name: first_text(self.response, getattr(item, name))
                  for name in type(item).model_fields if name != "images"}
        if values.get("shop_url"):
            values["shop_url"] = self.response.urljoin(values["shop_url"])
        values["images"] = [self.response.urljoin(src) for src in
                            (texts(self.response, item.images) if item.images else [])]
        return values
