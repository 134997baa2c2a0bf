"""Analysis over stored events: syndication, stories, contradictions, timelines, networks, exports.

Everything here reads rows from the store (never the CLI) and returns frozen dataclasses; the
derived tables (stories, story_events, syndication, contradictions) are rebuilt by
`dyads.analysis.build.rebuild` after each ingest that wrote something.
"""
