"""The load cache: keyed on content, never stale, never trusted when damaged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_viewer.load import load_cache
from timeline_viewer.load.load_cache import CACHE_DIR_VARIABLE, content_key
from timeline_viewer.load.loader import LoadError, load, load_timeline, prefetch

TEXT = """\
schema: 1
title: Cached
entities:
  - id: a
    name: Ana Núñez
    kind: person
events:
  - id: one
    date: 1985-02-07
    title: First
    entities: [a]
  - id: two
    date: 2013
    title: Second
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
    return folder


@pytest.fixture
def timeline_file(tmp_path: Path) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_a_cached_load_is_exactly_a_cold_load(cache: Path, timeline_file: Path) -> None:
    cold = load(timeline_file, min_bytes=0)
    warm = load(timeline_file, min_bytes=0)
    assert (cold.from_cache, warm.from_cache) == (False, True)
    assert warm.timeline == cold.timeline == load_timeline(timeline_file)
    assert len(list(cache.glob("*.msgpack"))) == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace("First", "Firsu"),  # one byte, same length
        lambda t: t + "\n",  # a trailing newline
        lambda t: t.replace("1985-02-07", "1985-02-08"),
    ],
)
def test_any_change_to_the_file_is_seen(cache: Path, timeline_file: Path, change: object) -> None:
    load(timeline_file, min_bytes=0)
    changed = change(TEXT)  # type: ignore[operator]
    timeline_file.write_text(changed, encoding="utf-8")
    again = load(timeline_file, min_bytes=0)
    assert not again.from_cache
    assert again.timeline == load_timeline(timeline_file)


@pytest.mark.parametrize(
    "damage",
    [b"", b"\x00garbage", b"\x81\xa6format\x01"],  # empty, junk, a truncated entry
)
def test_a_damaged_entry_is_ignored_and_rebuilt(
    cache: Path, timeline_file: Path, damage: bytes
) -> None:
    cold = load(timeline_file, min_bytes=0)
    (entry,) = cache.glob("*.msgpack")
    entry.write_bytes(damage)
    rebuilt = load(timeline_file, min_bytes=0)
    assert not rebuilt.from_cache
    assert rebuilt.timeline == cold.timeline
    assert load(timeline_file, min_bytes=0).from_cache


def test_an_entry_from_another_version_is_ignored(
    cache: Path, timeline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(timeline_file, min_bytes=0)
    monkeypatch.setattr(load_cache, "__version__", "0.0.0-other")
    assert not load(timeline_file, min_bytes=0).from_cache


def test_an_unwritable_cache_only_costs_time(
    tmp_path: Path, timeline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocker / "cache"))
    assert load(timeline_file, min_bytes=0).timeline.title == "Cached"


def test_no_cache_and_small_files_write_nothing(cache: Path, timeline_file: Path) -> None:
    load(timeline_file, use_cache=False, min_bytes=0)
    load(timeline_file)  # below the default size threshold
    assert not cache.exists()


def test_a_file_of_some_size_is_cached_by_default(cache: Path, timeline_file: Path) -> None:
    padding = "\n".join(f"# {'padding ' * 10}" for _ in range(250))
    timeline_file.write_text(TEXT + padding + "\n", encoding="utf-8")
    assert timeline_file.stat().st_size >= load_cache.MIN_CACHED_BYTES
    assert not load(timeline_file).from_cache
    assert load(timeline_file).from_cache


def test_search_text_is_cached_beside_the_timeline(cache: Path, timeline_file: Path) -> None:
    loaded = load(timeline_file, min_bytes=0)
    assert loaded.search_cache is not None
    assert loaded.search_cache.get() is None
    loaded.search_cache.put(["first\nana nunez", "second"])
    again = load(timeline_file, min_bytes=0)
    assert again.search_cache is not None
    assert again.search_cache.get() == ["first\nana nunez", "second"]


def test_prefetch_reads_and_hashes_and_load_decodes(cache: Path, timeline_file: Path) -> None:
    cold = load(timeline_file, min_bytes=0)
    prefetched = prefetch(timeline_file, min_bytes=0)
    raw = timeline_file.read_bytes()
    assert prefetched.raw == raw
    assert prefetched.key == content_key(raw)
    (entry,) = cache.glob("*.msgpack")
    assert prefetched.entry == entry.read_bytes()
    warm = prefetched.load()
    assert warm.from_cache
    assert warm.timeline == cold.timeline
    assert prefetched.raw == b""  # its bytes are not kept past the load


def test_prefetch_of_a_missing_file_is_a_load_error(cache: Path, tmp_path: Path) -> None:
    with pytest.raises(LoadError) as raised:
        prefetch(tmp_path / "missing.yaml", min_bytes=0)
    assert "no such file" in str(raised.value.problems[0])


def test_an_entry_damaged_after_prefetch_is_rebuilt(cache: Path, timeline_file: Path) -> None:
    cold = load(timeline_file, min_bytes=0)
    prefetched = prefetch(timeline_file, min_bytes=0)
    prefetched.entry = b"\x81\xa6format\x01"
    rebuilt = prefetched.load()
    assert not rebuilt.from_cache
    assert rebuilt.timeline == cold.timeline
    assert load(timeline_file, min_bytes=0).from_cache


LOAD_TWICE = """
import sys
from pathlib import Path
from timeline_viewer.load.loader import load
loaded = load(Path(sys.argv[1]), min_bytes=0)
parsers = ("yaml_rs", "yaml", "timeline_viewer.load.schema", "timeline_viewer.load.model_builder")
print(loaded.from_cache, sorted(m for m in parsers if m in sys.modules))
"""


def test_a_cached_load_imports_no_parser(cache: Path, timeline_file: Path) -> None:
    runs = [
        subprocess.run(
            [sys.executable, "-c", LOAD_TWICE, str(timeline_file)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, CACHE_DIR_VARIABLE: str(cache)},
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs[0].startswith("False")
    assert runs[1] == "True []"


@pytest.mark.parametrize("count", [0, 1, 15, 16, 17, 40])
def test_an_entry_written_in_steps_is_the_entry_written_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    import msgspec

    from timeline_viewer.domain.dates import PartialDate
    from timeline_viewer.domain.model import Event, Timeline

    monkeypatch.setattr(load_cache, "_EVENTS_PER_STEP", 7)  # several steps, one short
    events = tuple(Event(f"e{i}", PartialDate(1900 + i), f"Event {i}") for i in range(count))
    entry = load_cache._TimelineEntry(3, "v", "key", Timeline("T", events))
    load_cache._write_in_steps(tmp_path / "steps.msgpack", entry)
    assert (tmp_path / "steps.msgpack").read_bytes() == msgspec.msgpack.encode(entry)


@pytest.mark.parametrize("length", [0, 15, 16, 65535, 65536, 70000])
def test_array_headers_are_msgpacks(length: int) -> None:
    import msgspec

    encoded = msgspec.msgpack.encode([0] * length)
    assert encoded == load_cache._array_header(length) + bytes(length)


def test_a_deferred_write_caches_the_same_timeline_when_called(
    cache: Path, timeline_file: Path
) -> None:
    first = prefetch(timeline_file, min_bytes=0).load(defer_write=True)
    assert not first.from_cache and first.write_entry is not None
    assert not list(cache.glob("*.msgpack"))  # nothing written yet
    first.write_entry()
    second = load(timeline_file, min_bytes=0)
    assert second.from_cache and second.write_entry is None
    assert second.timeline == first.timeline == load_timeline(timeline_file)


def _versions(timeline_file: Path, count: int) -> list[str]:
    """Load `count` versions of the file (as saves in an editor make them); their keys."""
    keys = []
    for number in range(count):
        timeline_file.write_text(TEXT.replace("Cached", f"Version {number}"), encoding="utf-8")
        load(timeline_file, min_bytes=0)
        keys.append(content_key(timeline_file.read_bytes()))
    return keys


def _entries(cache: Path) -> set[str]:
    return {path.name.removesuffix(".msgpack") for path in cache.glob("*.msgpack")}


def test_the_least_recently_used_entries_are_pruned(
    cache: Path, timeline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load_cache, "KEEP_ENTRIES", 3)
    first, *_ = keys = _versions(timeline_file, 3)
    # Ages apart (a file system's clock may not tick between quick writes).
    for age, key in enumerate(reversed(keys)):
        os.utime(cache / f"{key}.msgpack", (1000 - age, 1000 - age))
    # The oldest is used again: it is then the newest, and the next to go is another.
    timeline_file.write_text(TEXT.replace("Cached", "Version 0"), encoding="utf-8")
    assert load(timeline_file, min_bytes=0).from_cache
    timeline_file.write_text(TEXT.replace("Cached", "Version 3"), encoding="utf-8")
    load(timeline_file, min_bytes=0)
    newest = content_key(timeline_file.read_bytes())
    assert _entries(cache) == {first, keys[2], newest}


def test_entries_beyond_the_size_limit_are_pruned_but_never_the_newest(
    cache: Path, timeline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load_cache, "KEEP_BYTES", 1)
    keys = _versions(timeline_file, 3)
    assert _entries(cache) == {keys[-1]}


def test_pruning_leaves_other_files_alone(cache: Path, timeline_file: Path) -> None:
    (cache / "styles").mkdir(parents=True)
    (cache / "styles" / "styles-1.pickle").write_bytes(b"x")
    (cache / "notes.txt").write_text("mine")
    load_cache.prune(cache, keep_entries=0, keep_bytes=0)
    load(timeline_file, min_bytes=0)
    load_cache.prune(cache, keep_entries=0, keep_bytes=0)
    assert (cache / "styles" / "styles-1.pickle").exists() and (cache / "notes.txt").exists()
    assert len(_entries(cache)) == 1  # the newest stays
