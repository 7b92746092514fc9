"""Shared fixtures: the trained pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def pipeline():
    from saidwhat import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def fixture_text():
    def read(name: str) -> str:
        return (FIXTURES / name).read_text(encoding="utf-8")

    return read
