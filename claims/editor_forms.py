"""Forms of the editor pages: they parse what the browser sent; claims.editing decides and writes."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from claims.extraction import normalize_name
from claims.models import Actor, ActorAlias, Claim, ClaimLink


def actor_by_name(name: str, actor_id: int | None) -> Actor | None:
    """The actor the editor picked: the autocomplete's id when it still matches the typed name,
    otherwise the actor one of whose names it is. None for an empty name."""
    key = normalize_name(name)
    if not key:
        return None
    if actor_id:
        actor = Actor.objects.filter(pk=actor_id, merged_into__isnull=True).first()
        if actor is not None and (normalize_name(actor.name) == key or actor.aliases.filter(normalized=key).exists()):
            return actor
    alias = ActorAlias.objects.select_related("actor").filter(normalized=key).first()
    if alias is None:
        raise forms.ValidationError(
            "No actor is called “%(name)s”. Create it with the form below, then choose it.",
            code="actor_unknown",
            params={"name": name.strip()},
        )
    return alias.actor


class VersionedForm(forms.Form):
    """Every write on a claim carries the version the editor saw (optimistic concurrency)."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ClaimCorrectionForm(VersionedForm):
    speaker_name = forms.CharField(label="Speaker", required=False, max_length=300)
    speaker = forms.IntegerField(required=False, widget=forms.HiddenInput)
    speaker_start = forms.IntegerField(label="Speaker mention from", required=False, min_value=0)
    speaker_end = forms.IntegerField(label="to", required=False, min_value=0)
    cue_start = forms.IntegerField(label="Cue from", min_value=0)
    cue_end = forms.IntegerField(label="to", min_value=0)
    content_start = forms.IntegerField(label="Content from", min_value=0)
    content_end = forms.IntegerField(label="to", min_value=0)
    stance = forms.ChoiceField(choices=Claim.Stance.choices)
    kind = forms.ChoiceField(choices=Claim.Kind.choices)
    via_name = forms.CharField(label="Via (who relayed it)", required=False, max_length=300)
    via = forms.IntegerField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(label="Why (kept in the history)", required=False, max_length=2000, widget=forms.TextInput)

    @classmethod
    def initial_for(cls, claim: Claim) -> dict[str, Any]:
        return {
            "version": claim.version,
            "speaker_name": claim.speaker.name if claim.speaker else "",
            "speaker": claim.speaker_id,
            "speaker_start": claim.speaker_start,
            "speaker_end": claim.speaker_end,
            "cue_start": claim.cue_start,
            "cue_end": claim.cue_end,
            "content_start": claim.content_start,
            "content_end": claim.content_end,
            "stance": claim.stance,
            "kind": claim.kind,
            "via_name": claim.via.name if claim.via else "",
            "via": claim.via_id,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for field in ("speaker", "via"):
            try:
                data[f"{field}_actor"] = actor_by_name(data.get(f"{field}_name") or "", data.get(field))
            except forms.ValidationError as error:
                self.add_error(f"{field}_name", error)
        if (data.get("speaker_start") is None) != (data.get("speaker_end") is None):
            self.add_error("speaker_end", "Give both ends of the speaker mention, or neither.")
        return data

    def changes(self) -> dict[str, Any]:
        """What claims.editing.claim_update takes; unchanged values are no-ops there."""
        data = self.cleaned_data
        return {
            "speaker": data["speaker_actor"],
            "via": data["via_actor"],
            "speaker_start": data["speaker_start"],
            "speaker_end": data["speaker_end"],
            "cue_start": data["cue_start"],
            "cue_end": data["cue_end"],
            "content_start": data["content_start"],
            "content_end": data["content_end"],
            "stance": data["stance"],
            "kind": data["kind"],
        }


class RejectForm(VersionedForm):
    reason = forms.CharField(label="Why is it rejected?", max_length=2000, widget=forms.TextInput)


class NoteForm(forms.Form):
    note = forms.CharField(label="Note", max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class LinkForm(forms.Form):
    target = forms.CharField(
        label="Other claim", max_length=300, help_text="Its number or its address (…/claims/123/)."
    )
    relation = forms.ChoiceField(choices=ClaimLink.Relation.choices)

    def clean_target(self) -> Claim:
        match = re.search(r"(\d+)/?\s*$", self.cleaned_data["target"])
        claim = Claim.objects.filter(pk=int(match.group(1))).first() if match else None
        if claim is None:
            raise forms.ValidationError("No such claim.", code="claim_unknown")
        return claim


class ActorCreateForm(forms.Form):
    name = forms.CharField(max_length=300)
    kind = forms.ChoiceField(choices=Actor.Kind.choices, initial=Actor.Kind.PERSON)


class AliasForm(forms.Form):
    name = forms.CharField(label="Another name", max_length=300)


class MergeForm(forms.Form):
    into_name = forms.CharField(label="Merge into", max_length=300)
    into = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            data["into_actor"] = actor_by_name(data.get("into_name") or "", data.get("into"))
        except forms.ValidationError as error:
            self.add_error("into_name", error)
        return data
