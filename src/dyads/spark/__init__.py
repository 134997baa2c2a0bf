"""The Spark engine: `dyads ingest --engine spark` (pyspark is imported only when a session starts).

`engine.ingest_spark` is the entry point; `partition` is the executor side; `reconcile` merges
learned actors across partitions; `blocks` splits story clustering into independent blocks;
`importer` loads a run's Parquet datasets into the DuckDB store.
"""
