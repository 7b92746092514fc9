"""Time phrases resolved against the publication date."""

import pytest

from saidwhat.attribution.when import resolve_date


@pytest.mark.parametrize(
    "phrase, published, expected",
    [
        ("on Tuesday", "2020-01-07", "2020-01-07"),  # published on a Tuesday
        ("on Monday", "2020-01-07", "2020-01-06"),
        ("on Friday", "2020-01-07", "2020-01-03"),
        ("last Tuesday", "2020-01-07", "2019-12-31"),
        ("yesterday", "2020-01-07T10:00:00", "2020-01-06"),
        ("on Dec. 27", "2020-01-07", "2019-12-27"),  # a future date means last year
        ("on March 3", "2020-06-01", "2020-03-03"),
        ("last week", "2020-01-07", None),  # vague: no guessed date
        ("on Tuesday", None, None),
        ("on Tuesday", "not a date", None),
    ],
)
def test_resolve_date(phrase, published, expected):
    assert resolve_date(phrase, published) == expected
