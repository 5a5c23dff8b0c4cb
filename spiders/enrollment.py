"""Enrolling genuine portals: render each one in the browser, fingerprint it, keep the history."""
from dataclasses import dataclass

from monitor import Portal, fingerprint
from storage import Store

from .fetch import fetch_pages
from .network import Network


@dataclass
class Enrolment:
    portal: Portal
    fingerprint_id: int | None
    error: str | None = None


def enroll_portals(store: Store, portals: list[Portal], network: Network) -> list[Enrolment]:
    results = fetch_pages([p.url for p in portals], render=True, network=network)
    enrolled = []
    for portal, result in zip(portals, results):
        if result.snapshot is None or (result.snapshot.status or 0) >= 400:
            reason = result.error or f"HTTP {result.snapshot.status}"
            enrolled.append(Enrolment(portal, None, reason))
            continue
        fp = fingerprint(result.snapshot).to_dict()
        enrolled.append(Enrolment(portal, store.save_fingerprint(portal.id, portal.url, fp)))
    return enrolled
