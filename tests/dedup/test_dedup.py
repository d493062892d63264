"""Copy groups: grouping of edited copies, determinism, the incremental index and its persisted rows."""

import random

import pytest

from storyline.dedup import CopyIndex, explain, find_copy_groups, is_boilerplate_line, normalized_words
from storyline.model import Article

# An invented wire story, its republished copies, and other stories (one about the same event).
STORY = [
    "The harbour authority of Port Ellery said on Tuesday that the northern breakwater will be rebuilt after "
    "last winter's storms tore a forty metre gap in the old stone wall.",
    "Engineers expect the work to take eighteen months and to cost about 12 per cent more than "
    "first planned, "
    "the authority's chief executive Maren Holt told a meeting of local fishermen.",
    '"We cannot leave the inner harbour exposed for another season," Holt said, adding that the '
    "fishing fleet "
    "would be moved to the southern quay while the cranes are in place.",
    "The U.S. dredging firm that won the contract has promised to keep one channel open at all times.",
    "Fishermen at the meeting asked for compensation for the longer trips to the southern quay, and the "
    "authority agreed to review the mooring fees in the spring.",
    "The breakwater was first built in 1887 and was last repaired after a storm surge in the winter of 1953.",
]
SAME_EVENT = (
    'Fishermen in Port Ellery are angry about plans to move the fleet to the southern quay. "We '
    "cannot leave the "
    'inner harbour exposed for another season," the harbour chief said on Tuesday, but skippers say '
    "the longer "
    "trips will cost them fuel and time. Several boats may tie up in the neighbouring town of "
    "Carrow instead, "
    "where the mooring fees are lower and the quay is closer to the fish market."
)
OTHER = (
    "A travelling exhibition of mechanical clocks opened at the city museum on Saturday, with more than two "
    "hundred pieces lent by private collectors from across the region. The oldest clock on show was "
    "made by a "
    "village blacksmith and still keeps time to within a minute a week, the curator said. Visitors can watch "
    "restorers at work in a glass-walled studio every afternoon until the exhibition closes in the autumn."
)


def article(article_id, text, published=None):
    return Article(id=article_id, text=text, published=published)


def corpus():
    original = "\n".join(STORY)
    restyled = original.replace("U.S.", "US").replace("12 per cent", "12 percent").replace("said", "told reporters")
    return [
        article("wire", original, "2024-03-05T09:00"),
        article("trimmed", "\n".join(STORY[:4]), "2024-03-05T11:00"),
        article(
            "restyled",
            "Published on March 5, 2024\n" + restyled + "\n© 2024 Coastal News. All rights reserved.",
            "2024-03-05T10:00",
        ),
        article("teaser", "\n".join(STORY[:3]) + "\nRead more on our website.", "2024-03-06"),
        article(
            "inserted",
            "\n".join(STORY[:2] + ["The mayor welcomed the decision in a short statement."] + STORY[2:]),
            "2024-03-05T12:00",
        ),
        article("same-event", SAME_EVENT, "2024-03-05"),
        article("other", OTHER, "2024-03-02"),
    ]


def membership(groups):
    return sorted(sorted(g.article_ids) for g in groups)


def test_edited_copies_group_and_other_stories_stay_apart():
    groups = find_copy_groups(corpus())
    assert membership(groups) == [
        ["inserted", "restyled", "teaser", "trimmed", "wire"],
        ["other"],
        ["same-event"],
    ]
    copies = groups[0]
    assert copies.canonical == "wire"  # the earliest published
    assert copies.article_ids[0] == "wire"
    assert copies.overlap["wire"] == 1.0
    assert all(0.6 <= copies.overlap[a] <= 1.0 for a in copies.article_ids)


def test_every_article_in_exactly_one_group():
    articles = corpus()
    groups = find_copy_groups(articles)
    listed = [a for g in groups for a in g.article_ids]
    assert sorted(listed) == sorted(a.id for a in articles)


def test_result_does_not_depend_on_input_order():
    articles = corpus()
    expected = find_copy_groups(articles)
    for seed in range(3):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        assert find_copy_groups(shuffled) == expected  # ids, members, canonical and overlaps


def test_canonical_is_earliest_then_most_complete():
    text = "\n".join(STORY)
    articles = [
        article("short", "\n".join(STORY[:4]), "2024-01-01"),
        article("full", text, "2024-01-01"),
        article("later", text, "2024-01-02"),
        article("undated", text),
    ]
    group = find_copy_groups(articles)[0]
    assert group.canonical == "full"
    assert group.article_ids == ["full", "short", "later", "undated"]


def test_incremental_adds_equal_batch():
    articles = corpus()
    expected = find_copy_groups(articles)
    for seed in range(3):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        index = CopyIndex()
        for batch in (shuffled[:2], shuffled[2:3], shuffled[3:]):
            index.add(batch)
        assert index.groups() == expected


def test_chunked_and_parallel_sketching_give_the_same_groups(monkeypatch):
    from storyline.dedup import chunks, index

    articles = corpus()
    expected = find_copy_groups(articles, workers=1)
    monkeypatch.setattr(chunks, "_POOL_CHUNK", 2)
    monkeypatch.setattr(index, "_CONNECT_BATCH", 3)
    monkeypatch.setattr(chunks, "_POOL_MIN_ARTICLES", 1)
    assert find_copy_groups(articles, workers=1) == expected
    assert find_copy_groups(articles[::-1], workers=2) == expected  # sketched in a second process too


def test_add_reports_the_groups_it_changed():
    articles = corpus()
    index = CopyIndex()
    index.add([a for a in articles if a.id != "wire"])
    rows, changed = index.add([a for a in articles if a.id == "wire"])
    assert [row[0] for row in rows] == ["wire"]
    assert len(changed) == 1 and changed[0].canonical == "wire"  # the earlier version became canonical
    assert "teaser" in changed[0].article_ids


def test_rows_restore_the_index_without_texts():
    articles = corpus()
    index = CopyIndex()
    rows = index.add(articles[:3])[0] + index.add(articles[3:])[0]
    assert all(isinstance(data, bytes) for _, data in rows)
    restored = CopyIndex.from_rows(reversed(rows))
    assert restored.groups() == index.groups()
    # The restored index keeps matching new articles.
    more = article("late-copy", "\n".join(STORY[1:]), "2024-03-07")
    restored.add([more])
    assert restored.groups() == find_copy_groups(articles + [more])


def test_rows_made_with_another_threshold_are_matched_again():
    rows, _ = CopyIndex(threshold=0.99).add(corpus())
    restored = CopyIndex.from_rows(rows, threshold=0.6)
    assert restored.groups() == find_copy_groups(corpus(), threshold=0.6)


def test_corrupt_rows_are_refused():
    with pytest.raises(ValueError, match="corrupt copy index row"):
        CopyIndex.from_rows([("a", b"not a row")])


def test_a_row_cut_short_is_refused_not_read_as_a_smaller_sketch():
    rows, _ = CopyIndex().add(corpus())
    article_id, data = rows[0]
    for cut in (len(data) - 1, len(data) // 2):
        with pytest.raises(ValueError, match="corrupt copy index row"):
            CopyIndex.from_rows([(article_id, data[:cut])])


def test_exact_duplicates_in_separate_batches_group():
    text = "\n".join(STORY)
    index = CopyIndex()
    index.add([article("one", text)])
    index.add([article("two", text), article("three", text)])
    assert membership(index.groups()) == [["one", "three", "two"]]


def test_short_texts_never_group():
    tiny = "Shares rose sharply in early trading on Monday."
    groups = find_copy_groups([article("a", tiny), article("b", tiny), article("c", "")])
    assert membership(groups) == [["a"], ["b"], ["c"]]
    assert explain(article("a", tiny), article("b", tiny))["copies"] is False
    # The limit is configurable.
    assert membership(find_copy_groups([article("a", tiny), article("b", tiny)], min_words=5)) == [["a", "b"]]


def test_shared_boilerplate_does_not_glue_unrelated_articles():
    furniture_top = "Advertisement\nShare this article\nPublished on March 5, 2024"
    furniture_end = (
        "Reporting by the news desk; editing by the night desk.\n"
        "© 2024 Coastal News Group. All rights reserved.\nFollow us for more news."
    )
    # A line that no rule knows about, shared by both: too small a part of either text to make them copies.
    shared = "Coastal News is an independent newspaper serving the towns of the northern coast since 1921."
    a = article("harbour", "\n".join([furniture_top, *STORY[:3], shared, furniture_end]))
    b = article("clocks", "\n".join([furniture_top, OTHER, shared, furniture_end]))
    assert membership(find_copy_groups([a, b])) == [["clocks"], ["harbour"]]
    assert explain(a, b)["containment"] < 0.3


def test_page_furniture_is_not_evidence_of_copying():
    # Two short unrelated stories wrapped in the same long furniture: counted as text, the furniture would
    # make
    # up most of each article and glue them together.
    top = (
        "Advertisement\nShare this article on social media with your friends and family\n"
        "Published on March 5, 2024 at 10:00 in the morning, local time"
    )
    end = (
        "Sign up for our morning newsletter to get the day's top stories from the northern coast in "
        "your inbox.\n"
        "Reporting by the news desk; editing by the night desk at the Coastal News Group.\n"
        "© 2024 Coastal News Group. All rights reserved. No part of this site may be reproduced without "
        "permission.\nFollow us for more news from the towns of the northern coast."
    )
    a = article("harbour", "\n".join([top, STORY[0], end]))
    b = article("clocks", "\n".join([top, OTHER.split(". ")[0] + ".", end]))
    assert membership(find_copy_groups([a, b])) == [["clocks"], ["harbour"]]
    assert explain(a, b)["words"] == {
        "harbour": len(normalized_words(STORY[0])),
        "clocks": len(normalized_words(OTHER.split(". ")[0])),
    }


def test_boilerplate_lines_and_normalisation():
    assert is_boilerplate_line("Advertisement")
    assert is_boilerplate_line("(c) 2019 Some Agency")
    assert not is_boilerplate_line("The advertisement campaign cost the party two million dollars last year.")
    assert normalized_words("The U.S. grew 2 per cent in a week-long run.\nShare this article") == [
        "the",
        "us",
        "grew",
        "2",
        "percent",
        "in",
        "a",
        "weeklong",
        "run",
    ]
    assert normalized_words("“Yes,” she said.") == normalized_words('"Yes," she said.')


def test_explain_reports_the_overlap_behind_a_decision():
    articles = {a.id: a for a in corpus()}
    copies = explain(articles["wire"], articles["teaser"])
    assert copies["copies"] is True and copies["containment"] >= 0.6
    assert copies["shared_shingles"] <= min(copies["shingles"].values())
    apart = explain(articles["wire"], articles["same-event"])
    assert apart["copies"] is False and apart["containment"] < 0.6
    assert "threshold" in apart["reason"] or "LSH" in apart["reason"]


def test_bad_arguments_raise_value_errors():
    with pytest.raises(ValueError, match="threshold"):
        CopyIndex(threshold=0)
    with pytest.raises(ValueError, match="min_words"):
        find_copy_groups([], min_words=-1)
    index = CopyIndex()
    index.add([article("a", OTHER)])
    with pytest.raises(ValueError, match="already"):
        index.add([article("a", OTHER)])
    with pytest.raises(ValueError, match="already"):
        CopyIndex().add([article("b", OTHER), article("b", OTHER)])


def test_seed_copies_group(seeds_dir):
    from storyline.ingest import read_paths

    articles = [item for item in read_paths(sorted(seeds_dir.glob("*.txt"))) if isinstance(item, Article)]
    by_name = {a.id[:3]: a.id for a in articles}
    groups = {a: g for g in find_copy_groups(articles) for a in g.article_ids}
    assert groups[by_name["001"]] is groups[by_name["002"]]
    assert groups[by_name["000"]].article_ids == [by_name["000"]]
