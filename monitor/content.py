"""Where on a page each piece of text sits, and how much it counts.

Words in navigation, recommendation blocks ("猜你喜欢"), sidebars, comments and
footers say little about what the page itself is about; a sentence that quotes a
term in order to warn against it ("谨防'免考'骗局") says the opposite. Regions
carry a weight so keyword hits can be scored by DOM position, and every hit keeps
its location."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from lxml import html as lxml_html

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


@dataclass(frozen=True)
class Region:
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


def _own_kind(el, tag: str) -> str | None:
    kind = _TAG_KIND.get(tag)
    if kind:
        return kind
    ident, cls = el.get("id"), el.get("class")
    return _attr_kind(f"{ident or ''} {cls or ''}") if ident or cls else None


def _step(el, tag: str, index: int) -> str:
    ident = el.get("id")
    return f"{tag}#{ident}" if ident else f"{tag}[{index}]"


def walk(root, with_paths: bool = True):
    """Yield (element, tag, kind, path, depth_tags) for every visible element,
    kinds inherited from ancestors; one pass shared by all extractors."""
    stack = [(root, "body", "body", ())]
    while stack:
        el, kind, path, tags = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in SKIP_TAGS:
            continue
        own = _own_kind(el, tag)
        # Boilerplate wins over "main" inherited from a wrapper, never the reverse.
        if own and (kind in ("body", "main", "header") or KIND_WEIGHT[own] < KIND_WEIGHT[kind]):
            kind = own
        tags = tags + (tag,)
        yield el, tag, kind, path, tags
        children = [c for c in el if isinstance(c.tag, str)]
        recommend_from = None
        for i, child in enumerate(children):
            if child.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "dt", "strong") or "title" in (child.get("class") or ""):
                if RECOMMEND_HEADING.search(child.text_content()[:40]):
                    recommend_from = i
                    break
        for i in range(len(children) - 1, -1, -1):
            child = children[i]
            child_kind = "recommend" if recommend_from is not None and i >= recommend_from else kind
            child_path = f"{path}/{_step(child, child.tag, i + 1)}" if with_paths else ""
            stack.append((child, child_kind, child_path, tags))


def parse(html: str):
    if not html or not html.strip():
        return lxml_html.fromstring("<html><body></body></html>")
    try:
        return lxml_html.fromstring(html)
    except Exception:  # lxml rejects some byte/encoding-declared strings
        return lxml_html.fromstring(html.encode("utf-8", "replace"))


def body_of(tree):
    body = tree.find(".//body") if tree.tag != "body" else tree
    return body if body is not None else tree


def regions_of_tree(tree) -> list[Region]:
    regions: list[Region] = []
    for el, tag, kind, path, _ in walk(body_of(tree)):
        parts = [el.text or ""]
        parts += [c.tail or "" for c in el if c.tail]
        text = " ".join(p.strip() for p in parts if p and p.strip())
        if text:
            regions.append(Region(text=text, kind=kind, weight=KIND_WEIGHT[kind], path=path))
    return regions


def text_regions(html: str) -> list[Region]:
    """The page's visible text, split by element, each with its kind and weight."""
    return regions_of_tree(parse(html))


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
