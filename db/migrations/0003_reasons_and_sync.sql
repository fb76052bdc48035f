-- Reasons, accounts and background sync as built. accounts and reasons were never written before this migration,
-- so their per-field ciphertext columns are replaced by one encrypted document per row: half the decryptions per
-- page, and one place that defines what a row holds.

-- An account the user acted on. data_ciphertext is one JSON document under the user's data key (provider id,
-- handle, display name, avatar URL, and each relation with first/last seen and history). provider_account_id_index
-- finds the account again during sync; relation_indexes holds one blind index per *current* relation so lists can
-- be filtered by relation. last_activity_at (the latest relation change or reason) orders the list.
alter table accounts
    drop column provider_account_id_ciphertext,
    drop column handle_ciphertext,
    drop column display_name_ciphertext,
    drop column avatar_url_ciphertext,
    drop column relations_ciphertext,
    add column data_ciphertext bytea not null,
    add column relation_indexes bytea[] not null default '{}',
    add column last_activity_at timestamptz not null;
create index accounts_user_activity on accounts (user_id, last_activity_at desc, id desc);
create index accounts_relation_indexes on accounts using gin (relation_indexes);

-- A reason: content_ciphertext is one JSON document (action, text, tags) under the user's data key; tag_indexes
-- holds a truncated blind index per tag, for the tag filter (false positives are dropped after decrypting).
alter table reasons
    drop column action_ciphertext,
    drop column text_ciphertext,
    drop column tags_ciphertext,
    add column content_ciphertext bytea not null,
    add column tag_indexes bytea[] not null default '{}';
create index reasons_tag_indexes on reasons using gin (tag_indexes);

-- Rotating the user key: the data keys re-wrapped by the next user key wait here until the key list holds it, so
-- a rotation interrupted at any point leaves the user able to open their data with whichever key the list holds.
alter table users add column pending_user_key_version integer;
alter table user_data_keys add column pending_wrapped_key_ciphertext bytea;

-- Recovery that survives rotation: the code's Argon2id key wraps an X25519 secret key (recovery_key_ciphertext);
-- the user key is sealed to its public key, which the server can redo at every rotation without the code.
alter table users add column recovery_public_key bytea;
alter table users add column recovery_sealed_user_key bytea;

-- One sync of one user. Only one is live (queued, running, waiting) at a time.
create table sync_runs (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    status text not null check (status in ('queued', 'running', 'waiting', 'completed', 'failed')),
    requested_at timestamptz not null,
    started_at timestamptz,
    finished_at timestamptz,
    last_error text
);
create index sync_runs_user on sync_runs (user_id, requested_at desc);
create unique index sync_runs_one_live on sync_runs (user_id) where status in ('queued', 'running', 'waiting');

-- Progress of one relation within a run. cursor is the provider's opaque pagination token for the next page (it
-- names a position, not an account); fetched, pages and folded count what is done so far (for the progress bar).
create table sync_relations (
    run_id uuid not null references sync_runs (id) on delete cascade,
    relation text not null check (relation in ('blocking', 'muting', 'following')),
    phase text not null check (phase in ('pending', 'fetching', 'waiting', 'fetched', 'folded', 'failed')),
    cursor text,
    fetched integer not null default 0,
    pages integer not null default 0,
    folded integer not null default 0,
    attempts integer not null default 0,
    waiting_until timestamptz,
    last_error text,
    updated_at timestamptz not null,
    primary key (run_id, relation)
);

-- A fetched page, sealed to the user's sync public key: the sync job can write it but not read it. The user's own
-- requests open it and fold it into accounts, then delete it.
create table sync_pages (
    run_id uuid not null references sync_runs (id) on delete cascade,
    relation text not null,
    page integer not null,
    user_id uuid not null references users (id) on delete cascade,
    sealed_accounts bytea not null,
    fetched_at timestamptz not null,
    primary key (run_id, relation, page)
);
create index sync_pages_user on sync_pages (user_id);
