package com.ewallet.wallet;

/**
 * Every kind of money movement a caller can ask for, from either channel. Each knows its metrics kind and its canonical
 * form: the request as an Idempotency-Key remembers it (the same key with another canonical form is a 422). The
 * canonical forms are stored (hashed) with keys, so they must not change while keys are retained.
 */
public sealed interface MoneyMove {

    /** Minor units to move; {@link com.ewallet.wallet.service.MoneyService} checks the range. */
    long amount();

    /** The movement's name in metrics: {@code topup}, {@code wallet_transfer}, {@code bank_transfer} or {@code vtu}. */
    String kind();

    /** What an Idempotency-Key's request hash is computed from. */
    String canonical();

    /** Money into the caller's own wallet. */
    record TopUp(long amount) implements MoneyMove {
        @Override
        public String kind() {
            return "topup";
        }

        @Override
        public String canonical() {
            return "topup|" + amount;
        }
    }

    /** To another wallet, named by its 10-digit account number (the cookie API's {@code account}). */
    record ToWallet(long amount, String accountNumber) implements MoneyMove {
        @Override
        public String kind() {
            return "wallet_transfer";
        }

        @Override
        public String canonical() {
            return "transfer|wallet|" + accountNumber + "|" + amount;
        }
    }

    /** To the wallet of the user with this (normalised) mobile number (the developer API's phone transfer). */
    record ToPhone(long amount, String mobile) implements MoneyMove {
        @Override
        public String kind() {
            return "wallet_transfer";
        }

        @Override
        public String canonical() {
            return "v1|phone|" + mobile + "|" + amount;
        }
    }

    /**
     * Airtime for a Nigerian mobile number (not necessarily a wallet user's) from a provider: debited now,
     * {@code PENDING} until the provider answers.
     */
    record Vtu(long amount, String provider, String mobile) implements MoneyMove {
        @Override
        public String kind() {
            return "vtu";
        }

        @Override
        public String canonical() {
            return "vtu|" + provider + "|" + mobile + "|" + amount;
        }
    }

    /** Out to a bank: debited now, {@code PENDING} until settled. */
    record ToBank(long amount, BankDestination destination) implements MoneyMove {
        @Override
        public String kind() {
            return "bank_transfer";
        }

        @Override
        public String canonical() {
            if (destination.beneficiaryAccount() == null) {
                return "transfer|bank|" + destination.bankCode() + "|" + amount;
            }
            return "v1|bank|" + destination.bankCode() + "|" + destination.beneficiaryAccount() + "|"
                    + destination.beneficiaryName() + "|" + amount;
        }

        /** The request field that named the bank: the seed's {@code code}, or the developer API's {@code bankCode}. */
        public String bankField() {
            return destination.beneficiaryAccount() == null ? "code" : "bankCode";
        }
    }
}
