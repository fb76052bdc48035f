-- Recovery codes in the format before 0003 (the user key itself wrapped under the code's key) were written only before
-- the first release, and nothing reads them any more. A row still holding one loses it (its user makes a new code),
-- and from now on a recovery code's four columns are all there or all absent.
update users
set recovery_salt = null, recovery_key_ciphertext = null, recovery_created_at = null
where recovery_public_key is null or recovery_sealed_user_key is null;

alter table users add constraint users_recovery_columns_together check (
    (recovery_salt is null) = (recovery_key_ciphertext is null)
    and (recovery_key_ciphertext is null) = (recovery_public_key is null)
    and (recovery_public_key is null) = (recovery_sealed_user_key is null)
);
