"""The parser's matrix products through numpy's BLAS.

thinc's CPU ops multiply matrices with the BLIS library it bundles. For the parser's and the recogniser's layers
(a few hundred columns, tens to thousands of rows) numpy's own BLAS does the same products for about a third of the
CPU on one thread (on a thread per core it takes more than BLIS), and those products were about half of a parse
(docs/benchmarks.md, "The parser's matrix products"). ``quotes.nlp`` uses these ops where BLAS runs on one thread,
as in the commands and their workers. Only the products move; the layers, weights and results are spaCy's.
"""

from __future__ import annotations

import numpy
from thinc.api import NumpyOps


class NumpyBlasOps(NumpyOps):
    """thinc's CPU ops with ``gemm`` done by ``numpy.matmul``."""

    name = "numpy-blas"

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        left = x.T if trans1 else x
        right = y.T if trans2 else y
        if out is None:
            return numpy.matmul(left, right)
        numpy.matmul(left, right, out=out)
        return out


def multiply_with_numpy(nlp) -> None:
    """Every layer of every pipe of ``nlp`` multiplies through ``NumpyBlasOps``."""
    set_layer_ops(nlp, NumpyBlasOps())


def set_layer_ops(nlp, ops) -> None:
    """Every layer of every pipe of ``nlp`` computes with ``ops`` (one of thinc's CPU ops)."""
    for layer in pipeline_layers(nlp):
        layer.ops = ops


def pipeline_layers(nlp) -> list:
    """The layers of every pipe of ``nlp`` that has a model."""
    return [layer for _name, pipe in nlp.pipeline if hasattr(pipe, "model") for layer in pipe.model.walk()]
