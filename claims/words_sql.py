"""The SQL that keeps claims.models.ClaimWord equal to the claims' words (their search_vector's
lexemes) and dates.

Statement-level triggers with transition tables on claims_claim, as for the summaries
(claims/summary_sql.py): one statement per write and table, whatever the writer (the pipeline,
editors, the trigger that copies an article's date to its claims, COPY). An update rewrites the
words of the claims whose content or date changed, and of no other: a claim moved to another story
writes none. Rows are found by their full key (word, date, claim), so the table needs no second index.
Installed by claims/migrations/0014; frozen there once released (a change needs a new migration).
"""

# Each claim's words, as the table keys them: the text in byte order, an undated claim at -infinity.
_WORDS = """
    SELECT c.id AS claim_id, w COLLATE "C" AS word, coalesce(c.published_at, '-infinity') AS published_at
    FROM {claims} c CROSS JOIN LATERAL unnest(tsvector_to_array(c.search_vector)) w"""


def _insert(claims: str) -> str:
    return f"INSERT INTO claims_claimword (claim_id, word, published_at) {_WORDS.format(claims=claims)};"


def _delete(claims: str) -> str:
    return f"""
        DELETE FROM claims_claimword x USING ({_WORDS.format(claims=claims)}) gone
        WHERE x.word = gone.word AND x.published_at = gone.published_at AND x.claim_id = gone.claim_id;"""


_CHANGED = """(SELECT {side}.* FROM old_claims o JOIN new_claims n ON n.id = o.id
    WHERE o.search_vector IS DISTINCT FROM n.search_vector OR o.published_at IS DISTINCT FROM n.published_at)"""

# Fills the table from the claims: at migration, and after bench/generate.py's fast load (which
# skips triggers). In key order: the index is written from left to right, its pages full (in the
# claims' order, a million claims' index took twice the space).
FILL = _insert("claims_claim").rstrip(";") + " ORDER BY word, published_at, claim_id;"


def _function(name: str, body: str) -> str:
    return f"""
        CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN {body}
            RETURN NULL;
        END $body$;"""


INSTALL = "".join(
    [
        _function("claims_words_inserted", _insert("new_claims")),
        _function(
            "claims_words_updated", _delete(_CHANGED.format(side="o")) + "\n" + _insert(_CHANGED.format(side="n"))
        ),
        _function("claims_words_deleted", _delete("old_claims")),
        """
        CREATE TRIGGER words_i AFTER INSERT ON claims_claim REFERENCING NEW TABLE AS new_claims
            FOR EACH STATEMENT EXECUTE FUNCTION claims_words_inserted();
        CREATE TRIGGER words_u AFTER UPDATE ON claims_claim REFERENCING OLD TABLE AS old_claims NEW TABLE AS new_claims
            FOR EACH STATEMENT EXECUTE FUNCTION claims_words_updated();
        CREATE TRIGGER words_d AFTER DELETE ON claims_claim REFERENCING OLD TABLE AS old_claims
            FOR EACH STATEMENT EXECUTE FUNCTION claims_words_deleted();""",
        FILL,
    ]
)

UNINSTALL = """
    DROP TRIGGER words_i ON claims_claim;
    DROP TRIGGER words_u ON claims_claim;
    DROP TRIGGER words_d ON claims_claim;
    DROP FUNCTION claims_words_inserted(), claims_words_updated(), claims_words_deleted();
"""
