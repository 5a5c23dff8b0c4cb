"""One scorer for every page: keyword engine on what the page is about, portal comparison on all of it.

Text in recommendation blocks, sidebars and footers is matched too and kept as evidence with its
region, but only the page's main content decides the keyword verdict."""
import gc
from dataclasses import dataclass

from keywords import Engine, KeywordList, builtin_lists

from storage import Store

from .contacts import extract_contacts, extract_urls
from .content import KIND_WEIGHT, ParsedPage
from .fingerprint import PortalFingerprint
from .portals import load_portals
from .snapshot import PageSnapshot
from .verdict import Assessment, assess

# Tracked objects a page may leave alive before a young collection: a full-size page keeps
# a few thousand (element proxies, hits) while it is scored, and frees them as it ends.
YOUNG_OBJECTS = 20_000
MAIN_WEIGHT = 0.4  # regions at or above this weight are what the page is about
_MAIN_KINDS = frozenset(kind for kind, weight in KIND_WEIGHT.items() if weight >= MAIN_WEIGHT)


@dataclass
class ScoredPage:
    assessment: Assessment
    hits: list[dict]  # every keyword hit, with the region it was found in and its weight

    @property
    def verdict(self) -> str:
        return self.assessment.verdict


class PageScorer:
    def __init__(self, keyword_lists: list[KeywordList], fingerprints: dict[str, dict],
                 extra_portals: list[dict] = ()):
        self.engine = Engine(keyword_lists)
        self.fingerprints = {pid: PortalFingerprint.from_dict(fp) for pid, fp in fingerprints.items()}
        self.portal_names = {pid: p.name for pid, p in load_portals(list(extra_portals)).items()}

    @classmethod
    def from_store(cls, store: Store, keyword_list_names: list[str],
                   portal_ids: list[str] | None = None) -> "PageScorer":
        """The campaign's keyword lists (imported versions first) and the latest enrolled
        fingerprints of its portals (all portals when `portal_ids` is None)."""
        imported = {row["name"]: store.keyword_list(row["name"]) for row in store.keyword_lists()}
        fingerprints = {pid: fp for pid, fp in store.latest_fingerprints().items()
                        if portal_ids is None or pid in portal_ids}
        return cls(campaign_keyword_lists(keyword_list_names, imported), fingerprints, store.portals())

    def score(self, snapshot: PageSnapshot, *, main_text: str | None = None,
              domain_info=None, canary=None) -> ScoredPage:
        """`main_text`: what a source's page object says the page is about (title, description);
        without it the DOM regions decide."""
        page = ParsedPage(snapshot.html)  # the one parse, shared with the fingerprint
        # The whole page in one pass of the engine; the DOM kind only of where its hits are.
        found = self.engine.examine(page.text)
        kinds = page.kinds_at(found.starts())
        if main_text is None:
            inside, outside = found.split({start for start, kind in kinds.items() if kind in _MAIN_KINDS})
            main, rest = inside.assessment(), outside.evidence
        else:
            main, rest = self.engine.match(main_text), found.evidence
        hits = [_located(hit, "main") for hit in main.hits] + [_located(hit, kinds[hit.start]) for hit, _ in rest]
        assessment = assess(snapshot, self.fingerprints, keyword_assessment=main, domain_info=domain_info,
                            canary=canary, portal_names=self.portal_names, page=page)
        return ScoredPage(assessment, hits)

    def record(self, snapshot: PageSnapshot, text: str, **kwargs) -> dict:
        """The assessment as stored with a page: verdict, reasons, every hit, contacts, addresses."""
        scored = self.score(snapshot, **kwargs)
        return {**scored.assessment.to_dict(), "hits": scored.hits,
                "contacts": extract_contacts(text), "advertised_urls": extract_urls(text)}


def _located(hit, region: str) -> dict:
    """A hit as stored: its fields, the region it was found in and the region's weight."""
    found = hit.to_dict()
    found["region"], found["weight"] = region, KIND_WEIGHT[region]
    return found


def campaign_keyword_lists(names: list[str], imported: dict[str, dict]) -> list[KeywordList]:
    """The lists a campaign names: an imported list supersedes the built-in one of the same name."""
    builtin = builtin_lists()
    chosen = []
    for name in names:
        if name in imported:
            chosen.append(KeywordList.from_dicts(name, imported[name]["version"], imported[name]["entries"]))
        elif name in builtin:
            chosen.append(builtin[name])
        else:
            raise KeyError(name)
    return chosen


def settle_collector() -> None:
    """Sets up the cyclic garbage collector of a process that scores pages, once its scorer is
    built. The scorer's tables (some 300,000 objects) are frozen out of the collector's sight,
    and young collections wait for more objects than a page keeps alive: with Python's defaults
    a full-size page set off several collections, each scanning the page's live objects, some
    7% of scoring time. A page's own objects are freed by their reference counts as it ends."""
    gc.collect()
    gc.freeze()
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, YOUNG_OBJECTS), *older)
