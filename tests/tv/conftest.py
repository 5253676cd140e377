import pytest


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("tv-admin", "tv@example.org", "pw-12345")
    client.force_login(user)
    return client
