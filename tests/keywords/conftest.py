import pytest

from keywords import Engine, builtin_lists


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(builtin_lists().values())
