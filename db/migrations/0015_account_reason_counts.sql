-- Each account's number of reasons, kept by the database on every insert and delete of a reason, so the accounts
-- list reads its page, the newest reason of each account and the count in one statement instead of counting every
-- reason of every listed account (hundreds for a busy one) in a second round trip. It tells a dump nothing it could
-- not count from reasons.account_id already.
alter table accounts add column reason_count integer not null default 0;

update accounts a set reason_count = c.n
from (select account_id, count(*)::int as n from reasons group by account_id) c
where a.id = c.account_id;

-- Statement-level, so an import of many reasons into one account updates its row once.
create function accounts_count_inserted_reasons() returns trigger language plpgsql as $$
begin
    update accounts a set reason_count = a.reason_count + c.n
    from (select account_id, count(*)::int as n from inserted group by account_id) c
    where a.id = c.account_id;
    return null;
end;
$$;

create function accounts_count_deleted_reasons() returns trigger language plpgsql as $$
begin
    -- An account deleted with its reasons (the cascade) is gone already: nothing to update.
    update accounts a set reason_count = a.reason_count - c.n
    from (select account_id, count(*)::int as n from deleted group by account_id) c
    where a.id = c.account_id;
    return null;
end;
$$;

create trigger reasons_counted_on_insert after insert on reasons
    referencing new table as inserted for each statement execute function accounts_count_inserted_reasons();

create trigger reasons_counted_on_delete after delete on reasons
    referencing old table as deleted for each statement execute function accounts_count_deleted_reasons();
