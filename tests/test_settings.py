from __future__ import annotations

from pathlib import Path

import pytest

from dyads import settings
from dyads.settings import Settings


def test_defaults_match_table() -> None:
    s = settings.load(config_file="/nonexistent/dyads.toml", env={})
    assert s == Settings()
    assert {name for name, _, _ in settings.describe()} == set(Settings.__dataclass_fields__)
    for name, default, _ in settings.describe():
        assert repr(getattr(Settings(), name)) == default


def test_precedence_defaults_config_env_flag(tmp_path: Path) -> None:
    cfg = tmp_path / "dyads.toml"
    cfg.write_text('[dyads]\ndb = "from_file.duckdb"\nbatch_size = 8\nn_process = 2\nprogress = false\n', encoding="utf-8")
    s = settings.load(cfg, env={})
    assert (s.db, s.batch_size, s.n_process, s.progress, s.model) == ("from_file.duckdb", 8, 2, False, Settings().model)
    env = {"DYADS_DB": "from_env.duckdb", "DYADS_BATCH_SIZE": "4", "DYADS_PROGRESS": "yes", "UNRELATED": "x"}
    s = settings.load(cfg, env=env)
    assert (s.db, s.batch_size, s.n_process, s.progress) == ("from_env.duckdb", 4, 2, True)
    s = settings.load(cfg, env=env, db="from_flag.duckdb", batch_size=None)
    assert (s.db, s.batch_size) == ("from_flag.duckdb", 4)  # None means "flag not given"


def test_config_file_from_env_and_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "elsewhere.toml"
    cfg.write_text('min_confidence = 0.5\n', encoding="utf-8")  # top-level keys work without a [dyads] table
    assert settings.load(env={"DYADS_CONFIG": str(cfg)}).min_confidence == 0.5
    Path("dyads.toml").write_text('max_file_bytes = 1000\n', encoding="utf-8")  # cwd is a temp dir (conftest)
    assert settings.load(env={}).max_file_bytes == 1000
    monkeypatch.setenv("DYADS_MAX_FILE_BYTES", "2000")
    assert settings.load().max_file_bytes == 2000  # os.environ is the default env


@pytest.mark.parametrize("env, message", [
    ({"DYADS_BATCH_SIZE": "many"}, "batch_size: expected int"),
    ({"DYADS_PROGRESS": "maybe"}, "progress: expected a boolean"),
    ({"DYADS_MIN_CONFIDENCE": "high"}, "min_confidence: expected float"),
])
def test_bad_env_values(env: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        settings.load(config_file="/nonexistent.toml", env=env)


def test_bad_config_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("db = [\n", encoding="utf-8")
    with pytest.raises(ValueError, match="invalid TOML"):
        settings.load(bad, env={})
    bad.write_text("dbb = 'x'\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown setting 'dbb'"):
        settings.load(bad, env={})


def test_with_overrides_coerces_and_rejects() -> None:
    s = Settings().with_overrides(n_process="2", progress="off", db=None)
    assert (s.n_process, s.progress, s.db) == (2, False, "dyads.duckdb")
    with pytest.raises(ValueError, match="unknown setting"):
        Settings().with_overrides(colour="blue")
