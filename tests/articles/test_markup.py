from html.parser import HTMLParser

from articles.markup import Span, mark_up


class TagBalance(HTMLParser):
    """Checks the markup is well-formed and collects the text, as a browser would read it."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> TagBalance:
    parser = TagBalance()
    parser.feed(html)
    parser.close()
    assert parser.stack == [], f"unclosed tags {parser.stack}"
    return parser


def test_text_is_escaped_and_spans_wrap_their_characters() -> None:
    text = 'He said <script>alert("x")</script> & left.'
    html = mark_up(text, [Span(3, 7, "mark", {"class": "claim"})])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; left." in html
    assert html.startswith('He <mark class="claim">said</mark>')
    assert "".join(parse(html).text) == text


def test_attribute_values_are_escaped() -> None:
    html = mark_up("abc", [Span(0, 1, "mark", {"title": '"><img src=x>'})])
    assert "<img" not in html
    assert 'title="&quot;&gt;&lt;img src=x&gt;"' in html


def test_nested_spans_nest() -> None:
    html = mark_up("0123456789", [Span(2, 8, "mark", {"id": "outer"}), Span(4, 6, "span", {"id": "inner"})])
    assert html == '01<mark id="outer">23<span id="inner">45</span>67</mark>89'


def test_crossing_spans_are_split_without_repeating_ids() -> None:
    text = "0123456789"
    html = mark_up(
        text,
        [
            Span(1, 6, "mark", {"id": "a", "class": "x", "tabindex": "0"}),
            Span(4, 9, "mark", {"id": "b", "class": "y", "tabindex": "0"}),
        ],
    )
    parsed = parse(html)
    assert "".join(parsed.text) == text
    ids = [attrs.get("id") for _, attrs in parsed.tags if attrs.get("id")]
    assert ids == ["a", "b"]
    assert html.count('tabindex="0"') == 2
    # "b" runs on after "a" ends, as a continuation piece with its class only.
    assert html.endswith('</mark></mark><mark class="y">678</mark>9')


def test_spans_sharing_a_start_put_the_longer_outside() -> None:
    html = mark_up("abcdef", [Span(0, 2, "span", {"id": "short"}), Span(0, 5, "mark", {"id": "long"})])
    assert html.startswith('<mark id="long"><span id="short">ab</span>cde</mark>')


def test_window_offset_and_clipping() -> None:
    article = "first sentence. the claim here. last"
    window_start = 16
    window = article[window_start:31]
    html = mark_up(window, [Span(20, 25, "mark", {}), Span(0, 100, "span", {"class": "all"})], offset=window_start)
    assert html == '<span class="all">the <mark>claim</mark> here.</span>'


def test_empty_and_reversed_spans_are_dropped() -> None:
    assert mark_up("a<b", [Span(2, 2), Span(3, 1), Span(10, 12)]) == "a&lt;b"
