-- Holdfast schema, version 27: the outbox keeps the ID of the HTTP request that caused an event
-- (the edge's X-Request-Id), and the relay publishes it as the record's request-id header, so
-- the worker that handles the record logs with it. Null for events no request caused
-- (reconciliation, a worker's own outcome of a record that carried none).
alter table outbox add column request_id text;
