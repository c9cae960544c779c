"""Code the events each sentence reports, in PLOVER, from a dependency parse and the resolved actors.

For every sentence the coder finds triggers (verbs, nominalisations, light-verb constructions such as
"launched air strikes") that match a lexicon pattern, then reads the parse around each trigger:

- actors from the subject ("Russia vetoed"), the agent of a passive ("were killed by militants"), a
  possessor or modifier of a nominal trigger ("Russia's veto", "U.S. sanctions"), or the subject of the
  verb a nominal trigger depends on ("Russia launched air strikes");
- recipients from the object, the object of a preposition such as "against", "on", "with", "to", or the
  subject of a passive; conjunctions give several actors on either side;
- the status: negated, hypothetical ("could", "if", "urged X to"), planned ("will", "plans to"), or
  reported (inside what someone else says), else asserted;
- the date from the time expression attached to the trigger, else one in the sentence, else the
  publication date; the location from "in <place>"; the context tags from the pattern and the sentence.

Everything it needs comes from the language layer: the spaCy ``Doc``, the actor mentions and the time
expressions, so coding adds little to the parse itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline.events.lexicon import Lexicon, Pattern, Phrase, Scale, load_lexicon, load_scale
from storyline.events.types import Event, EventActor
from storyline.nlp.types import ActorMention, TimeExpression

__all__ = ["EventCoder", "code_texts", "main_event", "plover_type"]

_SUBJECTS = frozenset({"nsubj", "csubj"})
_OBJECTS = frozenset({"dobj", "obj", "dative", "attr", "oprd"})
# Prepositions whose object is the recipient ("fired at"); "in" and "near" name the place (see _location).
_TARGET_PREPS = frozenset({"against", "on", "upon", "with", "to", "toward", "towards", "at", "into", "over",
                           "from", "for", "of", "onto"})
_NOUN_TARGET_PREPS = frozenset({"against", "on", "upon", "with", "to", "toward", "towards", "of", "into",
                                "over", "for"})
# Prepositions inside a noun phrase that still name who it is: "the government of Syria", "a camp for refugees".
_PHRASE_PREPS = frozenset({"of", "in", "from", "by", "for"})
_CORE_PREPS = _PHRASE_PREPS - {"in"}
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})
_ACTOR_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "appos", "conj", "npadvmod", "nummod"})
_PERSONAL_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "them", "i"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can", "ought", "ca", "'d"})
_CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Actions only a state's authorities take: with no actor named, the state where they happen took them.
_STATE_ACTIONS = frozenset({("COERCE", "arrest"), ("COERCE", "deport"), ("COERCE", "ban"), ("COERCE", "curfew"),
                            ("COERCE", "censor"), ("ACCUSE", "investigate"), ("RETREAT", "release")})
# Sectors of a state's own apparatus: a protest by them is not aimed at their own government.
_STATE_SECTORS = frozenset({"GOV", "MIL", "SPY", "COP", "JUD", "LEG"})
# Types whose recipient, when none is named, is the country of the place where they happen.
_PLACE_RECIPIENT_TYPES = frozenset({"PROTEST", "COERCE", "ASSAULT", "MOBILIZE", "SANCTION", "AID", "RETREAT",
                                    "CONCEDE"})
# Types whose trigger is a speech act: its content says whom it is aimed at.
_SPEECH_TYPES = frozenset({"THREATEN", "ACCUSE", "REQUEST", "REJECT", "SUPPORT", "AGREE"})
_DATE_GRANULARITIES = frozenset({"day", "week", "month", "quarter", "year", "time", "decade", "season"})


@dataclass
class _Trigger:
    token: Token
    pattern: Pattern
    phrase: Phrase
    words: list[Token]  # the trigger's own words (head, particle, object noun)
    nominal: bool


class EventCoder:
    """Codes the events of parsed documents; the lexicon and the intensity table are loaded once."""

    def __init__(self, lexicon: Lexicon | None = None, scale: Scale | None = None, dictionary: Any = None):
        self.lexicon = lexicon or load_lexicon()
        self.scale = scale or load_scale()
        self.dictionary = dictionary  # the actor dictionary, to place locations in their country

    @property
    def version(self) -> str:
        return f"events-{CODER_VERSION}-{self.lexicon.digest[:12]}"

    def code(self, doc: Doc, mentions: Sequence[ActorMention], timexes: Sequence[TimeExpression],
             published: date | None, published_is_estimate: bool = False) -> list[Event]:
        """Every event of every sentence of `doc`, in text order."""
        context = _DocContext(doc, self.lexicon, mentions, timexes, published, published_is_estimate)
        events: list[Event] = []
        for sentence in doc.sents:
            events.extend(_SentenceCoder(self, context, sentence).events())
        return events


CODER_VERSION = "1"
# The one pattern the lexicon cannot express: a demand made by saying someone "must" do something.
MUST_PATTERN = Pattern(id="must-clause", type="REQUEST", mode="demand", contexts=(), objects=frozenset(),
                       verbs=(), nouns=(), origin="storyline/events/coder.py")


class _DocContext:
    """What the coder looks up while reading one document: which actor each token belongs to, and dates."""

    def __init__(self, doc: Doc, lexicon: Lexicon, mentions: Sequence[ActorMention],
                 timexes: Sequence[TimeExpression], published: date | None, estimated: bool):
        self.doc = doc
        self.timexes = [t for t in timexes if t.resolved and t.value and t.type in ("DATE", "TIME")
                        and t.granularity in _DATE_GRANULARITIES]
        self.published = published
        self.estimated = estimated
        self.token_mentions: dict[int, ActorMention] = {}
        by_start = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
        for mention in by_start:
            for token in doc.char_span(mention.start, mention.end, alignment_mode="expand") or ():
                self.token_mentions.setdefault(token.i, mention)
        self.lemmas = [lexicon.lemmatize(t.lower_, t.tag_.startswith("VB")) for t in doc]
        self.last_actors: list[EventActor] = []  # the actors of the last event, for "it", "they"


def _actor(mention: ActorMention) -> EventActor:
    return EventActor(mention.text, mention.start, mention.end, mention.actor_id, mention.name, mention.kind,
                      mention.country, mention.sector)


class _SentenceCoder:
    def __init__(self, coder: EventCoder, context: _DocContext, sentence: Span):
        self.coder = coder
        self.lexicon = coder.lexicon
        self.context = context
        self.sentence = sentence
        self.consumed: set[int] = set()  # nouns that are a verb trigger's object or argument

    def lemma(self, token: Token) -> str:
        return self.context.lemmas[token.i]

    def events(self) -> list[Event]:
        triggers = self._verb_triggers()
        for trigger in triggers:
            self.consumed.update(t.i for t in trigger.words)
            self.consumed.update(t.i for t in _arguments(trigger.token))
        triggers += self._noun_triggers()
        events = [e for e in (self._event(t) for t in sorted(triggers, key=lambda t: t.token.i)) if e]
        return events

    # -------------------------------------------------------------- triggers
    def _verb_triggers(self) -> list[_Trigger]:
        found = []
        for token in self.sentence:
            if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
                continue
            demand = self._must_clause(token)
            if demand is not None:
                found.append(demand)
            for pattern, phrase in self.lexicon.verbs.get(self.lemma(token), ()):
                words = self._verb_match(token, pattern, phrase)
                if words is not None:
                    found.append(_Trigger(token, pattern, phrase, words, nominal=False))
                    break
        return found

    def _must_clause(self, verb: Token) -> _Trigger | None:
        """ "Russia said Sudan must return the helicopter": the speaker demands something of the subject.
        The demand is coded on "must" itself, with the speaker as actor; the verb keeps its own event."""
        must = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "must"), None)
        reporting = _reporting_verb(verb, self.lexicon, self.lemma) if must is not None else None
        if must is None or reporting is None or not self._actors_of(_subject(reporting)[0]):
            return None
        return _Trigger(must, MUST_PATTERN, Phrase("must"), [must, verb], nominal=False)

    def _verb_match(self, token: Token, pattern: Pattern, phrase: Phrase) -> list[Token] | None:
        words = [token]
        for extra in phrase.extras:
            particle = next((c for c in token.children if c.dep_ in ("prt", "prep", "advmod", "dobj", "acomp")
                             and c.lower_ == extra and c.i > token.i), None)
            if particle is None:
                return None
            words.append(particle)
        if pattern.objects:
            noun = next((n for n in _object_nouns(token) if self.lemma(n) in pattern.objects
                         or any(self.lemma(m) in pattern.objects for m in _modifiers(n))), None)
            if noun is None:
                return None
            words.append(noun)
        return words

    def _noun_triggers(self) -> list[_Trigger]:
        found = []
        for token in self.sentence:
            if token.i in self.consumed or token.pos_ not in ("NOUN", "PROPN"):
                continue
            for pattern, phrase in self.lexicon.nouns.get(self.lemma(token), ()):
                modifiers = [m for m in token.children if m.dep_ in ("compound", "amod")]
                chosen = [next((m for m in modifiers if m.lower_ == w or self.lemma(m) == w), None)
                          for w in phrase.extras]
                if all(chosen):
                    found.append(_Trigger(token, pattern, phrase, [c for c in chosen if c] + [token], nominal=True))
                    break
        return found

    # -------------------------------------------------------------- one event
    def _event(self, trigger: _Trigger) -> Event | None:
        if trigger.pattern is MUST_PATTERN:
            sources, targets = self._demand_roles(trigger)
        else:
            sources, targets = (self._noun_roles(trigger) if trigger.nominal else self._verb_roles(trigger))
        sources = self._resolve_pronouns(trigger.token, sources)
        if not targets and trigger.pattern.type in _SPEECH_TYPES and not trigger.nominal:
            targets = self._content_actors(trigger.token, sources)
        # An actor does not act on itself, but a state's farmers can blockade its capital.
        own = {(s.key, s.sector) for s in sources}
        targets = [t for t in targets if (t.key, t.sector) not in own]
        if trigger.nominal and not sources and not targets:
            return None  # "the talks" in passing says nothing about who did what
        status, reporter = self._status(trigger, sources)
        pattern = trigger.pattern
        # Score the event as PLOVER reads it: an announced meeting is an intention to cooperate (AGREE),
        # a refused one a rejection (REJECT), a planned strike a threat (THREATEN).
        read_as = _plover_reading(pattern.type, status, bool(sources))
        intensity, quad = self.coder.scale.score(read_as, pattern.mode if read_as == pattern.type else None)
        when, granularity, date_source, date_text = self._date(trigger.token)
        location, location_start, location_country = self._location(trigger.token)
        if not sources and location_country and (pattern.type, pattern.mode) in _STATE_ACTIONS:
            # "a missionary was arrested in Lebanon": arrests, bans and inquiries are the state's doing
            sources = [EventActor(location or "", location_start or 0, (location_start or 0) + len(location or ""),
                                  location_country, self._state_name(location_country), "state", location_country,
                                  "GOV")]
        if not targets:
            targets = self._default_recipients(pattern.type, pattern.mode, sources, location, location_start,
                                               location_country)
        words = sorted(trigger.words, key=lambda t: t.i)
        if sources:
            self.context.last_actors = sources
        return Event(
            type=pattern.type, mode=pattern.mode, contexts=self._contexts(trigger),
            sources=tuple(sources), targets=tuple(targets), status=status,
            intensity=intensity, quad_class=quad, confidence=_confidence(trigger, sources, targets),
            sentence_start=self.sentence.start_char, sentence_end=self.sentence.end_char,
            trigger=_trigger_text(words), trigger_start=words[0].idx,
            trigger_end=words[-1].idx + len(words[-1].text),
            date=when, date_granularity=granularity, date_source=date_source, date_text=date_text,
            location=location, location_start=location_start, location_country=location_country,
            reported_by=reporter, rule=pattern.id,
            attributes={"depth": str(self._depth(trigger))},
        )

    def _depth(self, trigger: _Trigger) -> int:
        if trigger.pattern is MUST_PATTERN:  # the demand outranks what is demanded
            return max(_depth(trigger.words[-1]) - 1, 0)
        return _depth(trigger.token)

    def _verb_roles(self, trigger: _Trigger) -> tuple[list[EventActor], list[EventActor]]:
        verb = trigger.token
        subject, passive = _subject(verb)
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        # "withdrew its troops": what the actor acts with is its own, not a recipient
        object_heads = [c for c in verb.children if c.dep_ in _OBJECTS and not _owned_by_pronoun(c)]
        prep_heads = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS
                      for g in c.children if g.dep_ == "pobj"]
        if trigger.pattern.type in ("ACCUSE", "REJECT"):
            # "complained to the UN over Israeli raids": the UN hears the complaint, Israel is its target
            about = [g for c in verb.children if c.dep_ == "prep" and c.lower_ != "to"
                     for g in c.children if g.dep_ == "pobj"]
            if object_heads or self._actors_of_all(about):
                prep_heads = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS - {"to"}
                              for g in c.children if g.dep_ == "pobj"]
        if passive:
            sources = self._actors_of(agent) if agent is not None else []
            targets = self._actors_of(subject) + self._actors_of_all(prep_heads)
        else:
            sources = self._actors_of(subject)
            targets = self._actors_of_all(object_heads) + self._actors_of_all(prep_heads)
            if not targets:  # "suspended its cooperation with Washington"
                every_object = [c for c in verb.children if c.dep_ in _OBJECTS]
                targets = self._actors_of_all(g for o in every_object for g in _noun_complements(o))
            if not targets:  # "opened fire to disperse the protesters": whom the action was for
                purposes = [c for c in verb.children if c.dep_ in ("advcl", "xcomp")
                            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
                targets = self._actors_of_all(o for p in purposes for o in p.children if o.dep_ in _OBJECTS)
        return _unique(sources), _unique(targets)

    def _demand_roles(self, trigger: _Trigger) -> tuple[list[EventActor], list[EventActor]]:
        verb = trigger.words[-1]
        reporting = _reporting_verb(verb, self.lexicon, self.lemma)
        speaker = self._actors_of(_subject(reporting)[0]) if reporting is not None else []
        return speaker, [a for a in self._actors_of(_subject(verb)[0]) if a.key not in {s.key for s in speaker}]

    def _noun_roles(self, trigger: _Trigger) -> tuple[list[EventActor], list[EventActor]]:
        noun = trigger.token
        own = [m for m in noun.children if m.dep_ in ("poss", "compound", "amod", "nmod")]
        sources = self._actors_of_all(own)
        by = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
              for g in c.children if g.dep_ == "pobj"]
        sources += self._actors_of_all(by)
        between = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("between", "among")
                   for g in c.children if g.dep_ == "pobj"]
        sources += self._actors_of_all(between)
        targets = self._actors_of_all(g for c in noun.children if c.dep_ == "prep" and c.lower_ in _NOUN_TARGET_PREPS
                                      for g in c.children if g.dep_ == "pobj")
        if not sources and noun.dep_ in ("dobj", "pobj", "attr"):
            governor = noun.head if noun.dep_ != "pobj" else noun.head.head
            subject, passive = _subject(governor)
            words = self.lexicon.words
            if self.lemma(governor) in words["support_verbs"] and not passive:
                sources = self._actors_of(subject)
            elif self.lemma(governor) in words["undergo_verbs"] and not passive and not targets:
                targets = self._actors_of(subject)
        return _unique(sources), _unique(targets)

    def _content_actors(self, verb: Token, sources: list[EventActor]) -> list[EventActor]:
        """Whom a warning, accusation or appeal is about: the subject of what was said ("Obama warned
        that Syria would face strikes"), or of the clause it comments on ("Syria ..., Obama warned")."""
        clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
        if verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.i > verb.head.i:
            clauses.append(verb.head)
        keys = {s.key for s in sources}
        # "threatened to strike unless Israel rescinded ...": the one the condition is put to
        for clause in [verb, *clauses]:
            for condition in clause.children:
                if condition.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if")
                                                     for m in condition.children):
                    found = [a for a in self._actors_of(_subject(condition)[0]) if a.key not in keys]
                    if found and self.lemma(verb) not in self.lexicon.words["reporting_verbs"]:
                        return found
        for clause in clauses:
            found = [a for a in self._actors_of(_subject(clause)[0]) if a.key not in keys]
            if not found and clause.head.i == verb.i:
                # "threatened to expel the envoys", "agreed to hand the suspects to Britain": the recipient
                # of what is threatened or promised
                objects = [c for c in clause.children if c.dep_ in _OBJECTS]
                preps = [g for c in clause.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS
                         for g in c.children if g.dep_ == "pobj"]
                found = [a for a in self._actors_of_all([*objects, *preps]) if a.key not in keys]
                if not found:  # "threatened to break relations with Russia"
                    complements = [g for o in objects for g in _noun_complements(o)]
                    found = [a for a in self._actors_of_all(complements) if a.key not in keys]
                if not found:  # "threatened to impose a curfew in Algiers"
                    place, start, country = self._location(clause)
                    if place is not None and start is not None and country is not None:
                        found = [EventActor(place, start, start + len(place), country, self._state_name(country),
                                            "state", country, None)]
            if found:
                return found
        return []

    def _actors_of(self, head: Token | None) -> list[EventActor]:
        """The actors a noun phrase names. Where it is ("rebels in Macedonia") counts only when the phrase
        names no one otherwise ("the government in Damascus")."""
        if head is None:
            return []
        own = self._named_in(_phrase_tokens(head, _CORE_PREPS))
        return own or self._named_in(_phrase_tokens(head, _PHRASE_PREPS))

    def _named_in(self, tokens: list[Token]) -> list[EventActor]:
        found: list[EventActor] = []
        for token in tokens:
            mention = self.context.token_mentions.get(token.i)
            if mention is not None:
                found.append(_actor(mention))
            elif token.ent_type_ in ("GPE",) and token.ent_iob_ == "B":
                place = self._place_actor(token)
                if place is not None:
                    found.append(place)
        return _unique(found)

    def _place_actor(self, token: Token) -> EventActor | None:
        """A place the resolver kept as a place ("visited Russia", "shelled Aleppo") stands, as a recipient,
        for its country."""
        span = next((e for e in token.doc.ents if e.start == token.i), None)
        if span is None:
            return None
        country = self._country_of_place(span.text)
        if country is None:
            return None
        return EventActor(span.text, span.start_char, span.end_char, country, self._state_name(country), "state",
                          country, None)

    def _actors_of_all(self, heads: Iterable[Token]) -> list[EventActor]:
        return _unique([a for h in heads for a in self._actors_of(h)])

    def _resolve_pronouns(self, verb: Token, sources: list[EventActor]) -> list[EventActor]:
        if sources:
            return sources
        if verb.pos_ in ("NOUN", "PROPN"):  # "its demand that ...", "their withdrawal"
            owner = next((c for c in verb.children if c.dep_ == "poss"), None)
            if owner is None or owner.lower_ not in _PERSONAL_PRONOUNS:
                return sources
            governor = verb.head if verb.dep_ in ("dobj", "nsubj", "attr") else None
            owner_actors = self._actors_of(_subject(governor)[0]) if governor is not None else []
            earlier = self._nearest_actor_before(owner)
            return owner_actors or ([earlier] if earlier else [])
        subject, passive = _subject(verb)
        if subject is None or passive or subject.lower_ not in _PERSONAL_PRONOUNS:
            return sources
        reporter = _reporting_verb(verb, self.lexicon, self.lemma)
        if reporter is not None:
            speaker = self._actors_of(_subject(reporter)[0])
            if speaker:
                return speaker
        earlier = self._nearest_actor_before(subject)
        return [earlier] if earlier else list(self.context.last_actors)

    def _nearest_actor_before(self, pronoun: Token) -> EventActor | None:
        """The closest actor named earlier in the sentence that a pronoun can stand for."""
        personal = pronoun.lower_ in ("he", "she", "his", "her")
        for token in reversed(self.sentence[: pronoun.i - self.sentence.start]):
            mention = self.context.token_mentions.get(token.i)
            if mention is not None and (mention.kind == "person") == personal:
                return _actor(mention)
        return None

    # -------------------------------------------------------------- status
    def _status(self, trigger: _Trigger, sources: list[EventActor]) -> tuple[str, EventActor | None]:
        token, words = trigger.token, self.lexicon.words
        if _negated(token):
            return "negated", None
        if trigger.nominal:
            modifiers = {self.lemma(m) for m in token.children if m.dep_ in ("amod", "compound")}
            modifiers |= {m.lower_ for m in token.children if m.dep_ in ("amod", "compound")}
            if modifiers & words["planned_modifiers"]:
                return "planned", None
            if modifiers & words["hypothetical_modifiers"]:
                return "hypothetical", None
        status = _modality(token, words, self.lemma)
        if status is None and trigger.nominal and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr"):
            governor = token.head if token.dep_ != "pobj" else token.head.head
            status = "negated" if _negated(governor) else _modality(governor, words, self.lemma)
        if status:
            return status, None
        clause = token
        if trigger.nominal and token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj"):
            clause = token.head if token.dep_ != "pobj" else token.head.head  # "say troops continue an assault"
        reporting = _reporting_verb(clause, self.lexicon, self.lemma)
        if reporting is not None:
            speaker, _ = _subject(reporting)
            speakers = self._actors_of(speaker)
            own = _overlap(speakers, sources) or self._same_pronoun(speaker, token)
            if self.lemma(reporting) == "deny":
                return ("negated", None) if own else ("reported", _first(speakers))
            # What an actor says of itself is its own statement ("Russia said it would veto"); what anyone
            # else says, police, activists, state television or an unnamed source, is reported.
            if self.lemma(reporting) in words["claim_verbs"] or not own:
                return "reported", _first(speakers)
        according = self._according_to()
        if according and not _overlap(according, sources):
            return "reported", according[0]
        return "asserted", None

    @staticmethod
    def _same_pronoun(speaker: Token | None, verb: Token) -> bool:
        """ "He said he would resign": a pronoun speaking of the same pronoun speaks of itself."""
        subject, _ = _subject(verb)
        return (speaker is not None and subject is not None and speaker.lower_ in _PERSONAL_PRONOUNS
                and subject.lower_ in _PERSONAL_PRONOUNS)

    def _according_to(self) -> list[EventActor]:
        for token in self.sentence:
            if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
                heads = [g for g in token.nbor().children if g.dep_ == "pobj"]
                heads += [g for c in token.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
                return self._actors_of_all(heads)
        return []

    # -------------------------------------------------------------- date, place, context
    def _date(self, token: Token) -> tuple[str | None, str | None, str, str | None]:
        left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
        in_sentence = [t for t in self.context.timexes
                       if self.sentence.start_char <= t.start and t.end <= self.sentence.end_char]
        attached = [t for t in in_sentence if left <= t.start and t.end <= right]
        for candidates in (attached, in_sentence):
            if candidates:
                best = min(candidates, key=lambda t: abs(t.start - token.idx))
                return best.value, best.granularity, "sentence", best.text
        if self.context.published is None:
            return None, None, "none", None
        source = "estimated publication" if self.context.estimated else "publication"
        return self.context.published.isoformat(), "day", source, None

    def _location(self, token: Token) -> tuple[str | None, int | None, str | None]:
        """The place the event happens ("in Geneva", "near the Turkish border town of Kilis") and its country."""
        heads = [token, *(c for c in token.children if c.dep_ in _OBJECTS)]
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "pobj", "nsubj"):
            governor = token.head if token.dep_ != "pobj" else token.head.head
            heads += [governor, *(c for c in governor.children if c.dep_ in _SUBJECTS)]
        else:
            heads += [c for c in token.children if c.dep_ in _SUBJECTS]
        places = [found for head in heads for prep in head.children
                  if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS
                  for pobj in prep.children if pobj.dep_ == "pobj"
                  for found in [self._place_in(pobj)] if found is not None]
        # "in the town of Cizre in southeastern Turkey": the first place whose country is known
        for place in places:
            if place[2] is not None:
                return place
        return places[0] if places else (None, None, None)

    def _place_in(self, phrase: Token) -> tuple[str, int, str | None] | None:
        """The place a phrase names, preferring one whose country is known: "the town of Cizre in
        southeastern Turkey" is in Turkey even though Cizre is not in the dictionary."""
        spans = []
        for token in _phrase_tokens(phrase) + [g for c in phrase.children if c.dep_ == "prep"
                                                for g in c.children if g.dep_ == "pobj"]:
            span = next((e for e in token.doc.ents if e.start <= token.i < e.end and e.label_ in _PLACE_LABELS), None)
            if span is not None and span not in spans:
                spans.append(span)
        if not spans:
            return None
        country = next((c for c in (self._country_of_place(s.text) for s in spans) if c is not None), None)
        return spans[0].text, spans[0].start_char, country

    def _country_of_place(self, name: str) -> str | None:
        dictionary = self.coder.dictionary
        if dictionary is None:
            return None
        for candidate in (name, name[4:] if name.lower().startswith("the ") else ""):
            for actor_id, _form in dictionary.lookup(candidate) if candidate else ():
                actor = dictionary.get(actor_id)
                if actor is not None and actor.kind == "state":
                    return str(actor.country or actor.id)
        return None

    def _default_recipients(self, event_type: str, mode: str | None, sources: list[EventActor], location: str | None,
                            location_start: int | None, country: str | None) -> list[EventActor]:
        """With no recipient named, an event that acts on a place acts on its country ("shelled Aleppo",
        "protested in Cairo"), and a protest is aimed at the protesters' own government."""
        if event_type not in _PLACE_RECIPIENT_TYPES and not (event_type == "CONSULT" and mode == "visit"):
            return []
        if country and location is not None and location_start is not None:
            return [EventActor(location, location_start, location_start + len(location), country,
                               self._state_name(country), "state", country, None)]
        if event_type in ("PROTEST", "CONCEDE"):  # a union calling off its strike yields to its government
            home = next((s for s in sources if s.country and s.sector not in _STATE_SECTORS), None)
            if home is not None and home.country:
                return [EventActor(home.text, home.start, home.end, home.country, self._state_name(home.country),
                                   "state", home.country, "GOV")]
        return []

    def _state_name(self, code: str) -> str:
        actor = self.coder.dictionary.get(code) if self.coder.dictionary is not None else None
        return str(actor.name) if actor is not None else code

    def _contexts(self, trigger: _Trigger) -> tuple[str, ...]:
        tags = list(trigger.pattern.contexts)
        for token in self.sentence:
            tag = self.lexicon.context_words.get(self.lemma(token)) or self.lexicon.context_words.get(token.lower_)
            if tag and tag not in tags:
                tags.append(tag)
        return tuple(tags)


# ------------------------------------------------------------------ parse helpers
def _modifiers(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]


def _object_nouns(verb: Token) -> list[Token]:
    """The nouns a verb acts on: its objects (and their conjuncts), objects of its prepositions and its
    passive subject ("sanctions were imposed")."""
    heads = [c for c in verb.children if c.dep_ in _OBJECTS or c.dep_ == "nsubjpass"]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        heads.append(verb.head)  # "the deal struck in Geneva": the noun is what the participle acts on
    heads += [g for c in verb.children if c.dep_ in ("prep", "prt") for g in c.children if g.dep_ == "pobj"]
    heads += [g for c in verb.children if c.dep_ == "xcomp" for g in c.children if g.dep_ in _OBJECTS]
    nouns = []
    for head in heads:
        nouns.append(head)
        nouns.extend(c for c in head.children if c.dep_ == "conj")
        # "a package of aid", "a number of prisoners"
        nouns.extend(g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj")
    return nouns


def _owned_by_pronoun(noun: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our", "my") for c in noun.children)


def _noun_complements(noun: Token) -> list[Token]:
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ in _NOUN_TARGET_PREPS
            for g in c.children if g.dep_ == "pobj"]


def _arguments(verb: Token) -> list[Token]:
    """The verb's own argument heads, which must not be coded again as nominal triggers."""
    heads = [c for c in verb.children if c.dep_ in _OBJECTS | _SUBJECTS | {"nsubjpass"}]
    heads += [g for c in verb.children if c.dep_ in ("agent", "prep") for g in c.children if g.dep_ == "pobj"]
    return heads + [c for h in heads for c in h.children if c.dep_ == "conj"]


def _phrase_tokens(head: Token, preps: frozenset[str] | None = None) -> list[Token]:
    """The tokens of the noun phrase that names an actor: the head with its modifiers and conjuncts, and
    the objects of `preps` ("the government of Syria"), but not relative clauses or other prepositions."""
    preps = _PHRASE_PREPS if preps is None else preps
    tokens = [head]
    for child in head.children:
        if child.dep_ in _ACTOR_MODIFIERS:
            tokens.extend(_phrase_tokens(child, preps))
        elif child.dep_ == "prep" and child.lower_ in preps and head.pos_ in ("NOUN", "PROPN"):
            tokens.extend(g2 for g in child.children if g.dep_ == "pobj" for g2 in _phrase_tokens(g, preps))
    return tokens


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a verb and whether it is passive, following conjunctions and control ("agreed to
    withdraw": Russia withdraws; "urged Russia to withdraw": also Russia)."""
    seen = 0
    while seen < 6:
        seen += 1
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return child, False
            if child.dep_ in ("nsubjpass", "csubjpass"):
                return child, True
        if verb.dep_ == "conj":
            verb = verb.head
            continue
        if verb.dep_ == "xcomp":
            controller = next((c for c in verb.head.children if c.dep_ in ("dobj", "obj")), None)
            if controller is not None:
                return controller, False
            verb = verb.head
            continue
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head, verb.tag_ == "VBN"
        if verb.dep_ == "advcl" and verb.tag_ == "VBG":
            verb = verb.head
            continue
        if verb.dep_ in ("acomp", "amod") and verb.pos_ == "ADJ":
            verb = verb.head  # "Syria is willing to withdraw": the adjective's subject is the verb's
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head
            continue
        return None, False
    return None, False


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    return token.pos_ in ("NOUN", "PROPN") and any(c.lower_ == "no" and c.dep_ == "det" for c in token.children)


def _modality(token: Token, words: dict[str, frozenset[str]], lemma: Callable[[Token], str]) -> str | None:
    """planned / hypothetical / negated from auxiliaries, governing verbs and conditions, else None."""
    current = token
    for _ in range(4):
        aux = {c.lower_ for c in current.children if c.dep_ in ("aux", "auxpass")}
        if aux & _FUTURE_AUX or _going_to(current, lemma):
            return "planned"
        if aux & _MODAL_AUX:
            return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in current.children):
            return "hypothetical"
        if current.dep_ not in ("xcomp", "ccomp", "conj", "pcomp") and current.dep_ != "pobj":
            break
        governor = current.head if current.dep_ != "pobj" else current.head.head
        base = lemma(governor)
        if current.dep_ == "xcomp" or (current.dep_ == "pcomp" and base in words["negating_verbs"]):
            if base in words["negating_verbs"] and base != "deny":
                return "negated"
            if base in words["wishing_verbs"]:
                return "hypothetical"
            if base in words["planning_verbs"]:
                return "planned"
        if current.dep_ == "ccomp" and base in words["wishing_verbs"]:
            return "hypothetical"
        if any(c.dep_ == "neg" for c in governor.children) and current.dep_ == "xcomp":
            return "negated"
        current = governor
    return None


def _going_to(token: Token, lemma: Callable[[Token], str]) -> bool:
    head = token.head
    return token.dep_ == "xcomp" and lemma(head) == "go" and head.tag_ == "VBG"


def _reporting_verb(token: Token, lexicon: Lexicon, lemma: Callable[[Token], str]) -> Token | None:
    """The reporting verb ("said", "claimed") whose content the trigger is part of, if any."""
    current = token
    for _ in range(5):
        if current.dep_ in ("ccomp", "parataxis", "xcomp"):
            governor = current.head
            if lemma(governor) in lexicon.words["reporting_verbs"] and governor.i != current.i:
                return governor
            current = governor
            continue
        if current.dep_ == "conj":
            current = current.head
            continue
        break
    # "..., officials said" often comes out with the reporting verb as a dependent of the main verb
    for child in token.children:
        if child.dep_ in ("parataxis", "ccomp", "advcl") and lemma(child) in lexicon.words["reporting_verbs"] \
                and child.i > token.i and any(c.dep_ in _SUBJECTS for c in child.children):
            return child
    return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _trigger_text(words: list[Token]) -> str:
    parts: list[str] = []
    for previous, word in zip([None, *words], words, strict=False):
        if previous is not None and word.i > previous.i + 1:
            parts.append("...")
        parts.append(word.text)
    return " ".join(parts)


def _confidence(trigger: _Trigger, sources: list[EventActor], targets: list[EventActor]) -> float:
    score = 0.4 + (0.25 if sources else 0.0) + (0.15 if targets else 0.0)
    score += 0.1 if trigger.pattern.objects or trigger.phrase.extras else 0.0
    score += 0.1 if not trigger.nominal else 0.0
    return round(min(score, 1.0), 2)


def _unique(actors: list[EventActor]) -> list[EventActor]:
    seen: set[tuple[str, int]] = set()
    result: list[EventActor] = []
    for actor in actors:
        key = (actor.key, actor.start)
        if key not in seen and not any(a.start <= actor.start and actor.end <= a.end and a is not actor
                                       and a.key == actor.key for a in result):
            seen.add(key)
            result.append(actor)
    return result


def _overlap(first: list[EventActor], second: list[EventActor]) -> bool:
    keys = {a.key for a in first}
    countries = {a.country for a in first if a.country}
    return any(a.key in keys or (a.country and a.country in countries and a.kind == "state") for a in second) or \
        any(a.kind == "state" and a.country in {b.country for b in second} for a in first)


def _first(actors: list[EventActor]) -> EventActor | None:
    return actors[0] if actors else None


# ------------------------------------------------------------------ conveniences
def main_event(events: Sequence[Event]) -> Event | None:
    """The sentence's principal event: the one whose trigger is highest in the parse, then the first."""
    if not events:
        return None
    return min(events, key=lambda e: (int(e.attributes.get("depth", "99")), e.trigger_start))


_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_FORCEFUL = frozenset({"PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "SANCTION"})


def _plover_reading(event_type: str, status: str, has_source: bool) -> str:
    if status == "planned" and event_type in _COOPERATIVE:
        return "AGREE"  # "will meet", "is willing to withdraw": an intention to cooperate
    if status == "negated" and event_type in _COOPERATIVE:
        return "REJECT"  # "did not agree", "would not meet the demands", "failed to reach a deal"
    if status in ("planned", "hypothetical") and event_type in _FORCEFUL and has_source:
        return "THREATEN"  # "will strike", "would blockade the capital unless ...": a threat of force
    return event_type


def plover_type(event: Event) -> str:
    """The type as PLOVER codes it: an announced intention to cooperate is AGREE, a refusal REJECT, an
    announced use of force THREATEN; otherwise the event's own type."""
    return _plover_reading(event.type, event.status, bool(event.sources))


def code_texts(texts: Sequence[str], dates: Sequence[date | None], coder: EventCoder | None = None,
               nlp: Any = None) -> list[list[Event]]:
    """Run the whole language layer and the coder on each text, taken as a document published on its date."""
    from storyline.nlp.actors import load_dictionary, resolve_actors
    from storyline.nlp.model import load_model
    from storyline.nlp.timex import find_time_expressions

    dictionary = load_dictionary(())
    coder = coder or EventCoder(dictionary=dictionary)
    nlp = nlp or load_model("auto")
    results = []
    for text, when, doc in zip(texts, dates, nlp.pipe(texts, batch_size=64), strict=True):
        mentions = resolve_actors(doc, when, dictionary)
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        timexes = find_time_expressions(text, anchor=when, sentences=sentences)
        results.append(coder.code(doc, mentions, timexes, when))
    return results

