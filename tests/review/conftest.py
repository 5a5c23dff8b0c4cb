import shutil

import pytest

from monitor.review import Reviewer, ReviewService
from storage import Store


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory):
    """A migrated database made once; each test gets a copy (migrating takes longer than copying)."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    Store(path).close()
    return path


@pytest.fixture
def store(tmp_path, empty_db):
    shutil.copy(empty_db, tmp_path / "review.db")
    with Store(tmp_path / "review.db") as store:
        yield store


@pytest.fixture
def service(store):
    return ReviewService(store)


@pytest.fixture
def people():
    """Reviewers as the service sees them; accounts (and their password hashing) are tested apart."""
    return {role: Reviewer(f"{role}1", role) for role in ("cac", "samr", "police", "admin")}
