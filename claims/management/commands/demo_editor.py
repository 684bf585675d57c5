"""A local demo editor with a fresh random password, printed once: for trying the editor pages."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.accounts import user_create_or_update
from claims_tracker.roles import EDITOR


class Command(BaseCommand):
    help = "Create or reset the demo editor with a new random password and print it (DEBUG only unless --force)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="demo-editor")
        parser.add_argument("--force", action="store_true", help="Allow it with DEBUG off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("demo_editor is for local runs (DEBUG on); pass --force to create it anyway.")
        password = secrets.token_urlsafe(12)
        user, created = user_create_or_update(username=options["username"], password=password, role=EDITOR)
        verb = "Created" if created else "Reset"
        self.stdout.write(f"{verb} the demo editor. Sign in at /accounts/login/ as:")
        self.stdout.write(f"  username: {user.get_username()}")
        self.stdout.write(f"  password: {password}")
