"""Telegram channel posts through the Bot API (https://core.telegram.org/bots/api).

A story with a hero image Telegram accepts goes out as `sendPhoto` (the image uploaded as
multipart, the text as its caption, at most 1024 characters); any other as `sendMessage`
(at most 4096, with a preview of the article's link). Telegram counts those characters in
UTF-16 code units, so an emoji or a rare CJK character counts twice.

Options: `chat_id` (`@name` of a public channel or its numeric id, `-100…`) and `api_url`
(the Bot API server, https://api.telegram.org unless a self-hosted one serves the bot).
The secret is the bot's token from @BotFather.
"""

from typing import Any

from django.utils.translation import gettext as _

from .base import (
    Answer,
    ChannelPost,
    ChannelTransport,
    Limits,
    PermanentFailure,
    Posted,
    RetryLater,
    image_fits,
)

DEFAULT_API_URL = "https://api.telegram.org"
# Bot API descriptions that are not failures of what we asked for.
NOT_MODIFIED = "message is not modified"
ALREADY_DELETED = "message to delete not found"
TOO_OLD_TO_DELETE = "message can't be deleted"
EDITED_AWAY = "message to edit not found"


def utf16_length(text: str) -> int:
    """The length Telegram checks limits against: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


class TelegramTransport(ChannelTransport):
    kind = "telegram"
    # sendMessage's and sendPhoto's documented limits.
    limits = Limits(
        text_chars=4096,
        caption_chars=1024,
        image_bytes=10 * 1024 * 1024,
        image_sides_sum=10_000,
        image_ratio=20,
    )

    @staticmethod
    def measure(text: str) -> int:
        return utf16_length(text)

    def publish(self, post: ChannelPost) -> Posted:
        if image_fits(post.image, self.limits):
            assert post.image is not None
            with post.image.open("rb") as photo:
                data = {"chat_id": self.chat_id, "caption": self.fit(post.text, with_image=True)}
                result = self.call("sendPhoto", data=data, files={"photo": photo})
            return self._posted(result, "caption")
        text = {"text": self.fit(post.text, with_image=False), **self._preview(post)}
        result = self.call("sendMessage", json={"chat_id": self.chat_id, **text})
        return self._posted(result, "text")

    def update(self, post: ChannelPost, previous: Posted) -> Posted:
        if not previous.remote_id:
            return self.publish(post)
        chat_id, message_id, part = self._parse_remote_id(previous.remote_id)
        target = {"chat_id": chat_id, "message_id": message_id}
        if part == "caption":
            method = "editMessageCaption"
            edit = {"caption": self.fit(post.text, with_image=True)}
        else:
            method = "editMessageText"
            edit = {"text": self.fit(post.text, with_image=False), **self._preview(post)}
        try:
            self.call(method, json={**target, **edit})
        except PermanentFailure as failure:
            if NOT_MODIFIED in str(failure):  # the same text again: nothing to change
                return previous
            if EDITED_AWAY in str(failure):
                raise PermanentFailure(
                    _("The Telegram post was deleted from the channel; it cannot be edited.")
                ) from None
            raise
        return previous

    def withdraw(self, post: ChannelPost, previous: Posted) -> None:
        if not previous.remote_id:
            return
        chat_id, message_id, _part = self._parse_remote_id(previous.remote_id)
        try:
            self.call("deleteMessage", json={"chat_id": chat_id, "message_id": message_id})
        except PermanentFailure as failure:
            if ALREADY_DELETED in str(failure):
                return
            if TOO_OLD_TO_DELETE in str(failure):
                raise PermanentFailure(
                    _(
                        "Telegram lets a bot delete only posts under 48 hours old; "
                        "delete this one in the channel by hand."
                    )
                ) from None
            raise

    @property
    def chat_id(self) -> str:
        chat_id = self.options.get("chat_id", "").strip()
        if not chat_id:
            raise PermanentFailure(_("The Telegram channel has no chat id (@name or -100…)."))
        return chat_id

    def call(self, method: str, **kwargs: Any) -> dict:
        """A Bot API method's `result`, or the failure its answer means."""
        if not self.secret:
            raise PermanentFailure(_("The Telegram bot token is not set."))
        base = self.options.get("api_url", "").strip() or DEFAULT_API_URL
        answer = self.http("POST", f"{base.rstrip('/')}/bot{self.secret}/{method}", **kwargs)
        data = answer.data if isinstance(answer.data, dict) else {}
        if answer.status == 200 and data.get("ok") is True:
            return data.get("result") or {}
        raise self._failure(answer, data)

    def _failure(self, answer: Answer, data: dict) -> Exception:
        description = str(data.get("description") or answer.text[:200])
        code = data.get("error_code") or answer.status
        if code == 429:
            retry_after = (data.get("parameters") or {}).get("retry_after")
            return RetryLater(
                _("Telegram asks to wait: %(description)s") % {"description": description},
                retry_after=float(retry_after) if retry_after is not None else None,
            )
        if code == 401:
            return PermanentFailure(
                _(
                    "Telegram refused the bot token (revoked or mistyped); "
                    "get a new one from @BotFather."
                )
            )
        if code == 403:
            return PermanentFailure(
                _(
                    "Telegram forbids the bot to post there (%(description)s); add the bot "
                    "to the channel as an administrator allowed to post."
                )
                % {"description": description}
            )
        migrated = (data.get("parameters") or {}).get("migrate_to_chat_id")
        if migrated:
            return PermanentFailure(
                _("The group is now chat %(chat_id)s; put that id in the channel's settings.")
                % {"chat_id": migrated}
            )
        return PermanentFailure(
            _("Telegram refused the post (%(code)s): %(description)s")
            % {"code": code, "description": description}
        )

    def _preview(self, post: ChannelPost) -> dict:
        return {"link_preview_options": {"url": post.url, "prefer_large_media": True}}

    def _posted(self, message: dict, part: str) -> Posted:
        chat = message.get("chat") or {}
        chat_id, message_id = chat.get("id", self.chat_id), message.get("message_id")
        if message_id is None:  # posted, yet unrecorded: a retry would post it twice
            raise PermanentFailure(_("Telegram accepted the post but named no message."))
        if chat.get("username"):
            link = f"https://t.me/{chat['username']}/{message_id}"
        elif str(chat_id).startswith("-100"):  # a private channel: members' links only
            link = f"https://t.me/c/{str(chat_id)[4:]}/{message_id}"
        else:
            link = ""
        return Posted(remote_id=f"{chat_id}:{message_id}:{part}", link=link)

    def _parse_remote_id(self, remote_id: str) -> tuple[str, int, str]:
        try:
            chat_id, message_id, part = remote_id.rsplit(":", 2)
            return chat_id, int(message_id), part
        except ValueError:
            raise PermanentFailure(
                _("The recorded Telegram post id %(id)s is not one this channel made.")
                % {"id": remote_id}
            ) from None
