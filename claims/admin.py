from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse

from claims.editing import EDITABLE_FIELDS
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
    fields = readonly_fields = ("created_at", "user", "action", "changes", "note", "reverts")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Claim | None = None) -> bool:
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "cue", "kind", "stance", "review_status", "origin", "article"]
    list_filter = ["kind", "stance", "review_status", "origin", "extractor_version"]
    search_fields = ["content", "speaker__name", "speaker_mention", "cue"]
    list_select_related = ["speaker", "article"]
    autocomplete_fields = ["speaker", "via", "article", "story"]
    # What editors correct goes through the editor page (claims.editing), which keeps the history and
    # checks versions; here those fields are read-only so the admin cannot overwrite them silently.
    readonly_fields = [
        "created_at",
        "updated_at",
        "version",
        "editor_touched_at",
        *sorted(EDITABLE_FIELDS | {"content", "cue", "origin"}),
    ]
    inlines = [ClaimEntityInline, ClaimRevisionInline]

    def view_on_site(self, obj: Claim) -> str:
        return reverse("claim-edit", args=[obj.pk])


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
    """The edit history is a record: it can be read here, never changed (reverts are new revisions)."""

    list_display = ["claim", "action", "user", "created_at"]
    list_filter = ["action"]
    list_select_related = ["claim", "user"]
    search_fields = ["note", "user__username"]
    readonly_fields = ["claim", "user", "action", "changes", "note", "reverts", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ClaimRevision | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ClaimRevision | None = None) -> bool:
        return False
