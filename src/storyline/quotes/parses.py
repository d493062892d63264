"""Parses of the units to read, each distinct unit text parsed once: a sentence that several articles carry word
for word (copies of a wire story, a quote repeated by every outlet) is parsed the first time and reused after."""

from __future__ import annotations

from storyline.quotes.windows import recognise_entities

# Distinct unit texts whose parses are kept for reuse; past this the store starts again (copies arrive close together).
MAX_KEPT_PARSES = 20_000


class ParseStore:
    """Finished parses (syntax and entities) by the exact text that was parsed."""

    def __init__(self, limit: int = MAX_KEPT_PARSES) -> None:
        self.limit = limit
        self.docs: dict[str, object] = {}
        self.reused = 0
        self.parsed = 0

    def get(self, text: str):
        return self.docs.get(text)

    def keep(self, text: str, doc) -> None:
        if len(self.docs) >= self.limit:
            self.docs.clear()
        self.docs[text] = doc


def parse_units(nlp, requests: list[tuple[object, str, object]], store: ParseStore, *, batch_size: int, n_process: int):
    """``(key, doc)`` for each ``(key, text, unit)`` request; texts already in ``store`` are not parsed again.

    The parser and tagger see each new distinct text once; the entity recogniser sees short windows of it
    (``windows.recognise_entities``). The token vectors are dropped: nothing downstream reads them, and they are
    most of a kept parse's memory."""
    wanted: dict[str, object] = {}  # text -> a unit holding it (quotation spans are the same for the same text)
    for _, text, unit in requests:
        if store.get(text) is None and text not in wanted:
            wanted[text] = unit
    new_texts = list(wanted)
    syntax_only = [name for name in nlp.pipe_names if name == "ner"]
    fresh = list(nlp.pipe(new_texts, batch_size=batch_size, n_process=n_process, disable=syntax_only))
    if syntax_only:
        pairs = [(doc, wanted[text]) for text, doc in zip(new_texts, fresh)]
        recognise_entities(nlp, pairs, batch_size=batch_size, n_process=n_process)
    made = {}
    for text, doc in zip(new_texts, fresh):
        _drop_vectors(doc)
        made[text] = doc
        store.keep(text, doc)
    store.parsed += len(new_texts)
    store.reused += len(requests) - len(new_texts)
    return [(key, made.get(text) or store.get(text)) for key, text, _ in requests]


def _drop_vectors(doc) -> None:
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
