"""Create (or update) an account in one role: `create_user NAME --role analyst|editor|admin`.

The password is asked for twice at a prompt, or read from standard input with --password-stdin
(for scripts: `printf '%s\n' "$PASSWORD" | manage.py create_user ...`). It never appears in arguments.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.accounts import user_create_or_update
from claims_tracker.roles import ROLES


class Command(BaseCommand):
    help = "Create or update a user with a role (analyst, editor or admin); the password is never an argument."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from the first line of standard input."
        )
        parser.add_argument("--update", action="store_true", help="Change the password and role of an existing user.")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip()
        if not username:
            raise CommandError("The username is empty.")
        exists = get_user_model().objects.filter(username=username).exists()
        if exists and not options["update"]:
            raise CommandError(f"User {username!r} exists; pass --update to change its password and role.")
        password = self._read_password(options)
        try:
            user, created = user_create_or_update(
                username=username, password=password, role=options["role"], email=options["email"]
            )
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from None
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} {user.get_username()} with role {options['role']}."))

    def _read_password(self, options: dict[str, Any]) -> str:
        if options["password_stdin"]:
            stream = options.get("stdin") or sys.stdin
            password = stream.readline().rstrip("\r\n")
            if not password:
                raise CommandError("No password on standard input.")
            return password
        if not sys.stdin.isatty() and options.get("stdin") is None:
            raise CommandError("No terminal to ask for a password; use --password-stdin.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        if not password:
            raise CommandError("The password is empty.")
        return password
