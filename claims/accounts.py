"""Accounts and their roles: the writes behind `create_user` and `demo_editor`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import Q, QuerySet

from claims_tracker.roles import ADMIN, ANALYST, EDITOR, ROLES

# What an editor may add or change besides reading (model permissions: they govern the Django admin).
_EDITOR_WRITES = [
    "add_claim",
    "change_claim",
    "add_claimlink",
    "change_claimlink",
    "add_actor",
    "change_actor",
    "add_actoralias",
    "change_actoralias",
    "delete_actoralias",
    "add_actormerge",
]


def role_permissions(role: str) -> QuerySet[Permission]:
    """The model permissions of a role's group (the 0002_editor_roles migration sets the same)."""
    ours = Q(content_type__app_label__in=["claims", "articles"])
    reading = ours & Q(codename__startswith="view_")
    if role == ANALYST:
        return Permission.objects.filter(reading)
    if role == EDITOR:
        return Permission.objects.filter(reading | Q(content_type__app_label="claims", codename__in=_EDITOR_WRITES))
    if role == ADMIN:
        return Permission.objects.filter(ours | Q(content_type__app_label="auth"))
    raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")


def role_group(role: str) -> Group:
    """The role's group, made with its permissions if it is missing (a data migration creates the groups,
    but a test database flushed between transactional tests has lost them, and one may be deleted by hand)."""
    group, created = Group.objects.get_or_create(name=role)
    if created:
        group.permissions.set(role_permissions(role))
    return group


def user_set_role(*, user: AbstractUser, role: str) -> None:
    """Put the user in exactly one role group; admins are staff too (the Django admin)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=role))
    user.groups.add(role_group(role))
    user.is_staff = role == ADMIN
    user.save(update_fields=["is_staff"])


@transaction.atomic
def user_create_or_update(*, username: str, password: str, role: str, email: str = "") -> tuple[AbstractUser, bool]:
    """Create the user (or update an existing one) with a validated password and one role.

    Raises django.core.exceptions.ValidationError when the password fails the validators.
    """
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    created = user is None
    if user is None:
        user = User(username=username, email=email)
    elif email:
        user.email = email
    validate_password(password, user)
    user.set_password(password)
    user.is_active = True
    user.save()
    user_set_role(user=user, role=role)
    return user, created
