#!/usr/bin/env python3
"""Prints the matches over applet kinds that end in a catch-all: a `match` with two or more arms
naming kinds (`AppletConfig::X` or `AppletKind::X`, or through an alias the file imports,
such as `use planwright::AppletKind as K;` then `K::X`) and a catch-all arm of its own (`_ =>`, or
a bare binding such as `other =>`). Such a match compiles when a kind is added, and quietly
treats the new kind like the rest. (One arm and a catch-all is a filter, `if let` written as a
match, and is allowed.) A `matches!` naming two or more kinds is such a match too. Reads
`file:line:text` lines (scripts/check-invariants.sh's non-test source) on stdin.
"""

import re
import sys
from collections import defaultdict

KIND_TYPES = ("AppletConfig", "AppletKind")
ALIAS = re.compile(r"\buse\s+[\w:]*\b(?:AppletConfig|AppletKind)\s+as\s+(\w+)")


def arm_kind(names):
    """An arm naming kinds through any of `names` (the two types and the file's aliases)."""
    name = "|".join(sorted(names))
    return re.compile(r"^\s*(?:\w+\s*@\s*\(?)?((?:(?:\w+::)*(?:" + name + r")::\w+(?:\([^)]*\))?\s*\|?\s*)+)")


CATCH_ALL = re.compile(r"^\s*(?:_|[a-z]\w*)\s*(?:if\b.*)?=>")

files = defaultdict(list)
for line in sys.stdin:
    path, number, text = line.rstrip("\n").split(":", 2)
    files[path].append((int(number), text))

for path, lines in files.items():
    # `use planwright::AppletKind as K;` makes `K::Acd` an arm over kinds too.
    names = set(KIND_TYPES) | {a for _, t in lines for a in ALIAS.findall(t)}
    ARM_KIND = arm_kind(names)
    KIND_NAME = re.compile(r"(?:" + "|".join(sorted(names)) + r")::(\w+)")
    for i, (number, text) in enumerate(lines):
        # `matches!(k, A | B)` is a match of two kind arms and `_ => false`.
        m = re.search(r"\bmatches!\((.*)", text)
        if m and len(set(KIND_NAME.findall(m.group(1)))) >= 2:
            print(f"{path}:{number}: matches! over {', '.join(sorted(set(KIND_NAME.findall(m.group(1)))))} is a catch-all for every other kind: list the kinds in a match")
        if not re.search(r"\bmatch\b[^{]*\{\s*$", text):
            continue
        depth, arms, kinds, catch_all = 0, 0, set(), None
        for n, t in lines[i:]:
            if depth == 1 and n != number:
                m = ARM_KIND.match(t)
                if m:
                    arms += 1
                    kinds |= set(KIND_NAME.findall(m.group(1)))
                elif CATCH_ALL.match(t):
                    catch_all = n
            depth += t.count("{") - t.count("}")
            if depth <= 0 and n != number:
                break
        if catch_all and arms >= 2:
            print(f"{path}:{catch_all}: a catch-all arm in a match over {', '.join(sorted(kinds))}: list the kinds it stands for")
