from __future__ import annotations

from typing import Any

from django import forms

from articles.models import Article


class ArticleSubmitForm(forms.Form):
    title = forms.CharField(max_length=500, required=False)
    outlet = forms.CharField(max_length=200, required=False, help_text="The publication, e.g. BBC News.")
    published = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="The day it was published."
    )
    url = forms.URLField(
        max_length=2000, required=False, help_text="Where it was published; without pasted text, the page is fetched."
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}), required=False, help_text="Paste the article's full text."
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and not data.get("url"):
            self.add_error("text", "Paste the article's text, or give its URL.")
        return data


class ArticleStatusFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *Article.Status.choices], required=False)
