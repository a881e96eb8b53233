package com.ewallet.wallet;

import java.time.LocalDateTime;
import java.util.Locale;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An airtime purchase as its buyer follows it: status {@code pending}, {@code success} or {@code failed}. */
@RegisterForReflection
public record VtuView(String reference, String status, long amount, String provider, String mobile,
        LocalDateTime createdAt, LocalDateTime settledAt) {

    public static VtuView of(VtuPurchase p) {
        return new VtuView(p.reference, p.status.toLowerCase(Locale.ROOT), p.amount, p.provider, p.mobile, p.createdAt,
                p.settledAt);
    }
}
