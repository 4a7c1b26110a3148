"""Reading a timeline: regular files, pipes and devices within bounds, UTF-8/16/32 text."""

from __future__ import annotations

import codecs
import os
import threading
from pathlib import Path

import pytest

from timeline_viewer.cli.main import main
from timeline_viewer.domain.problems import LoadError
from timeline_viewer.load import file_text
from timeline_viewer.load.loader import load_timeline, parse_timeline

TIMELINE = (
    "schema: 1\ntitle: Treviño\nentities:\n  - id: ana\n    name: Ána Lima\n    kind: person\n"
    "events:\n  - id: e1\n    date: 2001-01-01\n    title: Ünïcode ✓ 𝄞\n    entities: [ana]\n"
)


def _problem(path: Path) -> str:
    with pytest.raises(LoadError) as refused:
        load_timeline(path)
    return str(refused.value)


@pytest.mark.parametrize(
    ("codec", "mark"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
        ("utf-8", codecs.BOM_UTF8),
    ],
)
def test_a_byte_order_mark_says_how_the_text_is_encoded(
    tmp_path: Path, codec: str, mark: bytes
) -> None:
    path = tmp_path / "marked.yaml"
    path.write_bytes(mark + TIMELINE.encode(codec))
    assert load_timeline(path) == parse_timeline(TIMELINE, str(path))


def test_a_bad_sequence_in_utf16_is_located_and_names_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    good = TIMELINE.encode("utf-16-le")
    path.write_bytes(codecs.BOM_UTF16_LE + good + "\ud800".encode("utf-16-le", "surrogatepass"))
    assert _problem(path) == (
        f"{path}:12:1: not valid UTF-16 LE text (byte 0x00); save the file as UTF-8"
    )


@pytest.mark.parametrize(
    ("content", "looks_like"),
    [
        (TIMELINE.encode("utf-16-le"), "UTF-16 or UTF-32 without a byte-order mark"),
        (
            "title: Treviño\n".encode("latin-1"),
            "a one-byte encoding such as Windows-1252 or Latin-1",
        ),
    ],
)
def test_text_that_is_not_utf8_is_refused_with_what_it_looks_like(
    tmp_path: Path, content: bytes, looks_like: str
) -> None:
    path = tmp_path / "other.yaml"
    path.write_bytes(content)
    message = _problem(path)
    assert f": it looks like {looks_like}; save the file as UTF-8" in message
    assert message.startswith(f"{path}:")  # at the first byte UTF-8 cannot read


def test_every_reader_of_a_file_takes_utf16(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_bytes(codecs.BOM_UTF16_LE + TIMELINE.encode("utf-16-le"))
    new.write_bytes(
        codecs.BOM_UTF32_BE + TIMELINE.replace("2001-01-01", "2001-01-02").encode("utf-32-be")
    )
    assert main(["lint", str(old)]) == 1  # loads: an unsourced event is flagged
    assert "no-source" in capsys.readouterr().out
    assert main(["diff", str(old), str(new)]) == 0
    assert "redated" in capsys.readouterr().out
    csv = tmp_path / "slides.csv"
    csv.write_bytes(codecs.BOM_UTF16_LE + "Year,Headline\n1985,Kidnapped\n".encode("utf-16-le"))
    assert main(["list", str(csv), "--format", "plain"]) == 0
    assert "Kidnapped" in capsys.readouterr().out


def test_an_endless_device_is_refused_once_past_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    monkeypatch.setattr(file_text, "STREAM_LIMIT", 4 << 20)
    assert _problem(Path("/dev/zero")) == (
        "/dev/zero: not a regular file, and it gives more than 4 MB without ending:"
        " not a timeline file"
    )


def test_a_pipe_nobody_writes_to_is_given_up_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_text, "STREAM_PATIENCE", 0.2)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert _problem(pipe) == (
        f"{pipe}: not a regular file, and nothing arrived for 0.2 s: is a program writing to it?"
    )


def test_a_pipe_is_read_to_its_end(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    def write() -> None:
        with pipe.open("wb") as stream:  # waits for the reader to open
            for line in TIMELINE.encode().splitlines(keepends=True):
                stream.write(line)
                stream.flush()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert load_timeline(pipe) == parse_timeline(TIMELINE, str(pipe))
    finally:
        writer.join()
