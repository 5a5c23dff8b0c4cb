"""A page's fingerprint: everything a clone keeps from the page it copies."""
from __future__ import annotations

import base64
import io
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property, lru_cache
from urllib.parse import urlsplit

import mmh3

from .content import WARNING_CUES, ParsedPage, text_of
from .forms import QueryForm, extract_form
from .markers import GOV_BODY_RE, GOV_BODY_WORDS, Markers, extract_markers
from .shingles import sketch
from .snapshot import PageSnapshot

SKETCH_SIZE = 256  # bottom-k MinHash: exact for pages with fewer shingles
MAX_PHASH_IMAGES = 12


@lru_cache(maxsize=65536)
def _path_hash(tags: tuple[str, ...]) -> int:
    # Pages share most of their tag paths; each distinct one is hashed once.
    return mmh3.hash(">".join(tags), signed=False)


def favicon_hash(body: bytes) -> int:
    """Shodan's http.favicon.hash: mmh3 of the base64 text with newlines."""
    return mmh3.hash(base64.encodebytes(body))


def phash_hex(data: bytes) -> str | None:
    import imagehash
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            if min(img.size) < 8:
                return None
            return str(imagehash.phash(img.convert("RGB")))
    except Exception:  # not an image PIL can read (svg, truncated): no perceptual hash
        return None


def bigrams(s: str) -> set[str]:
    s = "".join(s.split()).lower()
    return {s[i:i + 2] for i in range(len(s) - 1)} or ({s} if s else set())


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs a call a field
class Derived:
    text: frozenset[int]
    dom: frozenset[int]
    title_bigrams: set[str]
    form_tokens: set[str]
    form_meanings: set[str]
    resources: set[int]
    markers: set[str]


@dataclass(eq=True)
class PortalFingerprint:
    url: str
    host: str
    title: str = ""
    text_sketch: list[int] = field(default_factory=list)
    text_count: int = 0
    dom_sketch: list[int] = field(default_factory=list)
    dom_count: int = 0
    form: QueryForm | None = None
    script_hashes: list[int] = field(default_factory=list)
    style_hashes: list[int] = field(default_factory=list)
    image_hashes: list[int] = field(default_factory=list)
    favicon_hash: int | None = None
    screenshot_phash: str | None = None
    image_phashes: list[str] = field(default_factory=list)
    markers: Markers = field(default_factory=Markers)
    rendered: bool = False

    @property
    def resource_hashes(self) -> set[int]:
        found = {*self.script_hashes, *self.style_hashes, *self.image_hashes}
        if self.favicon_hash is not None:
            found.add(self.favicon_hash)
        return found

    @cached_property
    def derived(self) -> "Derived":
        """Sets the comparison needs, built once per fingerprint: an enrolled
        portal is compared with every page."""
        return Derived(text=frozenset(self.text_sketch), dom=frozenset(self.dom_sketch),
                       title_bigrams=bigrams(self.title), form_tokens=self.form.tokens() if self.form else set(),
                       form_meanings=self.form.meanings if self.form else set(),
                       resources=self.resource_hashes, markers=self.markers.values())

    def add_dom(self, page: ParsedPage) -> None:
        """The DOM sketch, for a fingerprint made without it."""
        paths = sorted({_path_hash(tags) for tags in page.tag_paths})
        self.dom_sketch, self.dom_count = paths[:SKETCH_SIZE], len(paths)
        if "derived" in self.__dict__:  # built without it: only its DOM set changes
            self.derived = replace(self.derived, dom=frozenset(self.dom_sketch))

    def to_dict(self) -> dict:
        d = asdict(self)
        d["form"] = self.form.to_dict() if self.form else None
        d["markers"] = self.markers.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "PortalFingerprint":
        d = dict(d)
        d["form"] = QueryForm.from_dict(d["form"]) if d.get("form") else None
        d["markers"] = Markers.from_dict(d["markers"])
        return cls(**d)


def _icon_paths(tree) -> set[str]:
    return {urlsplit(link.get("href", "")).path for link in tree.iter("link")
            if "icon" in (link.get("rel") or "").lower()} | {"/favicon.ico"}


def _masthead(page: ParsedPage) -> list[str]:
    """The lines of the page's header and h1 that name a government body: a page speaks for
    whoever its masthead names (a news story quoting a ministry in its body does not)."""
    lines: dict[str, None] = {}
    seen: set[int] = set()  # a line's answer is the same for every word in it
    for word in GOV_BODY_WORDS:
        at = page.text.find(word)
        while at >= 0:
            number = page.line_at(at)
            if number not in seen:
                seen.add(number)
                line = page.nodes[number]
                if line not in lines and GOV_BODY_RE.search(line) and page.in_masthead(at):
                    lines[line] = None
            at = page.text.find(word, at + len(word))
    return list(lines)


def fingerprint(snapshot: PageSnapshot, page: ParsedPage | None = None, with_dom: bool = True) -> PortalFingerprint:
    """`page`: the snapshot's HTML already parsed, when the caller has it; `with_dom`: False
    leaves the DOM sketch to `add_dom`, for when a comparison needs it."""
    page = page or ParsedPage(snapshot.html)
    tree = page.tree
    title_el = tree.find("head/title")
    if title_el is None:  # where the parser puts it; elsewhere only on odd pages
        title_el = next(tree.iter("title"), None)
    title = (snapshot.title or (text_of(title_el) if title_el is not None else "")).strip()
    # A headline warning against a fake ministry site does not speak for it.
    head = [t for t in [title, *_masthead(page)] if not WARNING_CUES.search(t)]
    text = "\n".join([page.text, *[alt for img in page.images if (alt := img.get("alt"))]])
    text_sketch, text_count = sketch(title + " " + text, SKETCH_SIZE)
    host = snapshot.host  # parsed from the URL at each call
    fp = PortalFingerprint(url=snapshot.final_url, host=host, title=title, rendered=snapshot.rendered,
                           text_sketch=text_sketch, text_count=text_count)
    if with_dom:
        fp.add_dom(page)
    scripts = list(page.scripts)
    icon_paths = _icon_paths(tree) if snapshot.resources else set()
    for url, ctype, body in snapshot.resources:
        path = urlsplit(url).path
        ctype = (ctype or "").split(";")[0].lower()
        if path in icon_paths or "icon" in ctype:
            fp.favicon_hash = favicon_hash(body)
        elif "javascript" in ctype or path.endswith(".js"):
            fp.script_hashes.append(mmh3.hash(body))
            scripts.append(body.decode("utf-8", "replace"))
        elif "css" in ctype or path.endswith(".css"):
            fp.style_hashes.append(mmh3.hash(body))
        elif ctype.startswith("image/"):
            fp.image_hashes.append(mmh3.hash(body))
            if len(fp.image_phashes) < MAX_PHASH_IMAGES:
                ph = phash_hex(body)
                if ph:
                    fp.image_phashes.append(ph)
    fp.form = extract_form(tree, scripts, page.labels_and_forms)
    if snapshot.screenshot_png:
        fp.screenshot_phash = phash_hex(snapshot.screenshot_png)
    # Only a page that mentions conac has its badge link: the others' links are not read.
    links = [a.get("href") for a in page.body.iter("a") if "conac.cn" in (a.get("href") or "")] \
        if "conac.cn" in snapshot.html else []
    fp.markers = extract_markers(page.images, links, text, " ".join(head), host=host)
    return fp
