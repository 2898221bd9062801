"""The HTTP API (FastAPI): ``tacitus serve``."""

from tacitus.api.app import create_app

__all__ = ["create_app"]
