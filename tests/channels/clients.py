"""The admin client the channels' tests sign in with: CSRF enforced, as a browser meets it,
and the user's admin language set, as their profile would have it."""

from django.test import Client
from wagtail.users.models import UserProfile


def signed_in_client(user, language: str = "ru") -> Client:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return client
