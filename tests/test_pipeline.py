"""Stages declare what they need and add; a pipeline in the wrong order is refused before it runs."""

from __future__ import annotations

import pytest

from storyline.clean.stages import READER_PROVIDES, DetectLanguage, EstimateDate, ExtractText, ingest_stages
from storyline.pipeline import PipelineError, check_pipeline


def test_ingest_pipeline_is_consistent() -> None:
    assert [stage.name for stage in ingest_stages()] == ["extract", "language", "dating"]


def test_stage_before_what_it_needs_is_refused() -> None:
    with pytest.raises(PipelineError) as info:
        check_pipeline([DetectLanguage(), ExtractText(), EstimateDate()], READER_PROVIDES)
    assert "'language' needs ['text']" in str(info.value)
