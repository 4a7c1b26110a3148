"""Lint: every rule fires when it should and only then; silences work and cannot rot."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

import timeline_viewer.curate.lint as lint_module
from timeline_viewer.curate.lint import RULES, Finding, Silence, lint, lint_file, silences
from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Entity, Event, Source, Timeline
from timeline_viewer.load.loader import LoadError, parse_timeline

CURATION = Path(__file__).resolve().parent / "curation"
DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "timeline.yaml"

# A timeline with nothing to flag: every event sourced, every source cited,
# every entity used (one of them only through a relation), no duplicates,
# and a life span that its events respect.
CLEAN = """\
schema: 1
title: Clean
sources:
  - id: article
    title: An article
  - id: book
    title: A book
entities:
  - id: camarena
    name: Enrique Camarena
    kind: person
    aliases: [Kiki]
    born: 1947-07-26
    died: 1985-02
    related:
      - {entity: dea, relation: agent}
  - id: dea
    name: Drug Enforcement Administration
    kind: organization
    aliases: [DEA]
  - id: guadalajara
    name: Guadalajara
    kind: place
events:
  - id: kidnapped
    date: 1985-02-07
    title: Camarena kidnapped in Guadalajara
    entities: [camarena]
    place: guadalajara
    sources: [article]
  - id: joined
    date: 1974
    title: Camarena joins the agency
    entities: [camarena]
    sources: [book]
  - id: year-of-death
    date: 1985
    title: A year of crisis between the two governments
    entities: [camarena]
    sources: [article]
"""


def _yaml(*, sources: str = "", entities: str = "", events: str = "", title: str = "Test") -> str:
    """A timeline text from section bodies written at column 0 (indented here)."""
    parts = [f"schema: 1\ntitle: {title}\n"]
    for name, body in (("sources", sources), ("entities", entities), ("events", events)):
        if body:
            parts.append(f"{name}:\n{textwrap.indent(textwrap.dedent(body), '  ')}")
    return "".join(parts)


def _run(text: str, name: str = "t.yaml") -> list[Finding]:
    return lint(parse_timeline(text, name), text, name)


def _rules(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# --- the clean case and the public interface ---------------------------------------


def test_a_clean_timeline_has_no_findings() -> None:
    assert _run(CLEAN) == []


def test_rule_names_are_the_documented_ones() -> None:
    assert list(RULES) == [
        "no-source",
        "media-missing",
        "uncited-source",
        "unreferenced-entity",
        "before-birth",
        "after-death",
        "near-duplicate",
        "duplicate-entity",
        "self-relation",
        "bad-silence",
    ]
    doc = lint_module.__doc__ or ""
    for rule, description in RULES.items():
        assert f"`{rule}`" in doc
        assert description and "\n" not in description


def test_finding_prints_like_a_problem_with_the_rule() -> None:
    finding = Finding("no-source", "event has no source", "data/t.yaml", 41, 5, "events[3]", "x")
    assert str(finding) == "data/t.yaml:41:5: events[3]: event has no source [no-source]"
    assert str(Finding("no-source", "m", "f.yaml")) == "f.yaml: m [no-source]"
    assert finding.as_dict() == {
        "rule": "no-source",
        "message": "event has no source",
        "file": "data/t.yaml",
        "line": 41,
        "column": 5,
        "path": "events[3]",
        "item_id": "x",
    }


def test_the_bundled_fixture_gives_the_expected_report() -> None:
    text = (CURATION / "weak.yaml").read_text(encoding="utf-8")
    findings = lint(parse_timeline(text, "weak.yaml"), text, "weak.yaml")
    expected = (CURATION / "weak.expected").read_text(encoding="utf-8").splitlines()
    assert [str(f) for f in findings] == expected


def test_lint_file_names_the_file_and_refuses_an_invalid_one(tmp_path: Path) -> None:
    findings = lint_file(CURATION / "weak.yaml")
    assert findings and all(f.file == str(CURATION / "weak.yaml") for f in findings)
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema: 1\ntitle: x\nevents:\n  - id: a\n    date: 1985-13\n    title: t\n")
    with pytest.raises(LoadError):
        lint_file(broken)


def test_findings_are_sorted_by_line_and_paths_use_file_order() -> None:
    # The file lists events out of chronological order: the path must still
    # name each one's place in the file, not in the loaded (sorted) timeline.
    text = _yaml(
        sources="""\
        - id: cited
          title: Cited
        """,
        events="""\
        - id: late
          date: 2020
          title: Late
        - id: early
          date: 1900
          title: Early
          sources: [cited]
        - id: middle
          date: 1950
          title: Middle
        """,
    )
    findings = _run(text)
    assert [(f.item_id, f.path, f.line, f.column) for f in findings] == [
        ("late", "events[0]", _line_of(text, "id: late"), 5),
        ("middle", "events[2]", _line_of(text, "id: middle"), 5),
    ]
    assert findings == sorted(findings, key=lambda f: f.line or 0)


def test_without_the_text_lines_come_from_the_model_and_nothing_is_silenced() -> None:
    text = _yaml(
        events="""\
        - id: late
          date: 2020
          title: Late  # lint: ignore[no-source] never read without the text
        - id: early  # lint: ignore[no-source] never read without the text
          date: 1900
          title: Early
        """
    )
    findings = lint(parse_timeline(text, "t.yaml"), name="t.yaml")
    assert [(f.path, f.line, f.column) for f in findings] == [
        ("events[0]", _line_of(text, "id: late"), None),
        ("events[1]", _line_of(text, "id: early"), None),
    ]


def test_a_timeline_built_in_code_is_linted_in_its_own_order() -> None:
    date = PartialDate(2000)
    timeline = Timeline(
        title="In code",
        events=(Event("b", date, "Beta"), Event("a", date, "Alpha")),
        sources=(Source("s", "Never cited"),),
        entities=(Entity("e", "Someone", "person"),),
    )
    findings = lint(timeline)
    assert {(f.rule, f.path, f.line) for f in findings} == {
        ("no-source", "events[0]", None),
        ("no-source", "events[1]", None),
        ("uncited-source", "sources[0]", None),
        ("unreferenced-entity", "entities[0]", None),
    }


# --- no-source ---------------------------------------------------------------------


def test_no_source_flags_an_event_without_sources() -> None:
    text = _yaml(
        sources="""\
        - id: s
          title: S
        """,
        events="""\
        - id: sourced
          date: 2000
          title: Sourced
          sources: [s]
        - id: bare
          date: 2001
          title: Bare
          sources: []
        """,
    )
    (finding,) = _run(text)
    assert finding.rule == "no-source"
    assert finding.item_id == "bare"
    assert (
        str(finding)
        == f't.yaml:{_line_of(text, "id: bare")}:5: events[1]: event "bare" has no source [no-source]'
    )


# --- uncited-source ------------------------------------------------------------------


def test_uncited_source_flags_only_sources_no_event_cites() -> None:
    text = _yaml(
        sources="""\
        - id: cited
          title: Cited
        - id: orphan
          title: Orphan
        """,
        events="""\
        - id: e
          date: 2000
          title: E
          sources: [cited]
        """,
    )
    (finding,) = _run(text)
    assert (finding.rule, finding.item_id, finding.path) == (
        "uncited-source",
        "orphan",
        "sources[1]",
    )
    assert finding.line == _line_of(text, "id: orphan")


# --- unreferenced-entity ---------------------------------------------------------------


def test_unreferenced_entity_counts_entities_places_and_relations() -> None:
    text = _yaml(
        sources="""\
        - id: s
          title: S
        """,
        entities="""\
        - id: in-event
          name: In an event
          kind: person
          related:
            - {entity: in-relation, relation: brother}
        - id: in-relation
          name: Only a brother
          kind: person
        - id: a-place
          name: A place
          kind: place
        - id: self-only
          name: Relates only to itself
          kind: other
          related:
            - {entity: self-only, relation: same}
        - id: nowhere
          name: Nowhere at all
          kind: other
        """,
        events="""\
        - id: e
          date: 2000
          title: E
          entities: [in-event]
          place: a-place
          sources: [s]
        """,
    )
    findings = _run(text)
    assert [(f.rule, f.item_id) for f in findings] == [
        ("unreferenced-entity", "self-only"),
        ("self-relation", "self-only"),  # (a relation to itself is no reference)
        ("unreferenced-entity", "nowhere"),
    ]


# --- before-birth / after-death ----------------------------------------------------------

LIFE = """\
- id: person
  name: A Person
  kind: person
  born: 1950-06
  died: 1990-03-15
  related:
    - {entity: town, relation: born in}
- id: town
  name: A Town
  kind: place
  born: 1900
"""


def _life_events(*events: tuple[str, str, str | None]) -> str:
    """Events (id, date, end) involving the person (and the town as place), all sourced."""
    body = ""
    for event_id, date, end in events:
        body += f"- id: {event_id}\n  date: {date}\n  title: Event {event_id}\n"
        if end:
            body += f"  end: {end}\n"
        body += "  entities: [person]\n  sources: [s]\n"
    return _yaml(sources="- id: s\n  title: S\n", entities=LIFE, events=body)


def test_before_birth_and_after_death_flag_certain_conflicts() -> None:
    text = _life_events(("too-early", "1949", None), ("too-late", "1990-04", None))
    findings = _run(text)
    assert [(f.rule, f.item_id, f.path) for f in findings] == [
        ("before-birth", "too-early", "events[0].entities[0]"),
        ("after-death", "too-late", "events[1].entities[0]"),
    ]
    assert findings[0].message == (
        'involves "A Person" (person) in 1949, before their birth (Jun 1950)'
    )
    assert findings[1].message == (
        'involves "A Person" (person) in Apr 1990, after their death (15 Mar 1990)'
    )
    # Pointing at the reference itself: `  entities: [person]` inside the event.
    assert findings[0].line == _line_of(text, "id: too-early") + 3
    assert findings[0].column == 16


@pytest.mark.parametrize(
    ("date", "end"),
    [
        ("1950", None),  # the birth year as a whole may include days after the birth
        ("1950-06", None),  # the birth month itself
        ("1940", "1960"),  # a period that runs into the life
        ("1990-03", None),  # the month of death
        ("1990", None),  # the year of death
        ("1990-03-15", None),  # the day of death
        ("1970", None),
    ],
)
def test_life_span_allows_anything_that_may_overlap(date: str, end: str | None) -> None:
    assert _run(_life_events(("e", date, end))) == []


def test_life_span_checks_a_place_with_dates_too() -> None:
    text = _yaml(
        sources="- id: s\n  title: S\n",
        entities=LIFE,
        events="""\
        - id: before-town
          date: 1850
          title: Before the town existed
          entities: [person]
          place: town
          sources: [s]
        """,
    )
    findings = _run(text)
    assert {(f.rule, f.path) for f in findings} == {
        ("before-birth", "events[0].entities[0]"),
        ("before-birth", "events[0].place"),
    }


def test_entities_without_life_dates_are_never_flagged() -> None:
    assert [f for f in _run(CLEAN) if f.rule in ("before-birth", "after-death")] == []


# --- near-duplicate ------------------------------------------------------------------------


def _pair(first: tuple[str, str], second: tuple[str, str]) -> str:
    """Two sourced events from (date, title) pairs, ids one and two."""
    body = ""
    for event_id, (date, title) in (("one", first), ("two", second)):
        body += f'- id: {event_id}\n  date: {date}\n  title: "{title}"\n  sources: [s]\n'
    return _yaml(sources="- id: s\n  title: S\n", events=body)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # A title shortened, reworded, or given a first name; days or weeks apart.
        (
            ("1985-02-07", "DEA agent Enrique Camarena kidnapped in Guadalajara"),
            ("1985-02-09", "Enrique Camarena kidnapped in Guadalajara"),
        ),
        (
            ("1985-04-04", "Caro Quintero arrested in Costa Rica"),
            ("1985-05-05", "Caro Quintero captured in Costa Rica"),
        ),
        # The same date, letter case and accents aside.
        (
            ("2025-02-27", "Treviño sent to the United States"),
            ("2025-02-27", "TREVINO sent to the United States"),
        ),
        # A date known to the year covers a day inside that year.
        (
            ("1985", "Camarena kidnapped in Guadalajara"),
            ("1985-09-01", "Agent Camarena kidnapped in Guadalajara"),
        ),
        (
            ("2013-08-09", "Caro Quintero released from prison"),
            ("2013-08-09", "Rafael Caro Quintero released from prison"),
        ),
    ],
)
def test_near_duplicate_flags_close_dates_with_similar_titles(
    first: tuple[str, str], second: tuple[str, str]
) -> None:
    (finding,) = _run(_pair(first, second))
    assert finding.rule == "near-duplicate"
    assert finding.item_id == "two"  # the later in the file
    assert finding.path == "events[1].title"
    text = _pair(first, second)
    assert re.search(
        rf'\d+% like that of event "one" \(line {_line_of(text, "id: one")}, ', finding.message
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Similar titles, but 32 days apart.
        (
            ("1985-02-07", "Camarena kidnapped in Guadalajara"),
            ("1985-03-11", "Camarena kidnapped in Guadalajara!"),
        ),
        # Two brothers: characters nearly equal, words not.
        (("2013-07-15", "Z-40 captured"), ("2013-07-15", "Z-42 captured")),
        # Different people, the same verb, the same day.
        (("1985-02-07", "Camarena kidnapped"), ("1985-02-07", "Zavala kidnapped")),
        (("2013-08-09", "Caro Quintero released"), ("2013-08-20", "Caro Quintero recaptured")),
        (
            ("2025-01-27", "Senate confirms Pam Bondi as Attorney General"),
            ("2025-01-28", "Bondi sworn in as Attorney General"),
        ),
    ],
)
def test_near_duplicate_leaves_distinct_events_alone(
    first: tuple[str, str], second: tuple[str, str]
) -> None:
    assert _run(_pair(first, second)) == []


def test_near_duplicate_reports_on_the_later_item_even_when_it_is_earlier_in_time() -> None:
    text = _pair(
        ("1985-02-09", "Camarena kidnapped in Guadalajara"),
        ("1985-02-07", "Camarena kidnapped in Guadalajara"),
    )
    (finding,) = _run(text)
    assert (finding.item_id, finding.path) == ("two", "events[1].title")
    assert f'"one" (line {_line_of(text, "id: one")}, 9 Feb 1985)' in finding.message


def test_near_duplicate_tells_numbered_titles_apart() -> None:
    assert _run(_pair(("2000-01-01", "Round 3 of talks"), ("2000-01-08", "Round 4 of talks"))) == []
    (finding,) = _run(
        _pair(("2000-01-01", "Round 3 of talks"), ("2000-01-08", "Round 3 of the talks"))
    )
    assert finding.rule == "near-duplicate"


def test_near_duplicate_scales_to_a_few_thousand_events() -> None:
    # About one a day, titles alike but numbered: the date window keeps this
    # near-linear, and every pair in the window reaches the number test.
    body = "".join(
        f"- id: e{i}\n  date: {1900 + i // 365}-{1 + i % 365 // 31:02d}-{1 + i % 28:02d}\n"
        f'  title: "Event number {i} of the series"\n  sources: [s]\n'
        for i in range(3000)
    )
    assert [f.rule for f in _run(_yaml(sources="- id: s\n  title: S\n", events=body))] == []


def _events(*events: tuple[str, str, str]) -> str:
    """Sourced events from (id, date, title)."""
    body = "".join(
        f'- id: {event_id}\n  date: {date}\n  title: "{title}"\n  sources: [s]\n'
        for event_id, date, title in events
    )
    return _yaml(sources="- id: s\n  title: S\n", events=body)


def test_near_duplicate_reports_each_event_once_against_its_closest_match() -> None:
    text = _events(
        ("first", "1985-02-07", "Camarena kidnapped"),
        ("second", "1985-02-08", "Camarena kidnapped"),
        ("third", "1985-02-09", "Camarena kidnapped"),
    )
    found = [(f.item_id, f.message) for f in _run(text)]
    assert [(item, re.findall(r'event "(\w+)"', message)) for item, message in found] == [
        ("second", ["first"]),
        ("third", ["second"]),  # not also "first": one finding says enough
    ]


def test_near_duplicate_names_the_most_similar_match_before_the_closest() -> None:
    text = _events(
        ("same", "1985-02-01", "Camarena kidnapped in Guadalajara"),
        ("reworded", "1985-02-19", "DEA agent Camarena kidnapped in Guadalajara"),
        ("again", "1985-02-20", "Camarena kidnapped in Guadalajara"),
    )
    found = {f.item_id: f.message for f in _run(text)}
    assert set(found) == {"reworded", "again"}
    assert found["again"].startswith('title 100% like that of event "same"')


def test_near_duplicate_of_a_daily_log_is_one_finding_a_day() -> None:
    days = [
        (f"day-{n}", f"1985-{1 + n // 28:02d}-{1 + n % 28:02d}", "Daily log") for n in range(300)
    ]
    findings = _run(_events(*days))
    assert [f.item_id for f in findings] == [f"day-{n}" for n in range(1, 300)]
    assert all(f'event "day-{n}"' in f.message for n, f in enumerate(findings))


def test_near_duplicate_of_one_report_filed_again_and_again_is_one_finding_each() -> None:
    findings = _run(_events(*((f"r{n}", "1985-02-07", "Report of the raid") for n in range(400))))
    assert [f.item_id for f in findings] == [f"r{n}" for n in range(1, 400)]
    assert all(f.rule == "near-duplicate" and "100%" in f.message for f in findings)


# --- duplicate-entity -----------------------------------------------------------------------


def test_duplicate_entity_matches_names_and_aliases_folded() -> None:
    text = _yaml(
        entities="""\
        - id: trevino
          name: Miguel Ángel Treviño Morales
          kind: person
          aliases: [Z-40]
        - id: z40
          name: Zeta Forty
          kind: person
          aliases: [Z40, z 40]
        - id: morales
          name: MIGUEL ANGEL TREVINO MORALES
          kind: person
        - id: other
          name: Omar Treviño Morales
          kind: person
          aliases: [Z-42, Omar Treviño Morales]
        """,
        events="""\
        - id: e
          date: 2000
          title: E
          entities: [trevino, z40, morales, other]
          sources: [s]
        """,
        sources="- id: s\n  title: S\n",
    )
    findings = _run(text)
    assert [(f.item_id, f.path) for f in findings] == [
        ("z40", "entities[1].aliases[0]"),
        ("morales", "entities[2].name"),
    ]
    assert findings[0].message == (
        f'"Z40" is also a name of entity "trevino" (line {_line_of(text, "id: trevino")})'
        ": the same entity twice?"
    )
    assert findings[1].column == 11  # `    name: MIGUEL ...`


# --- self-relation --------------------------------------------------------------------------


def _related(entities: str) -> str:
    return _yaml(
        sources="- id: s\n  title: S\n",
        entities=entities,
        events="- id: e\n  date: 2000\n  title: E\n  entities: [a, b]\n  sources: [s]\n",
    )


def test_self_relation_flags_each_relation_of_an_entity_to_itself() -> None:
    text = _related(
        """\
        - id: a
          name: A
          kind: person
          related:
            - {entity: b, relation: brother}
            - {entity: a, relation: cousin}
        - id: b
          name: B
          kind: person
          related:
            - entity: b
              relation: alias of himself
            - entity: a
              relation: brother
        """
    )
    findings = _run(text)
    assert [(f.rule, f.item_id, f.path, f.line, f.column) for f in findings] == [
        ("self-relation", "a", "entities[0].related[1]", _line_of(text, "relation: cousin"), 9),
        ("self-relation", "b", "entities[1].related[0]", _line_of(text, "- entity: b"), 9),
    ]
    assert findings[0].message == 'entity "a" is related to itself ("cousin")'
    assert "self-relation" in RULES


def test_self_relation_leaves_relations_to_others_alone_and_can_be_silenced() -> None:
    clean = """\
        - id: a
          name: A
          kind: person
          related: [{entity: b, relation: brother}]
        - id: b
          name: B
          kind: person
        """
    assert _run(_related(clean)) == []
    silenced = """\
        # lint: ignore[self-relation] the source says he was his own informant
        - id: a
          name: A
          kind: person
          related: [{entity: a, relation: informant}]
        - id: b
          name: B
          kind: person
        """
    assert _run(_related(silenced)) == []


# --- silences ------------------------------------------------------------------------------


def test_silences_parses_rules_reasons_and_positions() -> None:
    text = (
        "a: 1  # lint: ignore[no-source] because\n"
        "#lint:ignore[ no-source , near-duplicate, no-source ] — two arrests\n"
        "  # lint: ignore[no-source]\n"
        "  # lint: ignore no-source\n"
        "  # just a comment\n"
    )
    assert silences(text) == [
        Silence(1, 7, ("no-source",), "because", "# lint: ignore[no-source] because"),
        Silence(
            2,
            1,
            ("no-source", "near-duplicate"),
            "two arrests",
            "#lint:ignore[ no-source , near-duplicate, no-source ] — two arrests",
        ),
        Silence(3, 3, ("no-source",), "", "# lint: ignore[no-source]"),
        Silence(4, 3, (), "", "# lint: ignore no-source", malformed=True),
    ]


def test_silences_skips_lint_text_that_is_data() -> None:
    text = (
        'a: "x # lint: ignore[no-source] quoted"\n'
        "b: 'y # lint: ignore[no-source] quoted'\n"
        "c: |\n"
        "  # lint: ignore[no-source] in a block scalar\n"
        "d: e#lint: ignore[no-source] no space before the hash: not a comment\n"
        "f: g # lint: ignore[no-source] a comment\n"
    )
    assert [s.line for s in silences(text)] == [6]
    assert silences("title: nothing here\n") == []


SILENCEABLE = """\
sources:
  - id: s
    title: S
events:
  - id: sourced
    date: 2000
    title: Sourced
    sources: [s]
{above}  - id: bare{trailing}
    date: 2001
    title: Bare
"""


def _silenced(above: str = "", trailing: str = "") -> str:
    return "schema: 1\ntitle: T\n" + SILENCEABLE.format(above=above, trailing=trailing)


def test_a_silence_above_the_item_hides_its_finding() -> None:
    assert _run(_silenced(above="  # lint: ignore[no-source] only an interview\n")) == []


def test_a_silence_at_the_end_of_the_first_line_hides_its_finding() -> None:
    assert _run(_silenced(trailing="  # lint: ignore[no-source] only an interview")) == []


def test_stacked_silences_above_an_item_all_apply() -> None:
    above = (
        "  # Some context for editors.\n"
        "  # lint: ignore[near-duplicate] not a near duplicate at all\n"
        "  # lint: ignore[no-source] only an interview\n"
    )
    text = _silenced(above=above)
    findings = _run(text)
    assert _rules(findings) == ["bad-silence"]
    assert findings[0].line == _line_of(text, "ignore[near-duplicate]")
    assert findings[0].path == "events[1]"
    assert "silences nothing: there is no near-duplicate finding here" in findings[0].message


def test_a_silence_without_a_reason_is_reported_but_still_applies() -> None:
    text = _silenced(above="  # lint: ignore[no-source]\n")
    (finding,) = _run(text)
    assert finding.rule == "bad-silence"
    assert (finding.line, finding.column, finding.path, finding.item_id) == (
        _line_of(text, "# lint:"),
        3,
        "events[1]",
        "bare",
    )
    assert finding.message == (
        '"# lint: ignore[no-source]": no reason given; say why after the brackets'
    )


def test_a_silence_naming_an_unknown_rule_is_reported_and_hides_nothing() -> None:
    text = _silenced(above="  # lint: ignore[nosource] typo in the rule\n")
    findings = _run(text)
    assert _rules(findings) == ["bad-silence", "no-source"]
    assert 'unknown rule "nosource" (did you mean "no-source"?)' in findings[0].message


def test_a_silence_that_silences_nothing_is_reported() -> None:
    text = "schema: 1\ntitle: T\n" + SILENCEABLE.format(above="", trailing="").replace(
        "  - id: sourced\n", "  - id: sourced  # lint: ignore[no-source] it had none once\n"
    )
    findings = _run(text)
    assert _rules(findings) == ["bad-silence", "no-source"]
    assert findings[0].item_id == "sourced"
    assert findings[0].message.endswith("silences nothing: there is no no-source finding here")


def test_a_silence_for_a_rule_of_another_kind_of_item_says_so() -> None:
    text = _silenced(above="  # lint: ignore[uncited-source] wrong place\n")
    findings = _run(text)
    assert _rules(findings) == ["bad-silence", "no-source"]
    assert findings[0].message.endswith("uncited-source does not apply to events")


@pytest.mark.parametrize(
    "text",
    [
        # A blank line cuts the comment off from the item.
        _silenced(above="  # lint: ignore[no-source] only an interview\n\n"),
        # Above a section key rather than an item.
        _silenced().replace("events:\n", "# lint: ignore[no-source] only an interview\nevents:\n"),
    ],
)
def test_a_silence_not_attached_to_an_item_is_reported(text: str) -> None:
    findings = _run(text)
    assert _rules(findings) == ["bad-silence", "no-source"]
    assert findings[0].path == ""
    assert findings[0].item_id is None
    assert "not attached to an item" in findings[0].message


def test_a_silence_above_the_wrong_item_silences_nothing() -> None:
    text = _silenced().replace(
        "  - id: sourced\n", "  # lint: ignore[no-source] meant for the next one\n  - id: sourced\n"
    )
    findings = _run(text)
    assert _rules(findings) == ["bad-silence", "no-source"]
    assert (findings[0].path, findings[0].item_id) == ("events[0]", "sourced")
    assert "silences nothing" in findings[0].message


def test_a_silence_on_a_field_line_is_not_attached() -> None:
    text = _silenced().replace(
        "    title: Bare\n", "    title: Bare  # lint: ignore[no-source] x\n"
    )
    findings = _run(text)
    assert _rules(findings) == ["no-source", "bad-silence"]
    assert "not attached to an item" in findings[1].message


def test_malformed_and_empty_silences_are_reported() -> None:
    malformed = _run(_silenced(above="  # lint: ignore no-source, no brackets\n"))
    assert _rules(malformed) == ["bad-silence", "no-source"]
    assert 'malformed silence; write "# lint: ignore[RULE] reason"' in malformed[0].message
    empty = _run(_silenced(above="  # lint: ignore[] nothing named\n"))
    assert _rules(empty) == ["bad-silence", "no-source"]
    assert "names no rule" in empty[0].message


def test_bad_silence_cannot_be_silenced() -> None:
    above = "  # lint: ignore[bad-silence] hush\n  # lint: ignore[no-source] only an interview\n"
    findings = _run(_silenced(above=above))
    assert _rules(findings) == ["bad-silence"]
    assert "bad-silence cannot be silenced" in findings[0].message


def test_one_silence_may_name_several_rules_and_each_must_be_used() -> None:
    text = _silenced(trailing="  # lint: ignore[no-source, near-duplicate] interview only")
    findings = _run(text)
    assert _rules(findings) == ["bad-silence"]
    assert "no near-duplicate finding" in findings[0].message
    assert "no no-source finding" not in findings[0].message


def test_entities_and_sources_are_silenced_the_same_way() -> None:
    text = _yaml(
        sources="""\
        - id: s
          title: S
        # lint: ignore[uncited-source] to be cited in the next round
        - id: spare
          title: Spare
        """,
        entities="""\
        - id: a  # lint: ignore[unreferenced-entity] events about her are being written
          name: A
          kind: person
        """,
        events="- id: e\n  date: 2000\n  title: E\n  sources: [s]\n",
    )
    assert _run(text) == []


def test_bundled_data_lints_without_crashing() -> None:
    findings = lint_file(DATA_FILE)
    assert all(f.rule in RULES for f in findings)


def test_items_the_model_cannot_place_are_found_in_the_yaml_itself() -> None:
    # An item whose first key is not `id`, and flow-style items, leave the
    # model without lines: the whole file is then read with positions.
    text = _yaml(
        sources="- id: s\n  title: S\n",
        events="""\
        - date: 2020
          id: late
          title: Late
        - title: Early
          id: early
          date: 1900
          sources: [s]
        - {id: flow, date: 1950, title: Flow}
        """,
    )
    findings = _run(text)
    assert [(f.item_id, f.path, f.line, f.column) for f in findings] == [
        ("late", "events[0]", _line_of(text, "date: 2020"), 5),
        ("flow", "events[2]", _line_of(text, "id: flow"), 5),
    ]
    flow = "schema: 1\ntitle: T\nevents: [{id: b, date: 2000, title: B}, {id: a, date: 1990, title: A}]\n"
    assert [(f.item_id, f.path, f.line, f.column) for f in _run(flow)] == [
        ("b", "events[0]", 3, 10),
        ("a", "events[1]", 3, 41),
    ]


def test_field_positions_survive_block_scalars_and_comments_inside_an_item() -> None:
    text = _yaml(
        sources="- id: s\n  title: S\n",
        entities=LIFE,
        events="""\
        - id: early
          # a comment inside the item
          summary: >-
            Folded text that
            runs over lines.
          date: 1900
          title: Early
          sources: [s]

          entities: [town, person]
        """,
    )
    (finding,) = _run(text)
    assert (finding.rule, finding.path) == ("before-birth", "events[0].entities[1]")
    assert (finding.line, finding.column) == (_line_of(text, "entities: [town, person]"), 22)


def test_windows_line_endings_give_the_same_report() -> None:
    text = (CURATION / "weak.yaml").read_text(encoding="utf-8").replace("\n", "\r\n")
    findings = lint(parse_timeline(text, "weak.yaml"), text, "weak.yaml")
    expected = (CURATION / "weak.expected").read_text(encoding="utf-8").splitlines()
    assert [str(f) for f in findings] == expected
    assert all(not s.text.endswith("\r") for s in silences(text))


# Values written every way YAML allows, some of them spanning lines with a
# line inside that looks like a field of the item ("title: fake"): a finding
# must point where the parser puts the value, however the item is written.
_TITLES = (
    "Camarena kidnapped",
    '"Camarena kidnapped"',
    "'Camarena kidnapped'",
    'Camarena kidnapped   # a comment with a "quote',
    '"Camarena\n{pad}title: fake\n{pad}kidnapped"',
    "'Camarena''s\n{pad}title: fake'",
    ">-\n{pad}  Camarena kidnapped\n{pad}  title: still the title",
    "Camarena\n{pad}  kidnapped plainly",
    "\tCamarena kidnapped",
    "Zoë 😀 kidnapped in Ñandú",
)
_LISTS = (
    "[{ids}]",
    "[ {spaced} ]",
    "[{ids},]",
    "\n{block}",
    "[{ids_broken}]",
)


def _tricky_timeline(seed: int) -> str:
    import random

    rng = random.Random(seed)
    lines = ["schema: 1", "title: T", "sources:", "  - id: s", "    title: S", "entities:"]
    for n in range(4):
        name = rng.choice(["Person {n}", '"Person {n}"', "'Person {n}'"]).format(n=n)
        lines += [f"  - id: p{n}", f"    name: {name}", "    kind: person"]
        lines += ["    died: 1900"] if n % 2 else []
    lines.append("events:")
    for n in range(12):
        pad = " " * rng.choice([4, 6])
        ids = [f"p{rng.randrange(4)}" for _ in range(rng.randint(1, 3))]
        ids = list(dict.fromkeys(ids))
        entities = rng.choice(_LISTS).format(
            ids=", ".join(ids),
            spaced=" ,  ".join(ids),
            block="\n".join(f"{pad}- {i}" for i in ids),
            ids_broken=f",\n{pad}  ".join(ids),
        )
        fields = [
            ("date", f"1985-02-0{rng.randint(1, 3)}"),
            ("title", rng.choice(_TITLES).format(pad=pad)),
            ("entities", entities),
            ("sources", "[s]"),
        ]
        rng.shuffle(fields)
        lines.append(f"  -{' ' * (len(pad) - 3)}id: e{n}")
        for key, value in fields:
            if rng.random() < 0.2:
                lines.append(f"{pad}# a comment: with a colon")
            lines.append(f"{pad}{key}:{rng.choice([' ', '  ', chr(9)])}{value}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_findings_point_where_the_parser_puts_each_value(seed: int, newline: str) -> None:
    from timeline_viewer.domain.problems import format_path
    from timeline_viewer.load.yaml_source import parse_yaml

    text = _tricky_timeline(seed).replace("\n", newline)
    positions = {format_path(path): at for path, at in parse_yaml(text).values.items()}
    located = [f for f in _run(text) if "." in f.path]  # findings on a field of an item
    assert {f.rule for f in located} >= {"near-duplicate", "after-death"}
    for finding in located:
        assert (finding.line, finding.column) == positions[finding.path], finding


@pytest.mark.parametrize(
    ("date", "end"),
    [
        ("195X", None),  # the decade of the birth may include days after it
        ("19XX", None),
        ("1940", ".."),  # still going: it runs into the life
        ("1940", "195X"),  # may end after the birth
        ("1985", ".."),  # an open end is no death date to check
        ("1985", "unknown"),
        ("1990-XX", None),  # some month of the year of death
        ("1990-03-XX", None),  # some day of the month of death
    ],
)
def test_life_span_allows_edtf_forms_that_may_overlap(date: str, end: str | None) -> None:
    assert _run(_life_events(("e", date, end))) == []


@pytest.mark.parametrize(
    ("date", "end", "rule"),
    [
        ("194X", None, "before-birth"),  # 1940 to 1949, all before Jun 1950
        ("1930", "194X~", "before-birth"),
        ("1940", "unknown", "before-birth"),  # known only to have started before the birth
        ("199X", None, None),  # 1990 to 1999: may be before the death
        ("1990-04-XX", None, "after-death"),
        ("1991", "..", "after-death"),
    ],
)
def test_life_span_flags_edtf_forms_that_cannot_overlap(
    date: str, end: str | None, rule: str | None
) -> None:
    assert _rules(_run(_life_events(("e", date, end)))) == ([rule] if rule else [])
