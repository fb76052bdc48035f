-- Rate limits shared by every API process: one fixed window per (limit, user or address), counted here so a limit
-- holds however many nodes serve the user. The key is a keyed hash (it names no user or address); rows whose
-- window has ended are removed as other windows are counted.
create table rate_limit_windows (
    key bytea primary key,
    window_end timestamptz not null,
    hits integer not null
);

create index rate_limit_windows_window_end on rate_limit_windows (window_end);
