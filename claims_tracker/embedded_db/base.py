"""A PostgreSQL backend that starts the embedded server before it connects.

Used when DATABASE_URL is unset. Connecting is the only moment a server is needed, so commands
that never touch the database (extract_claims, check) never start one.
"""

from typing import Any

from django.db.backends.postgresql import base

from claims_tracker.embedded import ensure_database, ensure_server


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        socket_dir = ensure_server(self.settings_dict["PGDATA"])
        params["host"] = socket_dir
        params.pop("port", None)
        # The main database is created on demand; test databases are Django's to create.
        if params.get("dbname") == self.settings_dict["MAIN_NAME"]:
            ensure_database(socket_dir, params["dbname"], params["user"])
        return params
