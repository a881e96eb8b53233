package com.ewallet.wallet;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The remembered outcome of one Idempotency-Key of one user. */
@Entity
@Table(name = "idempotency_keys")
@IdClass(IdempotencyRecord.Key.class)
public class IdempotencyRecord {

    public static final String IN_FLIGHT = "IN_FLIGHT";
    public static final String DONE = "DONE";

    @Id
    @Column(name = "user_id")
    public long userId;

    @Id
    @Column(name = "idem_key", length = 255)
    public String idemKey;

    @Column(name = "request_hash", nullable = false, length = 64)
    public String requestHash;

    @Column(nullable = false, length = 10)
    public String state;

    @Column(nullable = false, length = 22)
    public String claim;

    @Column(name = "locked_until", nullable = false)
    public LocalDateTime lockedUntil;

    @Column(name = "response_status")
    public Integer responseStatus;

    @Column(name = "response_body", columnDefinition = "TEXT")
    public String responseBody;

    @Column(name = "created_at", nullable = false)
    public LocalDateTime createdAt;

    public static class Key implements Serializable {
        public long userId;
        public String idemKey;

        public Key() {
        }

        public Key(long userId, String idemKey) {
            this.userId = userId;
            this.idemKey = idemKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.userId == userId && Objects.equals(k.idemKey, idemKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, idemKey);
        }
    }
}
