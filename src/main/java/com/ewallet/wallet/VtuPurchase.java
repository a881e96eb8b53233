package com.ewallet.wallet;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Airtime bought from a wallet: PENDING until the provider answers for sure; a FAILED one has its money returned by a
 * VTU_REFUND ledger row. An outcome that is not known (a timeout, a 5xx) is never a failure: it stays PENDING and is
 * asked about again until it is known.
 */
@Entity
@Table(name = "vtu_purchases")
public class VtuPurchase {

    public static final String PENDING = "PENDING";
    public static final String SUCCESS = "SUCCESS";
    public static final String FAILED = "FAILED";
    private static final java.time.ZoneId LAGOS = java.time.ZoneId.of("Africa/Lagos");
    private static final java.time.format.DateTimeFormatter MINUTE = java.time.format.DateTimeFormatter
            .ofPattern("yyyyMMddHHmm");

    /**
     * The id a purchase is bought and requeried by: the date and minute in Lagos (as VTpass, the aggregator spoken to,
     * requires of the first 12 characters), then the purchase's own reference, so it is unique.
     */
    public static String requestId(String reference, java.time.Instant now) {
        return MINUTE.format(now.atZone(LAGOS)) + reference;
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 32)
    public String reference;

    /** What the provider knows the purchase by. */
    @Column(name = "request_id", nullable = false, length = 64)
    public String requestId;

    @Column(name = "account_id", nullable = false)
    public long accountId;

    @Column(name = "app_id")
    public Long appId;

    /** {@code mtn}, {@code glo}, {@code airtel} or {@code etisalat} (9mobile). */
    @Column(nullable = false, length = 16)
    public String provider;

    /** The number topped up, with its country code (234...). */
    @Column(nullable = false, length = 15)
    public String mobile;

    @Column(nullable = false)
    public long amount;

    @Column(nullable = false, length = 10)
    public String status;

    /** The provider's last answer code, for support. */
    @Column(name = "provider_code", length = 16)
    public String providerCode;

    /** How many times the reconciler has asked the provider. */
    @Column(nullable = false)
    public int checks;

    @Column(name = "next_check_at", nullable = false)
    public LocalDateTime nextCheckAt;

    @Column(name = "created_at", nullable = false)
    public LocalDateTime createdAt;

    @Column(name = "settled_at")
    public LocalDateTime settledAt;
}
