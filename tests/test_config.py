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


def test_narrative_settings_are_options_and_reach_the_store(tmp_path: Path) -> None:
    from faro.narratives import DEFAULT_THRESHOLD
    from faro.store import Store
    from faro.store._narratives import Narratives

    defaults = load_options(env={"FARO_HOME": str(tmp_path)})
    assert defaults.narrative_threshold == DEFAULT_THRESHOLD  # the shipped file keeps in step
    options = load_options(env={"FARO_HOME": str(tmp_path), "FARO_NARRATIVE_THRESHOLD": "0.4",
                                "FARO_BURST_ALPHA": "0.01"})
    with Store.open(options) as store:
        narratives = Narratives.of(store.engine)
        assert narratives.settings.threshold == 0.4
        assert narratives.burst_settings.alpha == 0.01
    for name, value in (("FARO_NARRATIVE_THRESHOLD", "0"), ("FARO_NARRATIVE_THRESHOLD", "1.5"),
                        ("FARO_BURST_ALPHA", "1")):
        with pytest.raises(ConfigError, match=name.removeprefix("FARO_").lower()):
            load_options(env={"FARO_HOME": str(tmp_path), name: value})
