"""Start-up: --help and --version answer at once, without loading the stages or their libraries."""

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
