"""Each test's own redis-server on a free loopback port, and the cluster around it."""
import pytest
from cluster_harness import Cluster, SingleMachine

from fixtureweb.loopback import redis_server


@pytest.fixture
def redis_url(tmp_path):
    with redis_server(tmp_path) as url:
        yield url


@pytest.fixture
def cluster(tmp_path, redis_url, internet):
    running = Cluster(tmp_path, redis_url, internet.proxy_url)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def single_machine(tmp_path_factory, fixture_internet):
    reference = SingleMachine(tmp_path_factory.mktemp("single") / "certsweep.db", fixture_internet.proxy_url)
    yield reference
    if reference.process.poll() is None:
        reference.process.kill()
        reference.process.wait()
