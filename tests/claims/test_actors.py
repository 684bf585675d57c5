"""Canonical actors: name keys, learned aliases, merges and the seed list."""

import json

import pytest
from django.core.management import call_command

from claims.extraction import ExtractedClaim, normalize_name
from claims.models import Actor, ActorAlias, ActorMerge, Claim, ClaimEntity, Origin
from claims.services import (
    ActorMergeError,
    SeedActor,
    actor_fold_into,
    actor_resolve,
    actors_seed,
    claims_replace_for_article,
)
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("The Kremlin", "kremlin"),
        ("the Kremlin's", "kremlin"),
        ("KREMLIN", "kremlin"),
        ("Russia’s", "russia"),
        ("Maroš Šefčovič", "maros sefcovic"),
        ("  Volodymyr   Zelensky ", "volodymyr zelensky"),
    ],
)
def test_spellings_of_one_name_share_a_key(written, key):
    assert normalize_name(written) == key


@pytest.mark.django_db
def test_names_the_article_gives_a_speaker_become_aliases_without_moving_existing_ones():
    zelensky = ActorFactory(name="Volodymyr Zelensky")
    other = ActorFactory(name="Someone Else")
    ActorAlias.objects.create(actor=other, name="the president", normalized="president", origin=Origin.EDITOR)
    text = "Volodymyr Zelensky, the president of Ukraine, said that the talks would go on."
    article = ArticleFactory(text=text)
    extracted = ExtractedClaim(
        speaker="Volodymyr Zelensky",
        speaker_mention="Volodymyr Zelensky",
        speaker_start=0,
        speaker_end=18,
        cue="said",
        cue_start=46,
        cue_end=50,
        content="the talks would go on",
        content_start=56,
        content_end=77,
        sentence_start=0,
        sentence_end=len(text),
        speaker_aliases=("the president of Ukraine", "the president"),
    )
    claims_replace_for_article(article=article, extracted=[extracted], extractor_version="t")

    assert actor_resolve(name="President of Ukraine") == zelensky
    # The editor's alias still names the actor the editor chose.
    assert ActorAlias.objects.get(normalized="president").actor == other


@pytest.mark.django_db
def test_merge_moves_claims_entities_and_aliases_and_leaves_a_record(django_user_model):
    editor = django_user_model.objects.create_user("editor")
    kremlin = ActorFactory(name="Kremlin")
    presidency = ActorFactory(name="Russian presidency")
    spoken = ClaimFactory(speaker=presidency)
    relayed = ClaimFactory(via=presidency)
    mention = ClaimFactory()
    ClaimEntity.objects.create(claim=mention, actor=presidency, text="the presidency", label="ORG", start=0, end=4)

    record = actor_fold_into(source=presidency, into=kremlin, user=editor)

    assert set(Claim.objects.by_actor(kremlin)) == {spoken}
    assert Claim.objects.get(pk=relayed.pk).via == kremlin
    assert list(Claim.objects.about(kremlin)) == [mention]
    assert actor_resolve(name="the Russian presidency") == kremlin
    presidency.refresh_from_db()
    assert presidency.merged_into == kremlin
    assert (record.merged_name, record.merged_actor_id, record.moved_claims, record.moved_aliases, record.user) == (
        "Russian presidency",
        presidency.pk,
        2,
        1,
        editor,
    )


@pytest.mark.django_db
def test_merge_is_all_or_nothing(monkeypatch):
    kremlin, presidency = ActorFactory(name="Kremlin"), ActorFactory(name="Russian presidency")
    claim = ClaimFactory(speaker=presidency)

    def fail(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ActorMerge.objects, "create", fail)
    with pytest.raises(RuntimeError):
        actor_fold_into(source=presidency, into=kremlin)

    assert Claim.objects.get(pk=claim.pk).speaker == presidency
    assert ActorAlias.objects.get(normalized="russian presidency").actor == presidency
    assert Actor.objects.get(pk=presidency.pk).merged_into is None


@pytest.mark.django_db
def test_merge_refuses_itself_and_actors_already_merged():
    a, b, c = ActorFactory(), ActorFactory(), ActorFactory()
    with pytest.raises(ActorMergeError) as same:
        actor_fold_into(source=a, into=a)
    assert same.value.code == "merge_self"
    actor_fold_into(source=a, into=b)
    with pytest.raises(ActorMergeError) as again:
        actor_fold_into(source=a, into=c)
    assert (again.value.code, again.value.field) == ("actor_merged", "source")
    with pytest.raises(ActorMergeError) as into_merged:
        actor_fold_into(source=c, into=a)
    assert (into_merged.value.code, into_merged.value.field) == ("actor_merged", "into")


@pytest.mark.django_db
def test_seed_list_adds_actors_and_aliases_but_never_moves_an_editors_alias():
    moscow_city = ActorFactory(name="Moscow City Council")
    ActorAlias.objects.create(actor=moscow_city, name="Moscow", normalized="moscow", origin=Origin.EDITOR)
    found_earlier = actor_resolve(name="the Kremlin")  # an actor extraction made, kind unknown
    entries = [
        SeedActor(name="Russia", kind="country", aliases=("Russian Federation", "Moscow")),
        SeedActor(name="Kremlin", kind="government", aliases=("Russian presidency",)),
    ]

    first = actors_seed(entries=entries)
    again = actors_seed(entries=entries)

    russia = actor_resolve(name="Russian Federation")
    assert russia.name == "Russia" and russia.kind == "country"
    assert ActorAlias.objects.get(normalized="moscow").actor == moscow_city
    assert actor_resolve(name="Russian presidency") == found_earlier
    assert Actor.objects.get(pk=found_earlier.pk).kind == "government"
    assert (first.actors_created, first.aliases_created) == (1, 2)
    assert (again.actors_created, again.aliases_created) == (0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("wrapped", [False, True])
def test_seed_actors_command_loads_a_json_list(tmp_path, wrapped, capsys):
    entries = [{"name": "United States", "kind": "country", "aliases": ["US", "Washington"]}]
    path = tmp_path / "actors.json"
    path.write_text(json.dumps({"_comment": "seed", "actors": entries} if wrapped else entries))

    call_command("seed_actors", file=path)

    assert actor_resolve(name="Washington").name == "United States"
    assert "1 actors and 2 aliases created" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_engines_seed_list_loads_and_its_aliases_resolve(capsys):
    from claims.management.commands.seed_actors import DEFAULT_FILE, read_seed_file

    entries = read_seed_file(DEFAULT_FILE)
    call_command("seed_actors")

    assert entries and Actor.objects.exists()
    # A name listed twice (as one actor's alias and another's name) keeps its first owner.
    canonical = sum(actor_resolve(name=e.name).name == e.name for e in entries)
    assert canonical >= 0.9 * len(entries)
    resolved_aliases = [actor_resolve(name=alias).name == e.name for e in entries for alias in e.aliases]
    assert sum(resolved_aliases) >= 0.9 * len(resolved_aliases)
