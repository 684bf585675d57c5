"""Roles: who may edit, and what each role's group holds."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from claims_tracker.roles import can_administer, can_edit
from tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "extra", "expected"),
    [
        ("analyst", {}, False),
        (None, {}, False),
        ("editor", {}, True),
        ("admin", {}, True),
        ("editor", {"is_active": False}, False),
        (None, {"is_superuser": True}, True),
        (None, {"is_staff": True}, True),
        ("admin", {"is_active": False}, False),
    ],
)
def test_can_edit_by_role(role, extra, expected):
    assert can_edit(UserFactory(role=role, **extra)) is expected


def test_anonymous_users_cannot_edit():
    assert not can_edit(AnonymousUser())
    assert not can_edit(None)


@pytest.mark.django_db
def test_roles_groups_hold_the_model_permissions_of_their_role():
    analyst = set(Group.objects.get(name="analyst").permissions.values_list("codename", flat=True))
    editor = set(Group.objects.get(name="editor").permissions.values_list("codename", flat=True))
    admin = set(Group.objects.get(name="admin").permissions.values_list("codename", flat=True))

    assert "view_claim" in analyst and all(codename.startswith("view_") for codename in analyst)
    assert analyst < editor
    assert {"change_claim", "add_claimlink", "add_actoralias", "delete_actoralias"} <= editor
    assert "delete_claim" not in editor
    assert editor < admin and {"delete_claim", "change_article", "add_user"} <= admin


@pytest.mark.django_db
def test_only_staff_administer():
    assert can_administer(UserFactory(role="admin"))
    assert not can_administer(UserFactory(role="editor"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["analyst", "editor", "admin"])
def test_a_missing_role_group_is_made_again_with_at_least_the_migrations_permissions(role):
    from claims.accounts import role_group

    made_by_migration = set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))
    Group.objects.filter(name=role).delete()

    remade = set(role_group(role).permissions.values_list("codename", flat=True))

    # Views of models added after the migration come too; nothing the migration gave is missing.
    assert remade >= made_by_migration
    if role == "analyst":
        assert all(codename.startswith("view_") for codename in remade)
