-- The account's configuration keys, read by #(Key) placeholders. A secret key's value is
-- never sent back to the window, never written to a plan or scenario file, and masked in
-- the records of runs.
CREATE TABLE config_keys (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    secret INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1))
) STRICT;
