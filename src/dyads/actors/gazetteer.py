"""The bundled actor dictionaries as one lookup table (the ontology is data; this is generic).

Aliases map to `Entry`s: which actor, and in which capacity the alias names it (a country's
name, adjective, demonym or metonym; an organisation; a person). Person roles carry dates so
that the role in force on the article's date is chosen.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from dyads.actors.names import name_key, strip_accents
from dyads.model import Actor, Role

# Where news writes the family name first ("Lee Jae-myung" is President Lee)
FAMILY_NAME_FIRST = {"CHN", "KOR", "PRK", "TWN", "VNM", "KHM", "HKG", "MAC", "MNG", "HUN"}

Capacity = Literal["name", "adjective", "demonym", "metonym", "place", "organisation", "person"]


@dataclass(frozen=True)
class Entry:
    actor: Actor
    capacity: Capacity
    sector: str | None = None  # for metonyms: the sector the place stands for
    ambiguous: bool = False
    strong: bool = True  # False for derived surname-only aliases


@dataclass
class Gazetteer:
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # name_key(alias) -> entries
    exact: dict[str, list[Entry]] = field(default_factory=dict)  # alias as written -> entries
    agents: dict[str, str] = field(default_factory=dict)  # agent noun -> sector
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)  # title -> (sector, role)
    countries: dict[str, Actor] = field(default_factory=dict)  # iso3 -> Actor
    by_id: dict[str, Actor] = field(default_factory=dict)
    islands: set[str] = field(default_factory=set)
    first_words: set[str] = field(default_factory=set)  # name_key of each alias's first word: prunes n-gram lookups  # iso3 of island states ("the island" coreference)
    # languages whose demonym adjectives are written in lower case ("cubano", "israelíes"): each
    # inflected form -> its state (filled only for a gazetteer built for such a language)
    lower_adjectives: dict[str, Actor] = field(default_factory=dict)

    def add(self, alias: str, entry: Entry) -> None:
        alias = alias.strip()
        if not alias:
            return
        key = name_key(alias)
        if key:
            self.first_words.add(key.split()[0])
            self.first_words.add(name_key(alias.split()[0]))
        for table, key in ((self.exact, alias), (self.entries, name_key(alias))):
            bucket = table.setdefault(key, [])
            if all(e.actor.actor_id != entry.actor.actor_id or e.capacity != entry.capacity for e in bucket):
                bucket.append(entry)
        self.by_id.setdefault(entry.actor.actor_id, entry.actor)

    def lookup(self, text: str, case_sensitive: bool = True) -> list[Entry]:
        if case_sensitive:
            found = self.exact.get(text)
            if found:
                return found
            if text.isupper() or len(text) <= 3:
                return []
        return self.entries.get(name_key(text), [])

    def aliases(self) -> list[str]:
        return list(self.exact)


def _data_dir() -> Path:
    return Path(str(resources.files("dyads") / "data"))


def _yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:  # libyaml's safe loader when present: big user files load ~6x faster
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def country_actor(row: dict[str, Any]) -> Actor:
    names = tuple(row.get("names") or [row["name"]])
    return Actor(
        actor_id=row["iso3"], name=row["name"], kind="country", country=row["iso3"], sector=None,
        code=row.get("cameo") or row["iso3"], aliases=names,
    )


def _roles(rows: list[dict[str, Any]] | None) -> tuple[Role, ...]:
    out = []
    for r in rows or []:
        out.append(Role(
            title=str(r.get("title", "")), sector=r.get("sector"),
            start=str(r["start"]) if r.get("start") else None, end=str(r["end"]) if r.get("end") else None,
        ))
    return tuple(out)


def add_countries(g: Gazetteer, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        actor = country_actor(row)
        g.countries[actor.actor_id] = actor
        if row.get("island"):
            g.islands.add(actor.actor_id)
        ambiguous = set(row.get("ambiguous") or [])
        for alias in row.get("names") or []:
            g.add(alias, Entry(actor, "name", ambiguous=alias in ambiguous))
        for alias in row.get("adjectives") or []:
            g.add(alias, Entry(actor, "adjective", ambiguous=alias in ambiguous))
        for alias in row.get("demonyms") or []:
            g.add(alias, Entry(actor, "demonym", sector="CVL", ambiguous=alias in ambiguous))
        for alias, sector in (row.get("metonyms") or {}).items():
            g.add(alias, Entry(actor, "metonym", sector=sector, ambiguous=alias in ambiguous))
        for alias in row.get("places") or []:  # regions and cities: where things happen ("in Darfur")
            g.add(alias, Entry(actor, "place", ambiguous=alias in ambiguous))


def add_organisations(g: Gazetteer, rows: list[dict[str, Any]], how: str = "dictionary") -> None:
    for row in rows:
        actor = Actor(
            actor_id=row["id"], name=row["name"], kind="organisation", country=row.get("country"),
            sector=row.get("sector"), code=row.get("code") or f"{row.get('country') or ''}{row.get('sector') or ''}",
            aliases=tuple(row.get("aliases") or ()), how=how,
        )
        for alias in {row["name"], *(row.get("aliases") or [])}:
            g.add(alias, Entry(actor, "organisation"))


def add_people(g: Gazetteer, rows: list[dict[str, Any]], how: str = "dictionary") -> None:
    for row in rows:
        roles = _roles(row.get("roles"))
        sector = roles[-1].sector if roles else row.get("sector")
        country = row.get("country")
        orgs = [g.by_id[r["org"]] for r in row.get("roles") or [] if r.get("org") in g.by_id]
        # IGO officials act for the IGO; an explicit code (imported dictionaries) wins
        code = row.get("code") or (orgs[-1].code if orgs and not country else f"{country or ''}{sector or ''}")
        actor = Actor(
            actor_id=row["id"], name=row["name"], kind="person", country=country, sector=sector,
            code=code, aliases=tuple(row.get("aliases") or ()), roles=roles, how=how,
        )
        strong = {row["name"], *(row.get("aliases") or [])}
        for alias in strong:
            g.add(alias, Entry(actor, "person"))
        # A surname alone is weak: it resolves only when unambiguous or already seen in the text.
        parts = row["name"].split()
        if len(parts) > 1:
            surnames = {parts[0]} if country in FAMILY_NAME_FIRST else {parts[-1], " ".join(parts[1:])}
            for weak in surnames - strong:
                g.add(weak, Entry(actor, "person", strong=False))


def read_agents(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["term"].strip().lower(): r["sector"].strip() for r in csv.DictReader(fh) if r.get("term")}


def read_titles(path: Path) -> dict[str, tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            r["title"].strip().lower(): (r["sector"].strip(), (r.get("role") or r["title"]).strip())
            for r in csv.DictReader(fh) if r.get("title")
        }


def build(user_file: str = "", data_dir: Path | None = None, lang: str = "en") -> Gazetteer:
    """The English dictionaries, plus, for another ``lang``, that language's names of the same actors
    (``actors/<lang>/``) and its titles and agent nouns in place of the English ones."""
    base = (data_dir or _data_dir()) / "actors"
    g = Gazetteer()
    add_countries(g, _yaml(base / "countries.yaml")["countries"])
    add_organisations(g, _yaml(base / "organisations.yaml")["organisations"])
    add_people(g, _yaml(base / "people.yaml")["people"])
    g.agents = read_agents(base / "agents.csv")
    g.titles = read_titles(base / "titles.csv")
    if lang != "en":
        add_language(g, base / lang)
    if user_file:
        apply_user_file(g, Path(user_file))
    return g


def apply_user_file(g: Gazetteer, path: Path) -> None:
    """A user's YAML with optional ``organisations:`` and ``people:`` lists; later wins."""
    data = _yaml(path) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping with 'organisations' and/or 'people'")
    overridden = {row["id"] for key in ("organisations", "people") for row in data.get(key) or []}
    for table in (g.exact, g.entries):
        for alias in list(table):
            table[alias] = [e for e in table[alias] if e.actor.actor_id not in overridden]
    add_organisations(g, data.get("organisations") or [], how="user")
    add_people(g, data.get("people") or [], how="user")


def inflections(adjective: str) -> list[str]:
    """The gender and number forms of a Spanish demonym adjective given in the masculine singular:
    cubano → cubana, cubanos, cubanas; israelí → israelíes, israelís; francés → francesa, franceses,
    francesas; alemán → alemana, alemanes, alemanas; estadounidense → estadounidenses."""
    a = adjective.lower()
    plain = strip_accents(a)
    if a.endswith("o"):
        return [a, a[:-1] + "a", a + "s", a[:-1] + "as"]
    if a.endswith(("í", "ú")):
        return [a, a + "es", a + "s"]
    if a.endswith(("és", "án", "ín", "ón")):
        return [a, plain + "a", plain + "es", plain + "as"]
    if a.endswith(("e", "a")):
        return [a, a + "s"]
    if a.endswith("l") or a.endswith("r"):  # español, kosovar, mongol
        return [a, a + "a", a + "es", a + "as"]
    if a.endswith("s"):  # kirguís
        return [a, plain + "es"]
    return [a, a + "s"]


def add_language(g: Gazetteer, base: Path) -> None:
    """One language's names for the actors already loaded (keyed by their ids), its titles and agents."""
    countries = _yaml(base / "countries.yaml")["countries"] or {}
    for iso3, row in countries.items():
        actor = g.countries[iso3]
        for alias in row.get("names") or []:
            g.add(alias, Entry(actor, "name"))
        for alias, sector in (row.get("metonyms") or {}).items():
            g.add(alias, Entry(actor, "metonym", sector=sector))
        for adjective in row.get("adjectives") or []:
            for form in inflections(adjective):
                g.lower_adjectives[form] = actor
                g.add(form.capitalize(), Entry(actor, "adjective"))  # "Cubano" opening a sentence or a name
    for table, kind in (("organisations.yaml", "organisation"), ("people.yaml", "person")):
        for actor_id, aliases in (_yaml(base / table)["aliases"] or {}).items():
            actor = g.by_id[actor_id]
            for alias in aliases:
                if alias.islower():  # "hutíes": a group the language names in lower case, read like a demonym
                    g.lower_adjectives[alias] = actor
                    continue
                g.add(alias, Entry(actor, kind))  # type: ignore[arg-type]
    g.agents = read_agents(base / "agents.csv")
    g.titles = read_titles(base / "titles.csv")


@lru_cache(maxsize=4)
def default_gazetteer(user_file: str = "", lang: str = "en") -> Gazetteer:
    return build(user_file, lang=lang)


def role_on(actor: Actor, date: str | None, prefer: tuple[str, ...] = ()) -> Role | None:
    """The role in force on ``date`` (ISO, any precision); undated: the roles still open.

    Among several roles in force, the first sector in ``prefer`` wins, then the latest started.
    """
    if not actor.roles:
        return None
    if date is None:
        in_force = [r for r in actor.roles if r.end is None] or [actor.roles[-1]]
    else:
        in_force = [r for r in actor.roles if (r.start or "") <= date and (r.end is None or date <= r.end)]
    if not in_force:
        return None
    if not prefer:
        return in_force[-1]
    rank = {s: i for i, s in enumerate(prefer)}
    best = min(rank.get(r.sector or "", len(rank)) for r in in_force)
    return [r for r in in_force if rank.get(r.sector or "", len(rank)) == best][-1]
