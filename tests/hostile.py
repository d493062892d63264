"""Hostile articles, written for these tests: every field tries to run a script, break a page or escape a folder.

Two stories, each told by several "outlets", so they form events with summaries that quote the hostile text.
"""

from __future__ import annotations

import json
from pathlib import Path

# Anything that runs sets this on the window (or opens a dialog); the browser tests check it never happens.
PWNED = "window.__pwned = 1"

SCRIPT = f"<script>{PWNED}</script>"
IMG = f'<img src=x onerror="{PWNED}">'
SVG = f"<svg onload={PWNED}>"
LONG_TITLE = "Harbour ferry strike " + "ongoing " * 700 + "end"
HOSTILE_IDS = (
    "../../etc/passwd",
    "a/b/c",
    "..",
    ".",
    "%2e%2e%2f",
    "<script>x</script>",
    "quote\"and'apos",
    "ferry?strike#1&x=2",
)


def hostile_records() -> list[dict]:
    ferry = [
        f"The harbour ferry strike entered its third day on Tuesday {SCRIPT} as crews rejected the latest pay offer.",
        f"Union leader Ada Venn said {IMG} the crews would not return until the offer improved.",
        "Commuters queued for buses along the Quay Road [click here](javascript:alert(1)) and waited an hour.",
        f"The port authority said talks would resume on Thursday {SVG} at the town hall.",
    ]
    festival = [
        "The Lantern Festival drew record crowds to Marrow Park on Saturday night <iframe src=javascript:alert(1)>.",
        'Organisers said 40,000 people attended <a href="javascript:alert(1)">the parade</a> along the river.',
        "# Markdown heading injection\n\n<style>body{display:none}</style> Police reported no serious incidents.",
        "Volunteers cleared the park by Sunday morning, the council said {{ 7*7 }} {% raw %} ${7*7}.",
    ]
    records = []
    for number, record_id in enumerate(HOSTILE_IDS[:4]):
        records.append(
            {
                "id": record_id,
                "title": [
                    f"Ferry strike {SCRIPT} enters third day",
                    LONG_TITLE,
                    f"Strike {IMG} talks stall",
                    "Ferry crews reject offer",
                ][number],
                "text": "\n\n".join(ferry[number:] + ferry[:number]),
                "url": [
                    "javascript:alert(document.cookie)",
                    "https://ferry.example/strike?a=1&b=<x>",
                    "data:text/html,<script>alert(1)</script>",
                    " http://ferry.example/padded",
                ][number],
                "source": [f"Harbour {SCRIPT} News", "Quay Post", f"The {IMG} Times", "Ferry Radio"][number],
                "published": "2026-04-14",
                "author": [f"{SVG}", "Jo Reed", None, "<b>Bold</b> Byline"][number],
            }
        )
    for number, record_id in enumerate(HOSTILE_IDS[4:]):
        records.append(
            {
                "id": record_id,
                "title": [
                    f"Lantern Festival {SVG} record crowds",
                    "Festival draws 40,000",
                    "[Festival](javascript:alert(1)) crowds",
                    f"Park cleared {SCRIPT}",
                ][number],
                "text": "\n\n".join(festival[number:] + festival[:number]),
                "url": [
                    "https://festival.example/lanterns",
                    "JAVASCRIPT:alert(1)",
                    "vbscript:msgbox(1)",
                    'https://festival.example/"onmouseover="alert(1)',
                ][number],
                "source": ["Marrow Gazette", f"Park {SVG} Weekly", "River Radio", "City Desk"][number],
                "published": "2026-04-18",
            }
        )
    return records


def write_hostile_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in hostile_records()) + "\n", encoding="utf-8")
    return path
