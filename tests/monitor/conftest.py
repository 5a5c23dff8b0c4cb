"""Shared fixtures: a Chromium that reaches the labelled world through the fixture proxy
(`fixture_internet`, from fixtureweb's pytest plugin) and the genuine portals enrolled from it."""
import pytest

from labelled_world import Renderer
from monitor import fingerprint, load_portals


@pytest.fixture(scope="session")
def renderer(fixture_internet):
    r = Renderer(fixture_internet)
    yield r
    r.close()


@pytest.fixture(scope="session")
def portals():
    return load_portals()


@pytest.fixture(scope="session")
def enrolled(renderer, portals):
    """Fingerprints of the genuine portals, rendered as `portals enroll` would."""
    return {pid: fingerprint(renderer.run(renderer.snapshot(p.url))) for pid, p in portals.items()}
