"""A real `certsweep serve` on a real database, seen through the session's Chromium."""
import pytest
from reviewapp import Session, build_world, serving


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "review.db"
    ids = build_world(db)
    with serving(db) as base:
        yield {"base": base, "db": db, "ids": ids}


@pytest.fixture
def session_for(browser, app_server):
    sessions = []

    def make(name):
        session = Session(browser, app_server["base"]).login(name)
        sessions.append(session)
        return session
    yield make
    for s in sessions:
        s.context.close()
