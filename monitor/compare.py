"""How much a page looks like a genuine portal, signal by signal."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from operator import mul

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


def _minhash_overlap(a: list[int], sa: frozenset[int], na: int, b: list[int], sb: frozenset[int],
                     nb: int) -> tuple[float, float]:
    """(Jaccard, share of A inside B) from two bottom-k sketches, each as its list and its set."""
    if not sa or not sb:
        return 0.0, 0.0
    both = sa & sb
    if not both:  # nothing shared, whatever the estimate's bottom k
        return 0.0, 0.0
    union = len(sa) + len(sb) - len(both)
    if union > SKETCH_SIZE and (na > len(sa) or nb > len(sb)):  # truncated: estimate on the union's bottom k
        jaccard = _shared_in_bottom_of_union(a, sa, b, sb, both) / SKETCH_SIZE
    else:  # exact, or every shared hash within the union's bottom k
        jaccard = len(both) / union
    inter = jaccard * (na + nb) / (1 + jaccard)
    return jaccard, min(1.0, inter / na)


def _shared_in_bottom_of_union(a: list[int], sa: frozenset[int], b: list[int], sb: frozenset[int],
                               both: frozenset[int]) -> int:
    """How many shared hashes lie within the k smallest of the union of two sketches (k =
    SKETCH_SIZE, the union larger). Fingerprints keep their sketches sorted, so sorting the two
    lists together merges two runs; each shared hash is in it twice, so the k-th distinct one lies
    one place further for each shared hash up to it, and those are the ones counted."""
    if len(a) != len(sa) or len(b) != len(sb):  # a list repeating a hash: not from a fingerprint
        last = sorted(sa | sb)[SKETCH_SIZE - 1]
        return sum(1 for h in both if h <= last)
    merged, at = sorted(a + b), SKETCH_SIZE - 1
    for h in sorted(both):
        if h > merged[at]:
            break
        at += 1
    return at - (SKETCH_SIZE - 1)


def _jaccard(a: set, b: set) -> float:
    if not (a and b):
        return 0.0
    both = len(a & b)
    return both / (len(a) + len(b) - both)  # the union's size, without building it


def _hamming(a: str, b: str) -> int:
    return bin(int(a, 16) ^ int(b, 16)).count("1")


def _phash_score(a: str, b: str) -> float:
    return max(0.0, 1.0 - _hamming(a, b) / (2.5 * PHASH_MATCH))


def components(page: PortalFingerprint, portal: PortalFingerprint) -> tuple[dict[str, float], list[str]]:
    c: dict[str, float] = {}
    if page.title and portal.title:
        c["title"] = _jaccard(page.derived.title_bigrams, portal.derived.title_bigrams)
    mine, theirs = page.derived, portal.derived
    jac, inside = _minhash_overlap(page.text_sketch, mine.text, page.text_count,
                                   portal.text_sketch, theirs.text, portal.text_count)
    # A partial clone (the form alone) is small but lies wholly inside the portal.
    c["text"] = max(jac, 0.9 * inside * min(1.0, page.text_count / MIN_TEXT))
    if page.dom_count and portal.dom_count:
        c["dom"] = _dom_overlap(page, portal)
    if portal.form:
        c["form"] = _jaccard(mine.form_tokens, theirs.form_tokens) if page.form else 0.0
        if page.form and theirs.form_meanings and theirs.form_meanings <= mine.form_meanings:
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
    # round() costs about a microsecond a call, and most components are exactly 0.
    return {k: round(v, 3) if v else 0.0 for k, v in c.items()}, copied


def _dom_overlap(page: PortalFingerprint, portal: PortalFingerprint) -> float:
    return _minhash_overlap(page.dom_sketch, page.derived.dom, page.dom_count,
                            portal.dom_sketch, portal.derived.dom, portal.dom_count)[0]


def _with_dom(sim: Similarity, page: PortalFingerprint, portal: PortalFingerprint) -> Similarity:
    """`sim` once `page` has its DOM sketch: only the DOM component is new, in the place
    `components` gives it (after the text's), so the combined score sums in the same order."""
    if not (page.dom_count and portal.dom_count):
        return sim
    comps = {}
    for name, value in sim.components.items():
        comps[name] = value
        if name == "text":
            comps["dom"] = round(_dom_overlap(page, portal), 3)
    return Similarity(portal_id=sim.portal_id, score=combine(comps), components=comps,
                      copied_markers=sim.copied_markers)


def combine(c: dict[str, float]) -> float:
    weights = list(map(WEIGHTS.__getitem__, c))  # mapped in C: called twice or more a portal a page
    total = sum(weights)
    return round(sum(map(mul, weights, c.values())) / total, 3) if total else 0.0


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
        sims = [_with_dom(sim, fp, portal_fp) for sim, portal_fp in zip(sims, fingerprints.values())]
    return max(sims, key=lambda s: s.score, default=None)


def _could_be_suspect(components: dict[str, float]) -> bool:
    return combine({**components, "dom": 1.0}) >= SUSPECT_SCORE
