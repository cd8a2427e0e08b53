-- Holdfast schema, version 24: check-in lists (an event's entrances, each with its staff, its
-- sections, its time window and whether it lets a ticket back in), and every scan at the door.
-- The ledger module writes these tables, as it writes the tickets they check in.

create table checkin_lists (
  id          uuid primary key,
  event_id    uuid not null references events (id) on delete cascade,
  name        text not null,
  -- The sections whose tickets this list admits; null: every section of the event.
  section_ids text[],
  opens_at    timestamptz,
  closes_at   timestamptz,
  reentry     boolean not null default false,
  created_at  timestamptz not null default now(),
  -- A refused double scan names the list of the first one: two lists of one name could not
  -- be told apart at the door.
  unique (event_id, name),
  check (opens_at is null or closes_at is null or opens_at < closes_at)
);
create index checkin_lists_event on checkin_lists (event_id, created_at, id);

-- Who scans at a list, besides the event's organizer and admins.
create table checkin_list_staff (
  list_id  uuid not null references checkin_lists (id) on delete cascade,
  user_id  uuid not null references users (id),
  added_by uuid not null references users (id),
  added_at timestamptz not null default now(),
  primary key (list_id, user_id)
);

-- The list a ticket was first checked in at (null: scanned without a list). No foreign key, here
-- or from scans to the list, its event or the scanner: a key check share-locks the parent row,
-- and every scan at a list has the same parents, so thousands of scans a second would queue on
-- those rows' lock (multixacts). A list with scans is never deleted (the repository refuses).
alter table tickets add column checked_in_list_id uuid;

-- Every scan decided at the door, admitted or refused. scanned_at is when the scanner read the
-- code (an offline scanner's own clock, uploaded later), received_at when the platform heard of
-- it. A duplicate keeps the first check-in's time and list, so its answer can be given again
-- exactly when the same scan (scanner and nonce) is uploaded twice.
create table scans (
  id                  uuid primary key,
  event_id            uuid not null,
  list_id             uuid,
  ticket_id           uuid references tickets (id),
  scanner_id          uuid not null,
  nonce               text,
  scanned_at          timestamptz not null,
  received_at         timestamptz not null default now(),
  result              text not null check (result in ('admitted', 'reentered',
      'already-checked-in', 'revoked', 'ticket-void', 'wrong-event', 'wrong-entrance',
      'not-valid-yet', 'list-closed', 'rotating-code-required', 'code-expired',
      'invalid-signature', 'unknown-ticket')),
  first_checked_in_at timestamptz,
  first_list_id       uuid,
  -- A scanner's nonce names one scan: uploading it again answers what was recorded.
  unique (scanner_id, nonce)
);
-- The counts per list and for the event; and whether anything was scanned at a list (which is
-- then never deleted).
create index scans_counts on scans (event_id, list_id, result);

-- A scan turns a ticket from valid to used, thousands of times a second. V22's guard checked the
-- ticket's place again on every change of status; but a live ticket that stays live in the same
-- place was checked when it became live. Updates are now checked only when they move a ticket
-- or make a void one live again; inserts always, as before.
drop trigger tickets_slot_in_section on tickets;
create trigger tickets_slot_in_section
  before insert on tickets
  for each row execute function tickets_slot_in_section();
create trigger tickets_slot_in_section_update
  before update of event_id, section_id, slot, seat, status on tickets
  for each row
  when (old.status = 'void'
    or (new.event_id, new.section_id, new.slot, new.seat)
      is distinct from (old.event_id, old.section_id, old.slot, old.seat))
  execute function tickets_slot_in_section();
