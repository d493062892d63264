"""Named entities of parsed units at a fraction of the recogniser's cost: it sees only short windows of the unit's
own tokens around the proper nouns the tagger found outside quotations, and its entities are set back on the unit.

A window's entities depend on its words alone (the recogniser reads each document by itself, whatever it is
batched with), so a window met before, in this call or an earlier one (a name with the words around it, repeated
by copies and by later articles), is not recognised again."""

from __future__ import annotations

# Entities found in windows, by the window's words and spaces: ``((start, end, label), ...)`` in window tokens.
# Per process and pipeline (``_KNOWN_BY``); past this many windows it starts again (repeats arrive close together).
MAX_KNOWN_WINDOWS = 20_000
_KNOWN: dict[tuple[tuple[str, ...], tuple[bool, ...]], tuple[tuple[int, int, str], ...]] = {}
_KNOWN_BY: list = [None]


def recognise_entities(nlp, parsed: list[tuple[object, object]], *, batch_size: int, n_process: int) -> None:
    """Entities for each ``(doc, unit)``, set on the doc."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    if _KNOWN_BY[0] is not nlp:  # another pipeline recognises otherwise
        _KNOWN.clear()
        _KNOWN_BY[0] = nlp
    windows = []
    here: dict[tuple, tuple | None] = {}  # the entities of each distinct window of this call; None: not known yet
    for n, (doc, unit) in enumerate(parsed):
        for first, last in _name_windows(doc, unit):
            tokens = doc[first : last + 1]
            key = (tuple(t.text for t in tokens), tuple(bool(t.whitespace_) for t in tokens))
            windows.append((n, first, key))
            if key not in here:
                here[key] = _KNOWN.get(key)
    new = [key for key, entities in here.items() if entities is None]
    # Each window is a Doc of the parsed unit's own tokens: no second tokenisation, entity tokens map back one to one.
    stream = ((_window_doc(nlp.vocab, words, spaces), (words, spaces)) for words, spaces in new)
    only_ner = [name for name in nlp.pipe_names if name != "ner"]
    for window_doc, key in nlp.pipe(
        stream, as_tuples=True, batch_size=batch_size * 4, n_process=n_process, disable=only_ner
    ):
        here[key] = tuple((entity.start, entity.end, entity.label_) for entity in window_doc.ents)
    _remember(new, here)
    found: dict[int, list] = {}
    for n, first, key in windows:
        doc = parsed[n][0]
        for start, end, label in here[key]:
            found.setdefault(n, []).append(Span(doc, first + start, first + end, label=label))
    for n, spans in found.items():
        parsed[n][0].ents = filter_spans(spans)


def _remember(keys: list[tuple], entities: dict[tuple, tuple | None]) -> None:
    if len(_KNOWN) + len(keys) > MAX_KNOWN_WINDOWS:
        _KNOWN.clear()
    for key in keys[:MAX_KNOWN_WINDOWS]:
        _KNOWN[key] = entities[key]


def _window_doc(vocab, words: tuple[str, ...], spaces: tuple[bool, ...]):
    from spacy.tokens import Doc

    return Doc(vocab, words=list(words), spaces=list(spaces))


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
