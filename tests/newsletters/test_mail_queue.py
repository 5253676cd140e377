"""Transactional mail leaves through the task queue: a mail server outage never reaches the
reader or the editor, retries back off, and the mail arrives once when the server is back."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from bigasia.newsletters import mailqueue
from bigasia.newsletters.models import OutgoingMail, Subscription
from tests.scratch import free_port
from tests.smtp import SmtpServer

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def server_down(smtp, settings):
    """A loopback mail server that is down (nothing listens on its port) until start().

    It needs its port before it listens, so it takes one nobody listens on now; another
    process could take it in between, which would fail the test loudly, never pass it."""
    server = SmtpServer(port=free_port())
    settings.EMAIL_PORT = server.port
    settings.MAIL_QUEUE_RETRY_SECONDS = 0.2
    settings.MAIL_QUEUE_RETRY_MAX_SECONDS = 0.4
    yield server
    server.stop()


def sweep_until(condition, timeout: float = 15.0) -> bool:
    """Run the periodic retry sweep (the immediate task backend sends inside it) until the
    condition holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        mailqueue.sweep()
        if condition():
            return True
        time.sleep(0.05)
    return False


def _subscribe(client, language: str, letters, email: str = "reader@example.org"):
    data = factories.form_data(letters, email=email, language=language)
    return client.post(f"/{language}/newsletters/", data, follow=True)


@pytest.mark.parametrize(
    "language, heading, subject",
    [
        ("ru", "Проверьте почту", "Подтвердите подписку"),
        ("en", "Check your mail", "Confirm your subscription"),
    ],
)
def test_the_reader_sees_check_your_mail_while_the_server_is_down_and_gets_one_mail_when_back(
    client, server_down, language, heading, subject
):
    daily = factories.newsletter(language, f"d-{language}")
    answer = _subscribe(client, language, [daily])
    assert answer.status_code == 200 and heading in answer.content.decode()
    [queued] = OutgoingMail.objects.all()
    assert queued.status == "pending" and queued.attempts == 1 and queued.last_error
    assert server_down.inbox.received == []

    server_down.start()
    assert sweep_until(lambda: server_down.inbox.to("reader@example.org"))
    for _ in range(3):  # later sweeps find nothing more to send
        mailqueue.sweep()
    [received] = server_down.inbox.to("reader@example.org")
    assert subject in received.message["Subject"]
    assert client.post(factories.confirm_link(received)).status_code == 200
    assert Subscription.objects.filter(newsletter=daily, active=True).count() == 1


def test_a_failed_attempt_does_not_use_up_the_window(client, server_down):
    """The reader asks again while the first mail waits: one mail, for what they asked last."""
    daily, weekly = factories.newsletter("ru", "d-ru"), factories.newsletter("ru", "w-ru")
    _subscribe(client, "ru", [daily])
    _subscribe(client, "ru", [weekly])
    server_down.start()
    assert sweep_until(lambda: server_down.inbox.to("reader@example.org"))
    mailqueue.sweep()
    [received] = server_down.inbox.to("reader@example.org")
    client.post(factories.confirm_link(received))
    active = Subscription.objects.filter(active=True).values_list("newsletter__slug", flat=True)
    assert list(active) == ["w-ru"]


def test_a_mail_refused_for_good_frees_the_window(client, smtp, smtp_sink, settings):
    settings.EMAIL_PORT = smtp_sink.port
    daily = factories.newsletter("ru", "d-ru")
    smtp_sink.inbox.hardfail.add("reader@example.org")
    _subscribe(client, "ru", [daily])
    assert OutgoingMail.objects.get().status == "failed"  # 550: not retried
    smtp_sink.inbox.hardfail.clear()
    _subscribe(client, "ru", [daily])
    assert smtp_sink.inbox.per_recipient()["reader@example.org"] == 1


def test_it_sends_one_mail_per_window_to_one_mailbox_whatever_its_plus_tags(client, smtp):
    daily = factories.newsletter("ru", "d-ru")
    for n in range(8):
        assert _subscribe(client, "ru", [daily], email=f"victim+{n}@example.org").status_code == 200
    assert sum(len(smtp.to(f"victim+{n}@example.org")) for n in range(8)) == 1


def test_the_window_holds_for_a_process_that_remembers_nothing(client, smtp):
    """Each app process has a memory (cache) of its own in the embedded mode; the window is
    in the database, so a request answered by another process still counts."""
    daily = factories.newsletter("ru", "d-ru")
    for _ in range(8):
        cache.clear()
        _subscribe(client, "ru", [daily])
    assert len(smtp.to("reader@example.org")) == 1


def test_retries_back_off_doubling_and_give_up_after_the_last_attempt(
    client, server_down, settings
):
    settings.MAIL_QUEUE_RETRY_SECONDS = 10
    settings.MAIL_QUEUE_RETRY_MAX_SECONDS = 25
    settings.MAIL_QUEUE_MAX_ATTEMPTS = 4
    _subscribe(client, "ru", [factories.newsletter("ru", "d-ru")])
    delays = []
    for _ in range(3):
        mail = OutgoingMail.objects.get()
        delays.append(round((mail.next_try_at - timezone.now()).total_seconds()))
        OutgoingMail.objects.update(next_try_at=timezone.now())  # due now, not in 10 s
        mailqueue.sweep()
    assert delays == [10, 20, 25]
    mail = OutgoingMail.objects.get()
    assert mail.status == "failed" and mail.attempts == 4
    # Given up for good: a new request of the reader is queued afresh.
    _subscribe(client, "ru", [factories.newsletter("ru", "w-ru")])
    assert OutgoingMail.objects.filter(status="pending").count() == 1


def test_a_mail_is_claimed_by_one_worker_only(client, server_down):
    _subscribe(client, "ru", [factories.newsletter("ru", "d-ru")])
    OutgoingMail.objects.update(next_try_at=timezone.now())
    mail = OutgoingMail.objects.get()
    assert mailqueue.claim(mail.pk) is not None
    assert mailqueue.claim(mail.pk) is None  # the sweep's task for the same row finds it taken


def test_a_mail_whose_worker_died_mid_send_is_sent_after_its_lease(client, server_down):
    _subscribe(client, "ru", [factories.newsletter("ru", "d-ru")])
    OutgoingMail.objects.update(next_try_at=timezone.now())
    assert mailqueue.claim(OutgoingMail.objects.get().pk)  # then its worker was killed
    server_down.start()
    mailqueue.sweep()
    assert server_down.inbox.received == []  # the lease is still running
    OutgoingMail.objects.update(lease_until=timezone.now() - timedelta(seconds=1))
    assert sweep_until(lambda: server_down.inbox.to("reader@example.org"))
    assert OutgoingMail.objects.get().status == "sent"


def test_an_editors_test_copy_waits_out_an_outage(client, editor, server_down):
    client.force_login(editor)
    issue = factories.issue(factories.newsletter("ru", "d-ru"))
    answer = client.post(f"/admin/newsletters/issues/{issue.pk}/test/", follow=True)
    assert answer.status_code == 200
    assert f"Тестовое письмо отправляется на адрес {editor.email}" in answer.content.decode()
    server_down.start()
    assert sweep_until(lambda: server_down.inbox.to(editor.email))
    mailqueue.sweep()
    [received] = server_down.inbox.to(editor.email)
    assert received.message["Subject"].startswith("[Тест]")
