"""Stages and how they run: each stage takes a Document and returns it, declaring what it needs and adds.

Stages are pure functions of the document (plus lazily loaded resources), so running them in
one process or in many gives the same result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from storyline.document import Document


@runtime_checkable
class Stage(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def needs(self) -> tuple[str, ...]: ...  # Document fields it reads

    @property
    def adds(self) -> tuple[str, ...]: ...  # Document fields it fills in

    def __call__(self, doc: Document) -> Document: ...


class PipelineError(ValueError):
    pass


def check_pipeline(stages: Sequence[Stage], provided: Sequence[str]) -> None:
    """Fail early when a stage needs a field no earlier stage (or the reader) provides."""
    available = set(provided)
    for stage in stages:
        missing = [name for name in stage.needs if name not in available]
        if missing:
            raise PipelineError(f"stage {stage.name!r} needs {missing}, which nothing before it adds")
        available.update(stage.adds)


def run_stages(doc: Document, stages: Sequence[Stage]) -> Document:
    for stage in stages:
        doc = stage(doc)
    return doc
