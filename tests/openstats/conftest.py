import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The statistics (and the throttle counters) are cached; every test starts afresh."""
    cache.clear()
    yield
    cache.clear()
