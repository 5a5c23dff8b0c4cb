"""What to type into a marketplace or search engine's search box."""
from campaign import Campaign
from keywords import builtin_lists

# Searching for a contact lure ("加微") or a warning word finds nothing specific; certificate
# types and sale claims are what sellers put in their titles.
SEARCHABLE_CATEGORIES = {"cert_type", "exam_evasion", "speed", "fake_verify"}


def search_terms(campaign: Campaign, *, include_portal_queries: bool = False) -> list[str]:
    if campaign.search_terms:
        terms = list(campaign.search_terms)
    else:
        lists = builtin_lists()
        terms = [k.term for name in campaign.keyword_lists if name in lists
                 for k in lists[name].entries if k.category in SEARCHABLE_CATEGORIES]
    if include_portal_queries:
        terms += campaign.portal_queries
    return list(dict.fromkeys(terms))
