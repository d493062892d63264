"""The parser multiplies through numpy's BLAS and parses exactly as with thinc's own ops."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy
import pytest

spacy = pytest.importorskip("spacy")

from storyline.quotes.blas_ops import NumpyBlasOps, multiply_with_numpy, pipeline_layers, set_layer_ops  # noqa: E402
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


def _fresh_pipeline():
    try:
        return load_pipeline.__wrapped__()  # not the cached one other tests share
    except QuotesUnavailable as missing:
        pytest.skip(str(missing))


def _reading(nlp, texts):
    return [
        ([(t.tag_, t.head.i, t.dep_) for t in doc], [(e.start, e.end, e.label_) for e in doc.ents])
        for doc in nlp.pipe(texts)
    ]


_OPS_OF_LOADED_PIPELINE = (
    "from storyline.quotes.nlp import load_pipeline\n"
    "nlp = load_pipeline()\n"
    "print(sorted({type(layer.ops).__name__ for _, pipe in nlp.pipeline if hasattr(pipe, 'model')"
    " for layer in pipe.model.walk()}))"
)


@pytest.mark.parametrize(("process_limited", "expected"), [(True, "['NumpyBlasOps']"), (False, "['NumpyOps']")])
def test_the_pipeline_multiplies_through_numpy_where_blas_runs_on_one_thread(process_limited, expected):
    from storyline.blas_threads import BLAS_THREAD_VARIABLES

    _fresh_pipeline()  # skips without the model
    env = {name: value for name, value in os.environ.items() if name not in BLAS_THREAD_VARIABLES}
    code = _OPS_OF_LOADED_PIPELINE
    if process_limited:  # as a command and its workers are
        code = (
            "from storyline.blas_threads import limit_process_to_one_blas_thread\n"
            "limit_process_to_one_blas_thread()\n" + code
        )
    elif (os.cpu_count() or 1) < 2:
        pytest.skip("BLAS runs on one thread on a machine of one core")
    else:
        env["OPENBLAS_NUM_THREADS"] = "2"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.strip().splitlines()[-1] == expected


def test_parses_and_entities_are_those_of_thincs_own_ops():
    from thinc.api import NumpyOps

    nlp = _fresh_pipeline()
    multiply_with_numpy(nlp)
    assert all(isinstance(layer.ops, NumpyBlasOps) for layer in pipeline_layers(nlp))
    ours = _reading(nlp, TEXTS)
    thincs = _fresh_pipeline()
    set_layer_ops(thincs, NumpyOps())
    theirs = _reading(thincs, TEXTS)
    assert ours == theirs
    assert any(label == "PERSON" for _, ents in ours for *_, label in ents)
