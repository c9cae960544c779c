from __future__ import annotations

from pathlib import Path

import pytest

from storyline.cli import main
from storyline.config import load_settings
from storyline.errors import StorylineError


def test_precedence_file_then_env_then_flags(tmp_path: Path) -> None:
    (tmp_path / "storyline.toml").write_text('db = "from-file.db"\nworkers = 3\nbatch_size = 50\n')
    settings = load_settings(env={"STORYLINE_WORKERS": "5", "STORYLINE_BATCH_SIZE": "70"},
                             flags={"batch_size": 90}, cwd=tmp_path)
    assert (settings.db, settings.workers, settings.batch_size) == ("from-file.db", 5, 90)
    assert settings.origins["db"].startswith("file")
    assert settings.origins["workers"] == "env"
    assert settings.origins["batch_size"] == "flag"


def test_section_and_types(tmp_path: Path) -> None:
    config = tmp_path / "custom.toml"
    config.write_text('[storyline]\nexclude = ["drafts/*"]\nfield_map = { text = "body" }\nenglish_only = false\n')
    settings = load_settings(str(config), env={"STORYLINE_URL_TIMEOUT": "2.5"}, cwd=tmp_path)
    assert settings.exclude == ["drafts/*"]
    assert settings.field_map == {"text": "body"}
    assert settings.english_only is False
    assert settings.url_timeout == 2.5


@pytest.mark.parametrize(
    ("content", "env", "fragment"),
    [("workers = 'many'\n", {}, "workers"), ("colour = 'blue'\n", {}, "colour"), ("db = \n", {}, "custom.toml"),
     ("", {"STORYLINE_ENGLISH_ONLY": "perhaps"}, "english_only"), ("batch_size = 0\n", {}, "batch_size")],
)
def test_invalid_settings_name_the_problem(tmp_path: Path, content: str, env: dict[str, str], fragment: str) -> None:
    config = tmp_path / "custom.toml"
    config.write_text(content)
    with pytest.raises(StorylineError) as info:
        load_settings(str(config), env=env, cwd=tmp_path)
    assert info.value.code == "SL301"
    assert fragment in str(info.value)


def test_missing_config_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StorylineError) as info:
        load_settings(str(tmp_path / "nope.toml"))
    assert info.value.code == "SL302"


def test_config_command_prints_effective_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "storyline.toml").write_text("workers = 2\n")
    monkeypatch.setenv("STORYLINE_BATCH_SIZE", "40")
    assert main(["config", "--db", "elsewhere.db"]) == 0
    lines = {" ".join(line.split()) for line in capsys.readouterr().out.splitlines()}
    assert 'db = "elsewhere.db" # flag' in lines
    assert "batch_size = 40 # env" in lines
    assert "url_timeout = 20.0 # default" in lines
    assert any(line.startswith("workers = 2 # file") for line in lines)
