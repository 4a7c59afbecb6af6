#!/usr/bin/env python3
"""Prints the matches over applet kinds that end in a catch-all: a `match` with two or more arms
naming kinds (`AppletConfig::X` or `AppletKind::X`) and a catch-all arm of its own (`_ =>`, or
a bare binding such as `other =>`). Such a match compiles when a kind is added, and quietly
treats the new kind like the rest. (One arm and a catch-all is a filter, `if let` written as a
match, and is allowed.) Reads
`file:line:text` lines (scripts/check-invariants.sh's non-test source) on stdin.
"""

import re
import sys
from collections import defaultdict

ARM_KIND = re.compile(r"^\s*(?:\w+\s*@\s*\(?)?((?:(?:\w+::)*(?:AppletConfig|AppletKind)::\w+(?:\([^)]*\))?\s*\|?\s*)+)")
CATCH_ALL = re.compile(r"^\s*(?:_|[a-z]\w*)\s*(?:if\b.*)?=>")

files = defaultdict(list)
for line in sys.stdin:
    path, number, text = line.rstrip("\n").split(":", 2)
    files[path].append((int(number), text))

for path, lines in files.items():
    for i, (number, text) in enumerate(lines):
        if not re.search(r"\bmatch\b[^{]*\{\s*$", text):
            continue
        depth, arms, kinds, catch_all = 0, 0, set(), None
        for n, t in lines[i:]:
            if depth == 1 and n != number:
                m = ARM_KIND.match(t)
                if m:
                    arms += 1
                    kinds |= set(re.findall(r"(?:AppletConfig|AppletKind)::(\w+)", m.group(1)))
                elif CATCH_ALL.match(t):
                    catch_all = n
            depth += t.count("{") - t.count("}")
            if depth <= 0 and n != number:
                break
        if catch_all and arms >= 2:
            print(f"{path}:{catch_all}: a catch-all arm in a match over {', '.join(sorted(kinds))}: list the kinds it stands for")
