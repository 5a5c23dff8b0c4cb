"""Where on a page each piece of text sits, and how much it counts.

Words in navigation, recommendation blocks ("猜你喜欢"), sidebars, comments and
footers say little about what the page itself is about; a sentence that quotes a
term in order to warn against it ("谨防'免考'骗局") says the opposite. Regions
carry a weight so keyword hits can be scored by DOM position, and every hit keeps
its location."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import asdict, dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple

from lxml import etree

from ._textwalk import text_nodes

LABEL_TAGS = ("label", "form")  # what a query form is read from, besides its fields
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "iframe"})
BLOCK_TAGS = frozenset({"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
                        "main", "header", "footer", "nav", "aside", "form", "label", "ul", "ol", "dl", "dt", "dd",
                        "table", "tbody", "blockquote", "pre", "body", "option", "select", "button", "span"})
KIND_WEIGHT = {"main": 1.0, "body": 0.7, "header": 0.4, "nav": 0.15, "sidebar": 0.2, "footer": 0.15,
               "recommend": 0.1, "comment": 0.2, "ad": 0.1}
_TAG_KIND = {"nav": "nav", "footer": "footer", "aside": "sidebar", "header": "header", "main": "main",
             "article": "main"}
_ATTR_KINDS = [
    ("recommend", re.compile(r"recommend|related|guess|you-?like|also|hot-?list|rank|猜你", re.I)),
    ("comment", re.compile(r"comment|review|reply|评论", re.I)),
    ("ad", re.compile(r"(^|[-_ ])(ad|ads|advert|advertisement|promo|sponsor)([-_ ]|$)", re.I)),
    ("footer", re.compile(r"foot|copyright|bottom", re.I)),
    ("sidebar", re.compile(r"side|aside|widget", re.I)),
    ("nav", re.compile(r"(^|[-_ ])(nav|menu|breadcrumb|crumbs?)([-_ ]|$)", re.I)),
    ("main", re.compile(r"(^|[-_ ])(content|article|main|detail|post|entry|正文)([-_ ]|$)", re.I)),
    ("header", re.compile(r"(^|[-_ ])(head|header|hd|top|top-?bar|masthead|banner)([-_ ]|$)", re.I)),
]
RECOMMEND_WORDS = ("猜你喜欢", "看了又看", "相关推荐", "为你推荐", "热门推荐", "相关商品", "大家都在看", "推荐阅读", "相关阅读",
                   "热门文章", "友情链接")
RECOMMEND_HEADING = re.compile("|".join(RECOMMEND_WORDS))
WARNING_CUES = re.compile(r"谨防|警惕|切勿|不要轻信|不要相信|请勿|严厉打击|打击|曝光|提醒|骗局|诈骗|虚假|假冒|冒充|违法|举报|辟谣")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
WARNING_FACTOR = 0.2


class Region(NamedTuple):
    text: str
    kind: str
    weight: float
    path: str  # XPath of the element that gave the text its kind, e.g. "/html/body/div[3]": where a reviewer finds it


@dataclass(frozen=True)
class Hit:
    term: str
    region: str  # the region's kind
    path: str
    offset: int
    weight: float
    warning: bool  # quoted in a warning sentence
    context: str

    def to_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=8192)
def _attr_kind(attrs: str) -> str | None:
    # Pages repeat their class names; each distinct one is matched once.
    return next((name for name, rx in _ATTR_KINDS if rx.search(attrs)), None)


def _own_kind(el) -> str | None:
    kind = _TAG_KIND.get(el.tag)
    if kind:
        return kind
    ident, cls = el.get("id"), el.get("class")
    return _attr_kind(f"{ident or ''} {cls or ''}") if ident or cls else None


_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dt", "strong"})
_INHERITED_YIELDS = frozenset({"body", "main", "header"})  # kinds an element's own kind replaces
_NONE = frozenset()


def _heading_like(el) -> bool:
    """A heading, or what a page styles as one: what may open a "猜你喜欢" block."""
    return el.tag in _HEADING_TAGS or "title" in (el.get("class") or "")


class ParsedPage:
    """One parse of a page, shared by everything that scores it. All its visible text is read at
    once in C (`_textwalk.c`); where in the DOM a piece of text sits (nav, footer, "猜你喜欢" ...) is
    worked out only for the pieces that matter (keyword hits, government names), each element's
    kind once, from its ancestors': a Python step per element would cost more than the parse."""

    def __init__(self, html: str):
        self.tree = parse(html)
        # Each `.text` decodes the script anew, and a page's scripts run to tens of kilobytes.
        self.scripts = [text for s in self.tree.iter("script") if (text := s.text) and not text.isspace()]
        self.body = body_of(self.tree)
        self.nodes: list[str] = []  # visible text nodes in document order
        self._owners = ()  # the element holding each of them
        if self.body.tag == "body":  # without one the page shows nothing
            etree.strip_elements(self.body, *SKIP_TAGS, with_tail=False)
            self.nodes, self._owners = text_nodes(self.body)
        self.text = "\n".join(self.nodes)  # the visible text, one line per text node
        # Where each line starts: iterated in C, a page has hundreds of lines.
        self._starts = list(accumulate(map(add, map(len, self.nodes[:-1]), repeat(1)), initial=0))
        self._kinds: dict = {}  # element -> (kind of its own text, the element that set it)
        self._line_kinds: dict = {}  # line of `text` -> the same, for its text node's element

    @cached_property
    def _walked(self) -> tuple[list, list]:
        """(the body's images, the tree's labels and forms), from one walk of the tree where the
        body ends it, as lxml's HTML parser leaves it: a walk costs more than what it finds."""
        body, tree = self.body, self.tree
        if body is not tree and (body.getparent() is not tree or body.getnext() is not None):
            return list(body.iter("img")), list(tree.iter(*LABEL_TAGS))
        images, labelled, in_body = [], [], body is tree
        for el in tree.iter("img", "body", *LABEL_TAGS):
            tag = el.tag
            if tag == "img":
                if in_body:  # not one in the head, under <noscript> or <template>
                    images.append(el)
            elif tag == "body":
                in_body = in_body or el is body
            else:
                labelled.append(el)
        return images, labelled

    @property
    def images(self) -> list:
        return self._walked[0]

    @property
    def labels_and_forms(self) -> list:
        """The tree's <label> and <form> elements, in document order."""
        return self._walked[1]

    def line_kind(self, line: int) -> tuple[str, object]:
        """(kind, the element that set it) of a line of `text`."""
        found = self._line_kinds.get(line)
        if found is None:
            found = self._line_kinds[line] = self.kind_of(self._owners[line])
        return found

    def kinds_at(self, offsets) -> dict[int, str]:
        """The kind of the text at each of `offsets` (a page's keyword hits): `line_kind` once per
        line they are on, their lines found by bisect mapped in C, as hits crowd a few lines."""
        offsets = list(offsets)
        ends = list(map(bisect_right, repeat(self._starts), offsets))  # each offset's line + 1
        kinds = {end: self.line_kind(end - 1)[0] for end in set(ends)}
        return dict(zip(offsets, map(kinds.__getitem__, ends)))

    def line_at(self, offset: int) -> int:
        """The line of `text` (the index of the text node) that holds `offset`."""
        return bisect_right(self._starts, offset) - 1

    def node_at(self, offset: int) -> str:
        """The text node (a line of `text`) that holds `offset`."""
        return self.nodes[self.line_at(offset)]

    def element_at(self, offset: int):
        """The element whose own text holds `offset`."""
        return self._owners[self.line_at(offset)]

    def kind_of(self, el) -> tuple[str, object]:
        """(kind, the element that set it) of the text directly inside `el`: its own kind, else
        its parent's, with boilerplate winning over "main" from a wrapper, never the reverse."""
        known, body, recommended = self._kinds, self.body, self._recommended
        unknown = []  # el and its ancestors up to the nearest one of known kind, innermost first
        while el is not None and el not in known:
            unknown.append(el)
            el = el.getparent() if el is not body else None
        kind, setter = known[el] if el is not None else ("body", body)
        parent = el
        for el in reversed(unknown):
            if el in recommended.get(parent, _NONE):
                kind, setter = "recommend", el  # under "猜你喜欢", whatever it calls itself
            own = _own_kind(el)
            if own and (kind in _INHERITED_YIELDS or KIND_WEIGHT[own] < KIND_WEIGHT[kind]):
                kind, setter = own, el
            known[el] = kind, setter
            parent = el
        return kind, setter

    @cached_property
    def _recommended(self) -> dict:
        """Parent element -> its children from its first "猜你喜欢"-style heading on. Such a
        heading's words are in the page's text, so only the heading-like ancestors of where
        they are need reading, not the headings of every parent a hit sits in."""
        joined = "".join(self.nodes)  # a heading's words never span a whitespace-only node
        starts = self._starts

        def joined_start(line: int) -> int:  # `text` has a separator more before each line
            return starts[line] - line

        first: dict = {}  # parent -> its first heading-like child under which it recommends
        walked: set = set()  # elements read, with all their ancestors: a walk stops at one
        for word in RECOMMEND_WORDS:
            at = joined.find(word)
            while at >= 0:
                el = self._owners[bisect_right(range(len(self.nodes)), at, key=joined_start) - 1]
                while el is not self.body and el not in walked:
                    walked.add(el)
                    parent = el.getparent()
                    if _heading_like(el) and RECOMMEND_HEADING.search(text_of(el)[:40]) and (
                            parent not in first or parent.index(el) < parent.index(first[parent])):
                        first[parent] = el
                    el = parent
                at = joined.find(word, at + 1)
        return {parent: {child, *child.itersiblings()} for parent, child in first.items()}

    def in_masthead(self, offset: int) -> bool:
        """Whether the text at `offset` is where a page names who it speaks for: its header or h1."""
        el = self.element_at(offset)
        return self.kind_of(el)[0] == "header" or el.tag == "h1" or next(el.iterancestors("h1"), None) is not None

    @cached_property
    def regions(self) -> list[Region]:
        """All the visible text, split where its kind changes."""
        regions: list[Region] = []
        for line, node in enumerate(self.nodes):
            kind, setter = self.line_kind(line)
            if regions and regions[-1].kind == kind:
                regions[-1] = regions[-1]._replace(text=f"{regions[-1].text}\n{node}")
            else:
                regions.append(Region(node, kind, KIND_WEIGHT[kind], self.tree.getroottree().getpath(setter)))
        return regions

    @cached_property
    def tag_paths(self) -> set[tuple[str, ...]]:
        """Each visible element's last four tags: structure without styling. Walked only when
        asked, as it takes a Python step per element."""
        if self.body.tag != "body":
            return {(self.body.tag,)}
        paths: set[tuple[str, ...]] = set()
        tags: list[str] = []
        for event, el in etree.iterwalk(self.body, events=("start", "end")):
            if event == "start":
                tags.append(el.tag)
                paths.add(tuple(tags[-4:]))
            else:
                tags.pop()
        return paths


# Comments and processing instructions only split the text around them: dropped while parsing,
# which costs nothing, rather than by a walk of the tree after it.
HTML_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)


def parse(html: str):
    """The page's tree: lxml's HTML parser without lxml.html's element classes, whose
    per-element lookup would cost more than all the scoring done on the tree."""
    if not html or html.isspace():  # strip() would copy the page to find out
        return etree.fromstring("<html><body></body></html>", HTML_PARSER)
    try:
        tree = etree.fromstring(html, HTML_PARSER)
    except ValueError:  # lxml rejects strings that declare their own encoding
        tree = etree.fromstring(html.encode("utf-8", "replace"), HTML_PARSER)
    return tree if tree is not None else etree.fromstring("<html><body></body></html>", HTML_PARSER)


def body_of(tree):
    if tree.tag == "body":
        return tree
    body = tree.find("body")  # where the parser puts it; searching the whole tree costs more
    if body is None:
        body = tree.find(".//body")
    return body if body is not None else tree


def text_of(el) -> str:
    """All text inside an element, as lxml.html's text_content()."""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def text_regions(html: str) -> list[Region]:
    """The page's visible text, split where its kind changes, each part with its kind, weight
    and where it is."""
    return ParsedPage(html).regions


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    m = _SENTENCE_END.search(text, end)
    return text[left:m.start() if m else len(text)]


def find_terms(regions: list[Region], terms) -> list[Hit]:
    """Every occurrence of every term, with where it is and what it weighs."""
    hits: list[Hit] = []
    for region in regions:
        for term in terms:
            start = region.text.find(term)
            while start >= 0:
                end = start + len(term)
                sentence = _sentence(region.text, start, end)
                warning = bool(WARNING_CUES.search(sentence.replace(term, "")))
                weight = region.weight * (WARNING_FACTOR if warning else 1.0)
                hits.append(Hit(term=term, region=region.kind, path=region.path, offset=start,
                                weight=round(weight, 3), warning=warning, context=sentence.strip()[:80]))
                start = region.text.find(term, end)
    return hits


def weighted_score(hits: list[Hit]) -> float:
    """Sum of hit weights: a term in the main text counts 1, in a footer 0.15."""
    return round(sum(h.weight for h in hits), 3)
