"""Writes a generated Unattended plan of N applets (the shape of ui/src/plan/generate.ts and of
the React Flow baseline: a 260 x 170 px grid, 2-4 exits per applet, 1.5 N connections)."""

import json
import math
import random
import sys


def rule(exit_name, value):
    return {"exit": exit_name, "source": "CLID", "data_type": "Text", "operator": "Equals", "value": value}


SHAPES = [
    ("DataConnector", {"url": "https://crm.example.com/$(CLID)"}, ["Next", "Interface Failure"]),
    ("DataRouter", {"rules": [rule("Match", "1")]}, ["Match", "Default"]),
    ("SendEmail", {"to": ["ops@example.com"], "subject": "Hi"}, ["Next", "Failure"]),
    ("DataRouter", {"rules": [rule("Gold", "g"), rule("Silver", "s"), rule("Bronze", "b")]}, ["Gold", "Silver", "Bronze", "Default"]),
    ("LoopCounter", {"max_runs": 3}, ["Next Applet", "Next Applet After Maximum Runs"]),
    ("DataRouter", {"rules": [rule("Vip", "v"), rule("New", "n")]}, ["Vip", "New", "Default"]),
]


def generate(n, plan_id):
    cols = math.ceil(math.sqrt(n))
    rand = random.Random(0x5EED + n)
    applets, exits = [], []
    for i in range(n):
        kind, props, ex = SHAPES[i % len(SHAPES)]
        applets.append({"id": f"a{i}", "label": f"{kind} {i}", "kind": kind, "position": {"x": (i % cols) * 260, "y": (i // cols) * 170}, "properties": props})
        exits.append(ex)
    connections = []
    for i in range(n):
        for k in range(1 if i % 2 == 0 else 2):
            dx = 1 + int(rand.random() * 2) if rand.random() < 0.85 else -1
            dy = int(rand.random() * 3) - 1
            j = i + dx + dy * cols
            if j < 0 or j >= n or j == i:
                j = (i + 1) % n
            connections.append({"from": f"a{i}", "exit": exits[i][k], "to": f"a{j}"})
    return {"schema_version": 1, "id": plan_id, "name": f"Generated {n} applets", "type": "Unattended", "start": "a0", "applets": applets, "connections": connections}


if __name__ == "__main__":
    n, out = int(sys.argv[1]), sys.argv[2]
    plan_id = sys.argv[3] if len(sys.argv) > 3 else f"perf-{n}"
    with open(out, "w") as f:
        json.dump(generate(n, plan_id), f)
