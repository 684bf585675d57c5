import factory
from django.utils import timezone

from articles.models import Article, Outlet
from articles.text import text_fingerprint
from claims.extraction import normalize_name
from claims.models import Actor, ActorAlias, Claim, ClaimEntity, ClaimLink, Story


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Outlet {n}")
    domain = factory.Sequence(lambda n: f"outlet{n}.example")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    text = factory.Sequence(lambda n: f"The minister said that the budget {n} would pass.")
    text_hash = factory.LazyAttribute(lambda a: text_fingerprint(a.text))
    status = Article.Status.DONE


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Actor {n}")
    kind = Actor.Kind.PERSON

    @factory.post_generation
    def alias(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            ActorAlias.objects.get_or_create(
                normalized=normalize_name(self.name), defaults={"actor": self, "name": self.name}
            )


class ClaimFactory(factory.django.DjangoModelFactory):
    """A claim whose spans point into its article's text ("the budget N would pass")."""

    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    speaker = factory.SubFactory(ActorFactory)
    speaker_mention = "The minister"
    speaker_start = 0
    speaker_end = 12
    cue = "said"
    cue_start = 13
    cue_end = 17
    content = factory.LazyAttribute(lambda c: c.article.text[18:].rstrip("."))
    content_start = 18
    content_end = factory.LazyAttribute(lambda c: 18 + len(c.content))
    sentence_start = 0
    sentence_end = factory.LazyAttribute(lambda c: len(c.article.text))


def claim_at(
    article: Article,
    *,
    speaker: Actor | None,
    content_span: tuple[int, int],
    cue_span: tuple[int, int],
    speaker_span: tuple[int, int] | None = None,
    stance: str = Claim.Stance.ASSERTS,
    kind: str = Claim.Kind.INDIRECT,
    about: tuple[tuple[str, Actor], ...] = (),
) -> Claim:
    """A claim at given offsets of its article's text, with entities (surface text inside the
    content, and the actor it names) as the engine would report them."""
    text = article.text
    spans = [content_span, cue_span] + ([speaker_span] if speaker_span else [])
    claim = Claim.objects.create(
        article=article,
        speaker=speaker,
        speaker_mention=text[speaker_span[0] : speaker_span[1]] if speaker_span else "",
        speaker_start=speaker_span[0] if speaker_span else None,
        speaker_end=speaker_span[1] if speaker_span else None,
        cue=text[cue_span[0] : cue_span[1]],
        cue_start=cue_span[0],
        cue_end=cue_span[1],
        content=text[content_span[0] : content_span[1]],
        content_start=content_span[0],
        content_end=content_span[1],
        sentence_start=min(s for s, _ in spans),
        sentence_end=max(e for _, e in spans),
        kind=kind,
        stance=stance,
    )
    for surface, actor in about:
        start = text.index(surface, content_span[0], content_span[1])
        ClaimEntity.objects.create(
            claim=claim, actor=actor, text=surface, label="ENT", start=start, end=start + len(surface)
        )
    return claim


class UserFactory(factory.django.DjangoModelFactory):
    """A user in one role: `UserFactory(role="editor")`; the roles' groups come from a data migration."""

    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("a-test-only-passphrase")

    @factory.post_generation
    def role(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        from claims.accounts import user_set_role

        if create and extracted:
            user_set_role(user=self, role=extracted)


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    title = factory.Sequence(lambda n: f"Story {n}")
    first_seen_at = factory.LazyFunction(timezone.now)
    last_seen_at = factory.LazyFunction(timezone.now)


class ClaimLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimLink

    source = factory.SubFactory(ClaimFactory)
    target = factory.SubFactory(ClaimFactory)
    relation = ClaimLink.Relation.CONTRADICTS
