-- Holdfast schema, version 5: door staff granted per event by its organizer, and check-in.

-- Who may check tickets in at an event's door and read its attendee list. A grant is for one
-- event; the organizer (or an admin) grants and revokes it.
create table event_staff (
  event_id   uuid not null references events (id) on delete cascade,
  user_id    uuid not null references users (id),
  granted_by uuid not null references users (id),
  granted_at timestamptz not null default now(),
  primary key (event_id, user_id)
);
-- The staff list, in the order GET /v1/events/{id}/staff pages it.
create index event_staff_page on event_staff (event_id, granted_at, user_id);

-- The first scan of a ticket at the door. A used ticket always has one (a refund may void a
-- used ticket later, and keeps its scan time).
alter table tickets add column checked_in_at timestamptz;
alter table tickets add constraint tickets_used_checked_in
  check (status <> 'used' or checked_in_at is not null);
