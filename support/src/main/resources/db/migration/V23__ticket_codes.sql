-- Signed ticket codes, their keys, revocations, transfers and rotating codes (docs/tickets.md).

-- A ticket's version grows with every change that replaces its code (transfer, reissue). The
-- code is signed after the order commits, off the event loop, so it is null until then.
alter table tickets add column version int not null default 1;
alter table tickets alter column code drop not null;
-- The per-ticket secret of rotating codes: 32 bytes from PostgreSQL's strong random source
-- (gen_random_uuid, 122 random bits each), new with every version.
alter table tickets add column rotating_secret bytea not null default decode(
  replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex');
-- What the signer's catch-up chore looks for: tickets a crash left without a code.
create index tickets_unsigned on tickets (created_at) where code is null;

-- Per-event Ed25519 keys: the raw public key, the PKCS#8 private key sealed with the platform
-- key (PlatformKey, purpose "ticket-keys"). One current key per event.
create table ticket_keys (
  kid         text primary key,
  event_id    uuid not null references events (id),
  public_key  bytea not null check (length(public_key) = 32),
  private_key bytea not null,
  created_at  timestamptz not null default now(),
  retired_at  timestamptz
);
create unique index ticket_keys_current on ticket_keys (event_id) where retired_at is null;
create index ticket_keys_event on ticket_keys (event_id);

-- Codes that no longer admit anyone: (ticket, version), read by scanners after a cursor (seq).
create table ticket_revocations (
  seq        bigserial primary key,
  ticket_id  uuid not null references tickets (id),
  version    int not null,
  event_id   uuid not null references events (id),
  reason     text not null check (reason in ('transferred', 'reissued', 'refunded', 'cancelled')),
  revoked_at timestamptz not null default now(),
  unique (ticket_id, version)
);
create index ticket_revocations_event on ticket_revocations (event_id, seq);

-- The organizer's rules for transfers (a null deadline: until the event starts) and whether
-- the door requires rotating codes.
alter table events add column transfers_allowed boolean not null default true;
alter table events add column transfer_deadline timestamptz;
alter table events add column rotating_codes boolean not null default false;
