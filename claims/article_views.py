"""Analyst pages that show an article with its claims: the article list (with claim counts) and an
article's text with its claims marked. Submitting, retrying and the status badge are articles.views."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.forms import ArticleStatusFilterForm
from articles.models import Article
from claims.selectors import article_list as select_articles
from claims.selectors import article_marked
from claims_tracker.access import Action, ui_read, user_may

ARTICLES_PER_PAGE = 50


@ui_read
def article_list(request: HttpRequest) -> HttpResponse:
    form = ArticleStatusFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = Paginator(select_articles(status=status), ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/article_list.html", {"form": form, "page": page, "status": status})


@ui_read
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet", "duplicate_of"), pk=pk)
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "marked": article_marked(article=article),
            "settled": article.is_settled,
            "may_retry": user_may(request.user, Action.RETRY_ARTICLE),
        },
    )
