"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

# The real publisher files live beside the repository (never copied into it).
SHARED_LISTS = Path(__file__).resolve().parents[1].parent / "shared" / "lists"


@pytest.fixture(scope="session")
def shared_lists() -> Path:
    """The folder of real list files (``../shared/lists``); skips the test when absent."""
    if not SHARED_LISTS.is_dir():
        pytest.skip(f"../shared/lists not found: {SHARED_LISTS} does not exist, "
                    "so tests on the real publisher files cannot run")
    return SHARED_LISTS
