"""pytest fixtures for the fixture internet. Enable with
`pytest_plugins = ["fixtureweb.pytest_plugin"]` in tests/conftest.py.

    def test_something(internet):          # request logs cleared for this test
        fetch(url, proxy=internet.proxy_url)
        assert internet.requests.find(host="www.linlijishi.com")
"""

from __future__ import annotations

import pytest

from fixtureweb import FixtureInternet, LiveInternet, demo_world_dir


@pytest.fixture(scope="session")
def fixture_internet(pytestconfig) -> LiveInternet:
    """The demo world plus tests/world, started once per test session."""
    worlds = [demo_world_dir(), pytestconfig.rootpath / "tests" / "world"]
    with FixtureInternet(worlds).running() as live:
        yield live


@pytest.fixture
def internet(fixture_internet: LiveInternet) -> LiveInternet:
    """The session's fixture internet with its request and lookup logs emptied."""
    fixture_internet.clear_logs()
    return fixture_internet
