"""What the coordinator publishes for the workers of a run: the campaign as resolved, the login
state files it names, and what the page scorer reads from the database. A worker on another
machine then needs neither the campaign files nor the database, and judges every page exactly
as a single-machine crawl of the same database would."""
import functools
import json
import pickle
from pathlib import Path

from campaign import Campaign
from monitor.page_scoring import PageScorer
from storage import Store

from . import keys


class StoreSnapshot:
    """The reads `PageScorer.from_store` makes (imported keyword lists, enrolled fingerprints,
    portals), taken once on the coordinator and answered from memory on the workers."""

    def __init__(self, store: Store):
        self.lists = store.keyword_lists()
        self.entries = {row["name"]: store.keyword_list(row["name"]) for row in self.lists}
        self.fingerprints = store.latest_fingerprints()
        self.portal_rows = store.portals()

    def keyword_lists(self) -> list[dict]:
        return self.lists

    def keyword_list(self, name: str) -> dict | None:
        return self.entries.get(name)

    def latest_fingerprints(self) -> dict[str, dict]:
        return self.fingerprints

    def portals(self) -> list[dict]:
        return self.portal_rows


def publish(server, store: Store, campaign: Campaign, *, run_id: int, campaign_id: int) -> None:
    """Make this run the cluster's; a different run starts from empty Redis state."""
    current = server.hget(keys.RUN, "run_id")
    if current is not None and int(current) != run_id:
        stale = list(server.scan_iter(keys.PREFIX + "*"))
        server.delete(*stale)
    logins = {index: Path(market.storage_state).read_bytes()
              for index, market in enumerate(campaign.marketplaces) if market.storage_state}
    server.hset(keys.RUN, mapping={
        "run_id": run_id, "campaign_id": campaign_id,
        "campaign": json.dumps(campaign.model_dump(mode="json"), ensure_ascii=False),
        "logins": pickle.dumps(logins), "page_cap": campaign.limits.max_pages,
        "scorer": pickle.dumps(StoreSnapshot(store), protocol=pickle.HIGHEST_PROTOCOL)})


def write_campaign(server, directory: Path) -> Path:
    """The published campaign as a local file (spiders load theirs from a path), its login
    state files beside it."""
    campaign = json.loads(server.hget(keys.RUN, "campaign"))
    for index, state in pickle.loads(server.hget(keys.RUN, "logins")).items():
        path = directory / f"login-{index}.json"
        path.write_bytes(state)
        campaign["marketplaces"][index]["storage_state"] = str(path)
    path = directory / "campaign.json"
    path.write_text(json.dumps(campaign, ensure_ascii=False), encoding="utf-8")
    return path


@functools.cache
def published_scorer(redis_url: str, run_id: int, keyword_lists: tuple[str, ...],
                     portals: tuple[str, ...] | None) -> PageScorer:
    """One scorer per worker process and run, shared by its crawlers: building it is seconds."""
    snapshot = pickle.loads(keys.connect(redis_url).hget(keys.RUN, "scorer"))
    return PageScorer.from_store(snapshot, list(keyword_lists), None if portals is None else list(portals))
