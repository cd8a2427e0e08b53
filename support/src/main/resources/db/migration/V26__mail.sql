-- Holdfast schema, version 26: the mail the platform owes people. Written only by the notify
-- module (its Mailbox enqueues, its sender sends). A message is enqueued once per dedup key, so
-- an event delivered twice by Kafka, or a request repeated, owes one mail; the sender sends it
-- at least once, retrying with backoff, and records the failure when it gives up.
create table mail_messages (
  id              uuid primary key,
  dedup_key       text not null unique,
  template        text not null,
  recipient       text not null,
  data            jsonb not null default '{}',
  status          text not null default 'pending'
                  check (status in ('pending', 'sent', 'failed')),
  attempts        int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error      text,
  created_at      timestamptz not null default now(),
  sent_at         timestamptz
);
-- What the sender takes next: due pending mail, oldest first.
create index mail_messages_due on mail_messages (next_attempt_at) where status = 'pending';
-- Recent mail of one address (throttling password resets reads it).
create index mail_messages_recipient on mail_messages (lower(recipient), created_at desc);
-- What housekeeping deletes: mail sent a week ago, oldest first.
create index mail_messages_sent on mail_messages (sent_at) where status = 'sent';
