"""A stand-in transport speaking the Bot API's sendMessage/editMessageText/deleteMessage,
written to the contract of channels/providers/base.py, so that the engine is tested against
the fake Bot API server before (and independently of) the Telegram transport's own details."""

import json
import urllib.error
import urllib.request

from bigasia.channels.providers.base import (
    ChannelPost,
    ChannelTransport,
    PermanentFailure,
    Posted,
    RetryLater,
)


class BotApiTransport(ChannelTransport):
    kind = "telegram"

    def _call(self, method: str, **params: object) -> dict:
        url = f"{self.options['api_base_url']}/bot{self.secret}/{method}"
        request = urllib.request.Request(
            url, json.dumps(params).encode(), {"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.load(response)["result"]
        except urllib.error.HTTPError as error:
            answer = json.load(error)
            retry_after = answer.get("parameters", {}).get("retry_after")
            if error.code == 429 or error.code >= 500:
                raise RetryLater(answer["description"], retry_after) from error
            raise PermanentFailure(answer["description"]) from error
        except OSError as error:  # refused, reset, timed out
            raise RetryLater(str(error)) from error

    def publish(self, post: ChannelPost) -> Posted:
        message = self._call("sendMessage", chat_id=self.options["chat_id"], text=post.text)
        return Posted(str(message["message_id"]), f"https://t.me/{message['chat']['username']}/"
                      f"{message['message_id']}")  # fmt: skip

    def update(self, post: ChannelPost, previous: Posted) -> Posted:
        self._call("editMessageText", chat_id=self.options["chat_id"],
                   message_id=int(previous.remote_id), text=post.text)  # fmt: skip
        return previous

    def withdraw(self, post: ChannelPost, previous: Posted) -> None:
        if previous.remote_id:
            self._call("deleteMessage", chat_id=self.options["chat_id"],
                       message_id=int(previous.remote_id))  # fmt: skip
