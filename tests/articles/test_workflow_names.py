"""The review workflow and its task carry Russian names, the English rows of earlier releases
included (Wagtail's admin prints the names as stored, in every admin language)."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import Page, Task, Workflow

from bigasia.articles.newsroom import REVIEW_TASK_NAME, WORKFLOW_NAME

pytestmark = pytest.mark.django_db

renaming = importlib.import_module("bigasia.articles.migrations.0007_russian_workflow_names")


def test_the_pages_are_reviewed_under_the_russian_names():
    workflow = Page.get_first_root_node().get_workflow()
    assert workflow.name == WORKFLOW_NAME == "Редакторская проверка"
    assert [task.name for task in workflow.tasks] == [REVIEW_TASK_NAME]


def test_the_migration_renames_the_english_rows_of_earlier_releases():
    Workflow.objects.filter(name=WORKFLOW_NAME).update(name="Editorial review")
    Task.objects.filter(name=REVIEW_TASK_NAME).update(name="Editors' review")
    renaming.rename(apps, schema_editor=None)
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert Task.objects.filter(name=REVIEW_TASK_NAME).count() == 1
    assert not Workflow.objects.filter(name="Editorial review").exists()
