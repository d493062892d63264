"""The plain data that flows between stages: every stage takes and returns these."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from typing import Any

_ATOMS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def asdict(value: Any) -> Any:
    """``dataclasses.asdict``, the same result made faster: strings, numbers and None are taken as they are (a deep
    copy of one is itself) and each class's field names are looked up once. Pages and stored analyses convert
    thousands of quotes, entities and claims this way."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if hasattr(kind, "__dataclass_fields__"):
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES[kind] = tuple(item.name for item in fields(kind))
        return {name: asdict(getattr(value, name)) for name in names}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return kind(*[asdict(item) for item in value])
    if isinstance(value, (list, tuple)):
        return kind(asdict(item) for item in value)
    if isinstance(value, dict):
        return kind((asdict(key), asdict(item)) for key, item in value.items())
    return copy.deepcopy(value)


@dataclass(slots=True)
class Article:
    """One news article after reading and cleaning.

    ``published`` is an ISO 8601 date (``YYYY-MM-DD``) or datetime; ``date_source`` says where it came from
    (``field:published``, ``html:meta``, ``feed:pubDate``, ``dateline``, ``text`` (a date line in the text), ``id``,
    ``filename``, ``ingest-time``).
    ``title_source`` is ``metadata`` (given by the source), ``headline`` (the text's first line) or ``lead``
    (shortened from the first sentence when the text has no headline). ``paragraphs`` holds the ``(start, end)``
    character offsets of each paragraph in ``text``.
    """

    id: str
    text: str
    title: str | None = None
    title_source: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    date_source: str | None = None
    author: str | None = None
    language: str | None = None
    source_path: str | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    content_hash: str = ""

    def to_dict(self) -> dict:
        data = asdict(self)
        data["paragraphs"] = [list(span) for span in self.paragraphs]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Article:
        fields = {name: data.get(name) for name in cls.__dataclass_fields__ if name in data}
        fields["paragraphs"] = [tuple(span) for span in data.get("paragraphs") or []]
        return cls(**fields)


@dataclass(slots=True, frozen=True)
class Sentence:
    """A sentence of an article, located by character offsets into ``Article.text``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class CopyGroup:
    """Articles that are copies of one story (exact or edited republications)."""

    id: str
    article_ids: list[str]
    canonical: str
    # article id -> estimated overlap with the canonical version (1.0 for the canonical itself)
    overlap: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class Event:
    """Articles reporting one real-world event."""

    id: str
    title: str
    start: str | None
    end: str | None
    article_ids: list[str]
    outlets: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Storyline:
    """Events that continue one story over days or weeks (the same actors and place, later developments)."""

    id: str
    title: str
    start: str | None
    end: str | None
    event_ids: list[str]  # in date order (undated last)


@dataclass(slots=True)
class StorylineLink:
    """Where an event stands in its storyline: the storyline, and its events before and after this one.

    ``earlier`` and ``later`` hold ``{"id", "title", "start"}`` of those events, in date order.
    """

    id: str
    title: str
    earlier: list[dict] = field(default_factory=list)
    later: list[dict] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Citation:
    """A source sentence that supports a summary sentence."""

    article_id: str
    sentence_index: int
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class DatedWords:
    """Relative time words of a summary sentence ("Monday", "last week"), at ``start:end`` of its text, and the
    day (or ``date`` to ``until``) they mean, computed from the publication date of the source ``article_id``."""

    start: int
    end: int
    date: str
    until: str | None = None
    article_id: str = ""


@dataclass(slots=True)
class SummarySentence:
    text: str
    citations: list[Citation]
    dates: list[DatedWords] = field(default_factory=list)


@dataclass(slots=True)
class Summary:
    headline: str
    sentences: list[SummarySentence]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Summary:
        return cls(
            data["headline"],
            [
                SummarySentence(
                    item["text"],
                    [Citation(**c) for c in item["citations"]],
                    [DatedWords(**d) for d in item.get("dates", [])],
                )
                for item in data["sentences"]
            ],
        )


@dataclass(slots=True)
class Quote:
    """Who said what in one article: direct words inside quotation marks, or reported speech with its cue.

    ``text`` is the content without quotation marks, at ``start``/``end`` in ``Article.text`` (the outer hull
    for a quotation interrupted by its attribution; None for a quote of the title); ``speaker`` is the speaker's
    span as the article words it, ``speaker_name`` the fullest name the article gives that speaker and
    ``speaker_role`` a title or role.
    """

    article_id: str
    text: str
    direct: bool
    speaker: str | None
    speaker_name: str | None
    speaker_role: str | None
    cue: str | None
    start: int | None
    end: int | None
    sentence_index: int

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Quote:
        return cls(**{name: data.get(name) for name in cls.__dataclass_fields__})


@dataclass(slots=True)
class Entity:
    """A person, organisation or place named in articles: its fullest name, mention count and name variants."""

    name: str
    kind: str  # person, organisation or place
    mentions: int
    variants: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Entity:
        return cls(
            data["name"],
            data["kind"],
            data["mentions"],
            list(data.get("variants") or []),
            list(data.get("article_ids") or []),
        )


@dataclass(slots=True, frozen=True)
class MeaningChange:
    """What a changed or replaced sentence disputes: the kind of conflict and a few words naming it."""

    kind: str
    topic: str


@dataclass(slots=True, frozen=True)
class SentenceChange:
    """One sentence of the canonical version (``a``) rewritten in a copy (``b``): its word edits (equal words left
    out) and, when the rewrite changes what is claimed, the ``disagreement``."""

    a: Sentence
    b: Sentence
    similarity: float
    edits: tuple[tuple[str, str, str], ...]  # (op, words of A, words of B)
    disagreement: MeaningChange | None = None

    def to_dict(self) -> dict:
        data = {
            "a": _version_sentence(self.a),
            "b": _version_sentence(self.b),
            "similarity": self.similarity,
            "edits": [{"op": op, "a": a, "b": b} for op, a, b in self.edits],
            "changes_meaning": self.disagreement is not None,
        }
        if self.disagreement:
            data["disagreement"] = asdict(self.disagreement)
        return data

    @classmethod
    def from_dict(cls, data: dict, a_id: str, b_id: str) -> SentenceChange:
        meaning = data.get("disagreement")
        return cls(
            Sentence(a_id, **data["a"]),
            Sentence(b_id, **data["b"]),
            data["similarity"],
            tuple((e["op"], e["a"], e["b"]) for e in data["edits"]),
            MeaningChange(**meaning) if meaning else None,
        )


@dataclass(slots=True, frozen=True)
class VersionConflict:
    """A sentence the copy dropped (index ``a`` in the canonical) and one it added (``b``) that make conflicting
    claims about the same thing."""

    a: int
    b: int
    kind: str
    topic: str


@dataclass(slots=True)
class Variant:
    """How one copy (``article_id``) differs from its group's canonical version (``canonical_id``)."""

    article_id: str
    canonical_id: str
    same: int  # sentences the two share
    changed: list[SentenceChange] = field(default_factory=list)
    dropped: list[Sentence] = field(default_factory=list)  # only in the canonical
    added: list[Sentence] = field(default_factory=list)  # only in the copy
    conflicts: list[VersionConflict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "article_id": self.article_id,
            "a": self.canonical_id,
            "b": self.article_id,
            "same": self.same,
            "changed": [change.to_dict() for change in self.changed],
            "only_a": [_version_sentence(s) for s in self.dropped],
            "only_b": [_version_sentence(s) for s in self.added],
            "conflicts": [asdict(conflict) for conflict in self.conflicts],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Variant:
        a_id, b_id = data["a"], data["article_id"]
        return cls(
            b_id,
            a_id,
            data["same"],
            [SentenceChange.from_dict(change, a_id, b_id) for change in data["changed"]],
            [Sentence(a_id, **s) for s in data["only_a"]],
            [Sentence(b_id, **s) for s in data["only_b"]],
            [VersionConflict(**c) for c in data.get("conflicts", [])],
        )


def _version_sentence(sentence: Sentence) -> dict:
    return {"index": sentence.index, "start": sentence.start, "end": sentence.end, "text": sentence.text}


@dataclass(slots=True, frozen=True)
class Development:
    """What one day's articles of an event add: the first sentence that says something new, cited."""

    date: str
    text: str
    citations: tuple[Citation, ...]

    def to_dict(self) -> dict:
        return asdict(self) | {"citations": [asdict(c) for c in self.citations]}

    @classmethod
    def from_dict(cls, data: dict) -> Development:
        return cls(data["date"], data["text"], tuple(Citation(**c) for c in data["citations"]))


@dataclass(slots=True, frozen=True)
class Problem:
    """An input that could not be read (fully): where, and what went wrong, in one line."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(slots=True)
class EventDigest:
    """Everything a reader of one event needs: the event, its cited summary, its sources and copy groups."""

    event: Event
    summary: Summary
    articles: list[Article]
    copy_groups: list[CopyGroup]
    variants: dict[str, list[Variant]] = field(default_factory=dict)  # copy group id -> how each copy differs
    notes: list[str] = field(default_factory=list)  # what could not be analysed, and why
    developments: list[Development] = field(default_factory=list)  # what each day's articles add, oldest first
    storyline: StorylineLink | None = None
    disagreements: list[Disagreement] = field(default_factory=list)  # where sources disagree
    quotes: list[Quote] = field(default_factory=list)  # every article's quotes, the event's main news first
    entities: list[Entity] = field(default_factory=list)  # people, organisations and places, most mentioned first


@dataclass(slots=True, frozen=True)
class Claim:
    """One side's sentence in a disagreement: where it is (article, sentence, character offsets into the article's
    text), who published it and when, and the offsets of the words in conflict (``marked``). ``side`` numbers the
    positions taken: claims with the same side say the same thing."""

    article_id: str
    outlet: str | None
    published: str | None
    sentence_index: int
    start: int
    end: int
    text: str
    marked: tuple[tuple[int, int], ...] = ()
    side: int = 0

    @classmethod
    def of(cls, article: Article, sentence: Sentence, marked: tuple[tuple[int, int], ...], side: int) -> Claim:
        """The claim ``sentence`` of ``article`` makes, with its conflicting words at ``marked``."""
        return cls(
            article.id,
            article.outlet,
            article.published,
            sentence.index,
            sentence.start,
            sentence.end,
            sentence.text,
            marked,
            side,
        )

    def to_dict(self) -> dict:
        data = asdict(self)
        data["marked"] = [list(span) for span in self.marked]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Claim:
        fields = {name: data.get(name) for name in cls.__dataclass_fields__ if name in data}
        fields["marked"] = tuple(tuple(span) for span in data.get("marked") or [])
        return cls(**fields)


@dataclass(slots=True)
class Disagreement:
    """Sources that disagree on one point of an event: ``kind`` (number, date, negation, cue, attribution, place,
    quote), a short ``topic`` naming what is disputed, and every claim. ``update`` marks a figure that changed as time
    passed (the claims then run in date order) rather than a conflict."""

    event: str
    kind: str
    topic: str
    update: bool
    claims: list[Claim]

    def to_dict(self) -> dict:
        return {
            "event": self.event,
            "kind": self.kind,
            "topic": self.topic,
            "update": self.update,
            "claims": [claim.to_dict() for claim in self.claims],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Disagreement:
        return cls(
            data["event"],
            data["kind"],
            data["topic"],
            bool(data.get("update")),
            [Claim.from_dict(item) for item in data.get("claims", [])],
        )
