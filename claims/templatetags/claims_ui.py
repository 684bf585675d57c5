"""Template helpers of the analyst UI."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.safestring import SafeString

from claims.selectors import headline_html

register = template.Library()


@register.filter
def headline(value: str) -> SafeString:
    """A search headline as HTML: the text escaped, the hits in <mark>."""
    return headline_html(value)


@register.simple_tag(takes_context=True)
def nav_current(context: template.Context, prefix: str, exclude: str = "") -> SafeString:
    """aria-current for the navigation link of the section being shown."""
    request = context.get("request")  # absent on the 500 page, rendered without context processors
    path = request.path if request is not None else ""
    current = path == "/" if prefix == "/" else path.startswith(prefix)
    if exclude and path.startswith(exclude):
        current = False
    return SafeString(' aria-current="page"') if current else SafeString("")


@register.inclusion_tag("claims/_claim_row.html", takes_context=True)
def claim_row(
    context: template.Context,
    claim: Any,
    *,
    link: Any = None,
    hide_speaker: bool = False,
    hide_story: bool = False,
    extra_class: str = "",
) -> dict[str, Any]:
    """One claim in a list, `link` the link it is shown through (with its status). Every option the
    row reads is set here: one left out costs Django an exception per row, and a claim without a
    search headline a dir() of the model, a few milliseconds on a page of 50."""
    return {
        "claim": claim,
        "headline": getattr(claim, "headline", None),
        "link": link,
        "hide_speaker": hide_speaker,
        "hide_story": hide_story,
        "extra_class": extra_class,
        "user": context.get("user"),
        "request": context.get("request"),
    }


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    """mapping[key] in a template, None when missing."""
    return mapping.get(key)


@register.filter
def may_submit(user: Any) -> bool:
    """Whether to offer "Submit article": to editors, and to visitors who may sign in as one
    (signed-in analysts are not shown an action they would be refused)."""
    from claims_tracker.access import Action, user_may

    return not getattr(user, "is_authenticated", False) or user_may(user, Action.SUBMIT_ARTICLE)


@register.filter
def readable_title(text: str, limit: int = 110) -> str:
    """A story or proposition title made from a claim's words: no leading "that", a capital first
    letter, cut at a word before `limit` characters."""
    words = " ".join(str(text).split())
    for lead in ("that ", "That "):
        words = words.removeprefix(lead)
    if len(words) > limit:
        words = words[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return words[:1].upper() + words[1:]


@register.filter
def clip(value: str, length: int) -> str:
    """Django's `truncatechars`, without its walk over every character of a text that fits: a claim
    list renders hundreds of these, most shorter than the limit (combining characters only make
    a text count shorter, so one no longer than `length` is never cut)."""
    text = str(value)
    return text if len(text) <= length else truncatechars(text, length)
