"""Driving the page editor of the real admin screens, as the tests of the editorial
workflow (articles, wire) do."""

from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html, rich_text


def with_body(data, text: str):
    """The StreamField editor is built by JavaScript, so its fields are not in the HTML form."""
    data.update(
        {
            "body-count": "1",
            "body-0-type": "paragraph",
            "body-0-value": rich_text(f"<p>{text}</p>"),
            "body-0-deleted": "",
            "body-0-order": "0",
        }
    )
    return data


def submit_edit_for_review(client: Client, page: Page, body: str) -> None:
    """Open the page's edit form, replace its body and press "Submit for review"."""
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data = with_body(data, body)
    data["action-submit"] = "action-submit"
    client.post(edit_url, data)
    page.refresh_from_db()
