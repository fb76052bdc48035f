-- Free-text search without reading everything. Each account row and each reason row has one search_tokens row: the
-- truncated keyed hashes (16 bits, under a key derived from the user's first data key) of every prefix of every word
-- of the account's handle and display name, or of the reason's text and tags. A search asks for the accounts whose
-- rows hold every token of the query, then decrypts only those and checks them exactly (docs/security.md).
-- btree_gin lets one GIN index serve "this user's rows holding these tokens".
create extension if not exists btree_gin;

create table search_tokens (
    -- the account's id for its own row, the reason's id for a reason's
    source_id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    account_id uuid not null references accounts (id) on delete cascade,
    reason_id uuid references reasons (id) on delete cascade,
    tokens integer[] not null,
    check (source_id = coalesce(reason_id, account_id))
);
create index search_tokens_user_tokens on search_tokens using gin (user_id, tokens);
create index search_tokens_account on search_tokens (account_id);
create index search_tokens_reason on search_tokens (reason_id) where reason_id is not null;

-- Users whose rows are not all indexed yet: every user that exists now. Their searches read everything, as before,
-- while their own requests index their rows a batch at a time after `cursor` (accounts by id); the row goes when
-- the last batch is done. Users created from now on are indexed as they write, so they never get a row.
create table search_index_backlog (
    user_id uuid primary key references users (id) on delete cascade,
    cursor uuid,
    requested_at timestamptz not null
);
insert into search_index_backlog (user_id, requested_at) select id, now() from users;
