"""A page's fingerprint: everything a clone keeps from the page it copies."""
from __future__ import annotations

import base64
import heapq
import io
import re
from dataclasses import asdict, dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

import mmh3

from .content import WARNING_CUES, body_of, parse, walk
from .forms import QueryForm, extract_form
from .markers import Markers, extract_markers
from .snapshot import PageSnapshot

SKETCH_SIZE = 256  # bottom-k MinHash: exact for pages with fewer shingles
SHINGLE = 3  # characters; Chinese has no spaces to cut words on
MAX_PHASH_IMAGES = 12
MASTHEAD_CHUNKS = 4  # a page names who it is in its first lines, whatever the markup
_NON_WORD = re.compile(r"[\s\W_]+", re.UNICODE)


def shingle_hashes(text: str, n: int = SHINGLE) -> set[int]:
    text = _NON_WORD.sub("", text.lower())
    if len(text) < n:
        return {mmh3.hash(text, signed=False)} if text else set()
    return {mmh3.hash(text[i:i + n], signed=False) for i in range(len(text) - n + 1)}


def sketch(hashes: set[int]) -> list[int]:
    return sorted(hashes) if len(hashes) <= SKETCH_SIZE else sorted(heapq.nsmallest(SKETCH_SIZE, hashes))


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


@dataclass(frozen=True)
class Derived:
    text: frozenset[int]
    dom: frozenset[int]
    title_bigrams: set[str]
    form_tokens: set[str]
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
        found = set(self.script_hashes) | set(self.style_hashes) | set(self.image_hashes)
        return found | ({self.favicon_hash} if self.favicon_hash is not None else set())

    @cached_property
    def derived(self) -> "Derived":
        """Sets the comparison needs, built once per fingerprint: an enrolled
        portal is compared with every page."""
        return Derived(text=frozenset(self.text_sketch), dom=frozenset(self.dom_sketch),
                       title_bigrams=bigrams(self.title), form_tokens=self.form.tokens() if self.form else set(),
                       resources=self.resource_hashes, markers=self.markers.values())

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


def _inline_scripts(tree) -> list[str]:
    return [s.text for s in tree.iter("script") if s.text and s.text.strip()]


def fingerprint(snapshot: PageSnapshot) -> PortalFingerprint:
    tree = parse(snapshot.html)
    title_el = tree.find(".//title")
    title = (snapshot.title or (title_el.text_content() if title_el is not None else "")).strip()
    head_title = "" if WARNING_CUES.search(title) else title
    texts: list[str] = []
    head: list[str] = [head_title]  # title plus masthead: where a page names who it speaks for
    paths: set[int] = set()
    for el, tag, kind, _path, tags in walk(body_of(tree), with_paths=False):
        own = [el.text] if el.text else []
        own.extend(c.tail for c in el if c.tail)
        if tag == "img" and el.get("alt"):
            own.append(el.get("alt"))
        if kind == "header" or "h1" in tags or (own and len(texts) < MASTHEAD_CHUNKS):
            # A headline warning against a fake ministry site does not speak for it.
            head.extend(t for t in own if not WARNING_CUES.search(t))
        texts.extend(own)
        # Structure without styling: a restyled clone keeps the tag skeleton.
        paths.add(mmh3.hash(">".join(tags[-4:]), signed=False))
    text = " ".join(texts)
    text_set = shingle_hashes(title + " " + text)

    scripts = _inline_scripts(tree)
    fp = PortalFingerprint(url=snapshot.final_url, host=snapshot.host, title=title, rendered=snapshot.rendered,
                           text_sketch=sketch(text_set), text_count=len(text_set),
                           dom_sketch=sketch(paths), dom_count=len(paths))
    icon_paths = {urlsplit(link.get("href", "")).path for link in tree.iter("link")
                  if "icon" in (link.get("rel") or "").lower()} | {"/favicon.ico"}
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
    fp.form = extract_form(tree, scripts)
    if snapshot.screenshot_png:
        fp.screenshot_phash = phash_hex(snapshot.screenshot_png)
    fp.markers = extract_markers(tree, text, " ".join(head), host=snapshot.host)
    return fp
