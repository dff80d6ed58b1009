"""Files Afterword writes are private and replaced whole."""

import stat
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from afterword.core.errors import AfterwordError
from afterword.core.files import write_private, write_private_text


def test_a_written_file_is_private_and_complete(tmp_path):
    out = write_private(tmp_path / "a.txt", b"hello")
    assert out.read_bytes() == b"hello"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_failed_write_keeps_the_old_file(tmp_path):
    out = tmp_path / "a.txt"
    out.write_bytes(b"old")

    def disk_full(handle) -> None:
        handle.write("new, half")
        raise OSError(28, "No space left on device")

    with pytest.raises(AfterwordError, match="cannot write .*No space left"):
        write_private_text(out, disk_full)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # nothing half made left


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(AfterwordError, match="it is a folder"):
        write_private(tmp_path, b"x")


def test_writers_of_one_file_at_once_each_put_a_whole_file_in_place(tmp_path):
    """The window's kept calendar file and `afterword ics` re-writing it together: no
    writer fails, and the file is one writer's whole content, never a mix."""
    out, writers = tmp_path / "r.ics", 8
    contents = [bytes([65 + n]) * 400_000 for n in range(writers)]
    start = threading.Barrier(writers)

    def write(n: int) -> None:
        start.wait()
        write_private_text(out, lambda handle: [handle.write(contents[n][i:i + 4096].decode())
                                                for i in range(0, len(contents[n]), 4096)])

    with ThreadPoolExecutor(writers) as pool:
        list(pool.map(write, range(writers)))
    assert out.read_bytes() in contents
    assert [p.name for p in tmp_path.iterdir()] == ["r.ics"]
