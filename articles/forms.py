from __future__ import annotations

from django import forms

from articles.models import Article


class ArticleSubmitForm(forms.Form):
    title = forms.CharField(max_length=500, required=False)
    outlet = forms.CharField(max_length=200, required=False, help_text="The publication, e.g. BBC News.")
    published = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="The day it was published."
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 16}), help_text="Paste the article's full text.")


class ArticleStatusFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *Article.Status.choices], required=False)
