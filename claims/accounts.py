"""Accounts and their roles: the writes behind `create_user` and `demo_editor`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from claims.permissions import ADMIN, ROLES


def user_set_role(*, user: AbstractUser, role: str) -> None:
    """Put the user in exactly one role group; admins are staff too (the Django admin)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=role))
    # get_or_create: the groups come from a data migration, but a test database flushed between
    # transactional tests has lost them, and an install could have deleted one by hand.
    group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(group)
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
