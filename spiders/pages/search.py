"""Search-engine result pages: organic results and ads (marked 广告/推广) kept apart."""
from dataclasses import dataclass

from campaign import SearchEngine
from scrapy.http import TextResponse

from .select import first, first_text, matched, nodes


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    is_ad: bool
    position: int


class SearchEnginePage:
    def __init__(self, response: TextResponse, config: SearchEngine):
        self.response, self.config = response, config

    def results(self) -> list[SearchResult]:
        selectors = self.config.selectors
        found = []
        for position, node in enumerate(nodes(self.response, selectors.result), start=1):
            href = first(node, selectors.link)
            if not href:
                continue
            found.append(SearchResult(
                title=first_text(node, selectors.title) or "",
                url=self.response.urljoin(href.strip()),
                is_ad=matched(node, selectors.ad_marker),
                position=position))
        return found
