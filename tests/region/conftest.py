import io

import pytest

from investbridge.demo import loader


@pytest.fixture
def demo_region(db):
    """The Haikou demo profile: six dimensions with key figures, five incentives, three expressions of interest."""
    loader.load(stdout=io.StringIO(), parts=("directory", "region"))
    from investbridge.region.selectors import profile_get

    return profile_get()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The API throttle counts in the cache; each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
