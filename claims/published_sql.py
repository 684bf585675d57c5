"""The SQL that keeps Claim.published_at equal to its article's published_at.

Triggers rather than code in each writer: claims are written by the pipeline, bulk paths, editors,
the admin and COPY, and an article's date by ingestion, editors and the admin; a writer that forgot
would leave lists quietly misordered. A claim takes its article's date when it is inserted or moved
to another article (whatever the writer put in the column is replaced, so a stale model instance
cannot save a wrong date), and an article's new date is copied to its claims in the same statement.
A load with session_replication_role = replica (bench/generate.py) skips triggers and writes the
column itself. Installed by claims/migrations/0010; frozen there once released.
"""

INSTALL = """
CREATE FUNCTION claims_claim_take_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.published_at := (SELECT a.published_at FROM articles_article a WHERE a.id = NEW.article_id);
    RETURN NEW;
END $$;

CREATE TRIGGER claims_claim_take_published
    BEFORE INSERT OR UPDATE OF article_id, published_at ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_take_published();

CREATE FUNCTION articles_article_give_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE claims_claim SET published_at = NEW.published_at WHERE article_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER articles_article_give_published
    AFTER UPDATE OF published_at ON articles_article
    FOR EACH ROW WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at)
    EXECUTE FUNCTION articles_article_give_published();
"""

UNINSTALL = """
DROP TRIGGER IF EXISTS articles_article_give_published ON articles_article;
DROP FUNCTION IF EXISTS articles_article_give_published();
DROP TRIGGER IF EXISTS claims_claim_take_published ON claims_claim;
DROP FUNCTION IF EXISTS claims_claim_take_published();
"""

# Claims of dated articles take the date once; undated ones stay NULL. The planner is told at once
# how the new column is spread (the new indexes' plans depend on it).
BACKFILL = """
UPDATE claims_claim c SET published_at = a.published_at
FROM articles_article a WHERE a.id = c.article_id AND a.published_at IS NOT NULL;
ANALYZE claims_claim;
"""
