import pytest

from bigasia.tv.videotools import tools

from .helpers import need_ffmpeg


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


@pytest.fixture(params=["ffmpeg", "pyav"])
def video_tools(request, settings) -> str:
    """Runs a test once with the system ffmpeg (skipped without it, failed under CI=true)
    and once with PyAV forced, the provider of machines without ffmpeg."""
    if request.param == "ffmpeg":
        need_ffmpeg()
        settings.TV_VIDEO_TOOLS = "auto"
    else:
        settings.TV_VIDEO_TOOLS = "pyav"
    assert tools().name == request.param
    return request.param
