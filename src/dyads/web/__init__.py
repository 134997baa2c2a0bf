"""`dyads serve`: the local web explorer and the `/api/v1` HTTP API over the store.

`data` builds each page's JSON from `dyads.store` views and `dyads.analysis`; `api` serves it,
`pages` renders it (Jinja2 templates in ``templates/``, vendored Chart.js and Cytoscape.js in
``static/``); `gate` shares the store between readers and the one ingest writer; `app` wires it
all into a Starlette application run by uvicorn.
"""
