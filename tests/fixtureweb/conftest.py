import pytest
import requests


@pytest.fixture
def web(internet) -> requests.Session:
    """A requests session that reaches the fixture internet through its proxy, trusting its CA."""
    session = requests.Session()
    session.proxies = {"http": internet.proxy_url, "https": internet.proxy_url}
    session.verify = str(internet.ca_cert_path)
    session.trust_env = False
    yield session
    session.close()
