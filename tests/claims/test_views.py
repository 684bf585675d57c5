"""The analyst pages on claims, actors and stories: filters, search, exports, relations, query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from claims.models import Actor, Claim, ClaimEntity, ClaimLink, ClaimRevision, Story
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    ClaimFactory,
    ClaimLinkFactory,
    OutletFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}  # what htmx sends with the requests it makes


def said(speaker: Actor, content: str, *, published: dt.date | None = None, **fields: object) -> Claim:
    """A claim `<speaker> said that <content>.` in its own article, offsets matching the text."""
    text = f"{speaker.name} said {content}."
    article_fields = {"text": text}
    if published:
        article_fields["published_at"] = dt.datetime.combine(published, dt.time(12), tzinfo=dt.UTC)
    if "outlet" in fields:
        article_fields["outlet"] = fields.pop("outlet")
    article = ArticleFactory(**article_fields)
    start = len(speaker.name) + 6
    return ClaimFactory(
        article=article,
        speaker=speaker,
        speaker_mention=speaker.name,
        speaker_start=0,
        speaker_end=len(speaker.name),
        cue="said",
        cue_start=len(speaker.name) + 1,
        cue_end=len(speaker.name) + 5,
        content=content,
        content_start=start,
        content_end=start + len(content),
        sentence_start=0,
        sentence_end=len(text),
        **fields,
    )


def listed_ids(response) -> list[int]:  # type: ignore[no-untyped-def]
    return [claim.pk for claim in response.context["page"].object_list]


def test_claim_list_filters_by_speaker_stance_and_outlet(client: Client) -> None:
    putin, zelensky = ActorFactory(name="Vladimir Putin"), ActorFactory(name="Volodymyr Zelensky")
    bbc = OutletFactory(name="BBC")
    threat = said(putin, "Russia will respond", stance=Claim.Stance.THREATENS, outlet=bbc)
    said(putin, "the drones were shot down", outlet=bbc)
    said(zelensky, "Ukraine did not attack Moscow", stance=Claim.Stance.DENIES)

    response = client.get(reverse("claim-list"), {"speaker": putin.pk, "stance": "threatens"})
    assert listed_ids(response) == [threat.pk]
    assert response.context["page"].paginator.count == 1

    response = client.get(reverse("claim-list"), {"outlet": bbc.pk})
    assert len(listed_ids(response)) == 2
    response = client.get(reverse("claim-list"), {"stance": ["threatens", "denies"]})
    assert len(listed_ids(response)) == 2


def test_claim_list_about_filter_selects_claims_naming_an_actor(client: Client) -> None:
    putin, kyiv = ActorFactory(name="Vladimir Putin"), ActorFactory(name="Ukraine")
    about_ukraine = said(putin, "Ukraine attacked the Kremlin")
    ClaimEntity.objects.create(claim=about_ukraine, actor=kyiv, text="Ukraine", label="GPE", start=0, end=7)
    said(putin, "the defences worked")

    response = client.get(reverse("claim-list"), {"speaker": putin.pk, "about": kyiv.pk})
    assert listed_ids(response) == [about_ukraine.pk]
    assert f'<option value="{kyiv.pk}" selected>Ukraine</option>' in response.content.decode()


def test_claim_list_search_highlights_the_matching_words_and_escapes_the_rest(client: Client) -> None:
    speaker = ActorFactory(name="Officials")
    hit = said(speaker, "<b>two drones</b> were neutralised")
    said(speaker, "the budget would pass")

    response = client.get(reverse("claim-list"), {"q": "drone"})
    assert listed_ids(response) == [hit.pk]
    html = response.content.decode()
    assert "&lt;b&gt;two <mark>drones</mark>&lt;/b&gt; were neutralised" in html
    assert "<b>two" not in html
    assert response.context["selection"].sort == "relevance"


def test_claim_list_hides_rejected_claims_unless_the_review_filter_asks(client: Client) -> None:
    speaker = ActorFactory()
    kept = said(speaker, "kept claim")
    rejected = said(speaker, "rejected claim", review_status=Claim.ReviewStatus.REJECTED)

    assert listed_ids(client.get(reverse("claim-list"))) == [kept.pk]
    assert listed_ids(client.get(reverse("claim-list"), {"review_status": "rejected"})) == [rejected.pk]


def test_claim_list_published_date_range_includes_both_end_days(client: Client) -> None:
    speaker = ActorFactory()
    said(speaker, "too early", published=dt.date(2023, 5, 1))
    first = said(speaker, "first day", published=dt.date(2023, 5, 2))
    last = said(speaker, "last day", published=dt.date(2023, 5, 4))
    said(speaker, "too late", published=dt.date(2023, 5, 5))

    response = client.get(reverse("claim-list"), {"published_from": "2023-05-02", "published_to": "2023-05-04"})
    assert set(listed_ids(response)) == {first.pk, last.pk}
    # Newest article first by default.
    assert listed_ids(response) == [last.pk, first.pk]
    assert listed_ids(
        client.get(
            reverse("claim-list"), {"published_from": "2023-05-02", "published_to": "2023-05-04", "sort": "oldest"}
        )
    ) == [first.pk, last.pk]


def test_claim_list_paginates_and_counts_the_whole_selection(client: Client) -> None:
    speaker = ActorFactory()
    ClaimFactory.create_batch(55, speaker=speaker)

    response = client.get(reverse("claim-list"), {"speaker": speaker.pk, "page": 2})
    assert response.context["page"].paginator.count == 55
    assert len(listed_ids(response)) == 5
    html = response.content.decode()
    assert "55 claims" in html
    # Page links keep the filters, so a shared link shows the same selection.
    assert f"?speaker={speaker.pk}&amp;page=1" in html


def test_claim_list_keeps_filters_the_form_has_no_control_for(client: Client) -> None:
    claim = ClaimFactory()
    ClaimFactory()
    response = client.get(reverse("claim-list"), {"article": claim.article_id})
    assert listed_ids(response) == [claim.pk]
    assert f'<input type="hidden" name="article" value="{claim.article_id}">' in response.content.decode()


def test_csv_export_streams_the_same_selection_as_the_list(client: Client, django_user_model) -> None:  # type: ignore[no-untyped-def]
    client.force_login(django_user_model.objects.create_user("reader"))
    putin, other = ActorFactory(name="Vladimir Putin"), ActorFactory(name="Someone")
    said(putin, '=HYPERLINK("http://evil") drones, "quoted"', stance=Claim.Stance.DENIES)
    said(putin, "nothing about that")
    said(other, "drones everywhere")

    response = client.get(reverse("claim-export-csv"), {"speaker": putin.pk, "q": "drones"})
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 1
    assert rows[0]["speaker"] == "Vladimir Putin"
    assert rows[0]["stance"] == "denies"
    # A cell a spreadsheet would run as a formula is kept as text.
    assert rows[0]["content"] == '\'=HYPERLINK("http://evil") drones, "quoted"'


def test_json_export_is_one_valid_array_of_the_selection(client: Client, django_user_model) -> None:  # type: ignore[no-untyped-def]
    client.force_login(django_user_model.objects.create_user("reader"))
    speaker = ActorFactory(name="Ukraine")
    claims = [said(speaker, f"claim number {n}") for n in range(3)]
    said(ActorFactory(), "another speaker")

    response = client.get(reverse("claim-export-json"), {"speaker": speaker.pk, "sort": "oldest"})
    assert response.streaming
    data = json.loads(b"".join(response.streaming_content))
    assert [row["id"] for row in data] == sorted(c.pk for c in claims)
    assert data[0]["content"] == "claim number 0"
    assert data[0]["speaker"] == "Ukraine"

    empty = client.get(reverse("claim-export-json"), {"q": "nothing matches this"})
    assert json.loads(b"".join(empty.streaming_content)) == []


def test_claim_page_shows_context_relations_both_ways_story_and_history(client: Client, django_user_model) -> None:  # type: ignore[no-untyped-def]
    story = StoryFactory(title="Kremlin drones")
    claim = said(ActorFactory(name="Kremlin"), "two drones were shot down", story=story)
    sibling = said(ActorFactory(name="Officials"), "Putin was not there", story=story)
    against = said(ActorFactory(name="Ukraine"), "we did not attack")
    backing = said(ActorFactory(name="Moscow mayor"), "drones fell on the Kremlin")
    dismissed = said(ActorFactory(name="Nobody"), "dismissed suggestion")
    ClaimLinkFactory(source=against, target=claim)  # incoming
    ClaimLinkFactory(source=claim, target=backing, relation=ClaimLink.Relation.SUPPORTS)  # outgoing
    ClaimLinkFactory(source=dismissed, target=claim, status=ClaimLink.Status.DISMISSED)
    editor = django_user_model.objects.create_user("editor")
    ClaimRevision.objects.create(claim=claim, user=editor, action="correct", changes={"stance": ["asserts", "denies"]})

    response = client.get(reverse("claim-detail", args=[claim.pk]))
    relations = response.context["relations"]
    assert [linked.other.pk for linked in relations.contradicting] == [against.pk]
    assert [linked.other.pk for linked in relations.supporting] == [backing.pk]
    assert [c.pk for c in response.context["siblings"]] == [sibling.pk]
    html = response.content.decode()
    assert '<mark class="ctx-content">two drones were shot down</mark>' in html
    assert '<span class="ctx-cue">said</span>' in html
    assert '<span class="ctx-speaker">Kremlin</span>' in html
    assert "dismissed suggestion" not in html
    assert "<code>stance</code>" in html and "editor" in html
    assert "data-editor-tools" not in html  # only editors get the tools: tests/claims/test_editor_views.py


@pytest.mark.parametrize("name", ["claim-detail", "actor-detail", "story-detail", "article-detail"])
def test_detail_pages_answer_404_for_unknown_ids(client: Client, name: str) -> None:
    response = client.get(reverse(name, args=[999_999]))
    assert response.status_code == 404
    assert "Search the claims" in response.content.decode()


def test_actor_search_finds_misspelled_names_and_aliases(client: Client) -> None:
    zelensky = ActorFactory(name="Volodymyr Zelensky")
    zelensky.aliases.create(name="Zelenskyy", normalized="zelenskyy")
    ActorFactory(name="Vladimir Putin")

    for query in ["zelenski", "Zelenskyy", "volodymyr"]:
        found = [actor.pk for actor in client.get(reverse("actor-list"), {"q": query}).context["page"].object_list]
        assert found == [zelensky.pk], query


def test_actor_page_counts_whom_they_talk_about_and_who_contradicts_them(client: Client) -> None:
    putin, kyiv, us = ActorFactory(name="Putin"), ActorFactory(name="Ukraine"), ActorFactory(name="The US")
    first, second = said(putin, "Ukraine attacked"), said(putin, "Ukraine will pay")
    for claim in (first, second):
        ClaimEntity.objects.create(claim=claim, actor=kyiv, text="Ukraine", label="GPE", start=0, end=7)
    ClaimLinkFactory(source=said(kyiv, "we did not attack"), target=first)
    ClaimLinkFactory(source=second, target=said(us, "no evidence of that"))

    response = client.get(reverse("actor-detail", args=[putin.pk]))
    assert response.context["said_about"] == [{"actor_id": kyiv.pk, "actor__name": "Ukraine", "claims": 2}]
    assert {row["name"]: row["count"] for row in response.context["contradictors"]} == {"Ukraine": 1, "The US": 1}
    assert f"?speaker={putin.pk}&amp;about={kyiv.pk}" in response.content.decode()
    timeline = response.context["timeline"]
    assert (timeline.dated, timeline.undated) == (0, 2)  # undated articles: counted apart, not at their load date


def test_actor_page_lists_the_contradictors_with_the_most_links_and_says_the_list_is_cut(client: Client) -> None:
    from claims.views import CONTRADICTORS_SHOWN

    putin = ActorFactory(name="Putin")
    accusation = said(putin, "Ukraine attacked")
    others = [ActorFactory(name=f"Critic {n:02}") for n in range(CONTRADICTORS_SHOWN + 2)]
    for n, other in enumerate(others):
        for time in range(2 if n == len(others) - 1 else 1):  # the last one twice: it comes first
            ClaimLinkFactory(source=said(other, f"we did not attack ({n}, {time})"), target=accusation)

    page = client.get(reverse("actor-detail", args=[putin.pk]))
    rows = page.context["contradictors"]
    assert len(rows) == CONTRADICTORS_SHOWN and page.context["more_contradictors"]
    assert rows[0]["name"] == others[-1].name and rows[0]["count"] == 2
    assert [row["name"] for row in rows[1:]] == sorted(other.name for other in others[:-1])[: CONTRADICTORS_SHOWN - 1]
    assert f"The {CONTRADICTORS_SHOWN} with the most links." in page.content.decode()

    lone = said(ActorFactory(name="Kremlin"), "it was staged")
    ClaimLinkFactory(source=said(others[0], "it was not"), target=lone)
    page = client.get(reverse("actor-detail", args=[lone.speaker_id]))
    assert len(page.context["contradictors"]) == 1 and not page.context["more_contradictors"]
    assert "with the most links" not in page.content.decode()


def test_story_page_sets_each_speaker_beside_the_others_and_marks_contradictions(client: Client) -> None:
    story = StoryFactory()
    kremlin, kyiv = ActorFactory(name="Kremlin"), ActorFactory(name="Kyiv")
    attack = said(kremlin, "Ukraine attacked", story=story)
    said(kremlin, "we will respond", story=story)
    denial = said(kyiv, "we did not attack", story=story)
    ClaimLinkFactory(source=denial, target=attack)

    response = client.get(reverse("story-detail", args=[story.pk]), {"speakers": 1})
    detail = response.context["detail"]
    assert [side.actor.name for side in detail.actors] == ["Kremlin", "Kyiv"]
    assert response.context["contested"] == {"confirmed": 0, "suggested": 2}
    html = response.content.decode()
    denial_row = html.split(f'href="/claims/{denial.pk}/">we did not attack', 1)[1].split("</li>", 1)[0]
    assert f'Contradicts <a href="/claims/{attack.pk}/">Kremlin: Ukraine attacked</a>' in denial_row
    attack_row = html.split(f'href="/claims/{attack.pk}/">Ukraine attacked', 1)[1].split("</li>", 1)[0]
    assert f'Contradicted by <a href="/claims/{denial.pk}/">Kyiv: we did not attack</a>' in attack_row
    assert "Suggested" in attack_row  # a machine link until an editor confirms it


def test_a_suggested_link_shown_at_both_ends_offers_its_buttons_once(client: Client, editor) -> None:  # type: ignore[no-untyped-def]
    """In the debate both ends of a link are on the page: Confirm and Dismiss sit with its source,
    the claim that makes it; its target shows the link's standing only."""
    from claims.selectors.stories import STORY_CLAIMS_PER_SPEAKER

    story = StoryFactory()
    kyiv = ActorFactory(name="Kyiv")
    attack = said(ActorFactory(name="Kremlin"), "Ukraine attacked", story=story, published=dt.date(2024, 5, 1))
    denial = said(kyiv, "we did not attack", story=story, stance="denies", published=dt.date(2024, 5, 2))
    for n in range(STORY_CLAIMS_PER_SPEAKER):  # later, so the denial is not among Kyiv's latest
        said(kyiv, f"later {n}", story=story, published=dt.date(2024, 5, 3 + n))
    link = ClaimLinkFactory(source=denial, target=attack)
    confirm = f'action="{reverse("claim-link-confirm", args=[denial.pk, link.pk])}"'
    client.force_login(editor)

    debate = client.get(reverse("story-detail", args=[story.pk])).content.decode()
    assert debate.count(confirm) == 1
    denial_row = debate.split(f'href="/claims/{denial.pk}/">we did not attack', 1)[1].split("</li>", 1)[0]
    assert confirm in denial_row
    attack_row = debate.split(f'href="/claims/{attack.pk}/">Ukraine attacked', 1)[1].split("</li>", 1)[0]
    assert "Suggested" in attack_row and confirm not in attack_row
    # Where the source is not shown (by speaker, Kyiv's latest claims are others), the target has them.
    by_speaker = client.get(reverse("story-speakers", args=[story.pk]), headers=HTMX).content.decode()
    assert f'href="/claims/{denial.pk}/"' not in by_speaker.split("Contradicted by", 1)[0]
    assert by_speaker.count(confirm) == 1


def test_reading_needs_a_login_only_when_the_setting_says_so(client: Client, settings, django_user_model) -> None:  # type: ignore[no-untyped-def]
    claim = ClaimFactory(story=StoryFactory())
    pages = [
        reverse("dashboard"),
        reverse("claim-list"),
        reverse("claim-detail", args=[claim.pk]),
        reverse("story-speakers", args=[claim.story_id]),  # a part of a page: a direct visit goes to the page
    ]
    settings.UI_LOGIN_REQUIRED = False
    assert all(client.get(page, headers=HTMX).status_code == 200 for page in pages)

    settings.UI_LOGIN_REQUIRED = True
    for page in pages:
        response = client.get(page, headers=HTMX)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), page
    client.force_login(django_user_model.objects.create_user("analyst"))
    assert all(client.get(page, headers=HTMX).status_code == 200 for page in pages)


def rows_of_everything(count: int) -> None:
    """`count` claims, each with its own article, outlet, speaker, story, entity and links: all a row can show."""
    for _ in range(count):
        claim = said(
            ActorFactory(), "drones were seen", story=StoryFactory(), via=ActorFactory(), outlet=OutletFactory()
        )
        ClaimEntity.objects.create(claim=claim, actor=ActorFactory(), text="x", label="GPE", start=0, end=1)
        ClaimLinkFactory(source=claim, target=ClaimFactory())


LIST_PAGES = [
    # page, query string, queries: counting, rows and (for claims) the outlet choices; the speaker
    # and story are name fields (no choices read), resolved with one query each when the form sends them
    ("dashboard", {}, 10),  # 7, and one each for claims per day, the stance mix, who contradicts whom
    ("claim-list", {}, 3),
    # and the speakers the search words name (claims.filters.speakers_named)
    ("claim-list", {"q": "drones", "stance": "asserts"}, 4),
    # a phrase names no speaker; its page is read by the phrase walk (claims.selectors._phrase_pages)
    ("claim-list", {"q": '"drones were"', "sort": "newest"}, 3),
    # the story's title resolved, then the story read by its filter
    ("claim-list", {"speaker_name": "", "speaker": "", "story_title": "{story}", "story": ""}, 5),
    ("actor-list", {}, 3),
    ("actor-list", {"q": "actor"}, 3),
    ("story-list", {}, 2),
]


@pytest.mark.parametrize(("name", "params", "queries"), LIST_PAGES)
@pytest.mark.parametrize("rows", [3, 30])
def test_list_pages_run_a_fixed_number_of_queries(
    client: Client,
    django_assert_num_queries,
    name: str,
    params: dict[str, str],
    queries: int,
    rows: int,  # type: ignore[no-untyped-def]
) -> None:
    rows_of_everything(rows)
    first_story = Story.objects.order_by("id").first()
    assert first_story is not None
    params = {key: value.format(story=first_story.title) for key, value in params.items()}
    cache.clear()
    with django_assert_num_queries(queries):
        response = client.get(reverse(name), params)
    assert response.status_code == 200
    if "story_title" in params:
        assert len(response.context["page"].object_list) == 1
    elif "page" in response.context:
        assert len(response.context["page"].object_list) >= 3


def test_bad_filter_values_are_reported_and_ignored_not_an_error_page(client: Client) -> None:
    claim = ClaimFactory()
    response = client.get(reverse("claim-list"), {"speaker": "abc", "stance": "shouts", "page": "x", "sort": "nope"})
    assert response.status_code == 200
    assert listed_ids(response) == [claim.pk]
    assert set(response.context["form"].errors) == {"speaker", "stance"}
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("name", ["claim-export-csv", "claim-export-json"])
def test_exports_follow_the_apis_read_rule(client: Client, settings, django_user_model, name) -> None:  # type: ignore[no-untyped-def]
    """Before: anonymous visitors downloaded every claim while the API answered them 401."""
    said(ActorFactory(name="Kyiv"), "the bridge is closed")
    settings.UI_LOGIN_REQUIRED = False

    settings.API_ANONYMOUS_READ = False
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    page = client.get(reverse("claim-list")).content.decode()
    assert reverse(name) not in page and "to export" in page

    settings.API_ANONYMOUS_READ = True
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "the bridge is closed" in b"".join(response.streaming_content).decode("utf-8-sig")

    settings.API_ANONYMOUS_READ = False
    client.force_login(django_user_model.objects.create_user("reader"))
    assert client.get(reverse(name)).status_code == 200
    assert reverse(name) in client.get(reverse("claim-list")).content.decode()


def test_a_big_story_pages_its_speakers_and_propositions_and_counts_all_its_claims(client: Client) -> None:
    from claims.selectors.stories import (
        STORY_CLAIMS_PER_SPEAKER,
        STORY_PROPOSITIONS_PER_PAGE,
        STORY_SPEAKERS_PER_PAGE,
    )

    story = StoryFactory()
    chatty = ActorFactory(name="Aaa Chatty")
    said_by_chatty = [
        said(chatty, f"claim {n}", story=story, published=dt.date(2024, 5, 1 + n))
        for n in range(max(STORY_CLAIMS_PER_SPEAKER, STORY_PROPOSITIONS_PER_PAGE) + 2)
    ]
    undated = said(chatty, "undated", story=story)  # never among the latest
    others = [ActorFactory(name=f"Speaker {n:02}") for n in range(STORY_SPEAKERS_PER_PAGE + 1)]
    answers = [said(actor, "no", story=story, stance="denies") for actor in others]
    pairs = list(zip(said_by_chatty, answers, strict=False))
    for claim, answer in pairs:  # one proposition each
        ClaimLinkFactory(source=answer, target=claim, relation=ClaimLink.Relation.CONTRADICTS)
    total = len(said_by_chatty) + 1 + len(answers)

    first = client.get(reverse("story-detail", args=[story.pk]))
    detail = first.context["detail"]
    assert detail.claim_count == total and detail.speaker_count == len(others) + 1
    assert first.context["stances"].total == total and first.context["per_day"].undated == len(answers) + 1
    assert len(detail.propositions) == STORY_PROPOSITIONS_PER_PAGE
    # The page opens on the debate; the speakers' section is loaded when opened, or by its link.
    html = first.content.decode()
    assert detail.speakers_deferred and detail.actors == []
    assert f'hx-get="{reverse("story-speakers", args=[story.pk])}"' in html
    assert f'<a href="?speakers=1#speakers">Show the {len(others) + 1} speakers' in html

    speakers = client.get(reverse("story-speakers", args=[story.pk]), headers=HTMX)
    detail = speakers.context["detail"]
    assert [side.actor.name for side in detail.actors][:2] == ["Aaa Chatty", "Speaker 00"]
    assert len(detail.actors) == STORY_SPEAKERS_PER_PAGE and detail.propositions == []
    chatty_side = detail.actors[0]
    shown = [item.claim.pk for item in chatty_side.claims]
    assert shown == [claim.pk for claim in said_by_chatty[-STORY_CLAIMS_PER_SPEAKER:]]  # the latest, in order
    fragment = speakers.content.decode()
    assert undated.pk not in shown
    assert f"All {len(said_by_chatty) + 1} claims by Aaa Chatty in this story" in fragment
    assert f"?story={story.pk}&amp;speaker={chatty.pk}" in fragment
    assert 'href="?speakers=2#speakers"' in fragment  # relative to the story page it is loaded into
    assert "<html" not in fragment and "data-proposition" not in fragment
    # Visited directly, the fragment is the story page with the section open.
    direct = client.get(reverse("story-speakers", args=[story.pk]), {"links": "confirmed"})
    assert direct.status_code == 302
    assert direct["Location"] == f"{reverse('story-detail', args=[story.pk])}?links=confirmed&speakers=1#speakers"
    # Without scripts, the link shows the same section open on the page.
    opened = client.get(reverse("story-detail", args=[story.pk]), {"speakers": 1})
    assert [side.actor.pk for side in opened.context["detail"].actors] == [side.actor.pk for side in detail.actors]
    assert '<details class="by-speaker" id="speakers" open>' in opened.content.decode()
    assert first.context["contested"] == {"confirmed": 0, "suggested": 2 * len(pairs)}
    # The claim on the other end of a shown claim's link is named, though it is on no page of its own here.
    assert f'Contradicted by <a href="/claims/{answers[0].pk}/">Speaker 00: no</a>' in html

    second = client.get(reverse("story-detail", args=[story.pk]), {"speakers": 2, "debate": 2})
    detail = second.context["detail"]
    assert [side.actor.name for side in detail.actors] == ["Speaker 09", "Speaker 10"]
    assert len(detail.propositions) == len(pairs) - STORY_PROPOSITIONS_PER_PAGE > 0
    assert detail.claim_count == total


def test_a_search_with_too_many_matches_to_rank_is_shown_newest_first_and_says_so(client: Client, monkeypatch) -> None:
    speaker = ActorFactory(name="Officials")
    older = said(speaker, "drones drones drones were seen", published=dt.date(2024, 1, 1))
    newer = said(speaker, "a drone was seen", published=dt.date(2024, 2, 1))

    ranked = client.get(reverse("claim-list"), {"q": "drone"})
    assert listed_ids(ranked) == [older.pk, newer.pk]  # best match first: the word three times
    assert not ranked.context["selection"].unranked and "data-unranked" not in ranked.content.decode()

    monkeypatch.setattr("claims.selectors.claim_lists.RANKED_MATCHES_MAX", 1)
    broad = client.get(reverse("claim-list"), {"q": "drone"})
    assert listed_ids(broad) == [newer.pk, older.pk]
    assert broad.context["selection"].unranked and broad.context["selection"].sort == "newest"
    assert "Too many matches to rank by best match" in broad.content.decode()


def test_untitled_articles_are_named_by_their_lead_in_one_query_for_the_whole_list(client: Client) -> None:
    """Before: a list deferred the articles' text, and each untitled one read its whole text back."""
    speaker = ActorFactory(name="Kremlin")

    def list_queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("claim-list")).content.decode()
        return len(queries), page

    said(speaker, "drones were seen")
    Article.objects.update(title="")
    few, _ = list_queries()
    for n in range(5):
        said(speaker, f"drones were seen again {n}")
    Article.objects.update(title="")
    many, page = list_queries()
    assert many == few
    assert "Kremlin said drones were seen again 4." in page  # the text's start stands in for the title


@pytest.mark.parametrize(
    "page", ["dashboard", "claim-list", "article-list", "story-detail", "actor-detail", "claim-detail"]
)
def test_pages_listing_articles_leave_their_near_duplicate_signature_in_the_database(client: Client, page: str) -> None:
    """Each article carries 160 numbers for near-duplicate checks; no page shows them."""
    claim = said(ActorFactory(name="Kremlin"), "drones were seen", story=StoryFactory())
    Article.objects.update(minhash=list(range(128)), minhash_bands=list(range(32)))
    url = {
        "story-detail": reverse("story-detail", args=[claim.story_id]),
        "actor-detail": reverse("actor-detail", args=[claim.speaker_id]),
        "claim-detail": reverse("claim-detail", args=[claim.pk]),
    }.get(page) or reverse(page)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert not [query["sql"] for query in queries if "minhash" in query["sql"]]
