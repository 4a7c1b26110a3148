"""Writing an export: never clobbers, never touches the source, atomic on failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline_viewer.export.writing import ExportError, check_target, write_atomically


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomically(target, "# Tïtle\n", force=False)
    assert target.read_bytes() == "# Tïtle\n".encode()
    assert leftovers(tmp_path) == []


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    umask = os.umask(0o022)
    try:
        write_atomically(target, "x", force=False)
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0o600


def test_newlines_are_written_as_is(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomically(target, "a\nb\n", force=False)
    assert target.read_bytes() == b"a\nb\n"


def test_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("precious")
    with pytest.raises(ExportError, match="already exists; use --force"):
        write_atomically(target, "new", force=False)
    assert target.read_text() == "precious"
    assert leftovers(tmp_path) == []


def test_force_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    target.chmod(0o640)
    write_atomically(target, "new", force=True)
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("force", [False, True])
def test_refuses_the_source_file(tmp_path: Path, force: bool) -> None:
    source = tmp_path / "timeline.yaml"
    source.write_text("schema: 1\n")
    (tmp_path / "sub").mkdir()
    spellings = [
        source,
        tmp_path / "sub" / ".." / "timeline.yaml",
        tmp_path / "." / "timeline.yaml",
    ]
    link = tmp_path / "link.md"
    link.symlink_to(source)
    spellings.append(link)
    linked_folder = tmp_path / "folder-link"
    linked_folder.symlink_to(tmp_path)
    spellings.append(linked_folder / "timeline.yaml")
    for target in spellings:
        with pytest.raises(ExportError, match="own source file"):
            write_atomically(target, "overwritten", force=force, source=source)
    assert source.read_text() == "schema: 1\n"
    assert link.is_symlink()


def test_refuses_the_source_file_given_relatively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "timeline.yaml"
    source.write_text("schema: 1\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExportError, match="own source file"):
        write_atomically(Path("timeline.yaml"), "x", force=True, source=source)
    assert source.read_text() == "schema: 1\n"


def test_refuses_a_hard_link_to_the_source(tmp_path: Path) -> None:
    source = tmp_path / "timeline.yaml"
    source.write_text("schema: 1\n")
    hard = tmp_path / "hard.md"
    os.link(source, hard)
    with pytest.raises(ExportError, match="own source file"):
        write_atomically(hard, "x", force=True, source=source)
    assert source.read_text() == "schema: 1\n"


def test_a_different_file_next_to_the_source_is_fine(tmp_path: Path) -> None:
    source = tmp_path / "timeline.yaml"
    source.write_text("schema: 1\n")
    write_atomically(tmp_path / "timeline.md", "x", force=False, source=source)
    assert (tmp_path / "timeline.md").read_text() == "x"


def test_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.md"
    with pytest.raises(ExportError, match="does not exist"):
        write_atomically(target, "x", force=True)
    assert not (tmp_path / "missing").exists()


def test_folder_as_target(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder") as caught:
        write_atomically(tmp_path, "x", force=True)
    assert "timeline.md" in str(caught.value)  # it suggests a file name
    assert list(tmp_path.iterdir()) == []


def test_check_target_writes_nothing(tmp_path: Path) -> None:
    check_target(tmp_path / "out.md", force=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["os.replace", "Path.replace"])
def test_a_failed_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if where == "os.replace":
        monkeypatch.setattr(os, "replace", broken)
    else:
        monkeypatch.setattr(Path, "replace", broken)
    with pytest.raises(ExportError, match="cannot write: No space left on device"):
        write_atomically(target, "new", force=True)
    monkeypatch.undo()
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_a_failed_write_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"

    def broken(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(ExportError, match="Input/output error"):
        write_atomically(target, "new", force=False)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_appears_meanwhile_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    real_fsync = os.fsync

    def someone_else_writes(fd: int) -> None:
        real_fsync(fd)
        target.write_text("theirs")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(ExportError, match="already exists"):
        write_atomically(target, "mine", force=False)
    monkeypatch.undo()
    assert target.read_text() == "theirs"
    assert leftovers(tmp_path) == []


def test_text_that_is_not_utf8_encodable_is_an_export_error(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(ExportError, match="UTF-8"):
        write_atomically(target, "bad \udc80 text", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


DEV_FULL = Path("/dev/full")


@pytest.mark.skipif(not DEV_FULL.exists(), reason="no /dev/full on this system")
def test_a_full_device_is_a_failure_and_stays_a_device() -> None:
    import stat

    with pytest.raises(ExportError, match="/dev/full: cannot write: No space left on device"):
        write_atomically(DEV_FULL, "x" * 100_000, force=True)
    # Written to, never replaced by a file renamed over it.
    assert stat.S_ISCHR(DEV_FULL.stat().st_mode)


def test_a_device_needs_no_force_and_gets_the_text() -> None:
    write_atomically(Path(os.devnull), "# Title\n", force=False)


def test_a_pipe_nobody_reads_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(ExportError, match="no program is reading from this pipe"):
        write_atomically(pipe, "x", force=False)
    assert leftovers(tmp_path) == []


def test_a_pipe_with_a_reader_gets_every_piece(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # someone reads: the write may open
    try:
        pieces = [f"line {n}\n" for n in range(1_000)]  # within the pipe's buffer
        write_atomically(pipe, pieces, force=False)
        received = b""
        while chunk := os.read(reader, 65_536):
            received += chunk
    finally:
        os.close(reader)
    assert received == "".join(pieces).encode()


@pytest.mark.parametrize(
    ("failing", "code", "said"),
    [
        ("fsync", 28, "No space left on device"),  # ENOSPC, at the last flush
        ("mkstemp", 30, "Read-only file system"),  # EROFS, at the start
        ("replace", 5, "Input/output error"),  # EIO, at the rename
    ],
)
def test_every_write_error_leaves_the_old_file_and_no_partial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, code: int, said: str
) -> None:
    import tempfile

    target = tmp_path / "out.md"
    target.write_text("the old export\n", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    where = {"fsync": os, "mkstemp": tempfile, "replace": Path}[failing]
    monkeypatch.setattr(where, failing, fail)
    with pytest.raises(ExportError, match=f"{target}: cannot write: {said}"):
        write_atomically(target, "the new export\n", force=True)
    assert target.read_text(encoding="utf-8") == "the old export\n"
    assert leftovers(tmp_path) == []
