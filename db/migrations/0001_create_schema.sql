-- Reasonable's first schema. Forward-only: never edit a migration after it lands; add the next number instead.
-- Ids are UUIDs made by the application before encrypting, because each ciphertext is bound to its row id.
-- A column ending in _ciphertext holds `version ‖ key id ‖ nonce ‖ XChaCha20-Poly1305` bytes; _hash and _index
-- columns hold keyed hashes. Nothing here names a person, an account or a reason in plain form.

create table users (
    id uuid primary key,
    provider text not null check (provider in ('x', 'mastodon')),
    -- keyed BLAKE2b of (provider, provider user id) under the master key named by lookup_key_id
    lookup_hash bytea not null unique,
    lookup_key_id bigint not null,
    oauth_token_ciphertext bytea,
    oauth_token_secret_ciphertext bytea,
    -- what we last saw of the key list on the user's social account
    key_status text not null default 'active'
        check (key_status in ('active', 'missing', 'edited', 'undecryptable')),
    user_key_version integer not null default 1,
    -- the per-user key wrapped under an Argon2id key from the user's recovery code (optional)
    recovery_key_ciphertext bytea,
    recovery_salt bytea,
    -- write-only sync: sync seals what it fetches to this public key; the secret key is wrapped by a data key
    sync_public_key bytea,
    sync_secret_key_ciphertext bytea,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

-- Versioned data keys, each wrapped by the per-user key (which is never stored here).
create table user_data_keys (
    user_id uuid not null references users (id) on delete cascade,
    version integer not null check (version > 0),
    wrapped_key_ciphertext bytea not null,
    created_at timestamptz not null,
    primary key (user_id, version)
);

-- One row per browser session or personal access token, so revocation takes effect at once.
create table sessions (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    kind text not null check (kind in ('browser', 'personal_token')),
    name_ciphertext bytea,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    last_used_at timestamptz,
    revoked_at timestamptz
);
create index sessions_user_id on sessions (user_id);

-- Accounts the user blocked, muted or followed. Everything about them is ciphertext; the blind index lets
-- sync find an account again without the database learning its id (keyed per user, so users cannot be correlated).
create table accounts (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    provider_account_id_ciphertext bytea not null,
    provider_account_id_index bytea not null,
    handle_ciphertext bytea not null,
    display_name_ciphertext bytea,
    avatar_url_ciphertext bytea,
    -- blocked / muted / following flags with first and last seen, as one encrypted document
    relations_ciphertext bytea not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (user_id, provider_account_id_index)
);

-- Dated notes about an account: action, free text and tags, each encrypted and bound to this row and owner.
create table reasons (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    account_id uuid not null references accounts (id) on delete cascade,
    action_ciphertext bytea not null,
    text_ciphertext bytea not null,
    tags_ciphertext bytea not null,
    version integer not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index reasons_user_account on reasons (user_id, account_id);
