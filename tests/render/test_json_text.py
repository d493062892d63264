"""Indented JSON written by ``indented_json`` is the standard library's ``json.dumps(..., ensure_ascii=False,
indent=2)``, character for character, errors included."""

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.render.json_text import indented_json

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()  # every code point, lone surrogates and control characters included
)
keys = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.tuples(inner, inner) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=40,
)


def standard(value):
    return json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=400, deadline=None)
@given(values)
def test_the_text_is_the_standard_librarys(value):
    assert indented_json(value) == standard(value)


def test_empty_and_nested_containers_and_special_numbers():
    nested = [[], {}, [1, [2, {"d": None}]]]
    value = {"a": [], "b": {}, "c": nested, 1: -0.0, 2.5: math.inf, False: -math.inf, None: 10**20}
    assert indented_json(value) == standard(value)
    assert indented_json(math.nan) == standard(math.nan) == "NaN"
    assert indented_json('é\n"\u2028') == standard('é\n"\u2028')


@pytest.mark.parametrize("value", [{"a": {1, 2}}, [object()], {(1, 2): "tuple key"}, {b"bytes": 1}])
def test_what_json_cannot_hold_raises_the_same_type_error(value):
    with pytest.raises(TypeError) as ours:
        indented_json(value)
    with pytest.raises(TypeError) as theirs:
        standard(value)
    assert str(ours.value) == str(theirs.value)
