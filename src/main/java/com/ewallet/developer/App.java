package com.ewallet.developer;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A third-party app. Its key and secret are shown once (at creation; the secret again when rotated): only the key's
 * SHA-256 is stored, and the secret sealed by {@link com.ewallet.developer.service.AppSecrets}.
 */
@Entity
@Table(name = "apps")
public class App {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(name = "key_hash", nullable = false, length = 64)
    public String keyHash;

    /** The sealed secret; null for an app created before secrets existed, until an admin rotates it. */
    @Column(name = "secret_enc", length = 200)
    public String secretEnc;

    @Column(name = "created_by", nullable = false)
    public long createdBy;

    @Column(name = "created_at", nullable = false)
    public LocalDateTime createdAt;

    @Column(name = "revoked_at")
    public LocalDateTime revokedAt;
}
