-- Version 4: plan versions. Each save of a plan (and each content the workspace finds on disk
-- that it has not recorded, from git or an editor) is a version: the plan's canonical text,
-- its SHA-256, when, where it came from, and an optional message. Numbers count from 1 per
-- plan; a restore is a new version with the old text.

CREATE TABLE plan_versions (
    id INTEGER PRIMARY KEY,
    plan TEXT NOT NULL,
    number INTEGER NOT NULL,
    hash TEXT NOT NULL,
    text TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('save', 'outside', 'restore')),
    message TEXT NOT NULL DEFAULT '',
    UNIQUE (plan, number)
);
