"""The embedded store (DuckDB) behind a small interface: `Store.open`, `write`, and read views."""

from dyads.store.duck import Store
from dyads.store.errors import StoreError

__all__ = ["Store", "StoreError"]
