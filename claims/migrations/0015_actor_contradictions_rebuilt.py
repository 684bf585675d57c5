"""The summaries' rebuild counts contradictions too: as migration 0008 installed it, it emptied
claims_actorcontradiction and never refilled it, so a database migrated with contradicting links
already stored (or loaded fast by bench/generate.py) showed none on its actor pages until links
changed, and then only the changes. Replaced, and run once (about 15 s at a million claims)."""

from django.db import migrations

from claims.summary_sql import REBUILD


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0014_claim_words"),
    ]

    operations = [
        # Backwards the rebuild stays as fixed: the old one differs only in what it leaves out.
        migrations.RunSQL(REBUILD + "SELECT claims_actor_summaries_rebuild();", migrations.RunSQL.noop),
    ]
