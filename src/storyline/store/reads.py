"""Reads that let a command load only what it needs of a big store: the rows a batch of new articles can touch,
and what an index of the events shows without the articles' texts or whole analyses."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from storyline.model import Article, CopyGroup, Event


class StoreReads:
    """Part of ``Store`` (its connection is ``self._db``)."""

    def article_seqs(self, ids: Sequence[str] | None = None) -> dict[str, int]:
        """The number each article was stored under (all articles, or those with the given ids)."""
        if ids is None:
            return dict(self._db.execute("SELECT id, seq FROM articles"))
        found: dict[str, int] = {}
        for chunk in chunks(list(ids), 500):
            query = f"SELECT id, seq FROM articles WHERE id IN ({', '.join('?' * len(chunk))})"
            found.update(self._db.execute(query, chunk))
        return found

    def copy_neighbourhood(self, kind: str, seqs: Sequence[int]) -> tuple[list[tuple[str, bytes]], list[list[str]]]:
        """The index rows (``kind``) of the articles numbered ``seqs`` and of every other member of their copy
        groups, in the order stored, and those groups' members."""
        ids: list[str] = []
        for chunk in chunks(list(seqs), 500):
            query = f"SELECT id FROM articles WHERE seq IN ({', '.join('?' * len(chunk))})"
            ids += [row[0] for row in self._db.execute(query, chunk)]
        groups: dict[str, list[str]] = {}
        for group_id in sorted(self._distinct("group_id", "copy_groups", "article_id", ids)):
            query = "SELECT article_id FROM copy_groups WHERE group_id = ?"
            groups[group_id] = [row[0] for row in self._db.execute(query, (group_id,))]
        members = sorted({*ids, *(a for group in groups.values() for a in group)})
        rows = []
        for chunk in chunks(members, 500):
            rows += self._db.execute(
                f"SELECT a.seq, i.article_id, i.data FROM index_rows i JOIN articles a ON a.id = i.article_id "
                f"WHERE i.kind = ? AND i.article_id IN ({', '.join('?' * len(chunk))})",
                (kind, *chunk),
            ).fetchall()
        rows.sort()
        return [(article_id, data) for _, article_id, data in rows], list(groups.values())

    def state_rows_named(self, kind: str, prefix: str, names: Sequence[str] | None) -> list[tuple[str, bytes]]:
        """The rows ``prefix:name`` of an index's state (``kind``) for ``names`` (None: every such row), as (key,
        data); names without a row are left out."""
        if names is None:
            query = "SELECT key, data FROM state_rows WHERE kind = ? AND key >= ? AND key < ?"
            return self._db.execute(query, (kind, *prefix_range(prefix))).fetchall()
        found: list[tuple[str, bytes]] = []
        for chunk in chunks([f"{prefix}:{name}" for name in names], 500):
            query = f"SELECT key, data FROM state_rows WHERE kind = ? AND key IN ({', '.join('?' * len(chunk))})"
            found += self._db.execute(query, (kind, *chunk)).fetchall()
        return found

    def index_rows_of(self, kind: str, article_ids: Sequence[str]) -> dict[str, bytes]:
        """The index rows (``kind``) of the given articles, by article id (an article without one is left out)."""
        found: dict[str, bytes] = {}
        for chunk in chunks(list(article_ids), 500):
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT article_id, data FROM index_rows WHERE kind = ? AND article_id IN ({marks})"
            found.update(self._db.execute(query, (kind, *chunk)))
        return found

    def article_stubs(self) -> dict[str, Article]:
        """Every stored article's id, content hash and date, by id in the order stored, without its text (``text``
        is empty)."""
        return {
            article_id: Article(id=article_id, text="", content_hash=content_hash, published=published)
            for article_id, content_hash, published in self._db.execute(
                "SELECT id, content_hash, published FROM articles ORDER BY seq"
            )
        }

    def listed_events(self, order: dict[str, int]) -> list[Event]:
        """``Store.events()`` for a caller that has every article's place in the store (``order``, an article's
        position by id, as ``article_stubs`` gives them): members are put in that order here, not by a join."""
        members: dict[str, list[str]] = {}
        for article_id, event_id in self._db.execute("SELECT article_id, event_id FROM event_members"):
            if article_id in order:
                members.setdefault(event_id, []).append(article_id)
        for ids in members.values():
            ids.sort(key=order.__getitem__)
        return [
            Event(event_id, title, start, end, members.get(event_id, []), json.loads(outlets))
            for event_id, title, start, end, outlets in self._db.execute(
                'SELECT id, title, start, "end", outlets FROM events ORDER BY start, id'
            )
        ]

    def listed_copy_groups(self, order: dict[str, int]) -> dict[str, CopyGroup]:
        """Every copy group by article id (``Store.copy_groups()``'s groups; ``order`` as for ``listed_events``)."""
        groups: dict[str, CopyGroup] = {}
        for article_id, group_id, canonical, overlap in self._db.execute(
            "SELECT article_id, group_id, canonical, overlap FROM copy_groups"
        ):
            if article_id not in order:
                continue
            group = groups.get(group_id)
            if group is None:
                group = groups[group_id] = CopyGroup(group_id, [], canonical, {})
            group.article_ids.append(article_id)
            if overlap is not None:
                group.overlap[article_id] = overlap
        group_of = {}
        for group in groups.values():
            if len(group.article_ids) > 1:
                group.article_ids.sort(key=order.__getitem__)
                group.overlap = {
                    article_id: group.overlap[article_id]
                    for article_id in group.article_ids
                    if article_id in group.overlap
                }
            for article_id in group.article_ids:
                group_of[article_id] = group
        return group_of

    def analysis_heads(self) -> dict[str, tuple[str, object, dict | None]]:
        """Every cached analysis's fingerprint, title (None when it keeps none) and the head of its summary (its
        headline and first sentence, as the index shows them; None without a summary), by event: what an index of
        the events shows, without reading the rest of each analysis."""
        heads = {}
        for event_id, fingerprint, parts in self._db.execute(
            "SELECT event_id, fingerprint, "
            "json_extract(data, '$.title', '$.summary.headline', '$.summary.sentences[0]') FROM analyses"
        ):
            title, headline, first = json.loads(parts)
            summary = (
                {"headline": headline, "sentences": [first] if first else []} if isinstance(headline, str) else None
            )
            heads[event_id] = (fingerprint, title, summary)
        return heads


def prefix_range(prefix: str) -> tuple[str, str]:
    """The keys ``prefix:...`` as a range of text: from ``prefix:`` up to, not including, ``prefix;``."""
    return f"{prefix}:", f"{prefix};"


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
