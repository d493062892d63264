"""The recogniser's windows: one met before is not recognised again, and gives the entities recognising it gives."""

import pytest

pytest.importorskip("spacy")

from storyline.quotes import windows
from storyline.quotes.marks import quote_spans
from storyline.quotes.nlp import load_pipeline
from storyline.quotes.units import Unit

_TEXTS = [
    "Harbour Minister Wilma Ostrander of the Kestrel Valley Council said the ferry would run on Monday.",
    "Harbour Minister Wilma Ostrander of the Kestrel Valley Council said the bridge stays shut until May.",
    "Pavel Duskin, an engineer at Norland Rail in Oslo, said “the tunnel is safe” and left for Bergen.",
]


def _parsed(nlp) -> list[tuple[object, Unit]]:
    parsed = []
    for text in _TEXTS:
        doc = nlp(text, disable=["ner"])
        parsed.append((doc, Unit(0, len(text), 0, 0, quote_spans(text, 0, len(text)))))
    return parsed


def _entities(parsed) -> list[list[tuple[int, int, str]]]:
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc, _ in parsed]


def test_a_window_met_before_is_not_recognised_again(monkeypatch):
    nlp = load_pipeline()
    monkeypatch.setattr(windows, "_KNOWN", {})
    seen: list[int] = []
    pipe = nlp.pipe

    def counting_pipe(stream, **options):
        for item in pipe(stream, **options):
            if options.get("as_tuples"):  # spaCy pipes the documents of tuples again, through this
                seen.append(1)
            yield item

    monkeypatch.setattr(nlp, "pipe", counting_pipe)
    first = _parsed(nlp)
    windows.recognise_entities(nlp, first, batch_size=8, n_process=1)
    recognised = len(seen)
    # The first two sentences share the window around the minister's name and title: recognised once.
    keys = [key for key in windows._KNOWN]
    assert recognised == len(keys) < sum(len(windows._name_windows(doc, unit)) for doc, unit in first)

    again = _parsed(nlp)
    windows.recognise_entities(nlp, again, batch_size=8, n_process=1)
    assert len(seen) == recognised  # every window known: the recogniser saw nothing new
    assert _entities(again) == _entities(first)

    monkeypatch.setattr(windows, "_KNOWN", {})
    fresh = _parsed(nlp)
    for doc, unit in fresh:  # one unit at a time, nothing known: the entities recognising each window gives
        windows._KNOWN.clear()
        windows.recognise_entities(nlp, [(doc, unit)], batch_size=8, n_process=1)
    assert _entities(fresh) == _entities(first)
    assert any(label == "PERSON" for entities in _entities(first) for _, _, label in entities)


def test_the_known_windows_start_again_past_their_limit(monkeypatch):
    nlp = load_pipeline()
    monkeypatch.setattr(windows, "_KNOWN", {})
    monkeypatch.setattr(windows, "MAX_KNOWN_WINDOWS", 3)
    parsed = _parsed(nlp)
    windows.recognise_entities(nlp, parsed, batch_size=8, n_process=1)
    assert 0 < len(windows._KNOWN) <= 3
    again = _parsed(nlp)
    windows.recognise_entities(nlp, again, batch_size=8, n_process=1)
    assert _entities(again) == _entities(parsed)


def test_the_known_windows_are_those_of_one_pipeline(monkeypatch):
    import spacy

    nlp = load_pipeline()
    monkeypatch.setattr(windows, "_KNOWN", {})
    windows.recognise_entities(nlp, _parsed(nlp), batch_size=8, n_process=1)
    assert windows._KNOWN
    other = spacy.blank("en")
    other.add_pipe("ner")  # another recogniser: what the first found is not its answer
    windows.recognise_entities(other, [], batch_size=8, n_process=1)
    assert not windows._KNOWN and windows._KNOWN_BY[0] is other
    windows.recognise_entities(nlp, _parsed(nlp), batch_size=8, n_process=1)
    assert windows._KNOWN_BY[0] is nlp
