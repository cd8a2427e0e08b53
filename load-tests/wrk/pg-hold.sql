-- The Postgres baseline: a hold as a typical ticket shop takes it, one hot row per event.
UPDATE inventory SET available = available - 1 WHERE event_id = 1 AND available > 0;
