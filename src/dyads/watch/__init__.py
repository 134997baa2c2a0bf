"""`dyads watch`: keep a store current from RSS/Atom feeds and article URLs.

`fetch` is the polite HTTP client, `state` the per-URL memory between polls (ETag,
Last-Modified, links already ingested), `poll` one pass over the URLs and the bounded loop.
"""
