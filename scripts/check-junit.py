"""Reads `planwright test`'s JUnit XML back with junitparser, the parser CI tools use, and
checks that it holds every sample test, all passed (exit 1 otherwise).
    python scripts/check-junit.py FILE"""
import glob
import os
import sys

from junitparser import JUnitXml

path = sys.argv[1]
xml = JUnitXml.fromfile(path)
cases = [case for suite in xml for case in suite]
want = len([f for f in glob.glob(os.path.join("plans", "tests", "*.json")) if not f.endswith(".schema.json")])
failed = [case.name for case in cases if not case.is_passed]
print(f"{path}: {len(cases)} test case(s), {len(failed)} failed; {want} test file(s) in plans/tests")
if len(cases) != want or failed:
    sys.exit(1)
