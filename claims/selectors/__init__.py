"""Reads on claims, actors, stories and articles-with-claims, for the UI and the API; one module per
page or concern. Each list selector returns a QuerySet with its related rows joined, so a page
costs a fixed number of queries whatever its length (locked in tests/claims/test_selectors.py and
the UI tests). The names of the analyst pages' modules are re-exported here; the REST API's
querysets (claims.selectors.api) and the editor pages' reads (claims.selectors.editor) are
imported from their modules, as some of their names repeat the pages' (`actor_list`).
"""

from claims.selectors.actors import (
    ACTOR_SIMILARITY_MIN,
    ActorMatch,
    actor_contradicted_by,
    actor_list,
    actor_said_about,
    actors_contradicting,
    actors_lookup,
)
from claims.selectors.articles import (
    PARAGRAPH,
    SPEAKER_COLOURS,
    ClaimContext,
    ColouredClaim,
    MarkedArticle,
    SpeakerKey,
    article_detail_list,
    article_list,
    article_marked,
    claim_in_context,
)
from claims.selectors.claim_detail import (
    ClaimRelations,
    LinkedClaim,
    claim_detail_queryset,
    claim_relations,
    claim_revisions,
    claim_story_siblings,
)
from claims.selectors.claim_lists import (
    CLAIM_SORTS,
    DEFAULT_CLAIM_SORT,
    LIST_RELATED,
    SPEAKER_CHOICES_SECONDS,
    ClaimSelection,
    claim_list_base,
    claim_selection,
    claims_about,
    claims_by_actor,
    claims_in_period,
    claims_in_story,
    claims_search,
    search_query,
    speaker_choices,
    story_choices,
)
from claims.selectors.dashboard import (
    Dashboard,
    dashboard_summary,
)
from claims.selectors.headlines import (
    MATCH_END,
    MATCH_START,
    headline_html,
)
from claims.selectors.stories import (
    StoryActor,
    StoryClaim,
    StoryDetail,
    stories_recent,
    story_detail,
)
from claims.selectors.timeline import (
    DayChart,
    PairChart,
    ShareChart,
    actor_timeline,
    claims_per_day,
    contradiction_pairs,
    contradiction_pairs_overall,
    stance_mix,
)

__all__ = [
    "ACTOR_SIMILARITY_MIN",
    "CLAIM_SORTS",
    "DEFAULT_CLAIM_SORT",
    "LIST_RELATED",
    "MATCH_END",
    "MATCH_START",
    "PARAGRAPH",
    "SPEAKER_CHOICES_SECONDS",
    "SPEAKER_COLOURS",
    "ActorMatch",
    "ClaimContext",
    "ClaimRelations",
    "ClaimSelection",
    "ColouredClaim",
    "Dashboard",
    "DayChart",
    "LinkedClaim",
    "MarkedArticle",
    "PairChart",
    "ShareChart",
    "SpeakerKey",
    "StoryActor",
    "StoryClaim",
    "StoryDetail",
    "actor_contradicted_by",
    "actor_list",
    "actor_said_about",
    "actor_timeline",
    "actors_contradicting",
    "actors_lookup",
    "article_detail_list",
    "article_list",
    "article_marked",
    "claim_detail_queryset",
    "claim_in_context",
    "claim_list_base",
    "claim_relations",
    "claim_revisions",
    "claim_selection",
    "claim_story_siblings",
    "claims_about",
    "claims_by_actor",
    "claims_in_period",
    "claims_in_story",
    "claims_per_day",
    "claims_search",
    "contradiction_pairs",
    "contradiction_pairs_overall",
    "dashboard_summary",
    "headline_html",
    "search_query",
    "speaker_choices",
    "stance_mix",
    "stories_recent",
    "story_choices",
    "story_detail",
]
