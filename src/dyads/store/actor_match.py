"""The one actor matcher: what an analyst types for an actor (CLI ``--actor``, ``dyads actor``,
``dyads timeline``, the API's ``actor``/``source``/``target``/``dyad``/``a``/``b`` and every page)
resolved against the store's actors, once, into an `ActorMatch` that SQL and Python filters apply
alike.

Accepted, tried in this order (the first kind that finds something wins):

1. an actor id or a name or alias, in any case, with or without accents and hyphens
   (``CUB``, ``cuba``, ``Díaz-Canel``, ``diaz canel``, ``miguel-diaz-canel``);
2. a country named as the gazetteer names it ("the United States") when the store has no actor so named;
3. an actor-code prefix (``USAGOV``, ``IGO``);
4. part of a name or alias, by whole words (``Xi`` finds Xi Jinping, not Xinhua).

A country stands for everything of that country: the state, its offices and its people
(``Cuba`` includes Díaz-Canel). With ``own`` only the state's own organs count: the country
itself and its state sectors (government, military, legislature, judiciary, police, intelligence),
without people. Nothing found is an `ActorNotFound` naming the closest actors ("did you mean").
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from dyads.store.duck import Store

STATE_SECTORS = ("GOV", "MIL", "LEG", "JUD", "COP", "SPY")


def normalise(text: str) -> str:
    """Lower case, accents dropped, every run of non-alphanumerics one space: "Díaz-Canel" -> "diaz canel"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain.casefold()).split())


class ActorNotFound(ValueError):
    """No actor matches; ``suggestions`` are (actor id, name) pairs of the closest ones."""

    def __init__(self, query: str, suggestions: list[tuple[str, str]]) -> None:
        self.query = query
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(f'{name} ({aid})' for aid, name in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown actor {query!r}{hint}")


@dataclass(frozen=True)
class ActorMatch:
    """What an actor query stands for. ``countries``: ISO3 codes (everything of those countries,
    or with ``own`` their state organs); ``actor_ids``: single actors; ``code_prefixes``: CAMEO
    actor-code prefixes; ``people``: the countries' people (left out when ``own``)."""

    query: str
    label: str  # what was matched, for headings: "Cuba", "Miguel Díaz-Canel", "code USAGOV…"
    how: str  # id, name, country, code prefix, partial name
    countries: tuple[str, ...] = ()
    actor_ids: tuple[str, ...] = ()
    code_prefixes: tuple[str, ...] = ()
    own: bool = False
    people: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.query

    @property
    def keys(self) -> tuple[str, ...]:
        """Country codes and actor ids: the values stories and analysis rows use as a side's key."""
        return (*self.countries, *self.actor_ids)

    def matches(self, key: str | None, actor_id: str | None, code: str | None) -> bool:
        """Does one side of an event match? ``key`` is the side's country when known (else its id)."""
        if actor_id is None and key is None:
            return False
        if self.countries and key in self.countries:
            if not self.own:
                return True
            if actor_id not in self.people and (code or "") in self._own_codes():
                return True
        if actor_id is not None and actor_id in self.actor_ids:
            return True
        return code is not None and any(code.upper().startswith(p) for p in self.code_prefixes)

    def _own_codes(self) -> set[str]:
        return {c + s for c in self.countries for s in ("", *STATE_SECTORS)}

    def sql(self, side: str, alias: str = "e") -> tuple[str, list[Any]]:
        """SQL over ``events`` (as ``alias``; "" for none) for one side (``source``, ``target`` or
        ``speaker``) and its parameters."""
        col = f"{alias}.{side}" if alias else side
        parts: list[str] = []
        params: list[Any] = []
        if self.countries and side != "speaker":
            if self.own:
                parts.append(f"({col}_country IN (SELECT unnest(?)) AND coalesce({col}_code, '') IN (SELECT unnest(?))"
                             f" AND {col}_actor_id NOT IN (SELECT unnest(?)))")
                params += [list(self.countries), sorted(self._own_codes()), list(self.people)]
            else:
                parts.append(f"{col}_country IN (SELECT unnest(?))")
                params.append(list(self.countries))
        elif self.countries:  # a speaker has no country column: its actors of those countries
            parts.append(f"{col}_actor_id IN (SELECT actor_id FROM actors WHERE country IN (SELECT unnest(?)))")
            params.append(list(self.countries))
        if self.actor_ids:
            parts.append(f"{col}_actor_id IN (SELECT unnest(?))")
            params.append(list(self.actor_ids))
        for prefix in self.code_prefixes if side != "speaker" else ():
            parts.append(f"starts_with(upper(coalesce({col}_code, '')), ?)")
            params.append(prefix)
        return ("(" + " OR ".join(parts) + ")" if parts else "FALSE"), params


@dataclass(frozen=True)
class _Known:
    actor_id: str
    name: str
    kind: str
    country: str | None
    code: str
    names: tuple[str, ...]  # normalised id, name and aliases


_CACHE: dict[tuple[str, int, int], list[_Known]] = {}  # (store path, actors, checksum) -> normalised actors
_COLS = "actor_id, name, kind, country, code, aliases"


def _known(store: Store) -> list[_Known]:
    """The store's actors with their normalised names; cached while the actors table is unchanged
    (a page resolves several actors, and a store of learned people holds thousands)."""
    n, checksum = store.query(f"SELECT count(*), coalesce(bit_xor(hash({_COLS})), 0) FROM actors")[1][0]
    key = (store.path, int(n), int(checksum))
    if key not in _CACHE:
        if len(_CACHE) >= 8:
            _CACHE.clear()
        _CACHE[key] = _load_known(store)
    return _CACHE[key]


def _load_known(store: Store) -> list[_Known]:
    rows = store.query(f"SELECT {_COLS} FROM actors ORDER BY actor_id")[1]
    out = []
    for actor_id, name, kind, country, code, aliases in rows:
        names = {normalise(actor_id), normalise(name or "")} | {normalise(a) for a in json.loads(aliases or "[]")}
        out.append(_Known(actor_id, name or actor_id, kind or "", country, code or "", tuple(sorted(n for n in names if n))))
    return out


def _gazetteer_countries(query: str) -> list[str]:
    """ISO3 codes the bundled gazetteer knows ``query`` as: a code (any case) or a country's name."""
    from dyads.actors.gazetteer import default_gazetteer
    from dyads.store.views import actor_keys

    if query.upper() in default_gazetteer().countries:
        return [query.upper()]
    bare = re.sub(r"(?i)^the\s+", "", query.strip())
    return list(dict.fromkeys(actor_keys(query)[1:] + actor_keys(bare)[1:]))


def resolve(store: Store, query: str, own: bool = False) -> ActorMatch:
    """The `ActorMatch` for ``query`` (see the module's doc); `ActorNotFound` with suggestions if none."""
    q = query.strip()
    nq = normalise(q)
    if not nq:
        raise ValueError(f"actor {query!r}: empty; give an actor id, a country, a code or a name")
    known = _known(store)
    exact = [k for k in known if k.actor_id.lower() == q.lower()] or [k for k in known if nq in k.names]
    how = "id" if exact and exact[0].actor_id.lower() == q.lower() else "name"
    if not exact and (countries := _gazetteer_countries(q)):
        return _country_match(q, countries, known, own, "country", countries[0])
    if exact:
        return _from_actors(q, exact, known, own, how)
    prefix = q.upper()
    if re.fullmatch(r"[A-Z]{3,}", prefix) and any(k.code.upper().startswith(prefix) for k in known):
        return ActorMatch(q, f"code {prefix}…", "code prefix", code_prefixes=(prefix,), own=own)
    padded = f" {nq} "
    partial = [k for k in known if any(padded in f" {n} " for n in k.names)]
    if partial:
        return _from_actors(q, partial, known, own, "partial name")
    raise ActorNotFound(q, suggest(known, nq))


def _from_actors(q: str, hits: list[_Known], known: list[_Known], own: bool, how: str) -> ActorMatch:
    countries = sorted({k.country for k in hits if k.kind == "country" and k.country})
    singles = tuple(k.actor_id for k in hits if not (k.kind == "country" and k.country))
    label = hits[0].name if len(hits) == 1 else ", ".join(k.name for k in hits[:3]) + ("…" if len(hits) > 3 else "")
    if countries:
        m = _country_match(q, countries, known, own, how, label)
        return ActorMatch(q, label, how, m.countries, singles, (), own, m.people)
    return ActorMatch(q, label, how, actor_ids=singles, own=own)


def _country_match(q: str, countries: list[str], known: list[_Known], own: bool, how: str, label: str) -> ActorMatch:
    people = tuple(k.actor_id for k in known if k.kind == "person" and k.country in countries) if own else ()
    return ActorMatch(q, label, how, countries=tuple(countries), own=own, people=people)


def suggest(known: list[_Known], nq: str, n: int = 5) -> list[tuple[str, str]]:
    """The ``n`` actors whose id, name or an alias is closest to the normalised query."""
    by_name: dict[str, _Known] = {}
    for k in known:
        for name in k.names:
            by_name.setdefault(name, k)
    close = difflib.get_close_matches(nq, list(by_name), n=n * 3, cutoff=0.6)
    starts = [name for name in by_name if nq and any(w.startswith(nq[:3]) for w in name.split())]
    out: dict[str, str] = {}
    for name in [*close, *sorted(starts)]:
        k = by_name[name]
        out.setdefault(k.actor_id, k.name)
        if len(out) == n:
            break
    return list(out.items())
