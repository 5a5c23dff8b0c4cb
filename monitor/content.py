"""Where on a page each piece of text sits, and how much it counts.

Words in navigation, recommendation blocks ("猜你喜欢"), sidebars, comments and
footers say little about what the page itself is about; a sentence that quotes a
term in order to warn against it ("谨防'免考'骗局") says the opposite. Regions
carry a weight so keyword hits can be scored by DOM position, and every hit keeps
its location."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache, partial
from typing import NamedTuple

from lxml import etree

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
RECOMMEND_HEADING = re.compile(r"猜你喜欢|看了又看|相关推荐|为你推荐|热门推荐|相关商品|大家都在看|推荐阅读|相关阅读|热门文章|友情链接")
WARNING_CUES = re.compile(r"谨防|警惕|切勿|不要轻信|不要相信|请勿|严厉打击|打击|曝光|提醒|骗局|诈骗|虚假|假冒|冒充|违法|举报|辟谣")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
WARNING_FACTOR = 0.2
MASTHEAD_CHUNKS = 4  # a page names who it is in its first lines, whatever the markup


class Region(NamedTuple):  # a tuple: a page has hundreds, built in the hot loop
    text: str
    kind: str
    weight: float
    path: str  # e.g. "body/div#main/p[3]": where a reviewer finds it


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


def _step(el, tag: str, index: int) -> str:
    ident = el.get("id")
    return f"{tag}#{ident}" if ident else f"{tag}[{index}]"


_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dt", "strong"})
_INHERITED_YIELDS = frozenset({"body", "main", "header"})  # kinds an element's own kind replaces


@dataclass
class ParsedPage:
    """One parse of a page and one pass over its visible elements, shared by the keyword regions
    and the fingerprint, so no scorer parses or walks the page twice."""
    tree: etree._Element
    regions: list[Region] = field(default_factory=list)  # visible text by element, kind and weight
    parts: list[str] = field(default_factory=list)  # every piece of visible text and image alt text
    masthead: list[str] = field(default_factory=list)  # where a page names who it speaks for
    tag_paths: set[tuple[str, ...]] = field(default_factory=set)  # each element's last four tags
    images: list = field(default_factory=list)  # visible <img> elements
    links: list[str] = field(default_factory=list)  # hrefs of visible <a> elements
    scripts: list[str] = field(default_factory=list)  # inline script texts, in document order


def parse_page(html: str, with_paths: bool = False) -> ParsedPage:
    tree = parse(html)
    # Comments would hide the text after them from the walk; their text never shows anyway.
    etree.strip_tags(tree, etree.Comment, etree.ProcessingInstruction)
    page = ParsedPage(tree)
    head = tree.find("head")
    if head is not None:
        page.scripts = [s.text for s in head.iter("script") if s.text and s.text.strip()]
    _read(body_of(tree), page, with_paths)
    return page


_KIND, _OWN, _SLOT, _TAGS, _IN_H1, _CHILD_KIND, _PATH, _CHILDREN = range(8)  # an open element's state
_region = partial(tuple.__new__, Region)  # Region(...) without its Python-level __new__


def _read(body, page: ParsedPage, with_paths: bool) -> None:
    """Every visible element once, in one lxml walk, kinds inherited from ancestors. This is
    the scorer's hot loop: plain locals, each attribute read once, path strings only when asked.
    An element's text and its children's tails are only complete at its end, but regions and
    parts are kept in walk order (the element before its children): each element holds a slot."""
    tag_paths, images, links, scripts = page.tag_paths, page.images, page.links, page.scripts
    regions: list = []  # per element in walk order: its Region or None
    parts: list = []  # per element in walk order: its texts and image alt text, or None
    in_masthead: list[int] = []  # slots of header and h1 elements
    open_: list[list] = []
    walker = etree.iterwalk(body, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "end":
            if tag not in SKIP_TAGS:
                state = open_.pop()
                own, kind, slot = state[_OWN], state[_KIND], state[_SLOT]
                if own:
                    text = own[0].strip() if len(own) == 1 else " ".join([p for p in map(str.strip, own) if p])
                    if text:
                        regions[slot] = _region((text, kind, KIND_WEIGHT[kind], state[_PATH]))
                if tag == "img" and el.get("alt"):
                    own.append(el.get("alt"))
                if own:
                    parts[slot] = own
                    if kind == "header" or state[_IN_H1]:
                        in_masthead.append(slot)
            tail = el.tail
            if tail and open_:
                open_[-1][_OWN].append(tail)
            continue
        cls = el.get("class")
        if open_:
            parent = open_[-1]
            kind = parent[_CHILD_KIND]
            if kind != "recommend" and (tag in _HEADING_TAGS or cls and "title" in cls) \
                    and RECOMMEND_HEADING.search(text_of(el)[:40]):
                kind = parent[_CHILD_KIND] = "recommend"  # this heading and everything after it
            parent[_CHILDREN] += 1
            path = f"{parent[_PATH]}/{_step(el, tag, parent[_CHILDREN])}" if with_paths else ""
            tags, in_h1 = parent[_TAGS][-3:] + (tag,), parent[_IN_H1]
        else:
            kind, path, tags, in_h1 = "body", "body", (tag,), False
        if tag in SKIP_TAGS:
            if tag == "script" and el.text and el.text.strip():
                scripts.append(el.text)
            walker.skip_subtree()
            continue
        if tag == "img":
            images.append(el)
        elif tag == "a" and el.get("href"):
            links.append(el.get("href"))
        own_kind = _TAG_KIND.get(tag)
        if own_kind is None:
            ident = el.get("id")
            if ident or cls:
                own_kind = _attr_kind(f"{ident or ''} {cls or ''}")
        # Boilerplate wins over "main" inherited from a wrapper, never the reverse.
        if own_kind and (kind in _INHERITED_YIELDS or KIND_WEIGHT[own_kind] < KIND_WEIGHT[kind]):
            kind = own_kind
        tag_paths.add(tags)
        text = el.text
        open_.append([kind, [text] if text else [], len(parts), tags, in_h1 or tag == "h1", kind, path, 0])
        regions.append(None)
        parts.append(None)
    page.regions = [r for r in regions if r is not None]
    # The masthead: header and h1 texts, and the page's first few parts whatever their markup.
    first, seen = [], 0
    for slot, own in enumerate(parts):
        if seen >= MASTHEAD_CHUNKS:
            break
        if own:
            first.append(slot)
            seen += len(own)
    page.masthead = [text for slot in sorted(set(first).union(in_masthead)) for text in parts[slot]]
    page.parts = [text for own in parts if own for text in own]


HTML_PARSER = etree.HTMLParser()


def parse(html: str):
    """The page's tree: lxml's HTML parser without lxml.html's element classes, whose
    per-element lookup would cost more than all the scoring done on the tree."""
    if not html or not html.strip():
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
    """The page's visible text, split by element, each with its kind, weight and path."""
    return parse_page(html, with_paths=True).regions


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
