"""Progress lines: shown on a terminal with counts, rate and time left; never in pipes or with --quiet."""

import io
import sys

from storyline import progress as progress_module
from storyline.cli import main
from storyline.progress import Progress, counted, watched
from tests.conftest import EXAMPLES


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_sees_count_rate_and_time_left(monkeypatch):
    now = [0.0]
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: now[0])
    out = _Terminal()
    shown = Progress("events analysed", total=40, stream=out, enabled=True, every=1.0)
    now[0] = 2.0
    shown.advance(10)
    assert out.getvalue().endswith("events analysed: 10/40 (5/s, about 6 s left)")
    now[0] = 4.0
    shown.advance(10)
    shown.close()
    assert out.getvalue().endswith("events analysed: 20/40 (5/s, about 4 s left)\n")


def test_counted_passes_items_through_and_counts_only_the_kind_asked():
    shown = Progress("articles read")
    assert list(counted([1, "problem", 2, 3], shown, int)) == [1, "problem", 2, 3]
    assert shown.done == 3


def test_shown_only_when_both_streams_are_terminals_and_not_quiet(monkeypatch):
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert watched() and not watched(quiet=True)
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # output piped to a file
    assert not watched()


def test_ingest_and_digest_in_a_pipe_print_no_progress(tmp_path, capsys):
    db = str(tmp_path / "news.db")
    assert main(["ingest", str(EXAMPLES / "corpus" / "jsonl"), "--db", db]) == 0
    assert main(["digest", "--db", db, "--out", str(tmp_path / "digest"), "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "\r" not in out and len(out.splitlines()) == 2
