from claims.extraction.quotes import find_quotes


def spans(text):
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_quotes_pair_with_the_speaker_after():
    text = "“We fight on our territory,” he declared."
    assert spans(text) == ["“We fight on our territory,”"]


def test_straight_quotes_pair_by_position():
    text = 'She said: "It is over." Then "we go home," he added.'
    assert spans(text) == ['"It is over."', '"we go home,"']


def test_multi_paragraph_quote_reopens_each_paragraph_and_closes_once():
    text = "He said: “First paragraph.\n\n“Second paragraph.\n\n“Third one.”\nAfter."
    assert spans(text) == ["“First paragraph.\n\n“Second paragraph.\n\n“Third one.”"]


def test_unclosed_quote_is_dropped_at_the_paragraph_end():
    text = "He said: “this never closes.\nA new paragraph with “a real quote” here."
    assert spans(text) == ["“a real quote”"]


def test_stray_closing_marks_and_odd_counts_do_not_crash():
    for text in ["”", "“", '"', "a ” b “ c", 'x "y', "''", "“”", "", "\n\n“\n"]:
        find_quotes(text)


def test_double_apostrophes_are_quote_marks():
    text = "''James knows better,'' Mr. Fenton said."
    assert spans(text) == ["''James knows better,''"]


def test_apostrophes_inside_words_are_not_quotes():
    text = "“Russia’s claims aren’t true,” he said."
    assert spans(text) == ["“Russia’s claims aren’t true,”"]


def test_mixed_curly_and_straight_marks():
    text = '“Curly first,” she said, and then "straight second" followed.'
    assert spans(text) == ["“Curly first,”", '"straight second"']
