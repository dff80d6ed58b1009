"""A command whose reader goes away (`afterword due --json | head`) stops quietly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from afterword.cli import main
from tests.conftest import DEMO_TODAY


@pytest.mark.parametrize("command", [["due", "--json"], ["due"], ["export", "--out", "-"]])
def test_a_closed_pipe_ends_the_command_quietly(tmp_path, command):
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db), "--today", DEMO_TODAY.isoformat()]) == 0
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first byte: every write fails
    try:
        done = subprocess.run(
            [sys.executable, "-m", "afterword", *command, "--db", str(db),
             *(["--on", DEMO_TODAY.isoformat()] if command[0] == "due" else [])],
            stdout=write_end, stderr=subprocess.PIPE, timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    finally:
        os.close(write_end)
    assert done.stderr == b""
    assert done.returncode == 141
