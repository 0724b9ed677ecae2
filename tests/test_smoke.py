import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_home__renders_in_each_language(client, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


def test_root__redirects_to_finnish(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fi/"
