"""The editor pages: permissions on every write, corrections, conflicts, history and revert, actors."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from claims.editing import claim_update
from claims.models import Actor, ActorAlias, ActorMerge, Claim, ClaimLink, ClaimRevision
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory, UserFactory

TEXT = "The minister said that the budget would pass. Critics doubted it."


@pytest.fixture
def claim() -> Claim:
    article = ArticleFactory(text=TEXT)
    start = TEXT.index("that the budget")
    return ClaimFactory(
        article=article,
        speaker=ActorFactory(name="Finance Minister"),
        content="that the budget would pass",
        content_start=start,
        content_end=start + len("that the budget would pass"),
    )


def correction(claim: Claim, **overrides: Any) -> dict[str, Any]:
    data = {
        "version": claim.version,
        "speaker_name": claim.speaker.name if claim.speaker else "",
        "speaker": claim.speaker_id or "",
        "speaker_start": claim.speaker_start if claim.speaker_start is not None else "",
        "speaker_end": claim.speaker_end if claim.speaker_end is not None else "",
        "cue_start": claim.cue_start,
        "cue_end": claim.cue_end,
        "content_start": claim.content_start,
        "content_end": claim.content_end,
        "stance": claim.stance,
        "kind": claim.kind,
        "via_name": "",
        "via": "",
        "note": "",
    }
    data.update(overrides)
    return data


def page_messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# Every write URL with a valid body for an editor: (name, url, data).
WriteCase = Callable[[Claim], tuple[str, dict[str, Any]]]


def _link(claim: Claim) -> ClaimLink:
    other = ClaimFactory(article=claim.article)
    return ClaimLink.objects.create(source=claim, target=other, relation="same", score=0.7)


def _revision(claim: Claim) -> ClaimRevision:
    return ClaimRevision.objects.create(claim=claim, action="update", changes={"stance": ["denies", "asserts"]})


WRITES: dict[str, WriteCase] = {
    "claim-edit": lambda c: (reverse("claim-edit", args=[c.pk]), correction(c, stance="doubts")),
    "claim-verify": lambda c: (reverse("claim-verify", args=[c.pk]), {"version": 1}),
    "claim-reject": lambda c: (reverse("claim-reject", args=[c.pk]), {"version": 1, "reason": "headline"}),
    "claim-note": lambda c: (reverse("claim-note", args=[c.pk]), {"note": "look again"}),
    "claim-revert": lambda c: (reverse("claim-revert", args=[c.pk, _revision(c).pk]), {"version": 1}),
    "claim-link-create": lambda c: (
        reverse("claim-link-create", args=[c.pk]),
        {"target": str(ClaimFactory(article=c.article).pk), "relation": "supports"},
    ),
    "claim-link-confirm": lambda c: (reverse("claim-link-confirm", args=[c.pk, _link(c).pk]), {}),
    "claim-link-dismiss": lambda c: (reverse("claim-link-dismiss", args=[c.pk, _link(c).pk]), {}),
    "actor-create": lambda c: (reverse("actor-create"), {"name": "Brand New Actor", "kind": "person"}),
    "actor-alias-add": lambda c: (reverse("actor-alias-add", args=[c.speaker_id]), {"name": "The Finance Chief"}),
    "actor-alias-remove": lambda c: (
        reverse(
            "actor-alias-remove",
            args=[
                c.speaker_id,
                ActorAlias.objects.create(actor=c.speaker, name="FinMin", normalized="finmin").pk,
            ],
        ),
        {},
    ),
    "actor-merge": lambda c: (
        reverse("actor-merge", args=[c.speaker_id]),
        {"into_name": ActorFactory(name="Merge Target").name},
    ),
}


def database_state() -> tuple[Any, ...]:
    return (
        list(Claim.objects.order_by("pk").values_list("pk", "version", "review_status", "speaker_id", "note")),
        list(ClaimLink.objects.order_by("pk").values_list("pk", "status")),
        list(ActorAlias.objects.order_by("pk").values_list("pk", "actor_id", "origin")),
        Actor.objects.filter(merged_into__isnull=False).count(),
        Actor.objects.count(),
        ActorMerge.objects.count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(WRITES))
@pytest.mark.parametrize("who", ["analyst", "anonymous", "inactive editor"])
def test_every_write_is_refused_to_non_editors(client, claim, name, who):
    if who == "analyst":
        client.force_login(UserFactory(role="analyst"))
    elif who == "inactive editor":
        user = UserFactory(role="editor")
        client.force_login(user)
        user.is_active = False
        user.save()
    url, data = WRITES[name](claim)
    revisions = ClaimRevision.objects.count()
    before = database_state()

    response = client.post(url, data)

    assert response.status_code == 403
    assert database_state() == before
    assert ClaimRevision.objects.count() == revisions


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(WRITES))
def test_every_write_works_for_an_editor(client, claim, editor, name):
    client.force_login(editor)
    url, data = WRITES[name](claim)
    before = database_state()

    response = client.post(url, data)

    assert response.status_code == 302, page_messages(response)
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert database_state() != before


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(WRITES) - {"claim-edit"}))
def test_writes_are_post_only(client, claim, editor, name):
    client.force_login(editor)
    url, _ = WRITES[name](claim)
    assert client.get(url).status_code == 405


@pytest.mark.django_db
def test_writes_need_the_csrf_token(claim, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    url, data = WRITES["claim-verify"](claim)

    assert client.post(url, data).status_code == 403
    claim.refresh_from_db()
    assert claim.review_status == Claim.ReviewStatus.UNREVIEWED


@pytest.mark.django_db
def test_edit_page_is_for_editors(client, claim, editor):
    url = reverse("claim-edit", args=[claim.pk])
    assert reverse("login") in client.get(url)["Location"]
    client.force_login(UserFactory(role="analyst"))
    assert client.get(url).status_code == 403
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="version" value="1"' in response.content.decode()


@pytest.mark.django_db
def test_editor_corrects_speaker_and_content_span_in_one_save(client, claim, editor):
    client.force_login(editor)
    new_speaker = ActorFactory(name="Prime Minister")
    start = TEXT.index("the budget")

    response = client.post(
        reverse("claim-edit", args=[claim.pk]),
        correction(claim, speaker_name="prime minister", speaker="", content_start=start, note="Checked the video"),
    )

    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.speaker == new_speaker
    assert claim.content == "the budget would pass"
    assert claim.review_status == Claim.ReviewStatus.CORRECTED
    revision = claim.revisions.get()
    assert revision.user == editor and revision.note == "Checked the video"
    assert set(revision.changes) == {"speaker", "content_start", "content", "review_status"}


@pytest.mark.django_db
def test_unknown_speaker_name_and_bad_span_are_shown_on_the_form(client, claim, editor):
    client.force_login(editor)
    url = reverse("claim-edit", args=[claim.pk])

    unknown = client.post(url, correction(claim, speaker_name="Nobody Known", speaker=""))
    outside = client.post(url, correction(claim, content_end=999))

    assert unknown.status_code == 400
    assert "No actor is called “Nobody Known”" in unknown.content.decode()
    assert outside.status_code == 400
    assert "falls outside the article" in outside.content.decode()
    claim.refresh_from_db()
    assert claim.version == 1


@pytest.mark.django_db
def test_second_editor_saving_a_stale_form_keeps_the_typed_values_beside_the_current_claim(client, claim, editor):
    first_choice = ActorFactory(name="First Choice")
    second_choice = ActorFactory(name="Second Choice")
    stale_form = correction(claim, speaker_name="Second Choice", speaker=second_choice.pk)
    # Another editor saves first, from a form opened at the same version.
    claim_update(claim=claim, user=UserFactory(role="editor"), expected_version=1, changes={"speaker": first_choice})
    client.force_login(editor)

    response = client.post(reverse("claim-edit", args=[claim.pk]), stale_form)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this claim" in page
    assert 'name="version" value="2"' in page
    assert 'value="Second Choice"' in page  # the form keeps what this editor typed
    assert "<td>First Choice</td><td>Second Choice</td>" in page  # beside the current value
    claim.refresh_from_db()
    assert claim.speaker == first_choice
    assert claim.revisions.count() == 1

    # Submitting again from the refreshed form applies the change on top of the other one.
    claim.refresh_from_db()
    retry = client.post(
        reverse("claim-edit", args=[claim.pk]), correction(claim, speaker_name="Second Choice", speaker="")
    )
    assert retry.status_code == 302
    claim.refresh_from_db()
    assert (claim.speaker, claim.version, claim.revisions.count()) == (second_choice, 3, 2)


@pytest.mark.django_db
def test_stale_verify_is_refused_with_a_message(client, claim, editor):
    claim_update(claim=claim, user=editor, expected_version=1, changes={"stance": "doubts"})
    client.force_login(editor)

    response = client.post(reverse("claim-verify", args=[claim.pk]), {"version": 1})

    assert response.status_code == 302
    assert any("changed by someone else" in m for m in page_messages(response))
    claim.refresh_from_db()
    assert claim.review_status == Claim.ReviewStatus.CORRECTED


@pytest.mark.django_db
def test_claim_page_shows_editor_tools_and_revert_buttons_only_to_editors(client, claim, editor):
    claim_update(claim=claim, user=editor, expected_version=1, changes={"stance": "doubts"})
    url = reverse("claim-detail", args=[claim.pk])
    revision = claim.revisions.get()

    client.force_login(UserFactory(role="analyst"))
    analyst_page = client.get(url).content.decode()
    client.force_login(editor)
    editor_page = client.get(url).content.decode()

    revert_url = reverse("claim-revert", args=[claim.pk, revision.pk])
    assert "doubts" in analyst_page and "data-editor-tools" not in analyst_page and revert_url not in analyst_page
    assert "data-editor-tools" in editor_page and revert_url in editor_page


@pytest.mark.django_db
def test_revert_button_restores_the_earlier_value(client, claim, editor):
    claim_update(claim=claim, user=editor, expected_version=1, changes={"stance": "doubts"})
    client.force_login(editor)

    response = client.post(
        reverse("claim-revert", args=[claim.pk, claim.revisions.get().pk]),
        {"version": 2, "next": reverse("claim-detail", args=[claim.pk])},
    )

    assert response["Location"] == reverse("claim-detail", args=[claim.pk])
    claim.refresh_from_db()
    assert claim.stance == "asserts" and claim.version == 3
    assert claim.revisions.first().action == "revert"


@pytest.mark.django_db
def test_redirects_only_to_this_site(client, claim, editor):
    client.force_login(editor)
    response = client.post(reverse("claim-note", args=[claim.pk]), {"note": "n", "next": "https://evil.example/"})
    assert response["Location"] == reverse("claim-edit", args=[claim.pk])


@pytest.mark.django_db
def test_actor_lookup_finds_actors_by_any_name(client, editor):
    kremlin = ActorFactory(name="Kremlin")
    ActorAlias.objects.create(actor=kremlin, name="Russian presidency", normalized="russian presidency")
    merged = ActorFactory(name="Kremlin Press Office", merged_into=kremlin)
    client.force_login(editor)

    by_alias = client.get(reverse("actor-lookup"), {"q": "presidency"}).json()["results"]
    by_name = client.get(reverse("actor-lookup"), {"q": "krem"}).json()["results"]

    assert by_alias == [{"id": kremlin.pk, "name": "Kremlin", "kind": "person"}]
    assert [a["id"] for a in by_name] == [kremlin.pk]
    assert merged.pk not in [a["id"] for a in by_name]


@pytest.mark.django_db
def test_alias_taken_by_another_actor_is_refused_with_a_clear_message(client, editor):
    ActorFactory(name="Dmitry Peskov")
    kremlin = ActorFactory(name="Kremlin")
    client.force_login(editor)

    response = client.post(reverse("actor-alias-add", args=[kremlin.pk]), {"name": "Dmitry Peskov"})

    assert any("already names Dmitry Peskov" in m for m in page_messages(response))
    assert kremlin.aliases.count() == 1


@pytest.mark.django_db
def test_merge_from_the_actor_page_moves_the_claims(client, claim, editor):
    duplicate = claim.speaker
    survivor = ActorFactory(name="Ministry of Finance")
    client.force_login(editor)
    assert "Edit names or merge" in client.get(reverse("actor-detail", args=[duplicate.pk])).content.decode()

    response = client.post(reverse("actor-merge", args=[duplicate.pk]), {"into_name": "ministry of finance"})

    assert response["Location"] == reverse("actor-edit", args=[survivor.pk])
    claim.refresh_from_db()
    assert claim.speaker == survivor
    page = client.get(response["Location"]).content.decode()
    assert "Finance Minister" in page  # the duplicate's name is now one of the survivor's names


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["claim-edit", "actor-edit", "actor-edit-new", "actor-lookup"])
def test_editor_pages_are_refused_to_analysts_and_send_anonymous_visitors_to_log_in(client, claim, name):
    args = {"claim-edit": [claim.pk], "actor-edit": [claim.speaker_id]}.get(name, [])
    url = reverse(name, args=args)

    anonymous = client.get(url)
    client.force_login(UserFactory(role="analyst"))
    analyst = client.get(url)

    if name == "actor-lookup":  # a JSON endpoint: no login page
        assert anonymous.status_code == 403
    else:
        assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    assert analyst.status_code == 403


def _queries_for(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["claim-edit", "claim-detail"])
def test_editor_pages_cost_the_same_queries_however_long_the_history(client, claim, editor, page):
    client.force_login(editor)
    url = reverse(page, args=[claim.pk])
    claim_update(claim=claim, user=editor, expected_version=1, changes={"stance": "doubts"})
    _link(claim)
    few = _queries_for(client, url)

    for version in range(2, 7):
        claim_update(
            claim=claim, user=editor, expected_version=version, changes={"stance": ["asserts", "denies"][version % 2]}
        )
        _link(claim)
        ClaimLink.objects.create(source=ClaimFactory(article=claim.article), target=claim, relation="contradicts")

    assert _queries_for(client, url) == few


def test_a_suggested_link_on_a_claim_page_offers_editors_its_settling_forms(editor, analyst) -> None:
    """The linked claim's row carries the link's standing, and for an editor the forms that settle
    it, posting back to this page (the row is rendered by its own tag: the user, the request and
    the CSRF token must reach it)."""
    link = ClaimLinkFactory(score=0.73)
    page = reverse("claim-detail", args=[link.source_id])
    client = Client()
    client.force_login(editor)
    html = client.get(page).content.decode()
    assert "Suggested · score 0.73" in html
    row = html[html.index('<li class="claim-row') :]
    for action, label in (("claim-link-confirm", "Confirm"), ("claim-link-dismiss", "Dismiss")):
        url = reverse(action, args=[link.source_id, link.pk])
        form = re.search(rf'<form method="post" action="{url}".*?</form>', row)
        assert form and f'aria-label="{label} this suggested link"' in form.group(), action
        assert 'name="csrfmiddlewaretoken" value="' in form.group()
        assert f'name="next" value="{page}"' in form.group()

    client.force_login(analyst)
    html = client.get(page).content.decode()
    assert "Suggested · score 0.73" in html
    assert "this suggested link" not in html
