-- Version 3: the process that runs a batch, so that a batch left 'running' by a process that
-- died (a crash, kill -9) can be told from one still running, and reported as interrupted.

ALTER TABLE batches ADD COLUMN owner_pid INTEGER;
