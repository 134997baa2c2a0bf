"""`dyads actors import`: PETRARCH actor dictionaries to the dyads user actors YAML.

Fixtures are small made-up dictionaries written inline in the PETRARCH syntax (no ../shared).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dyads.actors import gazetteer, petrarch
from dyads.actors.petrarch import Code, iso_date, parse, parse_code
from dyads.cli.main import build_parser, main

COUNTRIES = {"SRB": "SRB", "HRV": "HRV", "USA": "USA", "CUB": "CUB", "KSV": "XKX", "XKX": "XKX"}

SAMPLE = """\
# A made-up dictionary in the PETRARCH actor format
<!-- one-line XML comment -->
   [XYZGOV] # a code line before any entry is reported, not attached
NARNIA_  [NRN]
+NARNIAN_
+CAIR_PARAVEL

ZORAN_VUKOVIC_  # CountryInfo.txt
+VUKOVIC_
+PRESIDENT_ZORAN_VUKOVIC  # a comment after a synonym
\t[SRBELI 19600101-150101]
\t[SRBGOV 150101-]
\t[SRBELI]
PETAR_PETROVIC_
PRIME_MINISTER_PETROVIC
\t[SRBGOV >080224]
\t[HRVGOV <761203]
ANA_KOVAC_\t[HRVGOVLEG 990101-031231] [SRBGOV 20040101-20081231] [---]
SERBIAN_ARMED_FORCES [SRBMIL]
+VOJSKA_SRBIJE
AMERICAN_RED_CROSS_ [NGOUSAHLH]
+ARC
UNITED_NATIONS_ [IGOUNO]
+UN
+U.N.
KOSOVO_POLICE_ [KSVCOP]
SOVIET_COMMITTEE_ [USRGOV]
JOHN_{S}_DOE_ [~AGR]
JANE_ROE_
\t[CUBGOV 2004017-20061201]
\t[CUBGOV 20121207-20120802]
LATE_ENTRY_ [USAGOV 20121204]
AMERICAN_RED_CROSS_ [NGOUSAHLH]
+ARC
---STOP---
IGNORED_ [USAGOV]
"""


@pytest.mark.parametrize(("digits", "iso"), [
    ("761203", "1976-12-03"), ("080224", "2008-02-24"), ("300101", "2030-01-01"), ("310101", "1931-01-01"),
    ("19270101", "1927-01-01"), ("20070101", "2007-01-01"),
])
def test_dates_resolve_the_century(digits: str, iso: str) -> None:
    assert iso_date(digits) == iso


@pytest.mark.parametrize("bad", ["2004017", "9008223", "1920030320", "201005011", "20100931", "7612", "76120A"])
def test_bad_dates_raise(bad: str) -> None:
    with pytest.raises(ValueError):
        iso_date(bad)


@pytest.mark.parametrize(("content", "expected"), [
    ("CUBGOV", Code("CUBGOV")),
    ("CUBGOV 761203-080224", Code("CUBGOV", "1976-12-03", "2008-02-24")),
    ("CUBGOV 19270101-730717", Code("CUBGOV", "1927-01-01", "1973-07-17")),
    ("CUBGOV >080224", Code("CUBGOV", start="2008-02-24")),
    ("CUBGOV > 080224", Code("CUBGOV", start="2008-02-24")),
    ("IGOUNO  >070201", Code("IGOUNO", start="2007-02-01")),
    ("USRARM <900823", Code("USRARM", end="1990-08-23")),
    ("SRBGOV 150101-", Code("SRBGOV", start="2015-01-01")),
    ("SRBGOV -150101", Code("SRBGOV", end="2015-01-01")),
    ("MNEGOV 20121204", Code("MNEGOV", start="2012-12-04")),
    ("NGOCHRPRO214", Code("NGOCHRPRO214")),
    ("---", "code: placeholder or unreadable ([---])"),
    ("~AGR", "code: agent code (~)"),
    ("ARMUNR 9008223-911221", "code: bad date"),
    ("EGYGOV 20121207-20120802", "code: end before start"),
])
def test_code_block_variants(content: str, expected: Code | str) -> None:
    assert parse_code(content) == expected


def test_parse_blocks_synonyms_and_dropped_codes() -> None:
    d = parse(SAMPLE)
    by = {b.phrase: b for b in d.blocks}
    assert "IGNORED_" not in by  # after ---STOP---
    z = by["ZORAN_VUKOVIC_"]
    assert z.synonyms == ("VUKOVIC_", "PRESIDENT_ZORAN_VUKOVIC")
    assert z.codes == (Code("SRBELI", "1960-01-01", "2015-01-01"), Code("SRBGOV", "2015-01-01"), Code("SRBELI"))
    # a phrase line without a code shares the next phrase's codes (it becomes a synonym)
    assert by["PETAR_PETROVIC_"].synonyms == ("PRIME_MINISTER_PETROVIC",)
    assert "PRIME_MINISTER_PETROVIC" not in by
    # several [...] on one line; the placeholder is dropped and counted
    assert [c.code for c in by["ANA_KOVAC_"].codes] == ["HRVGOVLEG", "SRBGOV"]
    assert by["JANE_ROE_"].codes == ()
    assert d.dropped == {
        "line: code or synonym outside an entry": 1, "code: placeholder or unreadable ([---])": 1,
        "code: agent code (~)": 1, "code: bad date": 1, "code: end before start": 1,
    }


def test_convert_people_organisations_and_reasons() -> None:
    conv = petrarch.convert(parse(SAMPLE), COUNTRIES)
    people = {p["id"]: p for p in conv.people}
    orgs = {o["id"]: o for o in conv.organisations}
    z = people["petrarch:zoran-vukovic"]
    assert z["name"] == "Zoran Vukovic" and z["country"] == "SRB"
    assert z["aliases"] == ["Zoran Vukovic", "Vukovic", "President Zoran Vukovic"]
    assert z["roles"] == [  # the undated fall-back first, then by start
        {"title": "SRBELI", "sector": "ELI", "start": None, "end": None},
        {"title": "SRBELI", "sector": "ELI", "start": "1960-01-01", "end": "2015-01-01"},
        {"title": "SRBGOV", "sector": "GOV", "start": "2015-01-01", "end": None},
    ]
    # home country from the latest-starting dated code; the other country's role is dropped
    assert people["petrarch:petar-petrovic"]["country"] == "SRB"
    assert [r["title"] for r in people["petrarch:petar-petrovic"]["roles"]] == ["SRBGOV"]
    assert people["petrarch:ana-kovac"]["country"] == "SRB"
    assert people["petrarch:late-entry"]["roles"][0]["start"] == "2012-12-04"
    assert orgs["petrarch:serbian-armed-forces"] == {
        "id": "petrarch:serbian-armed-forces", "name": "Serbian Armed Forces",
        "aliases": ["Serbian Armed Forces", "Vojska Srbije"], "code": "SRBMIL", "country": "SRB", "sector": "MIL",
    }
    assert orgs["petrarch:united-nations"]["aliases"] == ["United Nations", "UN", "U.N."]
    assert (orgs["petrarch:united-nations"]["country"], orgs["petrarch:united-nations"]["sector"]) == (None, "IGO")
    assert orgs["petrarch:american-red-cross"]["code"] == "NGOUSAHLH"
    assert orgs["petrarch:american-red-cross"]["sector"] == "NGO"
    assert orgs["petrarch:kosovo-police"]["country"] == "XKX"  # CAMEO KSV is dyads XKX
    assert conv.skipped == {
        "line: code or synonym outside an entry": 1, "code: placeholder or unreadable ([---])": 1,
        "code: agent code (~)": 1, "code: bad date": 1, "code: end before start": 1,
        "entry: country (dyads bundles countries)": 1, "code: person's role elsewhere (other country or unknown code)": 2,
        "entry: code's country not known to dyads": 1, "entry: no usable code": 2, "entry: repeated identical entry": 1,
    }
    entries_skipped = sum(v for k, v in conv.skipped.items() if k.startswith("entry:"))
    assert (len(people), len(orgs), entries_skipped) == (4, 4, 5)
    assert len(parse(SAMPLE).blocks) == 4 + 4 + 5  # every entry accounted for


def test_names_ids_and_duplicates() -> None:
    text = "O'BRIEN_OF_THE_PEOPLE'S_ARMY_ [USAMIL]\nJOHN_SMITH_\n\t[USAGOV 990101-]\nJOHN_SMITH_\n\t[USAGOV 050101-]\n"
    conv = petrarch.convert(parse(text), COUNTRIES)
    assert conv.organisations[0]["name"] == "O'Brien of the People's Army"
    assert [p["id"] for p in conv.people] == ["petrarch:john-smith", "petrarch:john-smith-2"]
    assert petrarch.display_name("STANKO_TODOROV (ACTING_") == "Stanko Todorov"
    assert petrarch.display_name("SECRETARY-GENERAL_BAN_KI-MOON") == "Secretary-General Ban Ki-Moon"


def test_bundled_countries_map_cameo_codes() -> None:
    countries = petrarch.bundled_countries()
    assert countries["USA"] == "USA" and countries["KSV"] == "XKX"


def test_cli_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "sample.actors.txt"
    src.write_text(SAMPLE, encoding="utf-8")
    assert main(["actors", "import", str(src)]) == 0
    out, err = capsys.readouterr()
    data = yaml.safe_load(out)
    assert {p["id"] for p in data["people"]} >= {"petrarch:zoran-vukovic"}
    assert "people" in err and "skipped" in err and err.count("\n") == 1
    dest = tmp_path / "actors.yaml"
    assert main(["actors", "import", str(src), "--out", str(dest)]) == 0
    assert yaml.safe_load(dest.read_text(encoding="utf-8")) == data
    g = gazetteer.build(user_file=str(dest))
    assert g.by_id["petrarch:zoran-vukovic"].how == "user"
    assert [e.actor.actor_id for e in g.lookup("Zoran Vukovic")] == ["petrarch:zoran-vukovic"]
    assert main(["actors", "import", str(tmp_path / "missing.txt")]) == 2
    assert main(["actors", "import"]) == 2


def test_actors_listing_arguments_unchanged() -> None:
    args = build_parser().parse_args(["actors", "--format", "jsonl"])
    assert (args.action, args.file, args.format) == (None, None, "jsonl")
    with pytest.raises(SystemExit):
        build_parser().parse_args(["actors", "export", "x"])


def test_imported_person_resolves_in_text(tmp_path: Path) -> None:
    from dyads.api import code_text
    from dyads.settings import Settings

    src = tmp_path / "vukovic.actors.txt"
    src.write_text("ZORAN_VUKOVIC_ [SRBGOV 150101-]\n+VUKOVIC_\n", encoding="utf-8")
    dest = tmp_path / "vukovic-actors.yaml"  # a distinct path: default_gazetteer is cached by path
    assert main(["actors", "import", str(src), "--out", str(dest)]) == 0
    settings = Settings(actors_file=str(dest), progress=False)
    events = list(code_text("Zoran Vukovic condemned Croatia.", settings, date="2026-02-05"))
    assert events, "no event coded"
    source = events[0]["source"]
    assert (source["country"], source["sector"]) == ("SRB", "GOV")
    assert events[0]["target"]["country"] == "HRV"
