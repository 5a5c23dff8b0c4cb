"""URL identity: one canonical form per page, so re-crawls update rather than duplicate."""
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract
from w3lib.url import canonicalize_url

# Parameters that change per visit but not the page a reviewer would look at.
TRACKING_PARAMS = ("spm", "utm_source", "utm_medium", "utm_campaign", "utm_term",
                   "utm_content", "from", "scm", "share_from", "sessionid")


def canonical_url(url: str) -> str:
    canonical = canonicalize_url(url, keep_fragments=False)
    parts = urlsplit(canonical)
    if parts.query:
        kept = "&".join(p for p in parts.query.split("&")
                        if p.split("=", 1)[0].lower() not in TRACKING_PARAMS)
        canonical = parts._replace(query=kept).geturl()
    return canonical


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # The bundled suffix list: never fetch it at run time (offline, and deterministic).
    return tldextract.TLDExtract(suffix_list_urls=())


def registered_domain(host: str) -> str:
    parts = _extractor()(host)
    return parts.top_domain_under_public_suffix or host
