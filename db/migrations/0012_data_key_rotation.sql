-- Data-key rotation (docs/security.md, "Rotating the data key").
-- Each session gets an inbox: an X25519 key pair whose secret key travels only in the session's token (inside its
-- sealed keys) and whose public key is stored here, sealed by the server and bound to the row, so nobody who can only
-- write the database can plant a key of their own. A new data key is sealed to the inbox of every live session, so
-- sessions pick it up on their next request without signing in again; the database alone opens none of them.
alter table sessions add column inbox_public_key bytea;

create table session_data_keys (
    session_id uuid not null references sessions (id) on delete cascade,
    version integer not null check (version > 0),
    -- a sealed box to the session's inbox of pack(purpose, session, user, version) ‖ the data key
    sealed_key bytea not null,
    primary key (session_id, version)
);

-- A data key whose values have all been rewritten under a newer one is retired: it stays (the first data key keys
-- the blind indexes) but no longer opens values, so a value planted under it fails closed.
alter table user_data_keys add column retired_at timestamptz;

-- The re-encryption of one user's values under their newest data key: which column it is on (stage), the last row id
-- done there (cursor), and counts for the progress shown in GET /api/keys. Holds no key; the API process that runs it
-- holds the keys in memory only, taken from the user's own request.
create table data_key_rotations (
    user_id uuid primary key references users (id) on delete cascade,
    from_version integer not null,
    to_version integer not null,
    stage integer not null default 0,
    cursor uuid,
    sweep integer not null default 0,
    total bigint not null,
    rewritten bigint not null default 0,
    unreadable bigint not null default 0,
    started_at timestamptz not null,
    finished_at timestamptz
);

-- When GET /api/keys last read the key list on the provider, so it asks at most every few minutes per user.
alter table users add column key_list_checked_at timestamptz;
