package com.ewallet.wallet.rest;

/** Example answers in the API description (/q/openapi), beside the resources they describe. */
final class Examples {

    static final String TOPPED_UP = """
            {"msg": "transaction success.", "reference": "d7ddd6e97c08fb22731a62cb7083a014", "activity": "TOPUP",
             "amount": 1000, "balance": 1000}""";
    static final String TRANSFERRED = """
            {"msg": "transaction success.", "reference": "5f0c8a3e9b1d4c7fa2e6b0d9c8f7a6e5",
             "activity": "BANK_TRANSFER", "amount": 300, "balance": 700, "counterparty": "bank:bni"}""";
    static final String BALANCE = """
            {"accountNumber": "7216128911", "balance": 700, "type": "personal", "tier": 1}""";
    static final String HISTORY = """
            {"data": [{"reference": "5f0c8a3e9b1d4c7fa2e6b0d9c8f7a6e5", "activity": "BANK_TRANSFER",
                       "direction": "DEBIT", "amount": 300, "balanceBefore": 1000, "balanceAfter": 700,
                       "counterparty": "bank:bni", "ipAddress": "10.0.0.1", "location": "Jakarta",
                       "createdAt": "2026-11-22T05:00:00"}],
             "nextCursor": "Mg"}""";
    static final String SETTLED = """
            {"reference": "5f0c8a3e9b1d4c7fa2e6b0d9c8f7a6e5", "status": "success", "amount": 7000, "bankCode": "bri",
             "accountName": "Alice", "accountNumber": "1234567890", "createdAt": "2026-11-22T05:00:00",
             "settledAt": "2026-11-22T06:00:00"}""";

    private Examples() {
    }
}
