"""The fast paths of the PERSON and DATE_OF_BIRTH recognisers give the answers of the plain rules.

Speed itself is measured in benchmarks/bench_full.py, not here; these tests pin the behaviour the
shortcuts must keep: dates after many context words, the reuse of one date search by several
contexts, the lower-cased look-back regex, the per-word property bits.
"""

from __future__ import annotations

import pytest
from gdprscan.recognizers import date_of_birth
from gdprscan.recognizers import person


def dates(text: str) -> list[str]:
    return [text[m.start : m.end] for m in date_of_birth.find(text)]


def test_many_context_words_then_one_date() -> None:
    text = 'geboren ' * 3000 + 'geboren op 12/03/1985'
    assert dates(text) == ['12/03/1985']


def test_context_words_with_digits_and_no_date() -> None:
    assert dates('° 1 ' * 3000) == []  # digits everywhere, but never a date
    assert dates('né le 3 ' * 2000 + '\nnée le 05.06.1979') == ['05.06.1979']


def test_one_date_search_serves_the_contexts_before_the_date() -> None:
    # three contexts share the search that found the date; only the last is within 60 characters
    text = 'geboren ' + 'x' * 30 + ' geboren ' + 'y' * 30 + ' born on 12/03/1985'
    assert dates(text) == ['12/03/1985']
    [m] = date_of_birth.find(text)
    assert m.evidence['context'] == 'geboren'  # the first context within reach of the date


def test_a_date_found_for_one_line_is_not_reused_on_the_next() -> None:
    assert dates('geboren\n° 1\nDOB: 1985-03-12') == ['1985-03-12']
    assert dates('born 1\n12/03/1985') == []  # the date is on another line than the context


def test_date_beyond_the_window_but_later_context_in_reach() -> None:
    text = 'geboren ' + 'z' * 70 + ' ° 3 maart 1985'
    assert dates(text) == ['3 maart 1985']


@pytest.mark.parametrize('before', (
    'Beste ', 'beste ', 'Dear Mr ', 'Madame la ', 'Naam: ', 'Nom (en capitales) : ', 'signed by ',
    'à l\'attention de ', 'T.A.V. ', 'contact person:', 'een tekst zonder trigger ',
    'İstanbul werknemer ',  # lower-casing changes the length: the IGNORECASE regex answers
))  # fmt: skip
def test_lower_cased_lookback_answers_like_the_ignorecase_one(before: str) -> None:
    low = before.lower()
    fast = person._LOOKBACK_LOW.search(low) if len(low) == len(before) else person._LOOKBACK.search(before)
    slow = person._LOOKBACK.search(before)
    assert (fast and fast.lastgroup) == (slow and slow.lastgroup)


@pytest.mark.parametrize('word', (
    'Jan', 'Peeters', 'Van', 'van', 'De', 'Beste', 'Mr.', 'P.S.', 'NV', 'Solutions', 'Kerkstraat', 'Gent',
    'Saint', 'Anne-Marie', 'Manager', 'Zyxwv',
))  # fmt: skip
def test_word_bits_match_the_word_tests(word: str) -> None:
    lists = person.load()
    bits = person._flags(word, lists)
    assert bool(bits & person._W_FIRST) == person._is_first(word, lists)
    assert bool(bits & person._W_BAD) == person._bad_word(word, lists)
    assert bool(bits & person._W_PART_WORD) == (word in person.PARTICLES)
    assert bool(bits & person._W_COMPANY) == (word.lower() in person.COMPANY_WORDS)
    assert bool(bits & person._W_STREETISH) == person._is_street(word)


def test_line_start_word_is_no_name_but_a_repeat_still_counts() -> None:
    text = 'Beste Jan Peeters,\nPeeters bevestigde de afspraak.'
    found = [(text[m.start : m.end], m.evidence['rule']) for m in person.find(text, 'nl')]
    assert found == [('Jan Peeters', 'salutation'), ('Peeters', 'repeat')]
