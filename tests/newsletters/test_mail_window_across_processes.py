"""The per-mailbox window holds across app processes: two real servers on one installation
(embedded mode: one SQLite file, a memory per process), a real worker, the local outbox."""

import http.cookiejar
import json
import urllib.parse
import urllib.request
import uuid

import pytest

from tests.scratch import answers, free_port, wait_until

REQUESTS = 8


@pytest.fixture
def second_server_and_worker(scratch_site, scratch_server):
    port = free_port()
    second = scratch_site.spawn("runserver", f"127.0.0.1:{port}", "--noreload", DEBUG="1")
    # DEBUG: mail goes to the local outbox. At normal CPU priority: on a busy test machine an
    # idle-priority worker may get no CPU at all for minutes, and this test is about the window.
    worker = scratch_site.spawn("worker", DEBUG="1", WORKER_CPU_PRIORITY="normal")
    base = f"http://127.0.0.1:{port}"
    assert wait_until(lambda: answers(base + "/ru/"), timeout=60), "the second server is down"
    yield [scratch_server, base], worker
    scratch_site.stop(worker)
    scratch_site.stop(second)


def _subscribe(opener, base: str, newsletter: str, address: str) -> int:
    # The cookie (and so the token) is the host's, whatever the port: one token for both.
    token = json.load(opener.open(f"{base}/ru/newsletters/csrf/", timeout=10))["token"]
    form = {"email": address, "name": "", "language": "ru", "newsletters": newsletter,
            "consent": "on", "website": "", "csrfmiddlewaretoken": token}  # fmt: skip
    body = urllib.parse.urlencode(form).encode()
    with opener.open(f"{base}/ru/newsletters/", data=body, timeout=30) as answer:
        return answer.status


def test_eight_requests_to_two_app_processes_mail_one_confirmation(
    scratch_site, second_server_and_worker
):
    bases, worker = second_server_and_worker
    newsletter = scratch_site.python(
        "from bigasia.newsletters.models import Newsletter;"
        "print(Newsletter.objects.filter(language='ru').order_by('pk').first().pk)"
    )
    address = f"bomb-{uuid.uuid4().hex[:8]}@example.org"
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    for n in range(REQUESTS):
        assert _subscribe(opener, bases[n % 2], newsletter, address) == 200  # "check your mail"

    def settled() -> bool:
        open_mail = scratch_site.python(
            "from bigasia.newsletters.models import OutgoingMail;"
            f"print(OutgoingMail.objects.filter(to_email='{address}')"
            ".exclude(status__in=['sent', 'failed']).count())"
        )
        return open_mail == "0"

    if not wait_until(settled, timeout=120, every=1):
        scratch_site.stop(worker)
        raise AssertionError("the worker did not send the queued mail:\n" + worker.stdout.read())
    outbox = (scratch_site.data_dir / "outbox").glob("*.eml")
    captured = [path for path in outbox if address in path.read_text("utf-8", "replace")]
    assert len(captured) == 1
