-- Holdfast schema, version 21: how much of a payment is refunded, and declined payments of any
-- provider for reconciliation.

-- Stripe refunds in part too (its dashboard, its API): the amount refunded so far. Only the
-- whole amount refunds the order (voids its tickets, returns its seats); a part leaves it
-- confirmed. A payment refunded before this version was refunded in full.
alter table payments add column refunded_cents bigint not null default 0;
update payments set refunded_cents = amount_cents where status = 'refunded';

-- A declined payment keeps its hold (the buyer may pay again); reconciliation cancels it once
-- the hold lapsed, whatever its provider (V7's index covered Stripe's only).
drop index if exists payments_failed_stripe;
create index payments_failed on payments (updated_at) where status = 'failed';
