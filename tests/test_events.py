"""The event coder on sentences of our own: who did what to whom, with status, date and evidence."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from storyline.errors import StorylineError
from storyline.events.coder import EventCoder, code_texts, main_event, plover_type
from storyline.events.lexicon import load_lexicon, load_scale
from storyline.events.types import EVENT_TYPES, Event

ANCHOR = date(2015, 10, 7)  # a Wednesday


def coded(text: str, coder: EventCoder | None = None) -> list[Event]:
    return code_texts([text], [ANCHOR], coder=coder)[0]


def only(events: list[Event], event_type: str) -> Event:
    found = [e for e in events if e.type == event_type]
    assert len(found) == 1, f"expected one {event_type}, got {[(e.type, e.trigger) for e in events]}"
    return found[0]


def countries(actors: tuple) -> set[str | None]:
    return {a.country for a in actors}


def test_joint_actors_are_all_sources() -> None:
    event = only(coded("Russia and the United States jointly requested an emergency session of the Security "
                       "Council on Monday."), "REQUEST")
    assert countries(event.sources) == {"RUS", "USA"}
    assert event.status == "asserted"
    assert event.date == "2015-10-05" and event.date_source == "sentence" and event.date_text


def test_speaker_of_a_condemnation_is_the_actor() -> None:
    event = only(coded("Secretary of State Marco Rubio condemned the radical Islamist terrorists."), "ACCUSE")
    assert [a.name for a in event.sources] == ["Marco Rubio"]
    assert event.sources[0].country == "USA"
    assert event.targets and "terrorists" in event.targets[0].text
    assert event.intensity < 0 and event.quad_class == 3


def test_negated_event() -> None:
    event = only(coded("Moscow did not agree to the Turkish proposal."), "AGREE")
    assert event.status == "negated"
    assert countries(event.sources) == {"RUS"}


def test_planned_meeting_with_place_and_future_day() -> None:
    event = only(coded("Lavrov will meet Kerry in Geneva on Thursday."), "CONSULT")
    assert event.status == "planned"
    assert [a.name for a in event.sources] == ["Sergei Lavrov"] and [a.name for a in event.targets] == ["John Kerry"]
    assert event.location == "Geneva"
    assert event.date == "2015-10-08"
    assert plover_type(event) == "AGREE"  # PLOVER codes an announced meeting as an intention to cooperate


def test_warning_targets_whom_it_is_about_and_the_threatened_strike_is_hypothetical() -> None:
    events = coded("Syria could face strikes if it uses chemical weapons, Obama warned.")
    warning = only(events, "THREATEN")
    assert countries(warning.sources) == {"USA"} and countries(warning.targets) == {"SYR"}
    assert warning.status == "asserted"
    assert {e.status for e in events if e.type == "ASSAULT"} == {"hypothetical"}
    assert main_event(events) is warning


def test_nominal_trigger_takes_its_possessor_as_actor() -> None:
    event = only(coded("Russia's veto of the draft resolution angered Washington."), "REJECT")
    assert countries(event.sources) == {"RUS"}
    assert event.trigger == "veto"


def test_light_verb_construction_and_trigger_evidence() -> None:
    text = "The United States imposed new sanctions on Russia."
    event = only(coded(text), "SANCTION")
    assert countries(event.sources) == {"USA"} and countries(event.targets) == {"RUS"}
    assert event.trigger == "imposed ... sanctions"
    assert text[event.trigger_start:event.trigger_end] == "imposed new sanctions"
    assert text[event.sentence_start:event.sentence_end] == text
    assert event.rule == "impose-sanctions"


def test_passive_voice_swaps_actor_and_recipient() -> None:
    event = only(coded("A Russian warplane was shot down by Turkey near the border."), "ASSAULT")
    assert countries(event.sources) == {"TUR"} and countries(event.targets) == {"RUS"}


def test_claim_by_someone_else_is_reported() -> None:
    event = only(coded("Rebels shelled the hospital overnight, the Syrian government claimed."), "ASSAULT")
    assert event.status == "reported"
    assert event.reported_by is not None and event.reported_by.country == "SYR"


def test_an_actors_own_announcement_is_asserted() -> None:
    event = only(coded("Russia said it would withdraw its troops from the base."), "RETREAT")
    assert countries(event.sources) == {"RUS"}
    assert event.status == "hypothetical"  # "would": the pronoun is the speaker, the status the modal's


def test_publication_date_when_the_sentence_has_none() -> None:
    event = only(coded("France recalled its ambassador to Damascus."), "SANCTION")
    assert event.date == ANCHOR.isoformat() and event.date_source == "publication"


def test_scale_covers_every_type_on_plover_range() -> None:
    scale = load_scale()
    for event_type in EVENT_TYPES:
        intensity, quad = scale.score(event_type, None)
        assert -10 <= intensity <= 10 and quad in range(5)
    assert scale.score("REQUEST", "demand")[0] < 0 < scale.score("REQUEST", "appeal")[0]
    assert scale.score("ASSAULT", None)[1] == 4 and scale.score("AGREE", None)[1] == 1


def test_user_patterns_come_first_and_are_named_on_events(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("patterns:\n- id: snub-visit\n  type: REJECT\n  verbs: [snub]\n", encoding="utf-8")
    coder = EventCoder(load_lexicon((extra,)))
    event = only(coded("Egypt snubbed Qatar at the summit.", coder), "REJECT")
    assert event.rule == "snub-visit"
    assert countries(event.sources) == {"EGY"} and countries(event.targets) == {"QAT"}


def test_bad_pattern_file_names_file_and_problem(tmp_path: Path) -> None:
    extra = tmp_path / "broken.yaml"
    extra.write_text("patterns:\n- id: x\n  type: HUG\n  verbs: [hug]\n", encoding="utf-8")
    with pytest.raises(StorylineError) as info:
        load_lexicon((extra,))
    message = str(info.value)
    assert "SL301" in message and "broken.yaml" in message and "HUG" in message


def test_event_record_round_trip() -> None:
    event = only(coded("Lavrov will meet Kerry in Geneva on Thursday."), "CONSULT")
    assert Event.from_record(json.loads(json.dumps(event.to_record()))) == event
