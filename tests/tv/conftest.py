import pytest


@pytest.fixture
def admin_client(client, django_user_model):
    """A superuser whose admin speaks English (the site's default language is Russian)."""
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("tv-admin", "tv@example.org", "pw-12345")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client
