-- Holdfast schema, version 4: sessions (rotating refresh tokens) and partner credentials.
-- Neither secret is stored: a refresh token and a client secret are 32 random bytes, kept only
-- as their SHA-256 (a slow hash buys nothing against a random secret).

-- A refresh token belongs to a family: the chain of rotations that began at one login. Using a
-- token twice means it was copied, so the whole family is revoked.
create table refresh_tokens (
  id         uuid primary key,
  token_hash bytea not null unique,
  family_id  uuid not null,
  parent_id  uuid references refresh_tokens (id),
  user_id    uuid not null references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at    timestamptz,
  revoked_at timestamptz
);
create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_user on refresh_tokens (user_id) where revoked_at is null;

-- A partner is a user with the role partner (its holds, payments and orders are its own) plus
-- OAuth2 client credentials.
create table partner_credentials (
  client_id           text primary key,
  user_id             uuid not null unique references users (id),
  secret_hash         bytea not null,
  requests_per_minute int not null check (requests_per_minute > 0),
  created_at          timestamptz not null default now()
);
