-- Holdfast schema, version 28: when a payment's outcome was reported (the move to processing,
-- by Stripe's webhook, reconciliation or the simulated provider), kept apart from updated_at,
-- which reconciliation touches whenever it looks. holdfast_payments_without_order counts the
-- payments still processing long after their report: paid, and no order made (docs/metrics.md).
alter table payments add column reported_at timestamptz;
update payments set reported_at = updated_at where status = 'processing';
create index payments_processing on payments (reported_at) where status = 'processing';
