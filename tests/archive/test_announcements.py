"""An import announces what it published once per batch; pages a killed run published
are announced by the next run, which leaves the same end state as an unbroken one."""

import pytest

from bigasia.archive.models import ImportedItem, ImportRun
from bigasia.core.changes import public_content_changed
from tests.archive.posts import a_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced():
    pages: list[set[int]] = []

    def receive(sender, change, **kwargs):
        pages.append(set(change.pages))

    public_content_changed.connect(receive, dispatch_uid="test-archive-announced")
    yield pages
    public_content_changed.disconnect(dispatch_uid="test-archive-announced")


def test_a_run_announces_its_pages_once_and_a_killed_runs_pages_are_announced_again(
    run_import, announced
):
    posts = [a_post(1), a_post(2)]
    first = run_import(posts)
    page_ids = set(ImportedItem.objects.filter(run=first).values_list("page_id", flat=True))
    assert announced == [page_ids]  # one merged announcement, not one per publish

    ImportRun.objects.filter(pk=first.pk).update(state=ImportRun.RUNNING)  # as if killed
    announced.clear()
    again = run_import(posts)
    assert again.unchanged == 2 and announced == [page_ids]
    assert set(ImportedItem.objects.values_list("run", flat=True)) == {again.pk}

    announced.clear()
    run_import(posts)
    assert announced == []  # nothing left owed
