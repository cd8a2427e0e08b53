-- Holdfast schema, version 6: real payments. Stripe PaymentIntents on payments, the Stripe
-- events and webhook deliveries already handled, and the transactional outbox that carries
-- every money event to Kafka.

-- Stripe's statuses for an intent that will never be paid: canceled (Stripe's spelling).
alter table payments drop constraint payments_status_check;
alter table payments add constraint payments_status_check check (status in
  ('requires_payment', 'processing', 'succeeded', 'failed', 'canceled', 'refunded'));
-- The PaymentIntent (one per hold: its ID is Stripe's idempotency key), the refund made for the
-- payment if any, and when its hold lapses (reconciliation cancels intents stuck past it).
alter table payments add column intent_id text unique;
alter table payments add column refund_id text;
alter table payments add column hold_expires_at timestamptz;
-- What reconciliation scans: payments not settled yet, oldest touch first.
create index payments_unsettled on payments (updated_at)
  where status in ('requires_payment', 'processing');

-- Events to publish to Kafka, written in the transaction of the change they announce. The
-- relay claims unsent rows (FOR UPDATE SKIP LOCKED), publishes them, then marks them sent:
-- at least once; each payload carries a messageId for consumers to recognise a repeat.
create table outbox (
  id         bigserial primary key,
  topic      text not null,
  key        text not null,
  payload    text not null,
  created_at timestamptz not null default now(),
  sent_at    timestamptz
);
create index outbox_unsent on outbox (id) where sent_at is null;

-- Each Stripe event is handled once, whatever Stripe's retries.
create table stripe_events (
  id          text primary key,
  type        text not null,
  intent_id   text,
  received_at timestamptz not null default now()
);

-- Signatures of the webhook deliveries accepted: the same signed request twice is a replay,
-- not a Stripe retry (a retry is signed anew). Kept past the timestamp tolerance, then pruned.
create table webhook_signatures (
  signature   text primary key,
  received_at timestamptz not null default now()
);
