"""Cross-referencing has a queue of its own, so it can run on other workers than extraction; a
worker started without -Q (the test worker, `make run`'s) serves both."""

from claims_tracker.celery import app as celery_app


def queue_of(name: str) -> str:
    return celery_app.amqp.router.route({}, name)["queue"].name


def test_cross_referencing_goes_to_its_own_queue_and_extraction_to_the_default_one():
    assert queue_of("claims.tasks.crossref_article") == "crossref"
    assert queue_of("claims.tasks.extract_article") == "celery"
    assert queue_of("articles.tasks.poll_feed") == "celery"


def test_a_worker_without_q_consumes_both_queues():
    assert {queue.name for queue in celery_app.amqp.queues.values()} == {"celery", "crossref"}
