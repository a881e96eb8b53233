package com.ewallet.wallet;

/** Where a bank transfer goes: the bank code and, from the developer API, the beneficiary's details. */
public record BankDestination(String bankCode, String beneficiaryName, String beneficiaryAccount) {

    public static BankDestination bank(String bankCode) {
        return new BankDestination(bankCode, null, null);
    }
}
