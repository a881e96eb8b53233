-- Wallet schema. Runs unchanged on MySQL 8 and MariaDB 10.11.
-- Money columns are BIGINT minor units; balances can never go negative (CHECK is enforced by both servers).

CREATE TABLE users (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    email         VARCHAR(254) NOT NULL,
    password_hash VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name          VARCHAR(100) NOT NULL,
    mobile        VARCHAR(15)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    role          VARCHAR(16)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'user',
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_users_email (email),
    UNIQUE KEY uk_users_mobile (mobile)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE accounts (
    id             BIGINT      NOT NULL AUTO_INCREMENT,
    user_id        BIGINT      NOT NULL,
    account_number VARCHAR(10)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    type           VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    tier           INT         NOT NULL,
    balance        BIGINT      NOT NULL DEFAULT 0,
    created_at     DATETIME(6) NOT NULL,
    updated_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_accounts_user (user_id),
    UNIQUE KEY uk_accounts_number (account_number),
    CONSTRAINT fk_accounts_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT ck_accounts_balance CHECK (balance >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Append-only: the application only ever inserts here. One row per balance change, both legs of a
-- wallet-to-wallet transfer share a reference.
CREATE TABLE ledger_entries (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    account_id     BIGINT       NOT NULL,
    reference      VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    activity       VARCHAR(16)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    direction      VARCHAR(6)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    amount         BIGINT       NOT NULL,
    balance_before BIGINT       NOT NULL,
    balance_after  BIGINT       NOT NULL,
    counterparty   VARCHAR(64)  NULL,
    ip_address     VARCHAR(45)  NOT NULL,
    location       VARCHAR(100) NOT NULL,
    user_agent     VARCHAR(255) NULL,
    remote_address VARCHAR(45)  NULL,
    author_user_id BIGINT       NOT NULL,
    created_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_ledger_account_id (account_id, id),
    KEY ix_ledger_reference (reference),
    CONSTRAINT fk_ledger_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT ck_ledger_amount CHECK (amount > 0),
    CONSTRAINT ck_ledger_direction CHECK (direction IN ('CREDIT', 'DEBIT'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The bank side of a transfer: one row per transfer, never a shared "bank balance" row that every
-- transfer would have to lock.
CREATE TABLE bank_transfers (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    reference  VARCHAR(32)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    account_id BIGINT      NOT NULL,
    bank_code  VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    amount     BIGINT      NOT NULL,
    status     VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_bank_transfers_reference (reference),
    KEY ix_bank_transfers_account (account_id),
    CONSTRAINT fk_bank_transfers_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT ck_bank_transfers_amount CHECK (amount > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A login session. Access and refresh tokens carry its id (sid); logout and refresh-token reuse set
-- revoked_at, which every authenticated request checks with one primary-key read.
CREATE TABLE auth_sessions (
    id           VARCHAR(22)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    user_id      BIGINT      NOT NULL,
    refresh_jti  VARCHAR(22)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    expires_at   DATETIME(6) NOT NULL,
    revoked_at   DATETIME(6) NULL,
    revoke_reason VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NULL,
    PRIMARY KEY (id),
    KEY ix_auth_sessions_user (user_id),
    KEY ix_auth_sessions_expires (expires_at),
    CONSTRAINT fk_auth_sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

-- Idempotency-Key results (Stripe semantics). A key is claimed (IN_FLIGHT) before the money move and
-- completed (DONE, with the response) inside the money move's own transaction.
CREATE TABLE idempotency_keys (
    user_id         BIGINT       NOT NULL,
    idem_key        VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    request_hash    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    state           VARCHAR(10)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    claim           VARCHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    locked_until    DATETIME(6)  NOT NULL,
    response_status INT          NULL,
    response_body   TEXT         NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (user_id, idem_key),
    KEY ix_idempotency_created (created_at),
    CONSTRAINT ck_idempotency_state CHECK (state IN ('IN_FLIGHT', 'DONE'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
