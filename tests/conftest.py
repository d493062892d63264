"""Shared fixtures: paths to the bundled examples and to the team's shared evaluation data."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


@pytest.fixture
def seeds_dir() -> Path:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"shared seed articles not found at {seeds} (they live beside the repository, not in it)")
    return seeds


@pytest.fixture
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"shared evaluation data not found at {data}")
    return data
