-- Providers beyond X: users on networks with instances, one sealed access blob per user, one word per relation,
-- and the app registrations a provider keeps per instance.

-- Who the user is on their provider is (instance, id); the instance is sealed by the server like the id (null on
-- networks without instances). The app's access is one blob the provider writes itself, sealed by the server. The
-- oauth_token columns are read only for rows written before this migration; the next sign-in clears them.
alter table users add column provider_instance_ciphertext bytea;
alter table users add column provider_access_ciphertext bytea;
alter table users drop constraint users_provider_check;
alter table users add constraint users_provider_check check (provider ~ '^[a-z][a-z0-9]{0,31}$');

-- One vocabulary for relations everywhere: blocked, muted, following (sync said blocking and muting). Pages sealed
-- before this migration keep the old word inside their sealed binding; the fold accepts it for the same relation.
alter table sync_relations drop constraint sync_relations_relation_check;
update sync_relations set relation = case relation when 'blocking' then 'blocked' when 'muting' then 'muted' else relation end;
alter table sync_relations add constraint sync_relations_relation_check check (relation in ('blocked', 'muted', 'following'));
update sync_pages set relation = case relation when 'blocking' then 'blocked' when 'muting' then 'muted' else relation end;
alter table sync_pages add constraint sync_pages_relation_check check (relation in ('blocked', 'muted', 'following'));

-- An app registration a provider made on one instance (Mastodon: POST /api/v1/apps, client id and secret), made once
-- and reused, since instances limit registrations. instance_hash is a keyed hash of the instance's name;
-- registration_ciphertext is sealed by the server and bound to the row.
create table provider_apps (
    provider text not null,
    instance_hash bytea not null,
    registration_ciphertext bytea not null,
    created_at timestamptz not null,
    primary key (provider, instance_hash)
);

-- An action the user asked for (block, mute, …) under an Idempotency-Key, so a retry after a lost answer neither
-- acts on the provider again nor writes the reason twice. key_hash is a hash of the client's key with the user id;
-- completed_at is null while the provider call is under way. Rows older than a day are of no further use.
create table action_requests (
    user_id uuid not null references users (id) on delete cascade,
    key_hash bytea not null,
    account_id uuid references accounts (id) on delete cascade,
    reason_id uuid references reasons (id) on delete set null,
    created_at timestamptz not null,
    completed_at timestamptz,
    primary key (user_id, key_hash)
);
