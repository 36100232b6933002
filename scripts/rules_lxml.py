#!/usr/bin/env python3
"""Run an ISO Schematron file with lxml.isoschematron, the independent checker.

casefile evaluates Schematron with its own engine (Sources/CaseRules). This script runs
the same rule files with lxml's ISO Schematron (the XSLT 1.0 skeleton) so that the two
can be compared finding by finding.

Usage:
  rules_lxml.py SCHEMATRON DOC... [--phase P] [--messages]
      Runs the phase given (#ALL: every pattern), else the schema's defaultPhase, as ISO
      Schematron says. Prints one JSON object, {"DOC": [ids...]}: for each document the
      ids of the failed asserts and successful reports, sorted, one entry per finding (an
      id repeats when it fires on several nodes). A finding without an id is listed as "". --messages
      prints {"DOC": [{"id", "role", "message"}...]} instead, in document order.
  rules_lxml.py SCHEMATRON --fixtures DIR
      Checks the fixtures laid out as DIR/RULE-ID/pass*.xml (must not produce RULE-ID)
      and DIR/RULE-ID/fail*.xml (must produce RULE-ID), each run under the phase named in
      DIR/RULE-ID/phase (one word; default #ALL). Also checks that every assert and report
      id in the pack has a directory with at least one pass and one fail fixture, and that
      every directory names an id of the pack. Prints one line per problem.

Exit status: 0 success (all fixtures as expected); 1 a fixture did not behave as expected
or a rule has no fixtures; 2 usage error; 65 a file could not be read or compiled.

Only local files are read: documents are parsed with no network access and no entity
expansion; sch:include is resolved relative to the including file.
"""

import argparse
import json
import os
import sys

from lxml import etree, isoschematron

SCH = "http://purl.oclc.org/dsdl/schematron"
SVRL = "http://purl.oclc.org/dsdl/svrl"
EXIT_MISMATCH, EXIT_USAGE, EXIT_DATA = 1, 2, 65


def parse(path):
    """Parses a local XML file: no network, no entities, no DTD loading."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    return etree.parse(path, parser)


class Checker:
    """One compiled validator per phase, made on first use."""

    def __init__(self, schematron_path):
        self.path = schematron_path
        self.tree = parse(schematron_path)
        self.compiled = {}

    def validator(self, phase):
        """phase None means the schema's defaultPhase (or #ALL when it has none)."""
        if phase not in self.compiled:
            self.compiled[phase] = isoschematron.Schematron(
                self.tree, phase=phase, store_report=True
            )
        return self.compiled[phase]

    def findings(self, document_path, phase=None):
        """The failed asserts and successful reports of one document, in report order."""
        validator = self.validator(phase)
        validator.validate(parse(document_path))
        report = validator.validation_report
        found = []
        for node in report.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
            text = node.find(f"{{{SVRL}}}text")
            message = " ".join("".join(text.itertext()).split()) if text is not None else ""
            found.append(
                {"id": node.get("id", ""), "role": node.get("role", ""), "message": message}
            )
        return found

    def rule_ids(self):
        """Every assert and report id written in the pack (includes followed)."""
        ids = set()
        seen = set()

        def walk(path, tree):
            real = os.path.realpath(path)
            if real in seen:
                return
            seen.add(real)
            for node in tree.iter(f"{{{SCH}}}assert", f"{{{SCH}}}report"):
                if node.get("id"):
                    ids.add(node.get("id"))
            for include in tree.iter(f"{{{SCH}}}include"):
                target = os.path.join(os.path.dirname(path), include.get("href", ""))
                walk(target, parse(target))

        walk(self.path, self.tree)
        return ids


def run_documents(checker, documents, phase, messages):
    result = {}
    for document in documents:
        found = checker.findings(document, phase)
        result[document] = found if messages else sorted(f["id"] for f in found)
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def run_fixtures(checker, directory):
    problems = []
    pack_ids = checker.rule_ids()
    checked = 0
    for rule_id in sorted(os.listdir(directory)):
        folder = os.path.join(directory, rule_id)
        if not os.path.isdir(folder):
            continue
        if rule_id not in pack_ids:
            problems.append(f"{rule_id}: no assert or report in the pack has this id")
        phase = "#ALL"
        phase_file = os.path.join(folder, "phase")
        if os.path.exists(phase_file):
            with open(phase_file, encoding="utf-8") as handle:
                phase = handle.read().strip() or "#ALL"
        names = sorted(os.listdir(folder))
        passes = [n for n in names if n.startswith("pass") and n.endswith(".xml")]
        fails = [n for n in names if n.startswith("fail") and n.endswith(".xml")]
        if not passes or not fails:
            problems.append(f"{rule_id}: needs at least one pass*.xml and one fail*.xml")
        for name in passes + fails:
            ids = {f["id"] for f in checker.findings(os.path.join(folder, name), phase)}
            checked += 1
            expected = name.startswith("fail")
            if (rule_id in ids) != expected:
                verb = "does not produce" if expected else "produces"
                problems.append(
                    f"{rule_id}/{name}: {verb} {rule_id} (phase {phase})"
                )
    for missing in sorted(pack_ids - set(os.listdir(directory))):
        problems.append(f"{missing}: no fixtures (expected {directory}/{missing}/)")
    for problem in problems:
        print(problem)
    print(f"{checked} fixtures, {len(pack_ids)} rule ids, {len(problems)} problems")
    return EXIT_MISMATCH if problems else 0


def main(argv):
    parser = argparse.ArgumentParser(
        description="Run ISO Schematron with lxml.isoschematron (see the module docstring)."
    )
    parser.add_argument("schematron")
    parser.add_argument("documents", nargs="*")
    parser.add_argument(
        "--phase", help="phase id, or #ALL for every pattern (default: the defaultPhase)"
    )
    parser.add_argument("--messages", action="store_true", help="print messages and roles")
    parser.add_argument("--fixtures", metavar="DIR", help="check a fixture directory")
    args = parser.parse_args(argv)
    if bool(args.fixtures) == bool(args.documents):
        parser.error("give either documents or --fixtures DIR")
    try:
        checker = Checker(args.schematron)
        if args.fixtures:
            return run_fixtures(checker, args.fixtures)
        return run_documents(checker, args.documents, args.phase, args.messages)
    except (OSError, etree.XMLSyntaxError, etree.XSLTParseError,
            etree.SchematronParseError, etree.XSLTApplyError) as error:
        print(f"rules_lxml: {error}", file=sys.stderr)
        return EXIT_DATA


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
