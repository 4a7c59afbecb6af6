-- Version 1: runs, steps, outbox, connector calls, batches and batch statistics.
-- A migration that has shipped is never edited: add a new file instead.

CREATE TABLE batches (
    id            INTEGER PRIMARY KEY,
    plan_id       TEXT NOT NULL,
    plan_hash     TEXT NOT NULL,
    scenario_json TEXT NOT NULL,
    seed          INTEGER NOT NULL,
    requested     INTEGER NOT NULL,
    completed     INTEGER NOT NULL DEFAULT 0,
    threads       INTEGER NOT NULL,
    keep_runs     TEXT NOT NULL,
    -- 'running' until finished; a batch whose process died stays 'running'.
    status        TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled')),
    report_json   TEXT,
    created_at    TEXT NOT NULL,
    finished_at   TEXT
);

-- One row per counted thing: category is visit, exit, end_reason, interaction_end, outcome,
-- connector or total.
CREATE TABLE batch_stats (
    batch_id  INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    category  TEXT NOT NULL,
    plan_id   TEXT NOT NULL DEFAULT '',
    applet_id TEXT NOT NULL DEFAULT '',
    name      TEXT NOT NULL DEFAULT '',
    count     INTEGER NOT NULL
);
CREATE INDEX batch_stats_by_batch ON batch_stats(batch_id, category);

CREATE TABLE runs (
    id                   INTEGER PRIMARY KEY,
    batch_id             INTEGER REFERENCES batches(id) ON DELETE CASCADE,
    batch_index          INTEGER,
    plan_id              TEXT NOT NULL,
    plan_hash            TEXT NOT NULL,
    scenario_name        TEXT NOT NULL,
    -- The scenario of a single simulation; a batch run's scenario is its batch's.
    scenario_json        TEXT,
    seed                 INTEGER NOT NULL,
    start_time           TEXT NOT NULL,
    end_time             TEXT NOT NULL,
    duration_ms          INTEGER NOT NULL,
    outcome              TEXT,
    interaction_end_code TEXT,
    interaction_end      TEXT,
    end_code             TEXT NOT NULL,
    end_reason           TEXT NOT NULL,
    -- Written with the steps in one transaction: always equals the number of step rows.
    step_count           INTEGER NOT NULL,
    data_json            TEXT NOT NULL,
    created_at           TEXT NOT NULL
);

CREATE TABLE steps (
    run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    phase        TEXT NOT NULL,
    plan_id      TEXT NOT NULL,
    applet_id    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    exit         TEXT,
    sim_time     TEXT NOT NULL,
    note         TEXT NOT NULL,
    changes_json TEXT,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE outbox (
    run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    step_seq INTEGER NOT NULL,
    channel  TEXT NOT NULL,
    to_json  TEXT NOT NULL,
    cc_json  TEXT NOT NULL,
    bcc_json TEXT NOT NULL,
    reply_to TEXT NOT NULL,
    subject  TEXT NOT NULL,
    body     TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE connector_calls (
    run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    step_seq     INTEGER NOT NULL,
    applet_id    TEXT NOT NULL,
    method       TEXT NOT NULL,
    url          TEXT NOT NULL,
    request_body TEXT NOT NULL,
    result       TEXT NOT NULL,
    status       INTEGER,
    latency_ms   INTEGER NOT NULL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
