import pytest

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_home_page_renders_in_each_language(client, db, language):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected_status"),
    [("anonymous", 302), ("company", 200), ("partner", 200), ("officer", 200), ("admin", 200)],
)
def test_dashboard_permission_matrix(client_for, role, expected_status):
    response = client_for(role).get("/en/dashboard/")

    assert response.status_code == expected_status
