"""Who may fetch a video's files: video ids are sequential, so the id alone proves nothing.

Anyone may fetch the video of a live episode. Anything else (a fresh upload, the video of a
draft or unpublished episode) is only for editors: those who may manage videos in the admin,
and those who may edit, and so preview, an episode that shows it (live or in its latest
draft). Everybody else gets a 404, as if the video did not exist.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q

from .models import EpisodePage, Video

_VIDEO_ADMIN_PERMISSIONS = ("tv.add_video", "tv.change_video", "tv.view_video")


def is_public(video: Video) -> bool:
    return EpisodePage.objects.live().filter(video=video).exists()


def may_preview(user: User | AnonymousUser, video: Video) -> bool:
    """An editor may fetch a video that is not public yet."""
    if not user.is_authenticated:
        return False
    if any(user.has_perm(permission) for permission in _VIDEO_ADMIN_PERMISSIONS):
        return True
    showing = EpisodePage.objects.filter(
        Q(video=video) | Q(latest_revision__content__video=video.pk)
    )
    return any(page.permissions_for_user(user).can_edit() for page in showing)
