-- Refresh grace: when a session's refresh token last rotated. A refresh token rotated out less than
-- wallet.auth.refresh-grace ago gets the pair that replaced it (re-derived, never stored) instead of revoking the
-- session; the current pair's iat is this time. NULL until the first rotation.
ALTER TABLE auth_sessions
    ADD COLUMN rotated_at DATETIME(6) NULL AFTER expires_at;
