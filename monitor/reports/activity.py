"""What review did and when: each finding's status history from the `reviews` table and the audit
log (object_type "finding", details {"from", "to"}), and the month a finding first reached a stage.

A stage counts statuses past it too: a listing confirmed and taken down in one month was also
confirmed in that month, even if only the later step was recorded."""
from dataclasses import dataclass

from storage import Store

# Stages of monitor.review.states, each with the statuses that imply it was reached.
CONFIRMED = ("confirmed", "notified", "taken_down", "transferred", "filed")
TAKEN_DOWN = ("taken_down",)
TRANSFERRED = ("transferred", "filed")


@dataclass(frozen=True)
class StatusEvent:
    finding_id: int
    status: str
    at: str  # ISO 8601, Beijing time
    actor: str


def status_events(store: Store) -> list[StatusEvent]:
    events = {(r[0], r[1], r[2]): r[3] for r in store.db.execute(
        "SELECT finding_id, to_status, at, actor FROM reviews WHERE to_status IS NOT NULL")}
    for row in store.db.execute(
            "SELECT object_id, json_extract(details, '$.to'), at, actor FROM audit_log "
            "WHERE object_type = 'finding' AND json_extract(details, '$.to') IS NOT NULL"):
        if str(row[0]).isdigit():
            events.setdefault((int(row[0]), row[1], row[2]), row[3])
    return sorted((StatusEvent(f, s, at, actor) for (f, s, at), actor in events.items()),
                  key=lambda e: (e.at, e.finding_id))


def reached(events: list[StatusEvent], stage: tuple[str, ...]) -> dict[int, StatusEvent]:
    """finding id → the first event that put it at `stage` or beyond."""
    first: dict[int, StatusEvent] = {}
    for event in events:
        if event.status in stage and event.finding_id not in first:
            first[event.finding_id] = event
    return first


def in_month(event: StatusEvent, month: str) -> bool:
    return event.at[:7] == month
