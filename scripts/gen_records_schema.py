#!/usr/bin/env python3
"""Writes Schemas/records-v1.schema.json, the JSON Schema (draft-04) of the records format.

The schema is kept as this readable Python description so that shared shapes (dates,
ids, names) are written once; run `python3 scripts/gen_records_schema.py` after editing,
and commit both. A test checks that the committed schema matches this script's output.
"""
import json
import sys
from pathlib import Path

ID = {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_.-]{0,63}$",
      "description": "A record id, unique within its case."}
REF = {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_.-]{0,63}$",
       "description": "The id of another record in the same case."}
DATE = {"$ref": "#/definitions/date"}
DATETIME = {"$ref": "#/definitions/dateTime"}
TEXT = {"type": "string", "maxLength": 100000}
SHORT = {"type": "string", "minLength": 1, "maxLength": 500}


def personal(schema, treatment):
    return dict(schema, **{"x-personal-data": treatment})


def obj(props, required, description):
    return {"type": "object", "description": description, "properties": props,
            "required": required, "additionalProperties": False}


def arr(items, **extra):
    return dict({"type": "array", "items": items}, **extra)


definitions = {
    "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
             "description": "An ISO 8601 calendar date (YYYY-MM-DD); impossible dates are refused."},
    "dateTime": {"type": "string",
                 "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2})?$",
                 "description": "An ISO 8601 date and time; without a zone it is UK local time."},
    "personName": obj({
        "title": SHORT,
        "given": arr(SHORT, minItems=0),
        "family": SHORT,
    }, ["family"], "A name: given names in order and a family name (an organisation's name goes in family)."),
    "person": obj({
        "id": ID,
        "roles": arr({"enum": ["defendant", "victim", "civilian-witness", "expert-witness",
                               "police-witness", "officer-in-case", "disclosure-officer",
                               "supervisor"]}, uniqueItems=True),
        "name": personal({"$ref": "#/definitions/personName"}, "identifying"),
        "aliases": personal(arr({"$ref": "#/definitions/personName"}), "identifying"),
        "isOrganisation": {"type": "boolean"},
        "dateOfBirth": personal(DATE, "contact"),
        "gender": personal(SHORT, "contact"),
        "address": personal(SHORT, "contact"),
        "phone": personal({"type": "string", "pattern": "^[+0-9 ()-]{3,32}$"}, "contact"),
        "email": personal({"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+$", "maxLength": 254}, "contact"),
        "occupation": personal(SHORT, "contact"),
        "rank": SHORT,
        "collarNumber": {"type": "string", "pattern": "^[A-Za-z0-9]{1,12}$"},
    }, ["id", "roles", "name"], "A person or organisation taking part in the case."),
    "pointToProve": obj({"point": SHORT, "evidence": arr(REF)}, ["point", "evidence"],
                        "A point to prove and the ids of the evidence that proves it."),
    "offence": obj({
        "id": ID, "defendant": REF,
        "cjsCode": {"type": "string", "pattern": "^[A-Z]{2}[0-9]{5}[A-Z0-9]{0,3}$",
                    "description": "The CJS offence code, upper case (TH68010)."},
        "title": SHORT, "wording": TEXT,
        "from": DATE, "to": DATE,
        "modeOfTrial": {"enum": ["summary-only", "either-way", "indictable-only"]},
        "anticipatedPlea": {"enum": ["guilty", "not-guilty", "unknown"]},
        "chargeDate": DATE,
        "policeMayCharge": {"type": "boolean",
                            "description": "false when the charging decision is reserved to the prosecutor."},
        "victims": arr(REF, uniqueItems=True),
        "committedOnBail": {"type": "boolean"},
        "pointsToProve": arr({"$ref": "#/definitions/pointToProve"}),
    }, ["id", "defendant", "cjsCode", "title", "wording", "from", "modeOfTrial", "anticipatedPlea"],
        "An offence charged, or to be charged, against one defendant."),
    "custody": obj({
        "id": ID, "defendant": REF,
        "status": {"enum": ["custody", "conditional-bail", "unconditional-bail",
                            "released-under-investigation", "not-applicable"]},
        "since": DATE,
        "remandSought": {"type": "boolean"},
        "bailConditions": personal(arr(SHORT), "identifying"),
        "firstHearing": DATETIME,
        "court": SHORT,
        "breachOfBail": TEXT,
    }, ["id", "defendant", "status", "since"], "A defendant's custody, bail or remand position."),
    "witness": obj({
        "id": ID, "person": REF,
        "kind": {"enum": ["victim", "civilian", "expert", "police", "officer-in-case"]},
        "key": {"type": "boolean"},
        "specialMeasures": personal(arr(SHORT), "restricted"),
        "datesToAvoid": personal(arr(DATE), "restricted"),
        "interpreter": SHORT,
    }, ["id", "person", "kind"], "A witness and what the court needs to call them."),
    "statement": obj({
        "id": ID, "witness": REF, "date": DATE, "text": TEXT, "media": REF,
        "exhibits": arr(REF, uniqueItems=True),
    }, ["id", "witness", "date"], "An MG11 statement: text, or a recording held as media (at least one)."),
    "continuityEvent": obj({
        "at": DATETIME, "action": SHORT, "from": REF, "to": REF, "location": SHORT,
    }, ["at", "action"], "One hand-over or movement of an exhibit."),
    "exhibit": obj({
        "id": ID,
        "reference": {"type": "string", "pattern": "^[A-Z]{1,4}/[0-9]{1,4}[A-Z]?$",
                      "description": "Producer's initials and a number: AB/1."},
        "description": SHORT, "producedBy": REF, "seizedAt": DATETIME, "seizedFrom": SHORT,
        "continuity": arr({"$ref": "#/definitions/continuityEvent"}),
        "media": arr(REF, uniqueItems=True),
    }, ["id", "reference", "description", "producedBy"], "An exhibit and its continuity."),
    "interview": obj({
        "id": ID, "interviewee": REF,
        "type": {"enum": ["audio", "video", "written", "not-interviewed"]},
        "date": DATETIME, "summary": TEXT, "media": arr(REF, uniqueItems=True),
    }, ["id", "interviewee", "type", "date"], "A suspect interview."),
    "unusedItem": obj({
        "id": ID, "description": SHORT,
        "sensitivity": {"enum": ["non-sensitive", "sensitive", "edited"]},
        "reason": personal(TEXT, "restricted"),
    }, ["id", "description", "sensitivity"], "Unused material for the MG6C (non-sensitive, edited) or MG6D (sensitive)."),
    "media": obj({
        "id": ID,
        "file": {"type": "string", "pattern": "^[^/\\\\][^\\\\]*$", "maxLength": 1024,
                 "description": "Path relative to the records file; no absolute paths."},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "mediaType": {"type": "string", "pattern": "^[a-z]+/[A-Za-z0-9.+-]+$"},
        "size": {"type": "integer", "minimum": 0},
        "description": SHORT,
    }, ["id", "file", "mediaType"], "A media file, stored content-addressed by SHA-256."),
    "case": obj({
        "urn": {"type": "string",
                "pattern": "^[0-9]{2}[A-Z]{2}[0-9]{5}[0-9]{2}(-[0-9]{2})?$",
                "description": "Police URN: force (2 digits), unit (2 letters), serial (5 digits), year (2 digits), optional -NN."},
        "title": personal(SHORT, "identifying"),
        "summary": {"type": "string", "minLength": 1, "maxLength": 1200},
        "markers": arr({"type": "string", "pattern": "^[A-Za-z]{1,64}$"}, uniqueItems=True),
        "people": arr({"$ref": "#/definitions/person"}),
        "offences": arr({"$ref": "#/definitions/offence"}),
        "custody": arr({"$ref": "#/definitions/custody"}),
        "witnesses": arr({"$ref": "#/definitions/witness"}),
        "statements": arr({"$ref": "#/definitions/statement"}),
        "exhibits": arr({"$ref": "#/definitions/exhibit"}),
        "interviews": arr({"$ref": "#/definitions/interview"}),
        "unused": arr({"$ref": "#/definitions/unusedItem"}),
        "media": arr({"$ref": "#/definitions/media"}),
    }, ["urn", "title", "summary"], "One case and all its records."),
}

schema = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "id": "urn:casefile:schema:records:1",
    "title": "casefile records, version 1",
    "description": "The records JSON format that `casefile import` reads and `casefile export --as records` writes. Fields marked x-personal-data hold personal data; the value says how recipient views treat it.",
    "type": "object",
    "properties": {
        "format": {"enum": ["casefile-records"]},
        "version": {"enum": [1]},
        "cases": arr({"$ref": "#/definitions/case"}, minItems=1),
    },
    "required": ["format", "version", "cases"],
    "additionalProperties": False,
    "definitions": definitions,
}

out = Path(__file__).resolve().parent.parent / "Schemas" / "records-v1.schema.json"
text = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
if "--check" in sys.argv:
    sys.exit(0 if out.read_text(encoding="utf-8") == text else 1)
out.write_text(text, encoding="utf-8")
