package com.ewallet.developer;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One SMS passcode sent to a mobile for one app (a passcode login), or for no app but one account (the wallet's own
 * verification of the account's number): single use, short-lived, a few tries.
 */
@Entity
@Table(name = "otp_challenges")
public class OtpChallenge {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 15)
    public String mobile;

    /** The app that asked for it; NULL for the wallet's own verification step. */
    @Column(name = "app_id")
    public Long appId;

    /** The account that asked for it (the wallet's own verification step); NULL for a passcode login. */
    @Column(name = "user_id")
    public Long userId;

    /** HMAC-SHA-256 of the passcode under a server key. */
    @Column(name = "code_hash", nullable = false, length = 64)
    public String codeHash;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "expires_at", nullable = false)
    public LocalDateTime expiresAt;

    @Column(name = "consumed_at")
    public LocalDateTime consumedAt;

    @Column(name = "created_at", nullable = false)
    public LocalDateTime createdAt;
}
