-- What a session was signed in from: the User-Agent of the request that traded the sign-in code, sealed by the
-- server and bound to its row (a dump shows no browser or system), so Settings can say "Firefox on Linux".
alter table sessions add column user_agent_ciphertext bytea;
