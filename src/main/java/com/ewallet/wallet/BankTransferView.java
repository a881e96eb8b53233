package com.ewallet.wallet;

import java.time.LocalDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A bank transfer as its sender sees it when following it up. */
@RegisterForReflection
public record BankTransferView(String reference, String status, long amount, String bankCode, String accountName,
        String accountNumber, LocalDateTime createdAt, LocalDateTime settledAt) {

    public static BankTransferView of(BankTransfer t) {
        return new BankTransferView(t.reference, t.status.toLowerCase(java.util.Locale.ROOT), t.amount, t.bankCode,
                t.beneficiaryName, t.beneficiaryAccount, t.createdAt, t.settledAt);
    }
}
