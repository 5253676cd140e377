"""The newsroom's roles and review workflow, kept in place after every `migrate`.

Authors write and submit; Editors review, publish and schedule. Every page goes through the
«Редакторская проверка» workflow: an Editors' approval task attached to the tree root, so it
covers both languages' trees. The workflow and its task are rows that Wagtail's admin shows as
stored, in every admin language, so they are named in the newsroom's working language.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)
from wagtail.models.workflows import GroupApprovalTask, WorkflowTask

AUTHORS = "Authors"
EDITORS = "Editors"
WORKFLOW_NAME = "Редакторская проверка"
REVIEW_TASK_NAME = "Проверка редактором"

_PAGE_PERMISSIONS = {
    AUTHORS: ["add_page"],
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
_IMAGE_PERMISSIONS = {
    AUTHORS: ["add_image", "choose_image"],
    EDITORS: ["add_image", "change_image", "choose_image"],
}
_SNIPPET_MODELS = ["source", "author", "country"]
_EDITOR_SNIPPET_ACTIONS = ["add", "change", "delete", "view"]


def _perm(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_groups() -> dict[str, Group]:
    groups = {}
    root = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for name in (AUTHORS, EDITORS):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(_perm("wagtailadmin", "access_admin"))
        for codename in _PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_perm("wagtailcore", codename)
            )
        for codename in _IMAGE_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_perm("wagtailimages", codename)
            )
        actions = _EDITOR_SNIPPET_ACTIONS if name == EDITORS else ["view"]
        for model in _SNIPPET_MODELS:
            for action in actions:
                group.permissions.add(_perm("articles", f"{action}_{model}"))
        groups[name] = group
    return groups


def ensure_workflow(editors: Group) -> Workflow:
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.add(editors)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    root = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


def grant_editors(app_label: str, models: list[str]) -> None:
    """Give Editors full control (add, change, delete, view) of an app's models.

    For the domain apps, which call it from their own post_migrate receiver: this module may
    not import them, so each app says which of its models belong to the newsroom's Editors.
    """
    group, _created = Group.objects.get_or_create(name=EDITORS)
    codenames = [f"{action}_{model}" for model in models for action in _EDITOR_SNIPPET_ACTIONS]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def ensure_newsroom(**_kwargs) -> None:
    """post_migrate receiver: idempotent, so it can run after every migrate."""
    if not Page.get_first_root_node():
        return
    groups = ensure_groups()
    ensure_workflow(groups[EDITORS])
