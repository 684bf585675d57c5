from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"

    def ready(self) -> None:
        # Register the tasks that articles/ queues by name (claims.tasks.extract_article) in every
        # process, so a signature finds the task object, and eager mode applies where it is set.
        from claims import tasks  # noqa: F401
