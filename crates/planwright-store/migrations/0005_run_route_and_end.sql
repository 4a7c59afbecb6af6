-- Version 5: how an interaction reached its plan, when it was made to a destination (a number
-- or API address): the destination, the mapping that won, production or testing, the starting
-- data sources and the reasons, as JSON (planwright::destination::Resolution). NULL for runs
-- that entered a plan directly, and for every run stored before this version.
ALTER TABLE runs ADD COLUMN route_json TEXT;
-- And the data sources set when the interaction ended (InteractionOutcome, unless the plan set
-- it), as JSON [{name, value}], which a post-interaction route receives before its first step.
-- NULL when there were none, and for runs stored before this version.
ALTER TABLE runs ADD COLUMN ended_json TEXT;
