"""Start-up: --help and --version answer at once, without loading the stages or their libraries."""

import os
import subprocess
import sys

import pytest

from storyline import __version__

HEAVY = ("numpy", "scipy", "sklearn", "trafilatura", "storyline.api", "storyline.pipeline")


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["dedup", "--help"]])
def test_help_and_version_load_no_heavy_library(argv):
    code = (
        "import sys\nfrom storyline.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_version_is_the_package_version(capsys):
    from storyline.cli import main

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"storyline {__version__}"


def libraries_after_ingest(shard, db) -> list[str]:
    code = (
        "import sys\nfrom storyline.cli import main\n"
        f"try:\n    main(['ingest', {str(shard)!r}, '--db', {str(db)!r}, '--quiet'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('trafilatura', 'feedparser') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.strip().splitlines()[-1]


def test_ingesting_json_lines_loads_no_page_or_feed_library(tmp_path):
    plain = '{"id": "a", "text": "Floods closed the Rhine bridge at Basel on Monday, the police said."}\n'
    (tmp_path / "plain.jsonl").write_text(plain, encoding="utf-8")
    assert libraries_after_ingest(tmp_path / "plain.jsonl", tmp_path / "a.db") == "[]"
    # A marked-up record needs the HTML reader's fragment cleaner, which loads trafilatura; a feed reader, never.
    marked = '{"id": "b", "text": "<p>Marked-up text is read as text.</p>"}\n'
    (tmp_path / "marked.jsonl").write_text(plain + marked, encoding="utf-8")
    assert libraries_after_ingest(tmp_path / "marked.jsonl", tmp_path / "b.db") == "['trafilatura']"


def test_a_digest_with_nothing_new_loads_no_index_code(tmp_path):
    """Nothing to ingest and nothing to analyse: the copy and event indexes' code is never imported."""
    shard = tmp_path / "plain.jsonl"
    shard.write_text(
        '{"id": "a", "text": "Floods closed the Rhine bridge at Basel on Monday, the police said."}\n', encoding="utf-8"
    )
    db, out = tmp_path / "s.db", tmp_path / "out"
    storyline = [sys.executable, "-m", "storyline.cli"]
    subprocess.run([*storyline, "ingest", str(shard), "--db", str(db), "--quiet"], check=True, capture_output=True)
    subprocess.run(
        [*storyline, "digest", "--db", str(db), "--out", str(out), "--quiet"], check=True, capture_output=True
    )
    code = (
        "import sys\nfrom storyline.cli import main\n"
        f"try:\n    main(['digest', '--db', {str(db)!r}, '--out', {str(out)!r}, '--quiet'])\nexcept SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('storyline.pipeline', 'storyline.events', 'storyline.dedup', 'scipy') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert (out / "index.json").is_file()


def test_a_command_collects_garbage_less_often_than_python_by_default():
    code = (
        "import gc\nfrom storyline.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(gc.get_threshold())"
    )
    from storyline.collector import YOUNG_COLLECTION_EVERY

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == str((YOUNG_COLLECTION_EVERY, 10, 10))


_BLAS_THREADS = (
    "from threadpoolctl import threadpool_info\n"
    "print(sorted({lib['num_threads'] for lib in threadpool_info() if lib['user_api'] == 'blas'}))"
)


def _without_blas_limits() -> dict[str, str]:
    from storyline.blas_threads import BLAS_THREAD_VARIABLES

    return {name: value for name, value in os.environ.items() if name not in BLAS_THREAD_VARIABLES}


@pytest.mark.parametrize("numpy_first", [False, True])
def test_a_command_runs_its_blas_on_one_thread(numpy_first):
    code = (
        ("import numpy\n" if numpy_first else "")
        + "from storyline.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        + "import numpy\n"
        + _BLAS_THREADS
    )
    env = _without_blas_limits()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.strip().splitlines()[-1] == "[1]"


def test_a_blas_thread_count_the_user_set_is_kept():
    code = "from storyline.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
    code += "import numpy\n" + _BLAS_THREADS
    env = dict(_without_blas_limits(), OPENBLAS_NUM_THREADS="2")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.strip().splitlines()[-1] == f"[{min(2, os.cpu_count() or 1)}]"
