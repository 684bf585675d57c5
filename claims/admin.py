from django.contrib import admin

from claims.models import Actor, ActorAlias, ActorMerge, Claim, ClaimEntity, ClaimLink, ClaimRevision, Story


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 0
    fields = ["name", "normalized", "origin"]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "wikidata_id", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "wikidata_id"]
    inlines = [ActorAliasInline]


@admin.register(ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "actor", "origin"]
    list_filter = ["origin"]
    search_fields = ["name", "normalized", "actor__name"]
    list_select_related = ["actor"]
    autocomplete_fields = ["actor"]


@admin.register(ActorMerge)
class ActorMergeAdmin(admin.ModelAdmin):
    list_display = ["merged_name", "into", "moved_claims", "moved_aliases", "user", "created_at"]


class ClaimEntityInline(admin.TabularInline):
    model = ClaimEntity
    extra = 0
    autocomplete_fields = ["actor"]


class ClaimRevisionInline(admin.TabularInline):
    model = ClaimRevision
    extra = 0
    readonly_fields = ["user", "action", "changes", "note", "created_at"]
    can_delete = False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "cue", "kind", "stance", "review_status", "origin", "article"]
    list_filter = ["kind", "stance", "review_status", "origin", "extractor_version"]
    search_fields = ["content", "speaker__name", "speaker_mention", "cue"]
    list_select_related = ["speaker", "article"]
    autocomplete_fields = ["speaker", "via", "article", "story"]
    readonly_fields = ["created_at", "updated_at", "version", "editor_touched_at"]
    inlines = [ClaimEntityInline, ClaimRevisionInline]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "first_seen_at", "last_seen_at"]
    search_fields = ["title"]


@admin.register(ClaimLink)
class ClaimLinkAdmin(admin.ModelAdmin):
    list_display = ["source", "relation", "target", "origin", "status", "score"]
    list_filter = ["relation", "origin", "status"]
    raw_id_fields = ["source", "target"]


@admin.register(ClaimRevision)
class ClaimRevisionAdmin(admin.ModelAdmin):
    list_display = ["claim", "action", "user", "created_at"]
    list_filter = ["action"]
    raw_id_fields = ["claim"]
