"""`bigasia mail dns`: the DNS records to publish for the mail we send."""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bigasia.newsletters import dns


class Command(BaseCommand):
    help = "Mail set-up. Actions: dns (print the DKIM TXT record, SPF and DMARC examples)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["dns"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if not settings.DKIM_PRIVATE_KEY:
            raise CommandError(
                _("DKIM is not configured: set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY.")
            )
        # The settings accept the key only with its selector and domain.
        assert settings.DKIM_SELECTOR and settings.DKIM_DOMAIN
        sender_domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2]
        dkim = dns.dkim_record(
            settings.DKIM_PRIVATE_KEY, settings.DKIM_SELECTOR, settings.DKIM_DOMAIN
        )
        self.stdout.write(_("; DKIM: the public half of the configured key. Publish as is."))
        self.stdout.write(dkim.zone_line())
        self.stdout.write(
            _("; SPF example for %(domain)s: list the hosts that send its mail.")
            % {"domain": sender_domain}
        )
        self.stdout.write(dns.spf_example(sender_domain).zone_line())
        self.stdout.write(
            _("; DMARC example: reports only (p=none); tighten to quarantine once they are clean.")
        )
        self.stdout.write(dns.dmarc_example(sender_domain).zone_line())
