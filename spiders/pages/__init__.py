"""Page objects: each takes a response (and its source's configuration) and returns fields.

They need no crawl: `ItemPage(HtmlResponse(url, body=saved_html), config).fields()` works on a
saved file, which is how the tests exercise them."""
from .generic import WebPage
from .marketplace import ItemPage, SearchResultsPage
from .search import SearchEnginePage

__all__ = ["WebPage", "ItemPage", "SearchResultsPage", "SearchEnginePage"]
