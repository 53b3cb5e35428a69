"""The data dictionary: every table, every field, what it means.

One definition feeds datapackage.json (Frictionless) and the book's data
chapter. Allowed values come from paris1944.validate, so the dictionary, the
package and the validator cannot drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import validate as v

LICENCE = [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0"}]

# table -> (title, description, primary key, [(field, type, description, constraints)])
TABLES: dict[str, tuple] = {
    "sources": ("Sources", "The five source texts: provenance, language, licence and a source-criticism note.", "source_id", [
        ("source_id", "string", "Identifier: the file name without .txt.", {"required": True, "unique": True}),
        ("file", "string", "Path of the text, relative to data/.", {"required": True}),
        ("sha256", "string", "SHA-256 of the file as received; the text must never change.", {"pattern": "[0-9a-f]{64}"}),
        ("characters", "integer", "Length of the decoded text in characters (Unicode code points).", {}),
        ("label", "string", "Short name used in tables and charts.", {"required": True}),
        ("title", "string", "Title of the page, or 'not identified'.", {}),
        ("language", "string", "BCP 47 language tag.", {"enum": v.LANGUAGES}),
        ("genre", "string", "What kind of text it is.", {}),
        ("author", "string", "Who wrote it, or 'not identified'.", {}),
        ("publisher", "string", "Who published it, or 'not identified'.", {}),
        ("site", "string", "Web site it was found on, or 'not identified'.", {}),
        ("url", "string", "Address of the page, or 'not identified'.", {}),
        ("cites", "string", "What the text says its information comes from, or 'nothing'.", {}),
        ("licence", "string", "Licence of the text.", {}),
        ("notes", "string", "What is known of its provenance.", {}),
        ("criticism", "string", "Source-criticism note: what kind of text it is and how far to trust it.", {}),
    ]),
    "subjects": ("Subjects", "Controlled list of what claims and reference facts are about; sharing a subject is what makes comparison possible.", "subject", [
        ("subject", "string", "Identifier.", {"required": True, "unique": True}),
        ("category", "string", "Kind of claim.", {"enum": v.CATEGORIES}),
        ("unit", "string", "Expected unit of figures on this subject (empty for dates, participation and command).", {"enum": ["", *v.UNITS]}),
        ("description", "string", "What the subject is.", {}),
    ]),
    "claims": ("Claims ledger", "One row per factual claim in the five sources, with its exact words and offsets.", "claim_id", [
        ("claim_id", "string", "Stable identifier: C, the source number, a running number.", {"required": True, "unique": True}),
        ("source_id", "string", "The source that makes the claim.", {"required": True}),
        ("subject", "string", "What the claim is about (subjects table).", {"required": True}),
        ("category", "string", "Kind of claim.", {"enum": v.CATEGORIES}),
        ("quote", "string", "The exact words, in the original language.", {"required": True}),
        ("start", "integer", "Offset of the quote in the decoded text: text[start:end] == quote.", {"minimum": 0}),
        ("end", "integer", "End offset of the quote (exclusive).", {"minimum": 0}),
        ("quote_en", "string", "English: the quote itself for English sources, our working translation otherwise.", {"required": True}),
        ("translation", "string", "'original' for English sources, 'working translation' for ours.", {"enum": ["original", "working translation"]}),
        ("value", "number", "The figure stated (point value).", {}),
        ("value_low", "number", "Lower bound, where the claim gives or implies one.", {}),
        ("value_high", "number", "Upper bound, where the claim gives or implies one.", {}),
        ("unit", "string", "Unit of the figure (controlled list).", {"enum": ["", *v.UNITS]}),
        ("date", "string", "ISO 8601 date the claim states or implies (YYYY, YYYY-MM or YYYY-MM-DD).", {"pattern": r"(\d{4}(-\d{2}(-\d{2})?)?)?"}),
        ("date_end", "string", "End of the date range, where the claim covers a span.", {"pattern": r"(\d{4}(-\d{2}(-\d{2})?)?)?"}),
        ("date_precision", "string", "How precise the date is.", {"enum": ["", *v.PRECISIONS]}),
        ("qualifier", "string", "How the figure or date is hedged ('about', 'more_than', 'by'...).", {"enum": ["", *v.QUALIFIERS]}),
        ("side", "string", "Whose troops, losses or people the claim counts.", {"enum": v.SIDES}),
        ("entity", "string", "The nation, unit or person a participation or command claim names.", {}),
        ("within", "string", "The claim id of a period the source places this event in (its end bounds the event).", {}),
        ("note", "string", "How a relative date was resolved, and other reading notes.", {}),
    ]),
    "reference": ("Reference facts", "What reference works say, normalised from data/reference/reference_facts.csv: one row per figure, date or participation statement.", "ref_id", [
        ("ref_id", "string", "Identifier: the fact id, with .2, .3 for the second and third figure of a compound fact.", {"required": True, "unique": True}),
        ("fact_id", "string", "The fact in the researched table (data/reference/reference_facts.csv).", {"required": True}),
        ("subject", "string", "What the fact is about (subjects table).", {"required": True}),
        ("category", "string", "Kind of fact.", {"enum": v.CATEGORIES}),
        ("value", "number", "The figure stated.", {}),
        ("value_low", "number", "Lower bound, where given.", {}),
        ("value_high", "number", "Upper bound, where given.", {}),
        ("unit", "string", "Unit (controlled list).", {"enum": ["", *v.UNITS]}),
        ("qualifier", "string", "How the figure is hedged.", {"enum": ["", *v.QUALIFIERS]}),
        ("date", "string", "The date stated, or the date the fact refers to.", {}),
        ("date_end", "string", "End of a date range.", {}),
        ("date_precision", "string", "How precise the date is.", {"enum": ["", *v.PRECISIONS]}),
        ("time", "string", "Local time, where the reference gives one.", {}),
        ("side", "string", "Whose troops or losses.", {"enum": v.SIDES}),
        ("entity", "string", "Nation or unit of a participation statement.", {}),
        ("stance", "string", "Whether the reference says the entity took part.", {"enum": ["", *v.STANCES]}),
        ("description", "string", "What the reference says, in a line.", {}),
        ("reliability", "string", "Class of the reference, strongest first: official_or_academic, encyclopedia, press, blog_or_forum.", {"enum": v.RELIABILITY}),
        ("reference_title", "string", "Title of the reference.", {"required": True}),
        ("reference_url", "string", "Address of the reference.", {"required": True}),
        ("excerpt", "string", "The reference's own words, as attributed evidence.", {}),
    ]),
    "translations": ("Translations", "Our working English translations of the Russian and Arabic texts, paragraph by paragraph.", None, [
        ("source_id", "string", "The source.", {"required": True}),
        ("paragraph", "integer", "Paragraph number in the source, from 1.", {"minimum": 1}),
        ("start", "integer", "Offset of the paragraph in the decoded text.", {"minimum": 0}),
        ("end", "integer", "End offset of the paragraph (exclusive).", {"minimum": 0}),
        ("text_en", "string", "Our working English translation of the paragraph.", {"required": True}),
    ]),
    "excluded_mentions": ("Excluded mentions", "Date and number expressions that are not claims, each with the reason.", None, [
        ("source_id", "string", "The source.", {"required": True}),
        ("start", "integer", "Offset of the expression.", {}),
        ("end", "integer", "End offset (exclusive).", {}),
        ("text", "string", "The expression.", {}),
        ("reason", "string", "Why it is not a claim.", {"required": True}),
    ]),
    # Derived tables: written by `make data` (paris1944.pipeline) from the tables above.
    "timeline": ("Time line", "Derived: one row per dated claim, with the span of days it admits.", "claim_id", [
        ("claim_id", "string", "The claim (claims ledger).", {"required": True, "unique": True}),
        ("source_id", "string", "The source.", {"required": True}),
        ("source", "string", "The source's short name.", {}),
        ("language", "string", "Language of the source.", {"enum": v.LANGUAGES}),
        ("subject", "string", "What the claim is about.", {"required": True}),
        ("event", "string", "The subject in words.", {}),
        ("category", "string", "Kind of claim (dates, and figures that carry a date).", {"enum": v.CATEGORIES}),
        ("date", "string", "Date the claim states or implies (ISO 8601).", {}),
        ("date_end", "string", "End of the date range, where the claim covers a span.", {}),
        ("date_precision", "string", "How precise the date is.", {"enum": ["", *v.PRECISIONS]}),
        ("qualifier", "string", "How the date is hedged ('by' a date...).", {"enum": ["", *v.QUALIFIERS]}),
        ("earliest", "date", "First day the claim admits.", {}),
        ("latest", "date", "Last day the claim admits.", {}),
        ("stated", "string", "The date as the book says it.", {}),
        ("quote", "string", "The exact words, in the original language.", {}),
        ("quote_en", "string", "English, or our working translation.", {}),
        ("translation", "string", "'original' or 'working translation'.", {"enum": ["original", "working translation"]}),
        ("note", "string", "How a relative date was resolved.", {}),
    ]),
    "conflicts": ("Conflicts", "Derived: one row per disagreement, between sources, with a reference work, or within a source.", "conflict_id", [
        ("conflict_id", "string", "The claim id and the other side's id, joined by ~.", {"required": True, "unique": True}),
        ("subject", "string", "What the disagreement is about.", {"required": True}),
        ("kind", "string", "Between two sources, a source and a reference, or within a source.", {"enum": ["source_vs_source", "source_vs_reference", "internal"]}),
        ("severity", "string", "Minor (a day or two, less than half as much again, or a weak or loose case) or major.", {"enum": ["minor", "major"]}),
        ("claim_id", "string", "The claim in conflict.", {"required": True}),
        ("source_id", "string", "Its source.", {"required": True}),
        ("source", "string", "Its source's short name.", {}),
        ("claimed", "string", "What the claim says, in words.", {}),
        ("other", "string", "The other side: a claim id or a reference id.", {"required": True}),
        ("other_source", "string", "The other source's short name, or the reference's title.", {}),
        ("other_value", "string", "What the other side says, in words.", {}),
        ("difference", "number", "How far apart: days between dates, or the ratio of figures (nearest ends of their ranges).", {}),
        ("difference_unit", "string", "Unit of the difference ('set' for participation, which has none).", {"enum": ["days", "ratio", "set"]}),
        ("reliability", "string", "Class of the reference, for conflicts with one.", {"enum": ["", *v.RELIABILITY]}),
        ("explanation", "string", "The disagreement in one sentence, for readers.", {"required": True}),
    ]),
    "agreement": ("Agreement", "Derived: for each source and subject, whether the source agrees, conflicts, cannot be checked or is silent.", None, [
        ("source_id", "string", "The source.", {"required": True}),
        ("source", "string", "The source's short name.", {}),
        ("subject", "string", "The subject.", {"required": True}),
        ("category", "string", "Kind of subject.", {"enum": v.CATEGORIES}),
        ("status", "string", "What the source does on this subject.", {"enum": ["agrees", "conflicts", "unverifiable", "silent"]}),
        ("claims", "string", "The source's claims on the subject (space-separated ids).", {}),
        ("references", "string", "Reference rows that decide the status (space-separated ids).", {}),
        ("corroborated_by", "string", "Other sources' claims that say the same (space-separated ids).", {}),
    ]),
}
FOREIGN_KEYS = {
    "claims": [("source_id", "sources", "source_id"), ("subject", "subjects", "subject")],
    "reference": [("subject", "subjects", "subject")],
    "excluded_mentions": [("source_id", "sources", "source_id")],
    "translations": [("source_id", "sources", "source_id")],
    "timeline": [("claim_id", "claims", "claim_id")],
    "conflicts": [("claim_id", "claims", "claim_id")],
    "agreement": [("source_id", "sources", "source_id"), ("subject", "subjects", "subject")],
}
DERIVED = {"timeline", "conflicts", "agreement"}


def path_of(name: str) -> str:
    """Where a table lives, relative to data/."""
    return f"derived/{name}.csv" if name in DERIVED else f"{name}.csv"


def datapackage() -> dict:
    resources = []
    for name, (title, description, key, fields) in TABLES.items():
        schema = {"fields": [], "missingValues": [""]}
        for field, ftype, desc, constraints in fields:
            f = {"name": field, "type": ftype, "description": desc}
            if constraints:
                f["constraints"] = dict(constraints)
            schema["fields"].append(f)
        if key:
            schema["primaryKey"] = [key]
        if name in FOREIGN_KEYS:
            schema["foreignKeys"] = [{"fields": [a], "reference": {"resource": r, "fields": [b]}} for a, r, b in FOREIGN_KEYS[name]]
        resources.append({"name": name, "path": f"data/{path_of(name)}", "title": title, "description": description,
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema})
    return {
        "name": "paris-1944-what-the-sources-say",
        "title": "Paris 1944: what the sources say (data)",
        "description": "Claims of five sources about the Normandy breakout and the liberation of Paris, with the reference facts they are compared against.",
        "licenses": LICENCE,
        "resources": resources,
    }


def write(root: Path) -> Path:
    path = Path(root) / "datapackage.json"
    path.write_text(json.dumps(datapackage(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
