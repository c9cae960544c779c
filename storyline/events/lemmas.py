"""Base forms of the words the event lexicon knows, without running spaCy's lemmatizer.

The language layer leaves spaCy's lemmatizer out (it costs about a tenth of the parse); the coder only
needs base forms of words its lexicon lists, so an inflected word is mapped to the first of its possible
base forms that the lexicon knows ("agreed" -> "agree", "banned" -> "ban", "talks" -> "talk"), and any other
word is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

# Irregular past forms and plurals of words in the lexicon (and of common verbs around them).
IRREGULAR = {
    "struck": "strike", "stricken": "strike", "held": "hold", "met": "meet", "fought": "fight", "shot": "shoot",
    "sent": "send", "gave": "give", "given": "give", "took": "take", "taken": "take", "told": "tell",
    "said": "say", "began": "begin", "begun": "begin", "broke": "break", "broken": "break", "brought": "bring",
    "led": "lead", "left": "leave", "made": "make", "spoke": "speak", "spoken": "speak", "withdrew": "withdraw",
    "withdrawn": "withdraw", "flew": "fly", "flown": "fly", "sought": "seek", "stood": "stand", "froze": "freeze",
    "frozen": "freeze", "undertook": "undertake", "undertaken": "undertake", "overran": "overrun",
    "beaten": "beat", "forbade": "forbid", "forbidden": "forbid", "slew": "slay", "slain": "slay", "paid": "pay",
    "laid": "lay", "went": "go", "gone": "go", "came": "come", "drew": "draw", "drawn": "draw", "threw": "throw",
    "thrown": "throw", "won": "win", "lost": "lose", "sold": "sell", "bought": "buy", "thought": "think",
    "felt": "feel", "kept": "keep", "rang": "ring", "wrote": "write", "written": "write", "drove": "drive",
    "driven": "drive", "rode": "ride", "stole": "steal", "stolen": "steal", "blew": "blow", "blown": "blow",
    "swore": "swear", "sworn": "swear", "shut": "shut", "quit": "quit", "hit": "hit", "cut": "cut", "put": "put",
    "set": "set", "bore": "bear", "borne": "bear", "fled": "flee", "fell": "fall", "fallen": "fall",
    "arose": "arise", "arisen": "arise", "overthrew": "overthrow", "overthrown": "overthrow", "rebuilt": "rebuild",
    "dealt": "deal", "meant": "mean", "mistook": "mistake", "forgave": "forgive", "forgiven": "forgive",
    "people": "person", "men": "man", "women": "woman", "children": "child", "casualties": "casualty",
    "is": "be", "was": "be", "were": "be", "are": "be", "been": "be", "am": "be", "has": "have", "had": "have",
    "does": "do", "did": "do", "done": "do", "ca": "can", "wo": "will",
}


def _candidates(word: str) -> Iterator[str]:
    yield word
    if word in IRREGULAR:
        yield IRREGULAR[word]
    if word.endswith("ies") or word.endswith("ied"):
        yield word[:-3] + "y"
    if word.endswith("ves"):
        yield word[:-3] + "f"
        yield word[:-3] + "fe"
    if word.endswith("es"):
        yield word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        yield word[:-1]
    if word.endswith("ed"):
        yield word[:-1]
        yield word[:-2]
        if len(word) > 4 and word[-3] == word[-4]:
            yield word[:-3]  # banned -> ban
    if word.endswith("ing"):
        yield word[:-3]
        yield word[:-3] + "e"
        if len(word) > 5 and word[-4] == word[-5]:
            yield word[:-4]  # shelling stays, but "planning" -> plan


class Lemmatizer:
    """Maps a lower-cased word to its base form among `known` words; remembers every answer.

    A verb is first matched against `verbs`, so "threatened" as a verb is "threaten" even though the
    adjective "threatened" is a known word too.
    """

    def __init__(self, known: Iterable[str], verbs: Iterable[str] = ()):
        self.known = frozenset(known)
        self.verbs = frozenset(verbs)
        self._cache: dict[tuple[str, bool], str] = {}

    def __call__(self, word: str, verb: bool = False) -> str:
        cached = self._cache.get((word, verb))
        if cached is None:
            found = next((c for c in _candidates(word) if c in self.verbs), None) if verb else None
            cached = found or next((c for c in _candidates(word) if c in self.known), IRREGULAR.get(word, word))
            self._cache[(word, verb)] = cached
        return cached
