"""How claims, actors, stories and links (and an article with its claims) look in the REST API, and
what editors may send."""

from __future__ import annotations

from rest_framework import serializers

from articles.serializers import ArticleSerializer
from claims.models import Actor, ActorAlias, Claim, ClaimEntity, ClaimLink, Story
from claims_tracker.strict_fields import StrictCharField

MAX_OFFSET = 2**31 - 1


class ActorRefSerializer(serializers.ModelSerializer[Actor]):
    class Meta:
        model = Actor
        fields = ["id", "name"]


class ClaimEntitySerializer(serializers.ModelSerializer[ClaimEntity]):
    class Meta:
        model = ClaimEntity
        fields = ["actor", "text", "label", "start", "end"]


class ClaimSerializer(serializers.ModelSerializer[Claim]):
    speaker = ActorRefSerializer(read_only=True, allow_null=True)
    via = ActorRefSerializer(read_only=True, allow_null=True)
    entities = ClaimEntitySerializer(many=True, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "article",
            "speaker",
            "speaker_mention",
            "speaker_start",
            "speaker_end",
            "cue",
            "cue_start",
            "cue_end",
            "content",
            "content_start",
            "content_end",
            "sentence_start",
            "sentence_end",
            "kind",
            "stance",
            "via",
            "confidence",
            "origin",
            "review_status",
            "review_reason",
            "note",
            "story",
            "entities",
            "extractor_version",
            "editor_touched_at",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class VersionedEditSerializer(serializers.Serializer[Claim]):
    version = serializers.IntegerField(
        min_value=1, max_value=MAX_OFFSET, help_text="The claim's `version` your change is based on."
    )


class ClaimCorrectionSerializer(VersionedEditSerializer):
    """An editor's correction: send `version` and only the fields that change."""

    speaker = serializers.PrimaryKeyRelatedField(queryset=Actor.objects.all(), allow_null=True, required=False)
    via = serializers.PrimaryKeyRelatedField(queryset=Actor.objects.all(), allow_null=True, required=False)
    stance = serializers.ChoiceField(choices=Claim.Stance.choices, required=False)
    kind = serializers.ChoiceField(choices=Claim.Kind.choices, required=False)
    content_start = serializers.IntegerField(
        min_value=0, max_value=MAX_OFFSET, required=False, help_text="New content span start (article offset)."
    )
    content_end = serializers.IntegerField(
        min_value=1, max_value=MAX_OFFSET, required=False, help_text="New content span end (exclusive)."
    )
    note = StrictCharField(required=False, max_length=5000, help_text="Added to the claim's history.")
    reason = StrictCharField(
        allow_blank=True, required=False, max_length=2000, help_text="Why: kept in the claim's history."
    )


class ClaimReviewSerializer(VersionedEditSerializer):
    reason = StrictCharField(allow_blank=True, required=False, max_length=2000, help_text="Kept as a note.")


class ClaimRejectSerializer(VersionedEditSerializer):
    reason = StrictCharField(max_length=2000, help_text="Why the claim is rejected: kept in its history.")


class ActorAliasSerializer(serializers.ModelSerializer[ActorAlias]):
    class Meta:
        model = ActorAlias
        fields = ["name", "origin"]


class ActorSerializer(serializers.ModelSerializer[Actor]):
    aliases = ActorAliasSerializer(many=True, read_only=True)
    # Whom the actor speaks for (a spokesperson's office or government), or null.
    speaks_for = ActorRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Actor
        fields = [
            "id",
            "name",
            "kind",
            "description",
            "wikidata_id",
            "merged_into",
            "speaks_for",
            "aliases",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class StorySerializer(serializers.ModelSerializer[Story]):
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Story
        fields = ["id", "title", "first_seen_at", "last_seen_at", "claim_count", "created_at", "updated_at"]
        read_only_fields = fields


class ClaimLinkSerializer(serializers.ModelSerializer[ClaimLink]):
    class Meta:
        model = ClaimLink
        fields = [
            "id",
            "source",
            "target",
            "relation",
            "origin",
            "status",
            "score",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ClaimLinkCreateSerializer(serializers.Serializer[ClaimLink]):
    # The link's source claim; the stubs type Field.source (the attribute a field reads) as a string.
    source = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.all())  # type: ignore[assignment]
    target = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.all())
    relation = serializers.ChoiceField(choices=ClaimLink.Relation.choices)
    note = StrictCharField(allow_blank=True, required=False, max_length=2000, help_text="Kept in both claims' history.")


class ClaimLinkJudgeSerializer(serializers.Serializer[ClaimLink]):
    note = StrictCharField(allow_blank=True, required=False, max_length=2000, help_text="Kept in both claims' history.")


class ArticleDetailSerializer(ArticleSerializer):
    claims = ClaimSerializer(many=True, read_only=True, help_text="The claims found so far, in text order.")

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text", "claims"]
        read_only_fields = fields
