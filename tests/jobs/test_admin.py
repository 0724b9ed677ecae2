"""The admin shows no jobseeker's saved searches (names and filters are the person's words)."""

import pytest

from tests.conftest import login_with_second_factor
from tests.factories import SavedJobSearchFactory

pytestmark = pytest.mark.django_db


def test_admin__saved_job_searches_are_not_listed(client, platform_admin):
    saved = SavedJobSearchFactory(name="Oma haku kokiksi", filters={"q": "kokki Tampere"})
    login_with_second_factor(client, platform_admin)

    index = client.get("/fi/admin/")
    listing = client.get("/fi/admin/jobs/savedjobsearch/")
    change = client.get(f"/fi/admin/jobs/savedjobsearch/{saved.pk}/change/")

    assert index.status_code == 200
    assert "savedjobsearch" not in index.content.decode()
    assert listing.status_code == 404
    assert change.status_code == 404
    assert "Oma haku kokiksi" not in listing.content.decode() + change.content.decode()
