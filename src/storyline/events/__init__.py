"""Group articles into the real-world events they report, in one batch or incrementally as a stream arrives.

Two levels. The first (``topics``) takes articles in date order: an article joins the most similar open topic when
the similarity reaches the topic threshold and otherwise starts one; similarity is a weighted mean of body,
headline and entity cosines (``features``), lowered by a Gaussian of the time between the article and the topic's
dates (``vectors.time_factor``); a topic closes once its newest article is a window behind the stream. The second
(``split``, kept up to date by ``layer``) splits each topic in two, again and again, while its halves are far apart
by the topic's own term weights, which tells apart two events of one kind that share their people.

Batch mode (``cluster_events``, ``EventIndex.from_articles``) runs the pass with corpus-wide document frequencies,
lets articles of unknown time (taken last) join any topic, and then (``refine``) moves every article to its best
topic once all are known. Online mode (``EventIndex.add``) keeps document frequencies, open centroids and the
feature rows of open topics' articles between calls (``state``), so a store never re-reads old texts; an article
dated a window behind the newest date seen can only join topics that are still open, so after importing an old
archive into a store of current news, rebuild.

Dates: ``Article.published`` orders the stream and gives events their date range. An article without a date, or
whose date is only the time it was read (``date_source == "ingest-time"``), has no time penalty; it opens and keeps
events at the stream's newest date, and an event made only of such articles takes its dates from them, or has none.
Languages: an article only joins events of its own language. Copies: articles of one copy group land in one event.

Modules: ``options`` (the knobs), ``days``, ``vectors`` (idf, cosines, time factor), ``records`` (what an event
remembers), ``topics`` (the first level), ``refine``, ``split`` and ``layer`` (the second level), ``state`` (bytes
and back), ``index`` (``EventIndex``, ``cluster_events``).
"""

from storyline.events.days import day_number
from storyline.events.index import EventIndex, cluster_events
from storyline.events.options import EventOptions
from storyline.events.state import STATE_VERSION

__all__ = ["STATE_VERSION", "EventIndex", "EventOptions", "cluster_events", "day_number"]
