"""Search headlines: PostgreSQL's ts_headline snippets, marked up as safe HTML."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# ts_headline marks matches with these; they cannot occur in article text (clean_text drops
# control characters), so the snippet can be escaped first and marked up after.
MATCH_START, MATCH_END = "\x02", "\x03"


def headline_html(headline: str) -> SafeString:
    """A search headline as HTML: the text escaped, the matches in <mark>."""
    # Safe: every character of the text was escaped before the marks went in.
    return mark_safe(escape(headline).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))
