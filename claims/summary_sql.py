"""The SQL that keeps the per-actor summaries (claims.models.ActorDay, ActorMention,
ActorContradiction) exact.

Every statement that writes claims, their entities, their links or an article's publication date adds its own
difference to the summaries, in the same transaction: what the changed rows counted before is
taken away and what they count now is added, joined with the current rows of the other tables (so a
claim deleted before or after its entities is counted out once either way). The writers (the
pipeline, editors, merges, the admin, cascades, COPY) need no call of their own. Statement-level
triggers with transition tables: one upsert per statement and table, rows locked in key order.
Installed by claims/migrations/0008; frozen there once released (a change needs a new migration).
"""

NO_CLAIMS = (
    "(SELECT NULL::bigint AS id, NULL::bigint AS speaker_id, NULL::bigint AS article_id,"
    " NULL::varchar AS stance, NULL::varchar AS review_status WHERE false)"
)
NO_ENTITIES = "(SELECT NULL::bigint AS claim_id, NULL::bigint AS actor_id WHERE false)"
NO_LINKS = (
    "(SELECT NULL::bigint AS source_id, NULL::bigint AS target_id, NULL::varchar AS relation,"
    " NULL::varchar AS status WHERE false)"
)
# The day of the article's publication, as claims.selectors.claims_per_day's TruncDate gives it
# with TIME_ZONE = "UTC" (settings.py).
DAY = "({table}.published_at AT TIME ZONE 'UTC')::date"
VISIBLE = "{c}.speaker_id IS NOT NULL AND {c}.review_status <> 'rejected'"


def _days_upsert(delta: str) -> str:
    """Add `delta` (rows of actor_id, day, stance, n) to claims_actorday."""
    return f"""
        INSERT INTO claims_actorday AS s (actor_id, day, stance, claims)
        SELECT actor_id, day, stance, sum(n) FROM ({delta}) d
        GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3
        ON CONFLICT (actor_id, day, stance) DO UPDATE SET claims = s.claims + EXCLUDED.claims;"""


def _mentions_upsert(delta: str) -> str:
    """Add `delta` (rows of actor_id, named_id, n) to claims_actormention."""
    return f"""
        INSERT INTO claims_actormention AS m (actor_id, named_id, claims)
        SELECT actor_id, named_id, sum(n) FROM ({delta}) d
        GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2
        ON CONFLICT (actor_id, named_id) DO UPDATE SET claims = m.claims + EXCLUDED.claims;"""


def _claims_counted(rows: str, sign: int) -> tuple[str, str]:
    """What the claims `rows` count, times `sign`: (day rows, mention rows)."""
    days = f"""
        SELECT c.speaker_id AS actor_id, {DAY.format(table="a")} AS day, c.stance, {sign} AS n
        FROM {rows} c JOIN articles_article a ON a.id = c.article_id
        WHERE {VISIBLE.format(c="c")}"""
    mentions = f"""
        SELECT c.speaker_id AS actor_id, e.actor_id AS named_id, {sign} * count(DISTINCT c.id) AS n
        FROM {rows} c JOIN claims_claimentity e ON e.claim_id = c.id
        WHERE {VISIBLE.format(c="c")} AND e.actor_id IS NOT NULL AND e.actor_id <> c.speaker_id
        GROUP BY 1, 2"""
    return days, mentions


def _claims_body(old: str, new: str) -> str:
    old_days, old_mentions = _claims_counted(old, -1)
    new_days, new_mentions = _claims_counted(new, 1)
    return _days_upsert(f"{old_days} UNION ALL {new_days}") + _mentions_upsert(
        f"{old_mentions} UNION ALL {new_mentions}"
    )


# An update counts only the rows whose speaker, stance, visibility or article changed: a claim moved
# to another story, or given a note, moves nothing.
_CHANGED = """(SELECT {side}.* FROM old_claims o JOIN new_claims n ON n.id = o.id
    WHERE o.speaker_id IS DISTINCT FROM n.speaker_id OR o.stance <> n.stance OR o.article_id <> n.article_id
       OR (o.review_status = 'rejected') <> (n.review_status = 'rejected'))"""


def _entities_body(old: str, new: str) -> str:
    """An entity statement changes what its claims name: each affected claim's distinct named actors
    now, minus those before (now, less the new rows, plus the old ones)."""
    delta = f"""
        WITH c AS (
            SELECT id, speaker_id FROM claims_claim
            WHERE id IN (SELECT claim_id FROM {old} o UNION SELECT claim_id FROM {new} n)
              AND {VISIBLE.format(c="claims_claim")}
        ), now_named AS (
            SELECT e.claim_id, e.actor_id FROM claims_claimentity e JOIN c ON c.id = e.claim_id
        ), was_named AS (
            (SELECT claim_id, actor_id FROM now_named EXCEPT ALL SELECT claim_id, actor_id FROM {new} n)
            UNION ALL SELECT claim_id, actor_id FROM {old} o
        ), named AS (
            SELECT DISTINCT claim_id, actor_id, 1 AS n FROM now_named
            UNION ALL SELECT DISTINCT claim_id, actor_id, -1 AS n FROM was_named
        )
        SELECT c.speaker_id AS actor_id, named.actor_id AS named_id, named.n
        FROM named JOIN c ON c.id = named.claim_id
        WHERE named.actor_id IS NOT NULL AND named.actor_id <> c.speaker_id"""
    return _mentions_upsert(delta)


_ARTICLES_DATED = _days_upsert(
    f"""
    SELECT c.speaker_id AS actor_id, moved.day, c.stance, moved.n
    FROM (SELECT o.id, {DAY.format(table="o")} AS day, -1 AS n FROM old_articles o
            JOIN new_articles a ON a.id = o.id WHERE o.published_at IS DISTINCT FROM a.published_at
          UNION ALL
          SELECT a.id, {DAY.format(table="a")} AS day, 1 AS n FROM new_articles a
            JOIN old_articles o ON o.id = a.id WHERE o.published_at IS DISTINCT FROM a.published_at) moved
    JOIN claims_claim c ON c.article_id = moved.id
    WHERE {VISIBLE.format(c="c")}"""
)


def _contradictions_upsert(delta: str) -> str:
    """Add `delta` (rows of source speaker s, target speaker t, status, n: one per link) to
    claims_actorcontradiction, on both speakers' side; a link between an actor's own claims, or
    with an unknown speaker, counts for nobody."""
    return f"""
        INSERT INTO claims_actorcontradiction AS x (actor_id, other_id, status, links)
        SELECT actor_id, other_id, status, sum(n) FROM (
            SELECT s AS actor_id, t AS other_id, status, n FROM ({delta}) d
            UNION ALL SELECT t, s, status, n FROM ({delta}) d
        ) pairs
        WHERE actor_id IS NOT NULL AND other_id IS NOT NULL AND actor_id <> other_id
        GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3
        ON CONFLICT (actor_id, other_id, status) DO UPDATE SET links = x.links + EXCLUDED.links;"""


CONTRADICTING = "{l}.relation = 'contradicts' AND {l}.status <> 'dismissed'"


def _links_counted(links: str, sign: int) -> str:
    """What the links `links` count now, times `sign`, with their claims' current speakers."""
    return f"""
        SELECT cs.speaker_id AS s, ct.speaker_id AS t, l.status, {sign} AS n
        FROM {links} l JOIN claims_claim cs ON cs.id = l.source_id JOIN claims_claim ct ON ct.id = l.target_id
        WHERE {CONTRADICTING.format(l="l")}"""


_CHANGED_LINKS = """(SELECT {side}.* FROM old_links o JOIN new_links n ON n.id = o.id
    WHERE o.status <> n.status OR o.relation <> n.relation
       OR o.source_id <> n.source_id OR o.target_id <> n.target_id)"""


def _links_body(old: str, new: str) -> str:
    return _contradictions_upsert(f"{_links_counted(old, -1)} UNION ALL {_links_counted(new, 1)}")


def _claims_links_body(changed: str | None, added: str | None) -> str:
    """The links of claims a statement changed: what they count now, less what they counted with
    the `changed` claims' old speakers (rows of id, old_speaker); `added` claims (rows of id) counted
    nothing before."""
    touched = " UNION ".join(f"SELECT id FROM {rows} r" for rows in (changed, added) if rows)
    links = f"""(SELECT * FROM claims_claimlink WHERE source_id IN ({touched})
        UNION SELECT * FROM claims_claimlink WHERE target_id IN ({touched}))"""
    now = f"""
        SELECT cs.speaker_id AS s, ct.speaker_id AS t, l.status, 1 AS n
        FROM {links} l JOIN claims_claim cs ON cs.id = l.source_id JOIN claims_claim ct ON ct.id = l.target_id
        WHERE {CONTRADICTING.format(l="l")}"""
    if changed is None:
        return _contradictions_upsert(now)
    before = f"""
        SELECT CASE WHEN xs.id IS NOT NULL THEN xs.old_speaker ELSE cs.speaker_id END AS s,
               CASE WHEN xt.id IS NOT NULL THEN xt.old_speaker ELSE ct.speaker_id END AS t, l.status, -1 AS n
        FROM {links} l LEFT JOIN {changed} xs ON xs.id = l.source_id LEFT JOIN {changed} xt ON xt.id = l.target_id
        LEFT JOIN claims_claim cs ON cs.id = l.source_id LEFT JOIN claims_claim ct ON ct.id = l.target_id
        WHERE {CONTRADICTING.format(l="l")}"""
    return _contradictions_upsert(f"{now} UNION ALL {before}")


_SPEAKER_CHANGED = """(SELECT o.id, o.speaker_id AS old_speaker FROM old_claims o JOIN new_claims n ON n.id = o.id
    WHERE o.speaker_id IS DISTINCT FROM n.speaker_id)"""


def trigger_function(name: str, body: str) -> str:
    """A PL/pgSQL trigger function running `body` (statements), for AFTER triggers."""
    return f"""
        CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN {body}
            RETURN NULL;
        END $body$;"""


def _trigger(name: str, event: str, table: str, tables: str, function: str) -> str:
    return f"""
        CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {tables}
        FOR EACH STATEMENT EXECUTE FUNCTION {function}();"""


# Fills the summaries from scratch: at migration, and after bench/generate.py's fast load (which
# skips triggers). As first installed it left the contradictions empty; migration 0015 replaces it
# with this one and runs it.
REBUILD = f"""
    CREATE OR REPLACE FUNCTION claims_actor_summaries_rebuild() RETURNS void LANGUAGE sql AS $body$
        DELETE FROM claims_actorday;
        DELETE FROM claims_actormention;
        DELETE FROM claims_actorcontradiction;
        INSERT INTO claims_actorday (actor_id, day, stance, claims)
        SELECT c.speaker_id, {DAY.format(table="a")}, c.stance, count(*)
        FROM claims_claim c JOIN articles_article a ON a.id = c.article_id
        WHERE {VISIBLE.format(c="c")} GROUP BY 1, 2, 3;
        INSERT INTO claims_actormention (actor_id, named_id, claims)
        SELECT c.speaker_id, e.actor_id, count(DISTINCT c.id)
        FROM claims_claim c JOIN claims_claimentity e ON e.claim_id = c.id
        WHERE {VISIBLE.format(c="c")} AND e.actor_id IS NOT NULL AND e.actor_id <> c.speaker_id
        GROUP BY 1, 2;{_contradictions_upsert(_links_counted("claims_claimlink", 1))}
    $body$;"""

INSTALL = "".join(
    [
        # An actor's rows go with it, after the triggers have counted its claims out (Django sets
        # their speaker to NULL before it deletes the actor).
        """
        ALTER TABLE claims_actorday ADD CONSTRAINT actor_day_actor_fk
            FOREIGN KEY (actor_id) REFERENCES claims_actor (id) ON DELETE CASCADE;
        ALTER TABLE claims_actormention ADD CONSTRAINT actor_mention_actor_fk
            FOREIGN KEY (actor_id) REFERENCES claims_actor (id) ON DELETE CASCADE;
        ALTER TABLE claims_actormention ADD CONSTRAINT actor_mention_named_fk
            FOREIGN KEY (named_id) REFERENCES claims_actor (id) ON DELETE CASCADE;
        ALTER TABLE claims_actorcontradiction ADD CONSTRAINT actor_contradiction_actor_fk
            FOREIGN KEY (actor_id) REFERENCES claims_actor (id) ON DELETE CASCADE;
        ALTER TABLE claims_actorcontradiction ADD CONSTRAINT actor_contradiction_other_fk
            FOREIGN KEY (other_id) REFERENCES claims_actor (id) ON DELETE CASCADE;""",
        trigger_function(
            "claims_summaries_claims_inserted",
            _claims_body(NO_CLAIMS, "new_claims") + _claims_links_body(None, "new_claims"),
        ),
        trigger_function(
            "claims_summaries_claims_updated",
            _claims_body(_CHANGED.format(side="o"), _CHANGED.format(side="n"))
            + _claims_links_body(_SPEAKER_CHANGED, None),
        ),
        trigger_function(
            "claims_summaries_claims_deleted",
            _claims_body("old_claims", NO_CLAIMS)
            + _claims_links_body("(SELECT id, speaker_id AS old_speaker FROM old_claims)", None),
        ),
        trigger_function("claims_summaries_links_inserted", _links_body(NO_LINKS, "new_links")),
        trigger_function(
            "claims_summaries_links_updated",
            _links_body(_CHANGED_LINKS.format(side="o"), _CHANGED_LINKS.format(side="n")),
        ),
        trigger_function("claims_summaries_links_deleted", _links_body("old_links", NO_LINKS)),
        trigger_function("claims_summaries_entities_inserted", _entities_body(NO_ENTITIES, "new_entities")),
        trigger_function("claims_summaries_entities_updated", _entities_body("old_entities", "new_entities")),
        trigger_function("claims_summaries_entities_deleted", _entities_body("old_entities", NO_ENTITIES)),
        trigger_function("claims_summaries_articles_dated", _ARTICLES_DATED),
        _trigger(
            "summaries_i", "INSERT", "claims_claim", "NEW TABLE AS new_claims", "claims_summaries_claims_inserted"
        ),
        _trigger(
            "summaries_u",
            "UPDATE",
            "claims_claim",
            "OLD TABLE AS old_claims NEW TABLE AS new_claims",
            "claims_summaries_claims_updated",
        ),
        _trigger("summaries_d", "DELETE", "claims_claim", "OLD TABLE AS old_claims", "claims_summaries_claims_deleted"),
        _trigger(
            "summaries_i",
            "INSERT",
            "claims_claimentity",
            "NEW TABLE AS new_entities",
            "claims_summaries_entities_inserted",
        ),
        _trigger(
            "summaries_u",
            "UPDATE",
            "claims_claimentity",
            "OLD TABLE AS old_entities NEW TABLE AS new_entities",
            "claims_summaries_entities_updated",
        ),
        _trigger(
            "summaries_d",
            "DELETE",
            "claims_claimentity",
            "OLD TABLE AS old_entities",
            "claims_summaries_entities_deleted",
        ),
        _trigger(
            "summaries_i", "INSERT", "claims_claimlink", "NEW TABLE AS new_links", "claims_summaries_links_inserted"
        ),
        _trigger(
            "summaries_u",
            "UPDATE",
            "claims_claimlink",
            "OLD TABLE AS old_links NEW TABLE AS new_links",
            "claims_summaries_links_updated",
        ),
        _trigger(
            "summaries_d", "DELETE", "claims_claimlink", "OLD TABLE AS old_links", "claims_summaries_links_deleted"
        ),
        _trigger(
            "summaries_dated",
            "UPDATE",
            "articles_article",
            "OLD TABLE AS old_articles NEW TABLE AS new_articles",
            "claims_summaries_articles_dated",
        ),
        REBUILD,
        "SELECT claims_actor_summaries_rebuild();",
    ]
)

UNINSTALL = """
    DROP TRIGGER summaries_i ON claims_claim;
    DROP TRIGGER summaries_u ON claims_claim;
    DROP TRIGGER summaries_d ON claims_claim;
    DROP TRIGGER summaries_i ON claims_claimentity;
    DROP TRIGGER summaries_u ON claims_claimentity;
    DROP TRIGGER summaries_d ON claims_claimentity;
    DROP TRIGGER summaries_i ON claims_claimlink;
    DROP TRIGGER summaries_u ON claims_claimlink;
    DROP TRIGGER summaries_d ON claims_claimlink;
    DROP TRIGGER summaries_dated ON articles_article;
    DROP FUNCTION claims_summaries_claims_inserted(), claims_summaries_claims_updated(),
        claims_summaries_claims_deleted(), claims_summaries_entities_inserted(),
        claims_summaries_entities_updated(), claims_summaries_entities_deleted(),
        claims_summaries_links_inserted(), claims_summaries_links_updated(), claims_summaries_links_deleted(),
        claims_summaries_articles_dated(), claims_actor_summaries_rebuild();
"""
