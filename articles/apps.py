from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self) -> None:
        # Register the fetch task that articles.services queues by name in every process, so a
        # signature finds the task object, and eager mode applies where it is set.
        from articles import tasks  # noqa: F401
