"""The SQL that keeps claims.models.ClaimWord equal to the claims' words (their search_vector's
lexemes) and dates.

Triggers on claims_claim, whatever the writer (the pipeline, editors, the trigger that copies an
article's date to its claims, COPY): inserts and deletes statement by statement with transition
tables, as for the summaries (claims/summary_sql.py). An update rewrites the words of a claim whose
content or date changed, row by row: a row trigger on those columns, with its condition checked
before any function is called, so the commonest update (claims moved to another story: 200 cost
17 ms, and 43 with a statement trigger joining the transition tables) costs nothing here. Rows are
found by their full key (word, date, claim), so the table needs no second index.
Installed by claims/migrations/0014; frozen there once released (a change needs a new migration).
"""

from claims.summary_sql import trigger_function

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


# One row of a row trigger (OLD or NEW) as a table of claims.
_ROW = "(SELECT {row}.id AS id, {row}.published_at AS published_at, {row}.search_vector AS search_vector)"

# Fills the table from the claims: at migration, and after bench/generate.py's fast load (which
# skips triggers). In key order: the index is written from left to right, its pages full (in the
# claims' order, a million claims' index took twice the space).
FILL = _insert("claims_claim").rstrip(";") + " ORDER BY word, published_at, claim_id;"


INSTALL = "".join(
    [
        trigger_function("claims_words_inserted", _insert("new_claims")),
        trigger_function(
            "claims_words_updated", _delete(_ROW.format(row="OLD")) + "\n" + _insert(_ROW.format(row="NEW"))
        ),
        trigger_function("claims_words_deleted", _delete("old_claims")),
        """
        CREATE TRIGGER words_i AFTER INSERT ON claims_claim REFERENCING NEW TABLE AS new_claims
            FOR EACH STATEMENT EXECUTE FUNCTION claims_words_inserted();
        -- article_id: a claim moved to another article takes its date (claims/published_sql.py)
        CREATE TRIGGER words_u AFTER UPDATE OF content, published_at, article_id ON claims_claim FOR EACH ROW
            WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector
                  OR OLD.published_at IS DISTINCT FROM NEW.published_at)
            EXECUTE FUNCTION claims_words_updated();
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
