-- Sign-in with a provider: pending challenges, one-time sign-in codes, and what the server keeps of each user.

-- The user's provider id, sealed by the server: sync and key-list calls need it when the user is not present.
alter table users add column provider_user_id_ciphertext bytea;
-- The user's handle, under their own data key (shown by GET /api/me).
alter table users add column handle_ciphertext bytea;
alter table users add column recovery_created_at timestamptz;

-- A sign-in between "go to the provider" and its callback. state_hash finds it from the callback (X: the request
-- token); browser_hash ties it to the browser that started it, so a callback link cannot be replayed elsewhere.
create table sign_in_requests (
    id uuid primary key,
    provider text not null,
    state_hash bytea not null unique,
    browser_hash bytea not null,
    secret_ciphertext bytea not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
);

-- The one-time code the callback hands the web app. code_hash is a hash of the code; keys_ciphertext (the
-- session's wrapped keys) is sealed under a key derived from the code, which the database never sees.
create table sign_in_codes (
    code_hash bytea primary key,
    session_id uuid not null references sessions (id) on delete cascade,
    keys_ciphertext bytea not null,
    expires_at timestamptz not null
);
