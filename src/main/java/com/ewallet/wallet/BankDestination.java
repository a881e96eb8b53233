package com.ewallet.wallet;

import java.util.Locale;

/**
 * Where a bank transfer goes: the bank code (lower case) and, from the developer API, the beneficiary's details (null
 * from the cookie API, whose seed names only the bank).
 */
public record BankDestination(String bankCode, String beneficiaryName, String beneficiaryAccount) {

    public BankDestination {
        bankCode = bankCode.toLowerCase(Locale.ROOT);
        beneficiaryName = beneficiaryName == null ? null : beneficiaryName.strip();
    }

    public static BankDestination bank(String bankCode) {
        return new BankDestination(bankCode, null, null);
    }
}
