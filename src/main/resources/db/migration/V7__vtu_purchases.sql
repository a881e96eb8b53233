-- Airtime (VTU) purchases: the wallet is debited (a VTU ledger row) in the same transaction as this row is written,
-- PENDING until the provider answers; FAILED ones get their money back by a VTU_REFUND ledger row. request_id is what
-- the provider knows the purchase by (its own format: Lagos date and minute, then our reference).
CREATE TABLE vtu_purchases (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    reference     VARCHAR(32)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    request_id    VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    account_id    BIGINT       NOT NULL,
    app_id        BIGINT       NULL,
    provider      VARCHAR(16)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    mobile        VARCHAR(15)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    amount        BIGINT       NOT NULL,
    status        VARCHAR(10)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    provider_code VARCHAR(16)  NULL,
    checks        INT          NOT NULL DEFAULT 0,
    next_check_at DATETIME(6)  NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    settled_at    DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_vtu_reference (reference),
    UNIQUE KEY ux_vtu_request_id (request_id),
    KEY ix_vtu_due (status, next_check_at),
    KEY ix_vtu_account (account_id),
    CONSTRAINT fk_vtu_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT ck_vtu_amount CHECK (amount > 0),
    CONSTRAINT ck_vtu_status CHECK (status IN ('PENDING', 'SUCCESS', 'FAILED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
