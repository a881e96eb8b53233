-- Verified mobiles and public ids (issue 11). Runs unchanged on MySQL 8 and MariaDB 10.11.

-- A mobile number is verified only when its holder completes an SMS passcode for it. Several accounts may hold a
-- number unverified (registration no longer answers MOBILE_TAKEN for those), at most one holds it verified:
-- verified_mobile is the number while it is verified and NULL otherwise, and its unique key is the partial unique
-- index that both servers understand. A holder who verifies takes the number from every unverified holder
-- (their mobile becomes NULL; they keep their account and money); a verified holder is never taken from.
ALTER TABLE users
    MODIFY mobile VARCHAR(15) CHARACTER SET ascii COLLATE ascii_bin NULL,
    ADD COLUMN mobile_verified_at DATETIME(6) NULL AFTER mobile;
ALTER TABLE users
    ADD COLUMN verified_mobile VARCHAR(15) CHARACTER SET ascii COLLATE ascii_bin
        GENERATED ALWAYS AS (CASE WHEN mobile_verified_at IS NULL THEN NULL ELSE mobile END) STORED
        AFTER mobile_verified_at;
ALTER TABLE users
    DROP INDEX uk_users_mobile,
    ADD KEY ix_users_mobile (mobile),
    ADD UNIQUE KEY uk_users_verified_mobile (verified_mobile);

-- Existing numbers are not verified, except where a passcode login already proved them: a user with a wallet
-- session of an app (auth_sessions.app_id) completed a passcode sent to the number they still hold (numbers could
-- not change before this migration). Those keep receiving phone transfers; everyone else verifies once.
UPDATE users u
    JOIN (SELECT user_id, MIN(created_at) AS first_login
          FROM auth_sessions WHERE app_id IS NOT NULL GROUP BY user_id) s ON s.user_id = u.id
SET u.mobile_verified_at = s.first_login;

-- Passcodes asked for from the wallet itself (the registration step) belong to no app but to one account.
ALTER TABLE otp_challenges
    MODIFY app_id BIGINT NULL,
    ADD COLUMN user_id BIGINT NULL AFTER app_id,
    ADD KEY ix_otp_mobile_user (mobile, user_id, id);

-- Users are shown outside the database by an opaque random id: 12 characters of base32hex (0-9, A-V), 60 bits.
-- Existing rows get one from the server's cryptographic random source (RANDOM_BYTES: MySQL 8, MariaDB 10.10+);
-- the low 60 bits of 64 random bits, in the same alphabet the application uses. Duplicates (about n^2 / 2^61: none
-- in practice) are drawn again, twice; should one remain, the unique key below fails the migration loudly.
ALTER TABLE users
    ADD COLUMN public_id VARCHAR(12) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER id;
UPDATE users SET public_id = RIGHT(LPAD(CONV(HEX(RANDOM_BYTES(8)), 16, 32), 13, '0'), 12);
UPDATE users SET public_id = RIGHT(LPAD(CONV(HEX(RANDOM_BYTES(8)), 16, 32), 13, '0'), 12)
WHERE public_id IN (SELECT public_id FROM (SELECT public_id FROM users GROUP BY public_id HAVING COUNT(*) > 1) AS d);
UPDATE users SET public_id = RIGHT(LPAD(CONV(HEX(RANDOM_BYTES(8)), 16, 32), 13, '0'), 12)
WHERE public_id IN (SELECT public_id FROM (SELECT public_id FROM users GROUP BY public_id HAVING COUNT(*) > 1) AS d);
ALTER TABLE users
    MODIFY public_id VARCHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    ADD UNIQUE KEY uk_users_public_id (public_id);
