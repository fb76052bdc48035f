-- A copy of each account's newest reason (by created_at, then id: the list's order) on the account's row, kept by the
-- database on every insert, update and delete of a reason, so a page of the list is one index scan of accounts. Before,
-- the list probed reasons once per listed account (a nested loop of 51 index scans), which cost PostgreSQL as much
-- CPU as the rest of the page. The copy is the same ciphertext as the reasons row, still bound to that reason's id,
-- its account and its owner, so a dump learns nothing it could not read from reasons already (which reason of an
-- account is newest follows from reasons.created_at), and a copy moved to another account or row does not open.
alter table accounts
    add column latest_reason_id uuid,
    add column latest_reason_ciphertext bytea,
    add column latest_reason_version integer,
    add column latest_reason_created_at timestamptz,
    add column latest_reason_updated_at timestamptz;

update accounts a set
    latest_reason_id = r.id,
    latest_reason_ciphertext = r.content_ciphertext,
    latest_reason_version = r.version,
    latest_reason_created_at = r.created_at,
    latest_reason_updated_at = r.updated_at
from reasons r
where r.id = (select n.id from reasons n where n.user_id = a.user_id and n.account_id = a.id
              order by n.created_at desc, n.id desc limit 1);

-- One function for the three triggers. Each names its rows "added" (inserted, or as updated) and "removed" (deleted, or
-- as they were before an update). Statement-level, so an import of many reasons into one account updates its row once.
--
-- The common writes take one update of accounts each:
-- - an insert raises the count and takes the newest inserted reason as the copy when it is newer than the copy;
-- - an edit (same id, account and created_at) rewrites the copy when the edited reason is the copy.
-- Both decide on the account row as it is when the update reaches it (PostgreSQL re-checks the row after waiting for a
-- concurrent writer), so concurrent inserts and edits cannot leave an older reason as the copy.
-- A delete, or an update that moves a reason to another account or time, reads the newest reason again instead.
create function accounts_follow_reasons() returns trigger language plpgsql as $$
declare
    ids uuid[];
    deltas integer[];
begin
    if tg_op = 'INSERT' then
        update accounts a set
            reason_count = a.reason_count + c.n,
            -- The newer of the newest inserted reason and the copy (none yet sorts last).
            (latest_reason_id, latest_reason_ciphertext, latest_reason_version, latest_reason_created_at, latest_reason_updated_at) = (
                select x.id, x.ciphertext, x.version, x.created_at, x.updated_at
                from (values (c.id, c.content_ciphertext, c.version, c.created_at, c.updated_at),
                             (a.latest_reason_id, a.latest_reason_ciphertext, a.latest_reason_version, a.latest_reason_created_at, a.latest_reason_updated_at))
                     as x(id, ciphertext, version, created_at, updated_at)
                order by x.created_at desc nulls last, x.id desc limit 1)
        from (select distinct on (account_id) account_id, id, content_ciphertext, version, created_at, updated_at,
                     count(*) over (partition by account_id)::int as n
              from added order by account_id, created_at desc, id desc) c
        where a.id = c.account_id;
        return null;
    end if;

    -- Nested, not "and": plpgsql plans a condition whole, and a delete's trigger has no "added".
    if tg_op = 'UPDATE' then
        if not exists (
            select 1 from added c left join removed o on o.id = c.id
            where o.id is null or o.account_id <> c.account_id or o.created_at <> c.created_at) then
            update accounts a set
                latest_reason_ciphertext = c.content_ciphertext,
                latest_reason_version = c.version,
                latest_reason_updated_at = c.updated_at
            from added c
            where a.id = c.account_id and a.latest_reason_id = c.id
              and (a.latest_reason_ciphertext, a.latest_reason_version, a.latest_reason_updated_at)
                  is distinct from (c.content_ciphertext, c.version, c.updated_at);
            return null;
        end if;
    end if;

    if tg_op = 'DELETE' then
        select array_agg(account_id order by account_id), array_agg(n order by account_id) into ids, deltas
        from (select account_id, -count(*)::int as n from removed group by account_id) c;
    else
        select array_agg(account_id order by account_id), array_agg(n order by account_id) into ids, deltas
        from (select account_id, sum(n)::int as n
              from (select account_id, 1 as n from added union all select account_id, -1 from removed) x
              group by account_id) c;
    end if;

    -- Lock the accounts first, in id order (so two such statements cannot deadlock on accounts): the update below then
    -- takes its snapshot after any concurrent writer of the same accounts has committed and reads the newest reason as
    -- it is, not as it was (two deletes at once would otherwise leave a deleted reason as the copy).
    perform 1 from accounts a where a.id = any(ids) order by a.id for update;

    -- An account deleted with its reasons (the cascade) is gone already: nothing to update.
    update accounts a set
        reason_count = a.reason_count + c.n,
        (latest_reason_id, latest_reason_ciphertext, latest_reason_version, latest_reason_created_at, latest_reason_updated_at) = (
            select r.id, r.content_ciphertext, r.version, r.created_at, r.updated_at from reasons r
            where r.user_id = a.user_id and r.account_id = a.id order by r.created_at desc, r.id desc limit 1)
    from unnest(ids, deltas) as c(account_id, n)
    where a.id = c.account_id;
    return null;
end;
$$;

drop trigger reasons_counted_on_insert on reasons;
drop trigger reasons_counted_on_delete on reasons;
drop function accounts_count_inserted_reasons();
drop function accounts_count_deleted_reasons();

create trigger reasons_followed_on_insert after insert on reasons
    referencing new table as added for each statement execute function accounts_follow_reasons();

create trigger reasons_followed_on_update after update on reasons
    referencing old table as removed new table as added for each statement execute function accounts_follow_reasons();

create trigger reasons_followed_on_delete after delete on reasons
    referencing old table as removed for each statement execute function accounts_follow_reasons();
