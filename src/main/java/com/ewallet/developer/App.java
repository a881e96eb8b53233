package com.ewallet.developer;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A third-party app. Its key is shown once at creation; only the key's SHA-256 is stored. */
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

    @Column(name = "created_by", nullable = false)
    public long createdBy;

    @Column(name = "created_at", nullable = false)
    public LocalDateTime createdAt;

    @Column(name = "revoked_at")
    public LocalDateTime revokedAt;
}
