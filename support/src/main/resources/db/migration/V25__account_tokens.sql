-- Holdfast schema, version 25: proving an email address, and resetting a password by email.
-- Written only by the accounts module.

-- When the account's address was proven (a verification or password-reset link was used).
-- Organizer powers granted by a configured address take effect only then.
alter table users add column email_verified_at timestamptz;

-- Single-use tokens sent by email. Only the SHA-256 of a token is kept (it is 32 random bytes,
-- so a slow hash buys nothing); the address it was sent to must still be the account's when it
-- is used.
create table account_tokens (
  token_hash bytea primary key,
  user_id    uuid not null references users (id),
  purpose    text not null check (purpose in ('verify_email', 'password_reset')),
  email      text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at    timestamptz
);
-- Throttling reads an account's recent tokens of one purpose; housekeeping deletes old ones.
create index account_tokens_user on account_tokens (user_id, purpose, created_at desc);
create index account_tokens_expires on account_tokens (expires_at);
