"""Named entities of parsed units at a fraction of the recogniser's cost: it sees only short windows of the unit's
own tokens around the proper nouns the tagger found outside quotations, and its entities are set back on the unit."""

from __future__ import annotations


def recognise_entities(nlp, plans: list[list], docs: list[list], *, batch_size: int, n_process: int) -> None:
    from spacy.tokens import Span
    from spacy.util import filter_spans

    windows = []
    for i, plan in enumerate(plans):
        for k, unit in enumerate(plan):
            if docs[i][k] is None:
                continue
            for first, last in _name_windows(docs[i][k], unit):
                windows.append((i, k, first, last))
    found: dict[tuple[int, int], list] = {}
    # Each window is a Doc of the parsed unit's own tokens: no second tokenisation, entity tokens map back one to one.
    stream = ((_window_doc(nlp.vocab, docs[i][k], a, b), n) for n, (i, k, a, b) in enumerate(windows))
    only_ner = [name for name in nlp.pipe_names if name != "ner"]
    for window_doc, n in nlp.pipe(
        stream, as_tuples=True, batch_size=batch_size * 4, n_process=n_process, disable=only_ner
    ):
        i, k, first, _ = windows[n]
        doc = docs[i][k]
        for entity in window_doc.ents:
            found.setdefault((i, k), []).append(
                Span(doc, first + entity.start, first + entity.end, label=entity.label_)
            )
    for (i, k), spans in found.items():
        docs[i][k].ents = filter_spans(spans)


def _window_doc(vocab, doc, first: int, last: int):
    from spacy.tokens import Doc

    tokens = doc[first : last + 1]
    return Doc(vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])


def _name_windows(doc, unit, margin: int = 2) -> list[tuple[int, int]]:
    """Token ranges around runs of proper nouns outside quotations, merged when they touch."""
    windows: list[list[int]] = []
    for token in doc:
        if not token.tag_.startswith("NNP") or (unit.quotes and _inside(unit, unit.start + token.idx)):
            continue
        first, last = max(0, token.i - margin), min(len(doc) - 1, token.i + margin)
        if windows and first <= windows[-1][1] + 1:
            windows[-1][1] = last
        else:
            windows.append([first, last])
    return [(a, b) for a, b in windows]


def _inside(unit, at: int) -> bool:
    return any(q.start <= at < q.end for q in unit.quotes)
