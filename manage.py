#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claims_tracker.settings")
    # manage.py is the developer's tool: development mode unless DEBUG says otherwise. The web and
    # worker entry points (wsgi, asgi, celery) default to production mode and refuse a missing secret.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
