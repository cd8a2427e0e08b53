-- A hold as a typical ticket shop takes it in production: in one transaction, decrement the
-- event's hot row (its lock is held until commit) and record who holds what until when, then
-- commit with PostgreSQL's default durability (the commit waits for its WAL flush).
\set buyer random(1, 10000000)
BEGIN;
UPDATE inventory SET available = available - 1 WHERE event_id = 1 AND available > 0;
INSERT INTO holds (event_id, buyer_id, quantity, expires_at)
  VALUES (1, :buyer, 1, now() + interval '5 minutes');
COMMIT;
