-- Review later: the day the user asked to look at an account or a reason again ("in 6 months"). A plain date
-- (no time of day), so the server finds what is due with an index instead of opening every row. A dump learns
-- which rows have one and which day; never what or who they are about (docs/security.md, "Review dates").
alter table accounts add column review_on date;
alter table reasons add column review_on date;
create index accounts_review_on on accounts (user_id, review_on) where review_on is not null;
create index reasons_review_on on reasons (user_id, review_on) where review_on is not null;
