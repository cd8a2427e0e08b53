-- The Postgres baseline as the throughput issue states it: a hold is one decrement of one hot
-- row per event, nothing else.
UPDATE inventory SET available = available - 1 WHERE event_id = 1 AND available > 0;
