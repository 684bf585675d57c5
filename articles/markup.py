"""Article text with spans marked up as HTML, built from character offsets.

The text is always escaped; only the tags made here are markup. Spans may nest or cross: a span
that crosses the end of another is closed there and reopened after it as a continuation piece
(without id or tabindex), so the HTML stays well-formed and each span has one focusable start.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Span:
    start: int
    end: int  # exclusive
    tag: str = "mark"
    attrs: Mapping[str, str] = field(default_factory=dict)
    # Attributes of the pieces after a split; ids and tabindex must not repeat.
    continuation_attrs: Mapping[str, str] | None = None


def _open_tag(tag: str, attrs: Mapping[str, str]) -> str:
    rendered = "".join(f' {escape(name)}="{escape(value)}"' for name, value in attrs.items())
    return f"<{tag}{rendered}>"


def _continuation(span: Span) -> Mapping[str, str]:
    if span.continuation_attrs is not None:
        return span.continuation_attrs
    return {name: value for name, value in span.attrs.items() if name == "class"}


def mark_up(text: str, spans: Iterable[Span], *, offset: int = 0) -> SafeString:
    """Escape `text` and wrap each span's characters in its tag.

    `offset` is the position of text[0] in the article, for a window cut out of it. Spans outside the
    text are clipped; empty ones dropped. At one position a longer span opens first (it is the outer one).
    """
    clipped: list[tuple[int, int, int, Span]] = []
    for order, span in enumerate(spans):
        start, end = max(span.start - offset, 0), min(span.end - offset, len(text))
        if end > start:
            clipped.append((start, end, order, span))
    if not clipped:
        return mark_safe(escape(text))  # escaped just here

    starts: dict[int, list[tuple[int, int, int, Span]]] = {}
    for item in clipped:
        starts.setdefault(item[0], []).append(item)
    boundaries = sorted({0, len(text)} | {s for s, *_ in clipped} | {e for _, e, *_ in clipped})

    out: list[str] = []
    stack: list[tuple[int, int, int, Span]] = []  # open spans, outermost first
    for index, position in enumerate(boundaries):
        ending = [i for i, item in enumerate(stack) if item[1] == position]
        if ending:
            lowest = ending[0]
            for item in reversed(stack[lowest:]):
                out.append(f"</{item[3].tag}>")
            survivors = [item for item in stack[lowest:] if item[1] != position]
            del stack[lowest:]
            for item in survivors:
                out.append(_open_tag(item[3].tag, _continuation(item[3])))
                stack.append(item)
        for item in sorted(starts.get(position, []), key=lambda it: (-it[1], it[2])):
            out.append(_open_tag(item[3].tag, item[3].attrs))
            stack.append(item)
        if index + 1 < len(boundaries):
            out.append(escape(text[position : boundaries[index + 1]]))
    for item in reversed(stack):
        out.append(f"</{item[3].tag}>")
    return mark_safe("".join(out))  # every piece of text above went through escape()
