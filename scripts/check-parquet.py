"""Reads a load run's per-interaction Parquet file with DuckDB (an independent reader) and
checks it against the run's own JSON report: one row per completed interaction, the same
outcomes, the same queue verdicts at the Orders queue's first entry.
    check-parquet.py FILE.parquet REPORT.json"""

import json
import sys

import duckdb

parquet, report = sys.argv[1], sys.argv[2]
r = json.load(open(report))["report"]
con = duckdb.connect()
rows = con.sql(f"select count(*) from '{parquet}'").fetchall()[0][0]
assert rows == r["completed"], (rows, r["completed"])
outcomes = dict(con.sql(f"select outcome, count(*) from '{parquet}' where outcome is not null group by 1").fetchall())
assert outcomes == r["outcomes"], (outcomes, r["outcomes"])
plans = dict(con.sql(f"select plan, count(*) from '{parquet}' group by 1").fetchall())
orders = next(q for q in r["queues"] if q["queue"] == "Orders")["day"]
voice_first = dict(con.sql(f"select queue_verdict, count(*) from '{parquet}' where plan = 'voice-orders' group by 1").fetchall())
assert voice_first.get("delivered", 0) == orders["answered"], (voice_first, orders)
print(f"check-parquet: DuckDB reads {rows} rows ({plans}); outcomes and the Orders queue's answers match the report")
