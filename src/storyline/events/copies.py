"""Which articles are copies of one story, under a key that outlives the copy groups' own ids.

A copy group's id follows its canonical version, so it changes when an earlier or fuller version arrives, and two
groups merge when an article copies both. The event index keys every copy set by the first group id it saw for it;
``link`` keeps that key through such changes and reports the sets whose membership changed, so that the index can
keep each set in one event.
"""

from __future__ import annotations

from collections.abc import Mapping


class CopyKeys:
    """Article id -> copy key, and copy key -> its articles (in the order they were linked).

    >>> keys = CopyKeys()
    >>> sorted(keys.link({"a": "g1"}))
    ['g1']
    >>> keys.link({"a": "g2", "b": "g2"})  # g2 is g1 grown: same key
    {'g1': ['a', 'b']}
    >>> keys.link({"c": "g3"}), keys.link({"b": "g4", "c": "g4"})  # c's set merges into a's and b's
    ({'g3': ['c']}, {'g1': ['a', 'b', 'c']})
    >>> keys.key_of("c"), keys.retired
    ('g1', {'g3': 'g1'})
    """

    def __init__(self) -> None:
        self.articles: dict[str, list[str]] = {}  # key -> articles
        self.key_of_group: dict[str, str] = {}  # every group id seen -> its key
        self._key_of_article: dict[str, str] = {}
        self.retired: dict[str, str] = {}  # key merged away -> the key it merged into (until the next ``link``)
        self.merged_into: dict[str, str] = {}  # every key merged away -> the key it merged into

    def key_of(self, article_id: str) -> str | None:
        return self._key_of_article.get(article_id)

    def link(self, copy_group_of: Mapping[str, str]) -> dict[str, list[str]]:
        """Take in ``copy_group_of`` (article id -> copy group id); return the changed sets (key -> articles)."""
        self.retired = {}
        groups: dict[str, list[str]] = {}
        for article_id, group in copy_group_of.items():
            groups.setdefault(group, []).append(article_id)
        changed: dict[str, list[str]] = {}
        for group, members in groups.items():
            keys = {self._key_of_article[a] for a in members if a in self._key_of_article}
            if group in self.key_of_group:
                keys.add(self._current(self.key_of_group[group]))
            key = min(keys) if keys else group
            self.articles.setdefault(key, [])
            for other in sorted(keys - {key}):
                self.retired[other] = self.merged_into[other] = key
                for article_id in self.articles.pop(other):
                    self._key_of_article[article_id] = key
                    self.articles[key].append(article_id)
            for article_id in members:
                if self._key_of_article.get(article_id) != key:
                    self._key_of_article[article_id] = key
                    self.articles[key].append(article_id)
            self.key_of_group[group] = key
            changed[key] = self.articles[key]
        return {key: list(articles) for key, articles in changed.items() if key in self.articles}

    def _current(self, key: str) -> str:
        """The live key a recorded key became (keys merge; the group ids that named them stay recorded)."""
        while key not in self.articles and key in self.merged_into:
            key = self.merged_into[key]
        return key

    def to_json(self) -> dict:
        return {"articles": self.articles, "groups": self.key_of_group, "merged": self.merged_into}

    @classmethod
    def from_json(cls, data: dict) -> CopyKeys:
        keys = cls()
        keys.articles = {key: list(articles) for key, articles in data.get("articles", {}).items()}
        keys.key_of_group = dict(data.get("groups", {}))
        keys.merged_into = dict(data.get("merged", {}))
        keys._key_of_article = {a: key for key, articles in keys.articles.items() for a in articles}
        return keys
