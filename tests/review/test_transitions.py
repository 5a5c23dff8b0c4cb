"""Every allowed and every forbidden transition, for every role, with its history and audit."""
import itertools

import pytest

from monitor.review import ACTIONS, STATUSES, NotVisible, ReviewError
from monitor.review.states import ADMIN, POLICE

from reviewdata import add_finding

ALLOWED = {  # (from status, action) -> to status; everything else is refused
    ("pending", "start_review"): "in_review",
    ("pending", "dismiss"): "dismissed",
    ("in_review", "confirm"): "confirmed",
    ("in_review", "dismiss"): "dismissed",
    ("dismissed", "reopen"): "in_review",
    ("confirmed", "notify_platform"): "notified",
    ("notified", "verify_takedown"): "taken_down",
    ("confirmed", "transfer"): "transferred",
    ("notified", "transfer"): "transferred",
    ("taken_down", "transfer"): "transferred",
    ("transferred", "file_case"): "filed",
    ("transferred", "return_lead"): "confirmed",
}
POLICE_ACTIONS = {"file_case", "return_lead"}


def put_in_status(store, finding_id, status):
    """Set the starting status directly: the test is about the step from it, not the path to it."""
    store.db["findings"].update(finding_id, {"status": status})


def role_may(role, action):
    return role == ADMIN or (action in POLICE_ACTIONS) == (role == POLICE)


@pytest.mark.parametrize("status,action", list(itertools.product(STATUSES, ACTIONS)))
@pytest.mark.parametrize("role", ["cac", "police", "admin"])
def test_each_transition_is_allowed_or_refused(store, service, people, status, action, role):
    finding_id = add_finding(store, "https://shop.example/1", source="search")  # cac queue
    put_in_status(store, finding_id, status)
    reviewer = people[role]
    visible = role != POLICE or status in ("transferred", "filed")
    allowed = (status, action) in ALLOWED and role_may(role, action) and visible
    comment = "说明理由"
    if allowed:
        service.act(reviewer, [finding_id], action, comment=comment)
        after = store.finding(finding_id)
        assert after["status"] == ALLOWED[(status, action)]
        step = store.history(finding_id)[-1]
        assert (step["actor"], step["action"], step["from_status"], step["to_status"], step["comment"]) == (
            reviewer.name, action, status, after["status"], comment)
        entry = store.audit_log(object_type="finding", object_id=finding_id)[-1]
        assert entry["action"] == f"finding.{action}" and entry["actor"] == reviewer.name
        assert entry["details"]["from"] == status and entry["details"]["to"] == after["status"]
    else:
        error = NotVisible if not visible else ReviewError
        with pytest.raises(error):
            service.act(reviewer, [finding_id], action, comment=comment)
        assert store.finding(finding_id)["status"] == status
        assert store.history(finding_id) == []
        assert store.audit_log(object_type="finding", object_id=finding_id) == []


def test_dismissing_records_the_resolution_apart_from_the_status(store, service, people):
    finding_id = add_finding(store, "https://shop.example/2")
    service.act(people["samr"], [finding_id], "dismiss", resolution="duplicate", comment="与 1 号重复")
    finding = store.finding(finding_id)
    assert (finding["status"], finding["resolution"]) == ("dismissed", "duplicate")
    with pytest.raises(ReviewError, match="处理结论只能是"):
        service.act(people["samr"], [finding_id], "reopen", resolution="duplicate", comment="再看")


def test_reopening_and_returning_a_lead_need_a_comment(store, service, people):
    finding_id = add_finding(store, "https://shop.example/3")
    service.act(people["samr"], [finding_id], "dismiss")
    with pytest.raises(ReviewError, match="需要填写说明"):
        service.act(people["samr"], [finding_id], "reopen", comment="  ")
    assert store.finding(finding_id)["status"] == "dismissed"


def test_starting_a_review_takes_it_and_time_in_each_status_is_kept(store, service, people):
    from monitor.review import status_spans
    finding_id = add_finding(store, "https://shop.example/4")
    service.act(people["samr"], [finding_id], "start_review")
    service.act(people["samr"], [finding_id], "confirm", resolution="illegal_sale")
    finding = store.finding(finding_id)
    assert finding["assignee"] == "samr1"
    spans = status_spans(finding, store.history(finding_id))
    assert [s.status for s in spans] == ["pending", "in_review", "confirmed"]
    assert spans[-1].left is None and all(s.seconds >= 0 for s in spans)


def test_a_failed_change_leaves_no_audit_entry(store, service, people):
    """The transition and its audit row share a transaction: if the audit write fails, so does the change."""
    finding_id = add_finding(store, "https://shop.example/5")
    store.db.execute("""CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log
                        BEGIN SELECT RAISE(ABORT, 'disk full'); END""")
    with pytest.raises(Exception, match="disk full"):
        service.act(people["samr"], [finding_id], "dismiss")
    assert store.finding(finding_id)["status"] == "pending"
    assert store.history(finding_id) == []


def test_the_audit_log_cannot_be_edited(store, service, people):
    import sqlite3
    finding_id = add_finding(store, "https://shop.example/6")
    service.act(people["samr"], [finding_id], "dismiss")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("UPDATE audit_log SET actor = 'someone'")
