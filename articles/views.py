"""Analyst pages that write or poll an article: submit, retry, the status badge. The pages that show
an article with its claims are claims.article_views."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from articles import services
from articles.errors import IngestError, RetryRefused
from articles.forms import ArticleSubmitForm
from articles.models import Article
from articles.text import form_fields_not_utf8
from claims_tracker.access import Action, ui_action, ui_read


@ui_read
def article_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status badge the article page polls; once the article settles, htmx reloads the whole page,
    and also once a page shown while fetching has its text (`?fetching=1`)."""
    article = get_object_or_404(Article.objects.only("id", "status"), pk=pk)
    response = render(request, "articles/_status.html", {"article": article, "settled": article.is_settled})
    fetched = request.GET.get("fetching") == "1" and article.status != Article.Status.FETCHING
    if article.is_settled or fetched:
        response["HX-Refresh"] = "true"
    return response


@ui_action(Action.SUBMIT_ARTICLE)
def article_new(request: HttpRequest) -> HttpResponse:
    form = ArticleSubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _fields_are_utf8(request, form):
        data = form.cleaned_data
        published = data["published"]
        try:
            result = services.article_submit(
                text=data["text"],
                url=data["url"] or None,
                title=data["title"].strip(),
                outlet_name=data["outlet"].strip(),
                published_at=dt.datetime.combine(published, dt.time(), tzinfo=dt.UTC) if published else None,
            )
        except IngestError as exc:
            form.add_error("text" if data["text"].strip() else "url", str(exc))
        else:
            if not result.created:
                messages.info(request, "This article is already in the tracker; here is the stored article.")
            elif result.article.status == result.article.Status.FETCHING:
                messages.info(request, "The page is being fetched; this page shows how it goes.")
            return redirect("article-detail", pk=result.article.pk)
    return render(request, "articles/article_new.html", {"form": form})


def _fields_are_utf8(request: HttpRequest, form: ArticleSubmitForm) -> bool:
    """Refuse fields sent as invalid UTF-8 (as the API does) rather than store U+FFFD in their place."""
    if request.content_type != "application/x-www-form-urlencoded":
        return True  # multipart bodies are streamed; browsers send this form URL-encoded
    for name in form_fields_not_utf8(request.body):
        form.add_error(name if name in form.fields else None, "This is not valid UTF-8 text; nothing was stored.")
    return not form.errors


@require_POST
@ui_action(Action.RETRY_ARTICLE)
def article_retry(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    try:
        services.article_retry(article=article)
    except RetryRefused as refused:
        messages.info(request, str(refused))
    else:
        messages.success(request, "The article is queued for extraction again.")
    return redirect("article-detail", pk=article.pk)
