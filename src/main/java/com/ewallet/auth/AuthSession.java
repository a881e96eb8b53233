package com.ewallet.auth;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Formula;

/**
 * One login. Its id travels in every token as {@code sid}; {@code refreshJti} is the one refresh token that may still
 * be used (rotation), and a revoked session accepts no token at all.
 */
@Entity
@Table(name = "auth_sessions")
public class AuthSession {

    @Id
    @Column(length = 22)
    public String id;

    @Column(name = "user_id", nullable = false)
    public long userId;

    /** The user's public id, read with the session (wallet tokens name their user by it); not a column. */
    @Formula("(SELECT u.public_id FROM users u WHERE u.id = user_id)")
    public String userPublicId;

    /** The app a developer-API wallet session belongs to; null for a cookie login. */
    @Column(name = "app_id")
    public Long appId;

    /** Cookie sessions: the current refresh token's jti. Wallet sessions: SHA-256 of the refresh token. */
    @Column(name = "refresh_jti", nullable = false, length = 64)
    public String refreshJti;

    @Column(name = "created_at", nullable = false)
    public LocalDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    public LocalDateTime expiresAt;

    /** When the refresh token last rotated: the refresh grace counts from here, and the current pair's iat. */
    @Column(name = "rotated_at")
    public LocalDateTime rotatedAt;

    @Column(name = "revoked_at")
    public LocalDateTime revokedAt;

    @Column(name = "revoke_reason", length = 16)
    public String revokeReason;

    public boolean isActive(LocalDateTime now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
