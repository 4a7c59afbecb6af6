-- Version 2: the channel of each run (voice or digital), and an index to list and export a
-- batch's runs in order.

ALTER TABLE runs ADD COLUMN channel TEXT;
CREATE INDEX runs_by_batch ON runs(batch_id, batch_index);
