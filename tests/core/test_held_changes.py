"""Bulk writers hold what they announce and send it as one change per batch."""

import pytest

from bigasia.core.changes import PublicChange, announce, held_changes, public_content_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    changes: list[PublicChange] = []

    def receive(sender, change, **kwargs):
        changes.append(change)

    public_content_changed.connect(receive, dispatch_uid="test-held-changes")
    yield changes
    public_content_changed.disconnect(dispatch_uid="test-held-changes")


def test_held_announcements_go_out_merged_on_release_and_on_leaving(sent):
    with held_changes("test") as held:
        announce("test", PublicChange(pages=frozenset({1}), languages=frozenset({"ru"})))
        announce("test", PublicChange(pages=frozenset({2}), languages=frozenset({"en"})))
        assert sent == []
        held.release("test")
        assert sent == [PublicChange(pages=frozenset({1, 2}), languages=frozenset({"ru", "en"}))]
        announce("test", PublicChange(pages=frozenset({3}), withdrawn=True))
        held.release("test")
        held.release("test")  # nothing new: nothing sent
    assert sent[1:] == [PublicChange(pages=frozenset({3}), withdrawn=True)]
    announce("test", PublicChange(everywhere=True))  # outside the block: at once
    assert sent[2:] == [PublicChange(everywhere=True)]


def test_what_is_held_is_sent_when_the_block_fails(sent):
    with pytest.raises(RuntimeError), held_changes("test"):
        announce("test", PublicChange(pages=frozenset({5})))
        raise RuntimeError
    assert sent == [PublicChange(pages=frozenset({5}))]


def test_a_batch_of_many_pages_is_sent_as_seen_everywhere(sent):
    with held_changes("test", everywhere_over=2) as held:
        for page in (1, 2):
            announce("test", PublicChange(pages=frozenset({page})))
        held.release("test")
        for page in (3, 4, 5):
            announce("test", PublicChange(pages=frozenset({page})))
    assert [change.everywhere for change in sent] == [False, True]
    assert sent[1].pages == {3, 4, 5}  # still named: the search index refreshes each
