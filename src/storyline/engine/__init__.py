"""How stages run: the stage contract and the engines that run map steps.

A stage is plain functions over the ``storyline.model`` dataclasses, of two kinds:

- **map steps** take one independent item and return its result, with no shared state: read and clean one file
  (``storyline.ingest.read_bytes``), sketch a chunk of texts (``storyline.dedup.sketch.sketch_texts``), featurize
  articles (``storyline.features.featurize``), analyse one event (``storyline.analysis.analyse_event``);
- **reduce steps** fold the map results into state, in order: the copy union (``CopyIndex``), the online topic pass
  (``EventIndex.add``), the store's writes.

An ``Engine`` runs a map step over many items and gives the results back in input order, so a reduce step sees the
same sequence whatever runs the map: ``InProcess`` here, ``LocalPool`` over local processes, ``RayEngine``
(``storyline.engine.distributed``, the optional extra ``ray``) over a Ray cluster. Results never depend on the
engine (tests compare them).
"""

from storyline.engine.base import Engine, InProcess, engine_for
from storyline.engine.pool import LocalPool

__all__ = ["Engine", "InProcess", "LocalPool", "engine_for"]
