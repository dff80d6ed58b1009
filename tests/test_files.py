"""Files Afterword writes are private and replaced whole."""

import stat

import pytest

from afterword.core.errors import AfterwordError
from afterword.core.files import write_private


def test_a_written_file_is_private_and_complete(tmp_path):
    out = write_private(tmp_path / "a.txt", b"hello")
    assert out.read_bytes() == b"hello"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_failed_write_keeps_the_old_file(tmp_path):
    out = tmp_path / "a.txt"
    out.write_bytes(b"old")
    (tmp_path / ".a.txt.partial").mkdir()  # the temporary file cannot be made
    with pytest.raises(AfterwordError, match="cannot write"):
        write_private(out, b"new")
    assert out.read_bytes() == b"old"


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(AfterwordError, match="it is a folder"):
        write_private(tmp_path, b"x")
