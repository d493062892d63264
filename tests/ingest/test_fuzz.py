"""Fuzzing every reader: damaged example files of every format never give a traceback or an internal error.

A few hundred cases here; ``bench/fuzz.py`` runs tens of thousands.
"""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest import read_bytes
from storyline.model import Article, Problem
from tests.fuzzing import FOR_FORMAT, make_case, run_cli, seeds

POOL = seeds()
KINDS = sorted(POOL)


def test_every_format_has_an_example_to_mutate():
    assert set(KINDS) >= {"text", "markdown", "html", "feed", "json", "jsonl", "warc", "warc.gz", "gzip"}
    assert set(FOR_FORMAT) <= set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_mutated_examples_through_the_command_line(tmp_path, kind):
    rng = random.Random(f"ci-{kind}")
    for number in range(15):
        name, data, applied = make_case(kind, number, rng, POOL)
        path = tmp_path / f"{number}-{name}"
        path.write_bytes(data)
        code, err = run_cli(path)
        assert code in (0, 1), (kind, applied, err)
        assert "internal error" not in err and "Traceback" not in err, (kind, applied, err)
        assert all(line.startswith("storyline: ") for line in err.splitlines()), err  # one line per problem


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(KINDS), seed=st.integers(0, 2**32), index=st.integers(0, 10))
def test_mutations_chosen_by_hypothesis(kind, seed, index):
    name, data, applied = make_case(kind, index, random.Random(seed), POOL)
    items = list(read_bytes(data, name))
    assert items and all(isinstance(item, (Article, Problem)) for item in items), (kind, applied)
    for item in items:
        if isinstance(item, Article):
            item.text.encode("utf-8")  # storable: no lone surrogates
            assert "\x00" not in item.text and "\x00" not in item.id


@settings(max_examples=80, deadline=None)
@given(
    data=st.binary(max_size=3000),
    suffix=st.sampled_from([".txt", ".md", ".html", ".xml", ".json", ".jsonl", ".warc", ".warc.gz", ".gz"]),
)
def test_arbitrary_bytes_under_every_name(data, suffix):
    items = list(read_bytes(data, "input" + suffix))
    assert items and all(isinstance(item, (Article, Problem)) for item in items)
