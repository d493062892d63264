"""The parser multiplies through numpy's BLAS and parses exactly as with thinc's own ops."""

from __future__ import annotations

import numpy
import pytest

spacy = pytest.importorskip("spacy")

from storyline.quotes.blas_ops import NumpyBlasOps, multiply_with_numpy  # noqa: E402
from storyline.quotes.nlp import QuotesUnavailable, load_pipeline  # noqa: E402

TEXTS = [
    "US Trade Representative Robert Lighthizer told a news conference in Montreal that talks had stalled.",
    "“We are not there yet,” said Chrystia Freeland, Canada's foreign minister, on Monday evening.",
    "The mayor, Vera Lund, warned that the bridge over the Tamsen river would stay closed for six weeks.",
    "According to the ministry, 14 people were injured and three remain in hospital in Porto.",
]


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
@pytest.mark.parametrize("given_out", [False, True])
def test_gemm_gives_thincs_products(trans1, trans2, given_out):
    from thinc.api import NumpyOps

    rng = numpy.random.default_rng(3)
    x = rng.random((5, 7), dtype="float32")
    y = rng.random((7, 4), dtype="float32")
    x = numpy.ascontiguousarray(x.T) if trans1 else x
    y = numpy.ascontiguousarray(y.T) if trans2 else y
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    out = numpy.zeros((5, 4), dtype="float32") if given_out else None
    got = NumpyBlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    assert got.shape == (5, 4)
    assert numpy.allclose(got, expected, rtol=1e-5)
    if given_out:
        assert got is out


def _pipeline():
    try:
        return load_pipeline()
    except QuotesUnavailable as missing:
        pytest.skip(str(missing))


def _layers(nlp):
    return [layer for _name, pipe in nlp.pipeline if hasattr(pipe, "model") for layer in pipe.model.walk()]


def _reading(nlp, texts):
    return [
        ([(t.tag_, t.head.i, t.dep_) for t in doc], [(e.start, e.end, e.label_) for e in doc.ents])
        for doc in nlp.pipe(texts)
    ]


def test_the_loaded_pipeline_multiplies_through_numpy_in_every_layer():
    nlp = _pipeline()
    layers = _layers(nlp)
    assert layers and all(isinstance(layer.ops, NumpyBlasOps) for layer in layers)


def test_parses_and_entities_are_those_of_thincs_own_ops():
    from thinc.api import NumpyOps

    nlp = _pipeline()
    ours = _reading(nlp, TEXTS)
    try:
        for layer in _layers(nlp):
            layer.ops = NumpyOps()
        theirs = _reading(nlp, TEXTS)
    finally:
        multiply_with_numpy(nlp)  # the cached pipeline is shared with other tests
    assert ours == theirs
    assert any(label == "PERSON" for _, ents in ours for *_, label in ents)
