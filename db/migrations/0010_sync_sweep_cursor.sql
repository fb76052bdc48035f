-- How far the sweep after a relation's last page has got (accounts are swept in id order). A request folds for a
-- bounded time, so a sweep over a large account list runs across several requests and resumes here instead of
-- reading every account again from the first.
alter table sync_relations add column swept_through uuid;
