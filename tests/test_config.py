from __future__ import annotations

from pathlib import Path

import pytest

from faro import ConfigError, load_options


def test_defaults(tmp_path: Path) -> None:
    options = load_options(env={"FARO_HOME": str(tmp_path)})
    assert options.home == tmp_path
    assert options.max_input_bytes == 20_000_000
    assert options.text_field == "text"


def test_user_file_then_environment_then_overrides(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("max_input_bytes = 1000\nclaim_threshold = 0.7\n")
    env = {"FARO_HOME": str(tmp_path), "FARO_CLAIM_THRESHOLD": "0.6"}
    options = load_options(env=env)
    assert options.max_input_bytes == 1000
    assert options.claim_threshold == 0.6
    assert load_options(env=env, max_input_bytes=5).max_input_bytes == 5


def test_faro_config_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text('text_field = "body"\n')
    assert load_options(env={"FARO_CONFIG": str(path)}).text_field == "body"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("nonsense = 1\n", "unknown setting"),
        ("max_input_bytes = 'many'\n", "must be int"),
        ("claim_threshold = 3.0\n", "between 0 and 1"),
        ("max_input_bytes = -1\n", "positive"),
        ("this is not toml", "cannot read config file"),
    ],
)
def test_bad_settings_are_refused_with_a_code(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "config.toml").write_text(content)
    with pytest.raises(ConfigError, match=message) as info:
        load_options(env={"FARO_HOME": str(tmp_path)})
    assert info.value.code == "F800"


def test_bad_environment_value(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"FARO|must be"):
        load_options(env={"FARO_HOME": str(tmp_path), "FARO_MAX_INPUT_BYTES": "lots"})


def test_options_are_frozen_and_replace_validates(tmp_path: Path) -> None:
    options = load_options(env={"FARO_HOME": str(tmp_path)})
    with pytest.raises(AttributeError):
        options.max_input_bytes = 3  # type: ignore[misc]
    assert options.replace(langid_window=500).langid_window == 500
    with pytest.raises(ConfigError):
        options.replace(langid_window=1)
