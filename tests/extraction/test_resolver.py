from claims.extraction import ActorKind, AliasResolver, ResolvedActor, default_resolver


def test_default_resolver_knows_common_actors_by_alias():
    resolver = default_resolver()
    assert resolver.resolve("the US").name == "United States"
    assert resolver.resolve("U.S.").name == "United States"
    assert resolver.resolve("Washington").name == "United States"
    assert resolver.resolve("Russian presidential administration").name == "Kremlin"
    assert resolver.resolve("Russian Federation").name == "Russia"
    assert resolver.resolve("the BBC").kind == ActorKind.MEDIA
    assert resolver.resolve("The New York Post").name == "New York Post"


def test_unknown_names_stay_unresolved():
    assert default_resolver().resolve("a local baker") is None


def test_alias_resolver_from_plain_actors():
    resolver = AliasResolver([(ResolvedActor("Acme Corp", ActorKind.ORGANIZATION), ["Acme"])])
    assert resolver.resolve("ACME").name == "Acme Corp"


def test_default_resolver_joins_spelling_variants_and_fuller_names():
    resolver = default_resolver()
    assert resolver.resolve("Volodymyr Zelenskiy").name == "Volodymyr Zelensky"
    assert resolver.resolve("President Volodymyr Zelenskyy").name == "Volodymyr Zelensky"
    assert resolver.resolve("Dmitry S. Peskov").name == "Dmitry Peskov"
    assert resolver.resolve("Tayyip Erdogan").name == "Recep Tayyip Erdogan"
    assert resolver.resolve("the Israeli army").name == "Israel Defense Forces"


def test_default_resolver_has_no_alias_shared_by_several_actors():
    resolver = default_resolver()
    for generic in ("the Times", "the Post", "the alliance", "Senate", "Clinton"):
        assert resolver.resolve(generic) is None, generic


def test_a_surname_alone_or_another_given_name_is_not_a_known_person():
    resolver = AliasResolver([(ResolvedActor("John Smith", ActorKind.PERSON), [])])
    assert resolver.resolve("Jane Smith") is None
    assert resolver.resolve("J. Smith").name == "John Smith"
    assert resolver.resolve("Smith") is None


def test_a_fuller_name_finds_the_one_person_of_its_surname_whose_given_names_agree():
    resolver = AliasResolver(
        [
            (ResolvedActor("Anna Varga", ActorKind.PERSON), []),
            (ResolvedActor("Mikael Varga", ActorKind.PERSON), []),
            (ResolvedActor("Varga Holdings", ActorKind.ORGANIZATION), ["Oskar Varga"]),
        ]
    )
    assert resolver.resolve("M. Varga").name == "Mikael Varga"
    assert resolver.resolve("Minister Anna K. Varga").name == "Anna Varga"
    # Only people are joined by surname: the organisation's person-like alias is not.
    assert resolver.resolve("O. Varga") is None
    assert resolver.resolve("Greta Varga") is None
