package com.ewallet.wallet;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * The remembered outcome of one Idempotency-Key of one user: the movement it made, or the refusal it got. Written and
 * read on the money path by {@link com.ewallet.wallet.repository.IdempotencyKeyStore}; the entity serves housekeeping.
 */
@Entity
@Table(name = "idempotency_keys")
@IdClass(IdempotencyRecord.Key.class)
public class IdempotencyRecord {

    @Id
    @Column(name = "user_id")
    public long userId;

    @Id
    @Column(name = "idem_key", length = 255)
    public String idemKey;

    @Column(name = "request_hash", nullable = false, length = 64)
    public String requestHash;

    /** The movement the key made; null when the request was refused. */
    @Column(length = 32)
    public String reference;

    /** The refusal's HTTP status; null when the key made a movement. */
    @Column(name = "response_status")
    public Integer responseStatus;

    /** The refusal's JSON body; null when the key made a movement. */
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
