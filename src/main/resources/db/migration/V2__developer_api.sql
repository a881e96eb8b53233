-- Developer API: third-party apps, SMS passcodes, wallet sessions per app, pending bank transfers, tiers.

-- An app key is 256 random bits, so a plain SHA-256 of it is a safe stored form; only the hash is kept.
CREATE TABLE apps (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    name       VARCHAR(100) NOT NULL,
    key_hash   VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_by BIGINT       NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    revoked_at DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_apps_key_hash (key_hash),
    CONSTRAINT fk_apps_created_by FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One SMS passcode. Only a keyed hash (HMAC-SHA-256) of the code is stored.
CREATE TABLE otp_challenges (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    mobile      VARCHAR(15) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    app_id      BIGINT      NOT NULL,
    code_hash   VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    attempts    INT         NOT NULL DEFAULT 0,
    expires_at  DATETIME(6) NOT NULL,
    consumed_at DATETIME(6) NULL,
    created_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_otp_mobile_app (mobile, app_id, id),
    CONSTRAINT fk_otp_app FOREIGN KEY (app_id) REFERENCES apps (id)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

-- Fixed-window counters shared by every replica: send limits, login and passcode failures.
CREATE TABLE rate_counters (
    bucket       VARCHAR(120) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    window_start DATETIME(6)  NOT NULL,
    hits         INT          NOT NULL,
    PRIMARY KEY (bucket),
    KEY ix_rate_window (window_start)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

-- Wallet sessions of the developer API live beside cookie sessions: app_id says which app holds them.
-- refresh_jti holds the SHA-256 of the current opaque refresh token for those.
ALTER TABLE auth_sessions
    ADD COLUMN app_id BIGINT NULL AFTER user_id,
    MODIFY refresh_jti VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    ADD KEY ix_auth_sessions_app (app_id),
    ADD CONSTRAINT fk_auth_sessions_app FOREIGN KEY (app_id) REFERENCES apps (id);

-- Daily outgoing total, kept on the account row that every debit already locks.
ALTER TABLE accounts
    ADD COLUMN daily_out_day   DATE   NULL AFTER balance,
    ADD COLUMN daily_out_total BIGINT NOT NULL DEFAULT 0 AFTER daily_out_day;

-- Which app made a movement (NULL: the user's own /api session).
ALTER TABLE ledger_entries
    ADD COLUMN app_id BIGINT NULL AFTER author_user_id;

-- Bank transfers are settled later: PENDING, then SUCCESS or FAILED (a failed one returns the money).
ALTER TABLE bank_transfers
    ADD COLUMN app_id              BIGINT       NULL AFTER account_id,
    ADD COLUMN beneficiary_name    VARCHAR(100) NULL AFTER bank_code,
    ADD COLUMN beneficiary_account VARCHAR(20)  CHARACTER SET ascii COLLATE ascii_bin NULL AFTER beneficiary_name,
    ADD COLUMN settled_at          DATETIME(6)  NULL AFTER created_at,
    ADD KEY ix_bank_transfers_status (status, id);
UPDATE bank_transfers SET status = 'SUCCESS', settled_at = created_at WHERE status = 'SENT';
