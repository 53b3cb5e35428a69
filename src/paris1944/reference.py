"""Normalise the researched reference table (data/reference/reference_facts.csv)
into data/reference.csv: compound values split into one row per figure, units
from the controlled list, each row keeping its reference title and URL, and a
reliability class so comparisons can say what they rest on."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from . import paths

RAW = "reference/reference_facts.csv"

# Weighing the references (shared/reference/README.md): an official or academic
# page outranks an encyclopedia, which outranks the press, which outranks a
# blog, forum, trivia or copy site. Rank 1 is the strongest.
RELIABILITY_RANK = {"official_or_academic": 1, "encyclopedia": 2, "press": 3, "blog_or_forum": 4}
OFFICIAL = {  # museums, universities, government and heritage institutions
    "www.cheminsdememoire.gouv.fr", "museedelaresistanceenligne.org", "www.museedelaresistanceenligne.org",
    "rutascervantes.es", "pireh.univ-paris1.fr", "ehistory.osu.edu", "history.sandiego.edu", "theddaystory.com",
    "histoire.normandie-dday.com", "liberationroute.com", "www.fondation-leclerc.com", "issuu.com",
}
PRESS = {  # newspapers, magazines, published books and publishers
    "www.historynet.com", "alpolitics.com", "www.nrc.nl", "graphics.france24.com", "www.lhistoire.fr",
    "www.connexionfrance.com", "www.thelocal.fr", "www.welt.de", "lithub.com", "france3-regions.francetvinfo.fr",
    "sce.cornell.edu", "paperspast.natlib.govt.nz", "spectator.co.uk", "user-sgmhnbh.cld.bz", "akateeminenwebshop.com",
}
ENCYCLOPEDIA = {  # Wikipedia and its copies and revisions, Britannica, Grolier
    "pinocchiopedia.com", "nations.wikia.com", "en.wikipedia.org", "enwiki.academic.ru", "liquisearch.com",
    "lists.wikimedia.org", "fr.wikipedia.org", "de.wikipedia.org", "replay.waybackmachine.org", "worddisk.com",
    "military-history.fandom.com", "www.infogalactic.com", "dvin.tdn.gtranslate.net", "wikien4.appspot.com",
    "bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq.ipfs.dweb.link", "www.britannica.com",
    "kids.britannica.com", "www.scholastic.com", "the-uncensored-wiki.com", "de.zxc.wiki", "wikimili.com",
    "simple.wikipedia.org", "iiab.me",
}
# Everything else (blogs, fan wikis, forums, trivia and copy sites, tour
# operators, amateur chronologies) is blog_or_forum.

# fact_id -> subject, or for compound values {unit: subject}.
SUBJECTS = {
    "TRP-01": "allied_strength_end_of_campaign", "TRP-02": "allied_strength_end_of_campaign",
    "TRP-03": "allied_strength_end_of_campaign", "TRP-04": "allied_strength_25_july",
    "TRP-05": "german_strength_normandy", "TRP-06": "german_strength_normandy", "TRP-07": "german_strength_normandy",
    "TRP-08": "german_strength_falaise", "TRP-09": "german_strength_falaise", "TRP-10": "german_strength_falaise",
    "TRP-11": "german_strength_falaise", "TRP-12": "second_armored_strength", "TRP-13": "second_armored_strength",
    "TRP-14": "second_armored_strength", "TRP-15": "second_armored_strength", "TRP-16": "french_forces_paris",
    "TRP-17": "ffi_fighters_paris", "TRP-18": "insurgent_police_19_aug",
    "TRP-19": {"inside": "german_garrison_paris_inside", "outskirts": "german_troops_paris_outskirts"},
    "TRP-20": "german_garrison_paris", "TRP-21": "german_garrison_paris", "TRP-22": "german_garrison_paris",
    "TRP-23": "german_garrison_paris", "TRP-24": "dronne_column_strength", "TRP-25": "dronne_column_strength",
    "CAS-01": "allied_casualties_normandy", "CAS-02": "allied_casualties_normandy", "CAS-03": "allied_casualties_normandy",
    "CAS-04": "us_casualties_normandy", "CAS-05": "uk_casualties_normandy", "CAS-06": "canadian_casualties_normandy",
    "CAS-07": "polish_casualties_normandy", "CAS-08": "anglo_canadian_armies_casualties",
    "CAS-09": "allied_airmen_killed", "CAS-10": "us_casualties_normandy", "CAS-11": "german_casualties_normandy",
    "CAS-12": {"killed": "german_killed_normandy", "wounded": "german_wounded_normandy", "missing": "german_missing_normandy"},
    "CAS-13": "german_casualties_normandy", "CAS-14": "german_casualties_normandy", "CAS-15": "german_casualties_normandy",
    "CAS-16": "german_casualties_normandy", "CAS-17": "german_killed_or_wounded_normandy",
    "CAS-18": "german_prisoners_normandy", "CAS-19": "civilians_killed_normandy", "CAS-20": "falaise_german_losses",
    "CAS-21": "falaise_german_killed", "CAS-22": "falaise_pocket_prisoners", "CAS-23": "falaise_pocket_prisoners",
    "CAS-24": "falaise_german_losses", "CAS-25": "resistance_killed_paris", "CAS-26": "resistance_killed_paris",
    "CAS-27": "resistance_killed_paris",
    "CAS-28": {"killed": "resistance_killed_paris", "wounded": "resistance_wounded_paris"},
    "CAS-29": {"killed": "resistance_killed_paris", "wounded": "resistance_wounded_paris"},
    "CAS-30": {"killed": "resistance_killed_paris", "wounded": "resistance_wounded_paris"},
    "CAS-31": "resistance_killed_paris", "CAS-32": "resistance_casualties_paris", "CAS-33": "french_killed_paris_all",
    "CAS-34": {"killed": "free_french_killed_paris", "wounded": "free_french_wounded_paris"},
    "CAS-35": {"killed": "free_french_killed_paris", "wounded": "free_french_wounded_paris"},
    "CAS-36": {"killed": "free_french_killed_paris", "wounded": "free_french_wounded_paris"},
    "CAS-37": {"killed": "free_french_killed_paris", "wounded": "free_french_wounded_paris"},
    "CAS-38": "free_french_killed_paris", "CAS-39": "german_killed_paris", "CAS-40": "german_prisoners_paris",
    "CAS-41": {"killed": "civilians_killed_paris", "wounded": "civilians_wounded_paris"},
    "CAS-42": "civilians_killed_paris", "CAS-43": "us_casualties_paris",
    "DAT-01": "normandy_landings_begin", "DAT-02": "normandy_campaign_ends",
    **{f"DAT-{i:02d}": "saint_lo_captured" for i in range(3, 9)},
    **{f"DAT-{i:02d}": "operation_cobra" for i in range(9, 12)},
    **{f"DAT-{i:02d}": "falaise_pocket_closed" for i in range(12, 17)},
    **{f"DAT-{i:02d}": "kluge_death" for i in range(17, 20)},
    **{f"DAT-{i:02d}": "rommel_wounded" for i in range(20, 23)},
    "DAT-23": "rommel_death", "DAT-24": "rommel_death",
    "DAT-25": "occupation_of_paris_begins", "DAT-26": "occupation_of_paris_begins", "DAT-27": "fall_of_france",
    "DAT-28": "bastille_day_demonstrations", "DAT-29": "bastille_day_demonstrations",
    "DAT-30": "police_strike", "DAT-31": "general_strike", "DAT-32": "general_strike", "DAT-33": "general_strike",
    "DAT-34": "general_strike", "DAT-35": "uprising_order", "DAT-36": "uprising_begins",
    "DAT-37": "uprising_begins", "DAT-38": "truce", "DAT-39": "truce", "DAT-40": "truce",
    "DAT-41": "de_gaulle_meets_eisenhower", "DAT-42": "paris_decision", "DAT-43": "paris_decision",
    "DAT-44": "hitler_field_of_ruins_order", "DAT-45": "hitler_field_of_ruins_order", "DAT-46": "hitler_field_of_ruins_order",
    **{f"DAT-{i:02d}": "first_entry_into_paris" for i in range(47, 52)},
    "DAT-52": "main_entry_into_paris", "DAT-53": "german_surrender_paris", "DAT-54": "german_surrender_paris",
    "DAT-55": "victory_parade", "DAT-56": "victory_parade", "DAT-57": "victory_parade",
    "DAT-58": "second_armored_lands", "DAT-59": "choltitz_death", "DAT-60": "choltitz_death", "DAT-61": "choltitz_death",
    **{f"DST-{i:02d}": "seine_crossing_mantes" for i in range(1, 6)},
    "DST-06": "allied_distance_from_paris_19_aug", "DST-07": "allied_patrols_distance_20_aug",
    "DST-08": "allied_patrols_distance_20_aug",
}
# Facts that carry a second figure beside their date: (subject, unit, qualifier).
SECOND_FIGURE = {
    "DAT-28": ("bastille_day_demonstrators", "people", "about"),
    "DAT-57": ("parade_crowd", "people", "about"),
}
# Participation: (entity, stance) per fact, with a note where we read between the lines.
PARTICIPATION = {
    "PAR-01": [("French 2nd Armored Division", "took_part", ""), ("US 4th Infantry Division", "took_part", "")],
    "PAR-02": [("France", "took_part", ""), ("United States", "took_part", "")],
    "PAR-03": [("United Kingdom", "took_part", "Listed as a belligerent in the infobox.")],
    "PAR-04": [("United Kingdom", "took_part", "The 21st Army Group is listed among the units involved.")],
    "PAR-05": [("France", "took_part", ""), ("United Kingdom", "did_not_take_part", "Belligerents listed are only the Free French Forces and Germany.")],
    "PAR-06": [("United Kingdom", "took_part", "Says US and British forces entered the day after 25 August.")],
    "PAR-07": [("United Kingdom", "did_not_take_part", "The first British fighting soldiers reached Paris on 27 August, after the liberation.")],
    "PAR-08": [("United Kingdom", "did_not_take_part", "Paris was in the American sector; British troops only made small visits.")],
    "PAR-09": [("France", "took_part", ""),
               ("United Kingdom", "did_not_take_part",
                "Our reading: the leaflet credits the French Armoured Division with the surrender of Paris and has the "
                "British Second Army moving up the centre; it does not say that no British unit entered Paris.")],
}
UNIT_ALIASES = {"killed+wounded": "killed_or_wounded"}
# Raw units that the controlled list states more precisely.
UNIT_OVERRIDES = {"CAS-15": "casualties", "CAS-17": "killed_or_wounded", "CAS-19": "killed_or_missing", "CAS-42": "killed"}

COLUMNS = ["ref_id", "fact_id", "subject", "category", "value", "value_low", "value_high", "unit", "qualifier",
           "date", "date_end", "date_precision", "time", "side", "entity", "stance", "description",
           "reliability", "reference_title", "reference_url", "excerpt"]


def reliability_of(url: str) -> str:
    host = urlparse(url).hostname or ""
    host = host.rstrip(".")
    if host in OFFICIAL:
        return "official_or_academic"
    if host in PRESS:
        return "press"
    if host in ENCYCLOPEDIA:
        return "encyclopedia"
    return "blog_or_forum"


def side_of(subject: str) -> str:
    """Whose troops or losses a figure counts, read off the subject's name."""
    if subject.startswith("civilians") or subject in ("bastille_day_demonstrators", "parade_crowd"):
        return "civilian"
    if subject.startswith(("german", "falaise")):
        return "german"
    if subject.startswith(("resistance", "ffi", "insurgent", "barricades")):
        return "resistance"
    return "allied"


def _date_fields(value: str, date_iso: str) -> dict:
    first = date_iso.split("/")[0]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return {"date": value, "date_precision": "day"}
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return {"date": value, "date_precision": "month"}
    if re.fullmatch(r"\d{1,2}:\d{2}|before 24:00", value):
        return {"date": first, "date_precision": "day", "time": value}
    return {"date": first, "date_precision": "day" if len(first) == 10 else "month"}


def _qualifier(raw: dict) -> str:
    low, high, value = raw["value_low"], raw["value_high"], raw["value"]
    text = raw["description"].lower()
    if low and high:
        return "range"
    if low and low == value:
        return "more_than" if ("more than" in text or "over" in text) else "at_least"
    if high and high == value:
        return "up_to"
    if re.search(r"~|\bc\.|\babout\b|\baround\b|\bapprox", raw["description"]):
        return "about"
    # The reference's own words may hedge the figure ("about 30 miles").
    if value and re.fullmatch(r"\d+", value):
        grouped = r"[,\s]?".join(f"{int(value):,}".split(","))
        if re.search(rf"(~|\bc\.|\babout|\baround|\bapproximately|\bsome)\s*{grouped}\b", raw["excerpt"], re.I):
            return "about"
    return "exact"


def normalise(raw: pd.DataFrame) -> pd.DataFrame:
    """One row per figure, date or participation statement; every raw fact kept."""
    rows = []

    def add(raw_row, n, **fields):
        base = {c: "" for c in COLUMNS}
        base.update(
            fact_id=raw_row["fact_id"], description=raw_row["description"],
            reliability=reliability_of(raw_row["reference_url"]),
            reference_title=raw_row["reference_title"], reference_url=raw_row["reference_url"],
            excerpt=raw_row["excerpt"],
        )
        base.update(fields)
        base["ref_id"] = raw_row["fact_id"] if n == 0 else f"{raw_row['fact_id']}.{n + 1}"
        rows.append(base)

    for raw_row in raw.to_dict("records"):
        fid, cat, value, unit = raw_row["fact_id"], raw_row["category"], raw_row["value"], raw_row["unit"]
        if fid in PARTICIPATION:
            for n, (entity, stance, note) in enumerate(PARTICIPATION[fid]):
                add(raw_row, n, subject="forces_liberating_paris", category="participation", entity=entity,
                    stance=stance, side="allied", description=raw_row["description"] + (f" [{note}]" if note else ""),
                    **_date_fields("", raw_row["date_iso"]))
            continue
        subject = SUBJECTS[fid]
        if cat == "dates" or unit in ("date", "time (local)"):
            add(raw_row, 0, subject=subject, category="date", side="none", **_date_fields(value, raw_row["date_iso"]))
            if fid in SECOND_FIGURE:
                subj, u, q = SECOND_FIGURE[fid]
                add(raw_row, 1, subject=subj, category="count", value=raw_row["value_low"], unit=u, qualifier=q,
                    side=side_of(subj), **_date_fields("", raw_row["date_iso"]))
            continue
        category = {"troops": "troops", "casualties": "casualties", "distance": "distance"}[cat]
        if isinstance(subject, dict):  # compound: "30000 killed / 80000 wounded / 210000 missing"
            parts = re.findall(r"(\d+)\s+([a-z]+)", value)
            assert len(parts) == len(subject), fid
            for n, (number, part) in enumerate(parts):
                u = part if part in ("killed", "wounded", "missing", "captured") else "men"
                add(raw_row, n, subject=subject[part], category=category, value=number, unit=u,
                    qualifier="about" if "~" in raw_row["description"] else "exact", side=side_of(subject[part]))
            continue
        if value == "unknown":
            add(raw_row, 0, subject=subject, category=category, unit="casualties", qualifier="unknown",
                side=side_of(subject))
            continue
        u = UNIT_OVERRIDES.get(fid) or UNIT_ALIASES.get(unit, unit)
        add(raw_row, 0, subject=subject, category=category, value=value, value_low=raw_row["value_low"],
            value_high=raw_row["value_high"], unit=u, qualifier=_qualifier(raw_row), side=side_of(subject))
    out = pd.DataFrame(rows, columns=COLUMNS)
    assert set(raw["fact_id"]) == set(out["fact_id"]), "a reference fact was dropped"
    return out


def load_raw(data_dir: Path | None = None) -> pd.DataFrame:
    return pd.read_csv(Path(data_dir or paths.DATA) / RAW, dtype=str, keep_default_na=False)


def load(data_dir: Path | None = None) -> pd.DataFrame:
    return pd.read_csv(Path(data_dir or paths.DATA) / "reference.csv", dtype=str, keep_default_na=False)
