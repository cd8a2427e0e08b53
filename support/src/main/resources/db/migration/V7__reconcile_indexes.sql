-- Holdfast schema, version 7: what reconciliation looks for, each kind through an index of its
-- own, so that a run on every node every minute reads its candidates, not every payment ever
-- settled. (V6's payments_unsettled covers payments not paid yet.)

-- Stripe payments that failed: the buyer may still pay the same intent, or it is canceled.
create index payments_failed_stripe on payments (updated_at)
  where status = 'failed' and provider = 'stripe';
-- Payments that succeeded: the few without an order are found among the recent ones.
create index payments_succeeded on payments (updated_at) where status = 'succeeded';
