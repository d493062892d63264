"""Union-find over items numbered 0, 1, 2, ...: which items are joined, directly or through others."""

from __future__ import annotations

from collections.abc import Sequence


class UnionFind:
    """Disjoint sets that grow one item at a time, with the members of every set of two or more.

    >>> sets = UnionFind(4)
    >>> sets.union(0, 1), sets.union(1, 0), sets.union(3, 1)
    (True, False, True)
    >>> sorted(sets.members(sets.find(3))), sets.members(sets.find(2))
    ([0, 1, 3], [2])
    """

    __slots__ = ("_members", "_parent")

    def __init__(self, count: int = 0) -> None:
        self._parent = list(range(count))
        self._members: dict[int, list[int]] = {}  # root -> members, for sets of two or more

    def __len__(self) -> int:
        return len(self._parent)

    def add(self) -> int:
        """A new item in a set of its own; returns its number."""
        self._parent.append(len(self._parent))
        return len(self._parent) - 1

    def find(self, item: int) -> int:
        """The root of ``item``'s set (path halving on the way)."""
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: int, b: int) -> bool:
        """Join the sets of ``a`` and ``b`` (the larger root stays root); False if they were one already."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        members_a = self._members.pop(root_a, None) or [root_a]
        members_b = self._members.pop(root_b, None) or [root_b]
        if len(members_a) < len(members_b):
            root_a, root_b, members_a, members_b = root_b, root_a, members_b, members_a
        self._parent[root_b] = root_a
        members_a.extend(members_b)
        self._members[root_a] = members_a
        return True

    def members(self, root: int) -> list[int]:
        """The items of the set whose root is ``root``."""
        return self._members.get(root) or [root]


def components(count: int, pairs: Sequence[tuple[int, int]]) -> list[int]:
    """Connected-component label of each of ``count`` items linked by ``pairs``: its smallest member.

    >>> components(5, [(3, 1), (4, 3)])
    [0, 1, 2, 1, 1]
    """
    sets = UnionFind(count)
    for i, j in pairs:
        sets.union(i, j)
    smallest: dict[int, int] = {}
    for item in range(count):
        root = sets.find(item)
        smallest.setdefault(root, item)  # items come in order: the first seen is the smallest
    return [smallest[sets.find(item)] for item in range(count)]
