"""Test-only worker hook: texts the engine fails on, and an article whose claims cannot be stored.

Loaded into a real worker with `--include tests.poison_extraction` (see
tests/claims/test_batch_extraction.py). A text holding ENGINE_POISON makes the engine's rules raise;
an article holding STORE_POISON makes storing its claims raise after the first writes (rolled back).
"""

from celery.signals import worker_process_init

ENGINE_POISON = "ENGINE-POISON"
STORE_POISON = "STORE-POISON"


def poison(services) -> None:  # type: ignore[no-untyped-def]
    real_doc_claims, real_replace = services.doc_claims, services.claims_replace_for_article

    def doc_claims(doc, resolver):  # type: ignore[no-untyped-def]
        if ENGINE_POISON in doc.text:
            raise ValueError("the rules choked on this text")
        return real_doc_claims(doc, resolver)

    def replace(**arguments):  # type: ignore[no-untyped-def]
        created = real_replace(**arguments)
        if STORE_POISON in arguments["article"].text:
            raise ValueError("storing choked on this article")
        return created

    services.doc_claims, services.claims_replace_for_article = doc_claims, replace


@worker_process_init.connect
def poison_the_worker(**kwargs: object) -> None:
    from claims import services

    poison(services)
