"""WebSub publish pings (https://www.w3.org/TR/websub/): the hub our feeds advertise is told
which feeds changed, and it fetches them and pushes them to its subscribers.

One POST per feed, form-encoded `hub.mode=publish` and `hub.url=<feed>`, the way the hubs in
use (Google's, Superfeedr, WebSub.rocks) take a publish request; the feeds to ping are the
article's `feed_urls` (bigasia.distribution.feed_urls lists them). Pings are idempotent, so
a retry after a failure midway simply pings every feed again.

The hub is the site's WEBSUB_HUB_URL, the one the feeds advertise: a ping to any other hub
would reach none of the feeds' subscribers.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from .base import ChannelPost, ChannelTransport, PermanentFailure, Posted


class WebSubTransport(ChannelTransport):
    kind = "websub"
    carries_text = False

    def publish(self, post: ChannelPost) -> Posted:
        hub = settings.WEBSUB_HUB_URL
        if not hub:
            raise PermanentFailure(_("WEBSUB_HUB_URL is not set; there is no hub to ping."))
        for feed_url in post.feed_urls:
            answer = self.http("POST", hub, data={"hub.mode": "publish", "hub.url": feed_url})
            if not 200 <= answer.status < 300:  # 5xx was raised as RetryLater already
                raise PermanentFailure(
                    _("The WebSub hub refused %(feed)s (%(status)s): %(reason)s")
                    % {"feed": feed_url, "status": answer.status, "reason": answer.text[:200]}
                )
        return Posted()
