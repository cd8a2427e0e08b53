-- Holdfast schema, version 3: what the organizer's side reads. Indexes only; no data changes.

-- An organizer's events, in the order GET /v1/organizer/events pages them.
create index events_organizer_start on events (organizer_id, starts_at, id);

-- Public search: q is a case-insensitive substring of name, venue or description. Trigram
-- indexes serve ILIKE '%…%' (pg_trgm is a trusted extension of PostgreSQL's contrib).
create extension if not exists pg_trgm;
create index events_name_trgm on events using gin (name gin_trgm_ops);
create index events_venue_trgm on events using gin (venue gin_trgm_ops);
create index events_description_trgm on events using gin (description gin_trgm_ops);

-- An event's orders: the attendee list (oldest first) and the refunds of a cancellation.
create index orders_event on orders (event_id, created_at, id);
