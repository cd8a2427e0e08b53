-- Holdfast schema, version 1: accounts, events with general-admission sections, payments,
-- orders and tickets. PostgreSQL is the final authority on what is sold: the partial unique
-- index on tickets makes a double sale impossible even if the in-memory grid misbehaves.

create table users (
  id            uuid primary key,
  email         text not null,
  name          text not null,
  password_hash text not null,
  roles         text[] not null default '{buyer}',
  created_at    timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table events (
  id             uuid primary key,
  organizer_id   uuid not null references users (id),
  name           text not null,
  description    text not null default '',
  category       text not null default '',
  venue          text not null default '',
  starts_at      timestamptz not null,
  ends_at        timestamptz not null,
  sales_start_at timestamptz not null,
  sales_end_at   timestamptz not null,
  currency       char(3) not null,
  max_per_buyer  int not null check (max_per_buyer between 1 and 100),
  hold_seconds   int not null check (hold_seconds between 1 and 1800),
  status         text not null default 'draft'
                 check (status in ('draft', 'on_sale', 'sold_out', 'ended', 'cancelled')),
  created_at     timestamptz not null default now(),
  published_at   timestamptz
);
create index events_status_start on events (status, starts_at);

create table sections (
  event_id    uuid not null references events (id) on delete cascade,
  id          text not null,
  position    int not null,
  name        text not null,
  kind        text not null check (kind in ('general', 'reserved')),
  price_cents bigint not null check (price_cents >= 0),
  capacity    int not null check (capacity > 0),
  shards      int not null check (shards > 0),
  primary key (event_id, id)
);

create table payments (
  id            uuid primary key,
  hold_id       uuid not null unique,
  user_id       uuid not null references users (id),
  event_id      uuid not null references events (id),
  provider      text not null,
  status        text not null check (status in
                ('requires_payment', 'processing', 'succeeded', 'failed', 'refunded')),
  amount_cents  bigint not null,
  currency      char(3) not null,
  client_secret text not null,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create index payments_user on payments (user_id, created_at desc);

create table orders (
  id           uuid primary key,
  payment_id   uuid not null unique references payments (id),
  hold_id      uuid not null unique,
  user_id      uuid not null references users (id),
  event_id     uuid not null references events (id),
  status       text not null check (status in ('confirmed', 'refunded', 'cancelled')),
  amount_cents bigint not null,
  currency     char(3) not null,
  reason       text,
  created_at   timestamptz not null default now()
);
create index orders_user on orders (user_id, created_at desc, id);

create table tickets (
  id         uuid primary key,
  order_id   uuid not null references orders (id),
  event_id   uuid not null references events (id),
  section_id text not null,
  slot       int not null,
  seat       text,
  holder_id  uuid not null references users (id),
  status     text not null check (status in ('valid', 'used', 'void')),
  code       text not null unique,
  created_at timestamptz not null default now()
);
-- One live ticket per slot of a section: the last line of defence against a double sale.
create unique index tickets_live_slot on tickets (event_id, section_id, slot) where status <> 'void';
create index tickets_holder on tickets (holder_id, created_at desc, id);
create index tickets_order on tickets (order_id);
