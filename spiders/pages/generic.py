"""Any web page: its title, visible text and links, whatever site it is on."""
import hashlib
import re
from functools import cached_property

from lxml import html as lxml_html
from scrapy.http import HtmlResponse, TextResponse

from .select import first

INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")
BLOCKS = ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
          "header", "footer", "nav", "aside", "main", "form", "table", "dd", "dt", "blockquote")
SPACES = re.compile(r"[ \t\u3000\xa0]+")


class WebPage:
    def __init__(self, response: TextResponse):
        self.response = response

    @classmethod
    def from_html(cls, url: str, html: str) -> "WebPage":
        return cls(HtmlResponse(url, body=html.encode("utf-8"), encoding="utf-8"))

    @property
    def title(self) -> str:
        # The response's own tree is parsed once and cached; no second tree for one string.
        return (first(self.response, "xpath://title/text()") or "").strip()

    @cached_property
    def text(self) -> str:
        """Visible text, one line per block, whitespace folded."""
        tree = lxml_html.document_fromstring(self.response.text or "<html></html>")
        for element in list(tree.iter(*INVISIBLE)):
            element.drop_tree()
        # Blocks end lines, so words from neighbouring blocks never run together.
        for element in tree.iter("br", *BLOCKS):
            element.tail = "\n" + (element.tail or "")
        lines = (line.strip() for line in SPACES.sub(" ", tree.text_content()).splitlines())
        return "\n".join(line for line in lines if line)

    @property
    def content_sha256(self) -> str:
        return hashlib.sha256(self.response.body).hexdigest()

    def images(self) -> list[str]:
        return [self.response.urljoin(src) for src in self.response.css("img::attr(src)").getall()
                if not src.startswith("data:")]

    def links(self) -> list[str]:
        return [self.response.urljoin(href) for href in self.response.css("a::attr(href)").getall()
                if not href.startswith(("javascript:", "mailto:", "tel:", "#"))]
