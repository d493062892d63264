"""Reading articles loads only what reading needs: never the summarizer, numpy or scipy."""

import json
import subprocess
import sys

PAGE = """<!doctype html><html lang="en"><head><title>FIRE CLOSES BRIDGE</title></head><body><article>
<h1>FIRE CLOSES BRIDGE</h1>
<p>A fire closes the old bridge over the Sallow river for the second time this year, the city said on Monday.</p>
<p>Crews from Ostwick and Harrowgate worked through the night, and the bridge stays shut until engineers have
checked its deck. Drivers were sent round by the ring road.</p>
</article></body></html>"""

PROGRAM = """
import json, sys
from storyline.ingest import read_bytes
article = next(read_bytes(sys.stdin.buffer.read(), "fire.html"))
heavy = sorted(m for m in ("storyline.summarize", "numpy", "scipy") if m in sys.modules)
print(json.dumps({"title": article.title, "heavy": heavy}))
"""


def test_a_headline_in_capitals_is_cased_without_loading_the_summarizer():
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], input=PAGE.encode(), capture_output=True, check=True, timeout=120
    )
    result = json.loads(done.stdout)
    assert result["title"] == "Fire closes bridge"  # the short headline passed the verb test
    assert result["heavy"] == []
