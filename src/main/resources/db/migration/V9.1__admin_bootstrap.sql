-- The one-time admin bootstrap (POST /api/admin/bootstrap): at most one row ever, written in the transaction that makes
-- the first admin, so that the bootstrap secret works once, even if every admin is later demoted. Admin rights are
-- granted, never derived from an email (issue 11).
CREATE TABLE admin_bootstrap (
    id      TINYINT     NOT NULL,
    user_id BIGINT      NOT NULL,
    used_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_admin_bootstrap_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT ck_admin_bootstrap_once CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
