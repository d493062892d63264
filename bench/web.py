"""Web app latency under a bounded local load, with an ingest writing to the store at the same time.

Builds a store from the synthetic stream of ``bench/events.py`` (ECB+ dev articles copied with per-copy
vocabularies) through the product's own ingest, starts ``storyline serve`` on 127.0.0.1, measures event pages
cold (analysed on request) and cached, then runs CLIENTS keep-alive clients for SECONDS against the events page,
cached event pages, article pages, searches and API calls while another process ingests the rest of the stream
(a background job, at lower priority: --ingest-nice). The clients are one asyncio loop on raw sockets, so the load
generator costs a tenth of the server's CPU; every answer is read whole and any status but 200 counts as a failure.
The anchor is the floor of the same server: its static stylesheet, measured in the same run. ``--as-is`` measures a
store built by other means (the CLI): only the articles for the concurrent ingest are streamed.

    PYTHONPATH=src python bench/web.py [--data ../shared/data] [--articles 20000] [--clients 8] [--seconds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import multiprocessing
import os
import random
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from events import read_ecbplus, synthetic_stream

from storyline.ingest.assemble import content_hash

GOALS_MS = {"events page": 200, "event page (cached)": 200, "article page": 200, "search": 300, "API call": 200}
HELD_BACK = 2000  # articles left for the ingest that runs during the load
INGEST_BATCH = 20  # articles per transaction of that ingest


def stream(data: Path, total: int):
    articles, gold, _ = read_ecbplus(data / "ecbplus-dev")
    for batch in synthetic_stream(articles, gold, total):
        for article in batch:
            article.content_hash = content_hash(article.text)
        yield batch


def build_store(db: Path, data: Path, total: int, tail: Path, minutes: float | None = None) -> float:
    """Ingest the stream up to its last HELD_BACK articles, resuming where the store stops; with ``minutes``, stop
    after the batch that passes that budget (the store then holds a prefix of the stream, built on by a later run)."""
    from storyline import pipeline
    from storyline.store import Store

    started = time.perf_counter()
    articles = [article for batch in stream(data, total) for article in batch]

    def within_budget():
        for article in articles[done : total - HELD_BACK]:
            if minutes is not None and time.perf_counter() - started > minutes * 60:
                return
            yield article

    with Store(db) as store:
        done = store.count_articles()
        pipeline.ingest(store, within_budget())
    write_tail(db, articles, tail)
    return time.perf_counter() - started


def write_tail(db: Path, articles, tail: Path) -> int:
    """The first HELD_BACK articles of the stream that the store does not hold go to ``tail``, for the concurrent
    ingest (a store built by other means, such as the CLI, gets its tail the same way)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        stored = {row[0] for row in connection.execute("SELECT id FROM articles")}
    written = 0
    with tail.open("w", encoding="utf-8") as out:
        for article in articles:
            if article.id not in stored:
                out.write(json.dumps(article.to_dict()) + "\n")
                written += 1
                if written == HELD_BACK:
                    break
    return written


def ingest_rest(db: Path, tail: Path) -> None:
    """The concurrent writer: the held-back tail of the stream, INGEST_BATCH articles a transaction."""
    from storyline import pipeline
    from storyline.model import Article
    from storyline.store import Store

    articles = [Article.from_dict(json.loads(line)) for line in tail.read_text(encoding="utf-8").splitlines()]

    def announced():
        for number, article in enumerate(articles):
            if number and number % INGEST_BATCH == 0:  # the next batch is pulled once the last one is committed
                print(f"ingested {INGEST_BATCH}", flush=True)
            yield article

    with Store(db) as store:
        pipeline.ingest(store, announced(), batch_size=INGEST_BATCH)


class Client:
    def __init__(self, host: str, port: int):
        self.connection = http.client.HTTPConnection(host, port, timeout=60)

    def get(self, path: str) -> tuple[int, float]:
        started = time.perf_counter()
        try:
            self.connection.request("GET", path)
            response = self.connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            self.connection.close()
            status = 0
        return status, (time.perf_counter() - started) * 1000


class LoadConnection:
    """One keep-alive HTTP/1.1 connection on asyncio streams: real requests for little client CPU, so the load
    generator does not take the cores the server is measured on. Every answer is read to its end."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, float]:
        started = time.perf_counter()
        try:
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
            head = await self.reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            headers = {
                name.strip().lower(): value.strip()
                for name, _, value in (line.partition(b":") for line in head.split(b"\r\n")[1:] if line)
            }
            if b"content-length" in headers:
                await self.reader.readexactly(int(headers[b"content-length"]))
            elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
                while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                    await self.reader.readexactly(size + 2)
                await self.reader.readuntil(b"\r\n")
            else:
                raise ValueError("an answer without a length")
            if headers.get(b"connection", b"").lower() == b"close":
                self.close()
        except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            self.close()
            status = 0
        return status, (time.perf_counter() - started) * 1000

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def sample(db: Path, rng: random.Random) -> dict:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        events = [row[0] for row in connection.execute("SELECT id FROM events ORDER BY start, id")]
        articles = [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY random() LIMIT 2000")]
        titles = [row[0] or "" for row in connection.execute("SELECT title FROM articles ORDER BY random() LIMIT 400")]
        outlets = [row[0] for row in connection.execute("SELECT DISTINCT outlet FROM articles WHERE outlet != ''")]
    words = [w for title in titles for w in re.findall(r"[A-Za-z]{5,}", title)]
    queries = [" ".join(rng.sample(words, 2)) for _ in range(200)] + rng.sample(words, 100)
    queries += ['"U.S."', "don't", "earthquake OR shooting", "-police fire", '"killed in', "NEAR(", "*"]
    early = events[: int(len(events) * 0.8)]  # the concurrent ingest adds to the newest days, not these
    return {"events": early, "articles": articles, "queries": queries, "outlets": outlets}


def percentiles(values: list[float]) -> tuple[float, float]:
    return float(np.percentile(values, 50)), float(np.percentile(values, 99))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument(
        "--client-processes", type=int, default=8, help="processes the clients are spread over (at most --clients)"
    )
    parser.add_argument("--db", type=Path, default=Path(__file__).parent / "out" / "web.db")
    parser.add_argument("--workers", type=int, default=1, help="server processes (storyline serve --workers)")
    parser.add_argument("--build-minutes", type=float, help="stop building the store after this long (resumable)")
    parser.add_argument("--build-only", action="store_true", help="build or top up the store, measure nothing")
    parser.add_argument(
        "--as-is",
        action="store_true",
        help="measure the store as it is (built by other means); only the concurrent ingest's articles are streamed",
    )
    parser.add_argument(
        "--ingest-nice", type=int, default=10, help="the concurrent ingest's niceness (a background job: 10)"
    )
    parser.add_argument("--cold-events", type=int, default=20, help="event pages opened cold, then kept cached")
    parser.add_argument("--ingest-rest", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.client_processes = max(1, min(args.client_processes, args.clients))
    tail = args.db.with_name(args.db.stem + "-tail.jsonl")
    if args.ingest_rest:
        ingest_rest(args.db, tail)
        return
    if not (args.data / "ecbplus-dev").is_dir():
        sys.exit(f"bench/web.py: ECB+ dev data not found under {args.data} (give --data)")
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.db.exists():
        with sqlite3.connect(args.db) as connection:
            connection.execute("DELETE FROM analyses")  # every run starts with no event analysed
    if args.as_is:
        started = time.perf_counter()
        write_tail(args.db, (article for batch in stream(args.data, args.articles) for article in batch), tail)
        built = time.perf_counter() - started
    else:
        built = build_store(args.db, args.data, args.articles, tail, args.build_minutes)
    with sqlite3.connect(args.db) as connection:
        stored, events = (
            connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in ("articles", "events")
        )
    how = "measured as it is" if args.as_is else f"built or topped up in {built:.0f} s"
    print(f"store: {stored:,} articles, {events:,} events ({args.db.name}, {how})")
    if args.build_only:
        return

    server = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "serve", "--db", str(args.db), "--port", "0"]
        + ["--workers", str(args.workers)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        address = re.search(r"http://([\d.]+):(\d+)/", server.stdout.readline())
        host, port = address.group(1), int(address.group(2))
        run(args, host, port, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process and its worker processes so far (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:  # a worker that just ended
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) for child in children)


def run(args, host: str, port: int, server_pid: int) -> None:
    rng = random.Random(11)
    pool = sample(args.db, rng)
    client = Client(host, port)
    client.get("/")  # the server is up
    cold_events = rng.sample(pool["events"], args.cold_events)
    cold = [client.get(f"/events/{quote(event_id, safe='')}") for event_id in cold_events]
    cached = [client.get(f"/events/{quote(event_id, safe='')}") for event_id in cold_events]
    cold_p50, cold_p99 = percentiles([ms for _, ms in cold])
    cached_p50, cached_p99 = percentiles([ms for _, ms in cached])
    print(
        f"event page, one client: cold p50 {cold_p50:.0f} ms, p99 {cold_p99:.0f} ms; cached p50 {cached_p50:.0f} ms, "
        f"p99 {cached_p99:.0f} ms ({len(cold_events)} events, none analysed before)"
    )

    def request(kind: str, r: random.Random) -> str:
        if kind == "events page":
            params = {"page": str(r.randint(1, 50))}
            if r.random() < 0.3:
                params = {"outlet": r.choice(pool["outlets"])}
            return "/?" + urlencode(params)
        if kind == "event page (cached)":
            return f"/events/{quote(r.choice(cold_events), safe='')}"
        if kind == "article page":
            return "/article?" + urlencode({"id": r.choice(pool["articles"])})
        if kind == "search":
            return "/search?" + urlencode({"q": r.choice(pool["queries"])})
        if kind == "API call":
            return r.choice(
                [
                    f"/api/events?page={r.randint(1, 50)}",
                    f"/api/events/{quote(r.choice(cold_events), safe='')}",
                    "/api/search?" + urlencode({"q": r.choice(pool["queries"])}),
                ]
            )
        return "/static/storyline.css"

    kinds = list(GOALS_MS) + ["static file (anchor: the server's floor)"]
    results: dict[str, list[float]] = {kind: [] for kind in kinds}
    failures: list[str] = []

    async def load_client(number: int, stop: float, results: dict, failures: list) -> None:
        r = random.Random(number)
        own = LoadConnection(host, port)
        step = number
        while time.perf_counter() < stop:
            kind = kinds[step % len(kinds)]
            step += 1
            path = request(kind, r)
            status, ms = await own.get(path)
            results[kind].append(ms)
            if status != 200:
                failures.append(f"{status} {path}")
        own.close()

    def load_process(numbers: list[int], stop: float, out) -> None:
        """Some of the clients, in one process of the load generator; sends back what they measured."""
        results: dict[str, list[float]] = {kind: [] for kind in kinds}
        failures: list[str] = []
        started = time.process_time()

        async def clients() -> None:
            await asyncio.gather(*(load_client(number, stop, results, failures) for number in numbers))

        try:
            import uvloop

            uvloop.run(clients())
        except ImportError:
            asyncio.run(clients())
        out.send((results, failures, time.process_time() - started))
        out.close()

    def load() -> float:
        """Runs the clients in CLIENT_PROCESSES processes (a process stalled by the scheduler delays only its
        own clients' timings); returns their CPU seconds."""
        forked = multiprocessing.get_context("fork")
        stop = time.perf_counter() + args.seconds
        shares = [list(range(args.clients))[part :: args.client_processes] for part in range(args.client_processes)]
        pipes, processes = [], []
        for numbers in shares:
            receive, send = forked.Pipe(duplex=False)
            process = forked.Process(target=load_process, args=(numbers, stop, send))
            process.start()
            send.close()
            pipes.append(receive)
            processes.append(process)
        cpu = 0.0
        for receive, process in zip(pipes, processes, strict=True):
            measured, failed, seconds = receive.recv()
            for kind, values in measured.items():
                results[kind] += values
            failures.extend(failed)
            cpu += seconds
            process.join()
        return cpu

    alone: dict[str, tuple[float, float, float]] = {}  # one client, no ingest: p50, p99, server CPU ms
    r = random.Random(5)
    for kind in kinds:
        before = cpu_seconds(server_pid)
        times = [client.get(request(kind, r))[1] for _ in range(30)]
        alone[kind] = (*percentiles(times), (cpu_seconds(server_pid) - before) * 1000 / len(times))

    writer = subprocess.Popen(
        [sys.executable, __file__, "--ingest-rest", "--db", str(args.db)],
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.nice(args.ingest_nice),
    )
    first = writer.stdout.readline()  # the writer is committing before the clients start
    written = [first] if first.startswith("ingested") else []
    server_cpu = cpu_seconds(server_pid)
    client_cpu = load()
    server_cpu = cpu_seconds(server_pid) - server_cpu
    writer.terminate()
    written += [line for line in writer.communicate()[0].splitlines() if line.startswith("ingested")]
    requests = sum(len(values) for values in results.values())
    added = sum(int(line.split()[1]) for line in written)
    print(
        f"\n{args.clients} clients ({args.client_processes} processes) on {host} for {args.seconds:.0f} s: "
        f"{requests} requests, server CPU "
        f"{server_cpu * 1000 / max(requests, 1):.1f} ms per request, load generator CPU "
        f"{client_cpu * 1000 / max(requests, 1):.2f} ms per request; an ingest stored {added} articles meanwhile "
        f"({INGEST_BATCH} per transaction, {len(written)} transactions, at nice {args.ingest_nice})\n"
    )
    print("| request | n | p50 ms | p99 ms | goal p99 | met | one client alone: p50 / p99 ms | server CPU ms |")
    print("|---|---|---|---|---|---|---|---|")
    for kind in kinds:
        p50, p99 = percentiles(results[kind])
        goal = GOALS_MS.get(kind)
        met = "" if goal is None else ("yes" if p99 < goal else "no")
        one50, one99, cpu = alone[kind]
        print(
            f"| {kind} | {len(results[kind])} | {p50:.1f} | {p99:.1f} | {goal or ''} | {met} | "
            f"{one50:.1f} / {one99:.1f} | {cpu:.1f} |"
        )
    print(f"\nfailed requests: {len(failures)}" + (f" (first: {failures[:5]})" if failures else ""))


if __name__ == "__main__":
    main()
