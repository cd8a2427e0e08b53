-- Holdfast schema, version 8: what housekeeping deletes is found oldest first through an index,
-- so a run reads only the rows it deletes.
create index webhook_signatures_received on webhook_signatures (received_at);
create index refresh_tokens_expires on refresh_tokens (expires_at);
create index outbox_sent on outbox (sent_at) where sent_at is not null;
