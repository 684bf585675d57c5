from claims.extraction import ActorKind, AliasResolver, ResolvedActor, default_resolver


def test_default_resolver_knows_common_actors_by_alias():
    resolver = default_resolver()
    assert resolver.resolve("the US").name == "United States"
    assert resolver.resolve("U.S.").name == "United States"
    assert resolver.resolve("Washington").name == "United States"
    assert resolver.resolve("the Russian presidency").name == "Kremlin"
    assert resolver.resolve("Russian Federation").name == "Russia"
    assert resolver.resolve("the BBC").kind == ActorKind.MEDIA
    assert resolver.resolve("The New York Post").name == "New York Post"


def test_unknown_names_stay_unresolved():
    assert default_resolver().resolve("a local baker") is None


def test_alias_resolver_from_plain_actors():
    resolver = AliasResolver([(ResolvedActor("Acme Corp", ActorKind.ORGANIZATION), ["Acme"])])
    assert resolver.resolve("ACME").name == "Acme Corp"
