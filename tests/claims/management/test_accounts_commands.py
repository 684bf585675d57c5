"""create_user and demo_editor: roles, passwords from a prompt or standard input, never from arguments."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from claims_tracker.roles import can_edit

PASSPHRASE = "plum-orbit-canvas-42"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def create_user(*args: str, stdin: io.StringIO | None = None) -> str:
    out = io.StringIO()
    call_command("create_user", *args, stdout=out, stdin=stdin)
    return out.getvalue()


@pytest.mark.django_db
def test_create_user_reads_the_password_from_standard_input():
    output = create_user("alice", "--role", "editor", "--password-stdin", stdin=io.StringIO(PASSPHRASE + "\n"))

    assert "Created alice with role editor" in output
    user = authenticate(username="alice", password=PASSPHRASE)
    assert user is not None and can_edit(user)
    assert list(user.groups.values_list("name", flat=True)) == ["editor"]
    assert not user.is_staff


@pytest.mark.django_db
def test_create_user_asks_twice_at_a_prompt(monkeypatch):
    answers = iter([PASSPHRASE, PASSPHRASE])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr("sys.stdin", Terminal())

    create_user("bob", "--role", "analyst")

    user = authenticate(username="bob", password=PASSPHRASE)
    assert user is not None and not can_edit(user)


@pytest.mark.django_db
def test_create_user_refuses_differing_prompt_answers(monkeypatch):
    answers = iter([PASSPHRASE, PASSPHRASE + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr("sys.stdin", Terminal())

    with pytest.raises(CommandError, match="differ"):
        create_user("bob", "--role", "analyst")
    assert not User.objects.filter(username="bob").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["password", "12345678901", "short", "carol-the-user"])
def test_create_user_applies_the_password_validators(password):
    with pytest.raises(CommandError, match="Password refused"):
        create_user("carol-the-user", "--role", "editor", "--password-stdin", stdin=io.StringIO(password + "\n"))
    assert not User.objects.filter(username="carol-the-user").exists()


@pytest.mark.django_db
def test_admin_role_is_staff_and_roles_are_exclusive():
    create_user("dora", "--role", "editor", "--password-stdin", stdin=io.StringIO(PASSPHRASE + "\n"))
    with pytest.raises(CommandError, match="--update"):
        create_user("dora", "--role", "admin", "--password-stdin", stdin=io.StringIO(PASSPHRASE + "\n"))

    create_user("dora", "--role", "admin", "--update", "--password-stdin", stdin=io.StringIO(PASSPHRASE + "!\n"))

    user = User.objects.get(username="dora")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["admin"]
    assert user.check_password(PASSPHRASE + "!")


@pytest.mark.django_db
def test_create_user_without_a_terminal_or_stdin_flag_refuses():
    with pytest.raises(CommandError, match="--password-stdin"):
        create_user("erin", "--role", "editor")


def _printed_password(output: str) -> str:
    match = re.search(r"password: (\S+)", output)
    assert match, output
    return match.group(1)


@pytest.mark.django_db
def test_demo_editor_gets_a_new_random_password_each_time(settings):
    settings.DEBUG = True
    first, second = io.StringIO(), io.StringIO()

    call_command("demo_editor", stdout=first)
    call_command("demo_editor", stdout=second)

    old, new = _printed_password(first.getvalue()), _printed_password(second.getvalue())
    assert old != new and len(new) >= 16
    assert authenticate(username="demo-editor", password=old) is None
    user = authenticate(username="demo-editor", password=new)
    assert user is not None and can_edit(user)
    assert User.objects.filter(username="demo-editor").count() == 1


@pytest.mark.django_db
def test_demo_editor_is_refused_in_production_mode(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_editor", stdout=io.StringIO())
    assert not User.objects.filter(username="demo-editor").exists()
