"""Storyline: an explorable, cited account of the story in a pile of news articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from storyline.app import Storyline

__all__ = ["Storyline", "__version__"]


def __getattr__(name: str) -> Any:
    # Imported lazily so `import storyline` stays cheap for the CLI's --help.
    if name == "Storyline":
        from storyline.app import Storyline

        return Storyline
    raise AttributeError(name)
