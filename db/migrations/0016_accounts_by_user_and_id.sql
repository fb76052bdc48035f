-- A user's accounts in id order: the end-of-sync sweep, the search index's backfill and the data-key re-encryption
-- walk them a batch at a time after an id. Without this index the planner could only read them through another
-- index and sort: right after a sync brought 100,000 new rows, with statistics from when the user had none, it read
-- and sorted all 100,000 for every batch of 500 (about 0.1 s a batch, 200 batches a sweep).
create index accounts_user_id on accounts (user_id, id);
