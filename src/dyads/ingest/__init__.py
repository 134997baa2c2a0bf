"""Ingest: turn files into `Document`s. Knows nothing about NLP or storage."""

from dyads.ingest.errors import IngestError, IngestWarning
from dyads.ingest.readers import iter_documents, read_path

__all__ = ["IngestError", "IngestWarning", "iter_documents", "read_path"]
