"""How much a page looks like a genuine portal, signal by signal."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np

from .fingerprint import SKETCH_SIZE, PortalFingerprint, fingerprint
from .snapshot import PageSnapshot

# Weights of the component scores in the combined score; a component missing on
# either side (no screenshot, no resources) drops out rather than counting as 0.
WEIGHTS = {"text": 0.30, "form": 0.20, "dom": 0.15, "title": 0.10, "resources": 0.10,
           "images": 0.10, "screenshot": 0.15, "markers": 0.10}
SUSPECT_SCORE = 0.35  # at or above: looks like the portal, a person should check
PHASH_MATCH = 10  # bits of 64: same picture, re-encoded or resized
MIN_TEXT = 60  # shingles below which containment says little


@dataclass
class Similarity:
    portal_id: str | None
    score: float
    components: dict[str, float] = field(default_factory=dict)
    copied_markers: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _minhash_overlap(sa: frozenset[int], na: int, sb: frozenset[int], nb: int) -> tuple[float, float]:
    """(Jaccard, share of A inside B) from two bottom-k sketches."""
    if not sa or not sb:
        return 0.0, 0.0
    both = sa & sb
    if na > len(sa) or nb > len(sb):  # truncated sketches: estimate on the union's bottom k
        union = sa | sb
        if len(union) > SKETCH_SIZE:  # its k-th smallest hash, by numpy's partial sort
            last = int(np.partition(np.fromiter(union, np.int64, len(union)), SKETCH_SIZE - 1)[SKETCH_SIZE - 1])
        else:
            last = max(union)
        jaccard = sum(1 for h in both if h <= last) / min(len(union), SKETCH_SIZE)
    else:
        jaccard = len(both) / (len(sa) + len(sb) - len(both))
    inter = jaccard * (na + nb) / (1 + jaccard)
    return jaccard, min(1.0, inter / na)


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _hamming(a: str, b: str) -> int:
    return bin(int(a, 16) ^ int(b, 16)).count("1")


def _phash_score(a: str, b: str) -> float:
    return max(0.0, 1.0 - _hamming(a, b) / (2.5 * PHASH_MATCH))


def components(page: PortalFingerprint, portal: PortalFingerprint) -> tuple[dict[str, float], list[str]]:
    c: dict[str, float] = {}
    if page.title and portal.title:
        c["title"] = _jaccard(page.derived.title_bigrams, portal.derived.title_bigrams)
    mine, theirs = page.derived, portal.derived
    jac, inside = _minhash_overlap(mine.text, page.text_count, theirs.text, portal.text_count)
    # A partial clone (the form alone) is small but lies wholly inside the portal.
    c["text"] = max(jac, 0.9 * inside * min(1.0, page.text_count / MIN_TEXT))
    if page.dom_count and portal.dom_count:
        c["dom"], _ = _minhash_overlap(mine.dom, page.dom_count, theirs.dom, portal.dom_count)
    if portal.form:
        c["form"] = _jaccard(mine.form_tokens, theirs.form_tokens) if page.form else 0.0
        if page.form and portal.form.meanings and portal.form.meanings <= page.form.meanings:
            c["form"] = max(c["form"], 0.6)  # asks for exactly what the portal asks for
    if theirs.resources and mine.resources:
        c["resources"] = len(theirs.resources & mine.resources) / len(theirs.resources)
    if portal.image_phashes and page.image_phashes:
        c["images"] = sum(max(_phash_score(g, p) for p in page.image_phashes)
                          for g in portal.image_phashes) / len(portal.image_phashes)
    if portal.screenshot_phash and page.screenshot_phash:
        c["screenshot"] = _phash_score(page.screenshot_phash, portal.screenshot_phash)
    wanted = theirs.markers
    copied = sorted(wanted & mine.markers) if page.host != portal.host else []
    if wanted:
        c["markers"] = len(copied) / len(wanted)
    return {k: round(v, 3) for k, v in c.items()}, copied


def combine(c: dict[str, float]) -> float:
    total = sum(WEIGHTS[k] for k in c)
    return round(sum(WEIGHTS[k] * v for k, v in c.items()) / total, 3) if total else 0.0


def compare(page: PageSnapshot | PortalFingerprint, portal: PortalFingerprint,
            portal_id: str | None = None) -> Similarity:
    """Component scores and a combined 0-1 clone score of `page` against one portal."""
    fp = fingerprint(page) if isinstance(page, PageSnapshot) else page
    comps, copied = components(fp, portal)
    return Similarity(portal_id=portal_id, score=combine(comps), components=comps, copied_markers=copied)


def best_match(page: PageSnapshot | PortalFingerprint, fingerprints: dict[str, PortalFingerprint],
               add_dom: Callable[[], None] | None = None) -> Similarity | None:
    """`add_dom`: for a page fingerprinted without its DOM sketch, adds it. Walking a page's DOM
    costs more than the rest of its comparison, so it is done only when the page could score
    SUSPECT_SCORE against some portal even with a full DOM match; otherwise the DOM component
    drops out, as any missing component does, and no verdict can change by it."""
    fp = fingerprint(page) if isinstance(page, PageSnapshot) else page
    sims = [compare(fp, portal_fp, pid) for pid, portal_fp in fingerprints.items()]
    if add_dom and not fp.dom_count and any(_could_be_suspect(s.components) for s in sims):
        add_dom()
        sims = [compare(fp, portal_fp, pid) for pid, portal_fp in fingerprints.items()]
    return max(sims, key=lambda s: s.score, default=None)


def _could_be_suspect(components: dict[str, float]) -> bool:
    return combine({**components, "dom": 1.0}) >= SUSPECT_SCORE
