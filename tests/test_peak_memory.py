"""The adversarial runs read their own peak memory, not their parent's."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="VmHWM is Linux's")
def test_a_child_does_not_inherit_the_parents_peak():
    big = bytearray(300 * 2**20)  # the parent's peak is at least 300 MB ...
    big[::4096] = b"\x01" * len(big[::4096])
    code = "from saidwhat.adversarial import _peak_mb; print(_peak_mb())"
    child = float(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    )
    del big
    assert 0 < child < 250  # ... and the child, which imports a little, reads its own
