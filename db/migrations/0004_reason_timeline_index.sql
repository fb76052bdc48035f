-- An account's reasons newest first, straight from the index: the accounts list reads each account's latest reason
-- and count with one index probe each instead of sorting all of their reasons.
create index reasons_account_timeline on reasons (user_id, account_id, created_at desc, id desc);
drop index reasons_user_account;
