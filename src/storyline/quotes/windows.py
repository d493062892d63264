"""Named entities of parsed units at a fraction of the recogniser's cost: it sees only short windows of the unit's
own tokens around the proper nouns the tagger found outside quotations, and its entities are set back on the unit."""

from __future__ import annotations


def recognise_entities(nlp, parsed: list[tuple[object, object]], *, batch_size: int, n_process: int) -> None:
    """Entities for each ``(doc, unit)``, set on the doc."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    windows = []
    for n, (doc, unit) in enumerate(parsed):
        for first, last in _name_windows(doc, unit):
            windows.append((n, first, last))
    found: dict[int, list] = {}
    # Each window is a Doc of the parsed unit's own tokens: no second tokenisation, entity tokens map back one to one.
    stream = ((_window_doc(nlp.vocab, parsed[n][0], a, b), w) for w, (n, a, b) in enumerate(windows))
    only_ner = [name for name in nlp.pipe_names if name != "ner"]
    for window_doc, w in nlp.pipe(
        stream, as_tuples=True, batch_size=batch_size * 4, n_process=n_process, disable=only_ner
    ):
        n, first, _ = windows[w]
        doc = parsed[n][0]
        for entity in window_doc.ents:
            found.setdefault(n, []).append(Span(doc, first + entity.start, first + entity.end, label=entity.label_))
    for n, spans in found.items():
        parsed[n][0].ents = filter_spans(spans)


def _window_doc(vocab, doc, first: int, last: int):
    from spacy.tokens import Doc

    tokens = doc[first : last + 1]
    return Doc(vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])


def _name_windows(doc, unit, margin: int = 2) -> list[tuple[int, int]]:
    """Token ranges around runs of proper nouns outside quotations, merged when they touch."""
    from spacy.attrs import IDX, TAG

    strings = doc.vocab.strings
    proper = {strings.add("NNP"), strings.add("NNPS")}
    windows: list[list[int]] = []
    if not len(doc):
        return []
    for i, (tag, idx) in enumerate(doc.to_array([TAG, IDX]).tolist()):
        if tag not in proper or (unit.quotes and _inside(unit, unit.start + idx)):
            continue
        first, last = max(0, i - margin), min(len(doc) - 1, i + margin)
        if windows and first <= windows[-1][1] + 1:
            windows[-1][1] = last
        else:
            windows.append([first, last])
    return [(a, b) for a, b in windows]


def _inside(unit, at: int) -> bool:
    return any(q.start <= at < q.end for q in unit.quotes)
