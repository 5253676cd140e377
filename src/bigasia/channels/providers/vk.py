"""VK community wall posts through VK's API (https://dev.vk.com/method/wall.post).

The hero image goes through VK's upload flow: `photos.getWallUploadServer` names a server,
the file is POSTed there, `photos.saveWallPhoto` turns the upload into a photo, and the post
attaches it as `photo<owner>_<id>` next to the article's link. The post is made with
`guid` = the article's key in this channel: VK's own guard against the same post sent twice,
for a repeat after a lost answer.

VK answers errors inside HTTP 200 (`{"error": {"error_code": 6, ...}}`): the codes decide
between a retry and a permanent failure.

Options: `community_id` (the community's number, without the minus) and `api_url`
(https://api.vk.com/method/ unless set). The secret is a user access token with the `wall`
and `photos` rights of an administrator of the community: a community token cannot call
`wall.post` (docs/channels.md says how to get one).
"""

import logging
from typing import Any

from django.utils.translation import gettext as _

from .base import (
    ChannelPost,
    ChannelTransport,
    Limits,
    PermanentFailure,
    Posted,
    RetryLater,
    image_fits,
)

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.vk.com/method/"
API_VERSION = "5.199"
# 1 unknown error, 6 too many requests per second, 9 flood control, 10 internal error,
# 29 rate limit reached: all pass.
TRANSIENT_ERRORS = {1, 6, 9, 10, 29}
AUTH_FAILED = 5
# 15 access denied, 27 "method is unavailable with group auth": a community token.
NEEDS_USER_TOKEN = {15, 27}
WALL_CLOSED = 214


class VkTransport(ChannelTransport):
    kind = "vk"
    # A wall post's text; a wall photo's size, width + height and ratio of its sides.
    limits = Limits(
        text_chars=16_384, image_bytes=50 * 1024 * 1024, image_sides_sum=14_000, image_ratio=20
    )

    def publish(self, post: ChannelPost) -> Posted:
        photo = self._upload_photo(post)
        answer = self.call(
            "wall.post",
            owner_id=-self.community_id,
            from_group=1,
            message=self.fit(post.text, with_image=bool(photo)),
            attachments=self._attachments(photo, post),
            guid=post.key,
        )
        post_id = answer.get("post_id")
        if post_id is None:  # posted, yet unrecorded: a retry would post it twice
            raise PermanentFailure(_("VK accepted the post but named no post id."))
        return Posted(
            remote_id=f"{post_id}/{photo}" if photo else str(post_id),
            link=f"https://vk.com/wall-{self.community_id}_{post_id}",
        )

    def update(self, post: ChannelPost, previous: Posted) -> Posted:
        if not previous.remote_id:
            return self.publish(post)
        post_id, _sep, photo = previous.remote_id.partition("/")
        self.call(
            "wall.edit",
            owner_id=-self.community_id,
            post_id=post_id,
            message=self.fit(post.text, with_image=bool(photo)),
            attachments=self._attachments(photo, post),
        )
        return previous

    def withdraw(self, post: ChannelPost, previous: Posted) -> None:
        if previous.remote_id:
            post_id = previous.remote_id.partition("/")[0]
            self.call("wall.delete", owner_id=-self.community_id, post_id=post_id)

    @property
    def community_id(self) -> int:
        value = self.options.get("community_id", "").strip().lstrip("-")
        if not value.isdigit():
            raise PermanentFailure(_("The VK channel has no community id (a number)."))
        return int(value)

    def _attachments(self, photo: str, post: ChannelPost) -> str:
        return ",".join(filter(None, (photo, post.url)))

    def _upload_photo(self, post: ChannelPost) -> str:
        """The attachment of the hero image, or "" when there is none VK would take."""
        if not image_fits(post.image, self.limits):
            return ""
        assert post.image is not None
        server = self.call("photos.getWallUploadServer", group_id=self.community_id)
        with post.image.open("rb") as image:
            answer = self.http("POST", server["upload_url"], files={"photo": image})
        uploaded = answer.data if isinstance(answer.data, dict) else {}
        if uploaded.get("photo") in (None, "", "[]"):
            # VK refused the file (its format or size); the post goes out with the link only.
            logger.warning("VK refused the image of %s: %s", post.url, answer.text[:200])
            return ""
        saved = self.call(
            "photos.saveWallPhoto",
            group_id=self.community_id,
            server=uploaded.get("server"),
            photo=uploaded["photo"],
            hash=uploaded.get("hash"),
        )
        if not saved:
            logger.warning("VK saved no photo of %s", post.url)
            return ""
        return f"photo{saved[0]['owner_id']}_{saved[0]['id']}"

    def call(self, method: str, **params: Any) -> Any:
        """A VK method's `response`, or the failure its `error` means."""
        if not self.secret:
            raise PermanentFailure(_("The VK access token is not set."))
        base = self.options.get("api_url", "").strip() or DEFAULT_API_URL
        data = {**params, "access_token": self.secret, "v": API_VERSION}
        answer = self.http("POST", f"{base.rstrip('/')}/{method}", data=data)
        body = answer.data if isinstance(answer.data, dict) else {}
        if "response" in body:
            return body["response"]
        error = body.get("error") or {}
        raise self._failure(
            error.get("error_code"), str(error.get("error_msg") or answer.text[:200])
        )

    def _failure(self, code: int | None, message: str) -> Exception:
        if code in TRANSIENT_ERRORS:
            return RetryLater(_("VK asks to wait: %(message)s") % {"message": message})
        if code == AUTH_FAILED:
            return PermanentFailure(
                _("VK refused the access token (expired or revoked); get a new user token.")
            )
        if code in NEEDS_USER_TOKEN:
            return PermanentFailure(
                _(
                    "VK refused the call (%(message)s). Posting to a community wall needs the "
                    "user token of one of its administrators with the wall and photos rights, "
                    "not a community token: VK grants the wall right to an app on request "
                    "(see docs/channels.md)."
                )
                % {"message": message}
            )
        if code == WALL_CLOSED:
            return PermanentFailure(
                _(
                    "VK denied posting to the wall (%(message)s): the token's user must be an "
                    "administrator or editor of the community."
                )
                % {"message": message}
            )
        return PermanentFailure(
            _("VK refused the post (%(code)s): %(message)s") % {"code": code, "message": message}
        )
