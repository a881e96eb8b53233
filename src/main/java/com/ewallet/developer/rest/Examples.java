package com.ewallet.developer.rest;

/** Example answers in the API description (/q/openapi), beside the resources they describe. */
final class Examples {

    static final String APP_CREATED = """
            {"id": 3, "name": "My app", "key": "ak_3q2...shown-once", "secret": "q1Xh...shown-once=",
             "createdAt": "2026-11-22T05:00:00"}""";
    static final String SECRET_ROTATED = """
            {"id": 3, "name": "My app", "secret": "Zt8w...shown-once=", "createdAt": "2026-11-22T05:00:00"}""";
    static final String APPS = """
            [{"id": 3, "name": "My app", "createdAt": "2026-11-22T05:00:00"}]""";
    static final String APP_REVOKED = """
            {"id": 3, "name": "My app", "createdAt": "2026-11-22T05:00:00", "revokedAt": "2026-11-23T09:00:00"}""";
    static final String MOBILE_CHANGED = """
            {"msg": "mobile changed.", "mobile": "6281234567890", "mobileVerified": false}""";
    static final String MOBILE_PASSCODE_SENT = """
            {"msg": "passcode sent.", "mobile": "6281234567890", "mobileVerified": false}""";
    static final String MOBILE_VERIFIED = """
            {"msg": "mobile verified.", "mobile": "6281234567890", "mobileVerified": true}""";
    static final String VALIDATED = """
            {"success": true, "data": {"user": {"id": "OKHN8E4SS0A1", "mobile": "6281234567890"}},
             "message": "Validation successful"}""";
    static final String WALLET_ADDED = """
            {"success": true, "data": {"accessToken": "eyJhbGciOiJSUzI1NiJ9...", "refreshToken": "Hm9x...Q.kP2...",
                                       "expiresIn": 86400},
             "message": "Wallet added successfully"}""";
    static final String REFRESHED = """
            {"success": true, "data": {"accessToken": "eyJhbGciOiJSUzI1NiJ9...", "refreshToken": "Hm9x...Q.kP2...",
                                       "expiresIn": 86400},
             "message": "Access token refreshed"}""";
    static final String ACCOUNTS = """
            {"success": true, "data": [{"accountNumber": "7216128911", "balance": 100000, "type": "personal",
                                        "tier": 1}],
             "message": "Accounts retrieved"}""";
    static final String BALANCE = """
            {"success": true, "data": {"user": {"id": "OKHN8E4SS0A1", "mobile": "2348031234567", "balance": 100000},
                                       "balance": 100000, "accountNumber": "7216128911"},
             "message": "Balance retrieved"}""";
    static final String HISTORY = """
            {"success": true, "data": {"data": [{"reference": "5f0c8a3e9b1d4c7fa2e6b0d9c8f7a6e5",
                                                 "activity": "WALLET_TRANSFER", "direction": "DEBIT", "amount": 300,
                                                 "balanceBefore": 1000, "balanceAfter": 700,
                                                 "counterparty": "wallet:7216128911", "ipAddress": "10.0.0.1",
                                                 "location": "app:3", "createdAt": "2026-11-22T05:00:00"}],
                                       "nextCursor": "Mg"},
             "message": "Transactions retrieved"}""";
    static final String BANKS = """
            {"success": true, "data": {"banks": [{"bankCode": "044", "bankName": "Access Bank"},
                                                 {"bankCode": "058", "bankName": "Guaranty Trust Bank"}]},
             "message": "Banks retrieved"}""";
    static final String PHONE_TRANSFER = """
            {"success": true, "data": {"msg": "transaction success.", "reference": "5f0c8a3e9b1d4c7fa2e6b0d9c8f7a6e5",
                                       "activity": "WALLET_TRANSFER", "amount": 300, "balance": 700,
                                       "counterparty": "wallet:7216128911",
                                       "transaction": {"reference": "5f0c8a3e9b1d4c7fa2e6b0d9c8f7a6e5",
                                                       "amount": 300, "status": "success"}},
             "message": "Transaction successful"}""";
    static final String BANK_TRANSFER = """
            {"success": true, "data": {"reference": "5f0c8a3e9b1d4c7fa2e6b0d9c8f7a6e5", "activity": "BANK_TRANSFER",
                                       "amount": 300, "balance": 700, "counterparty": "bank:058",
                                       "transaction": {"reference": "5f0c8a3e9b1d4c7fa2e6b0d9c8f7a6e5",
                                                       "amount": 300, "status": "pending"}},
             "message": "Transaction pending"}""";
    static final String VTU = """
            {"success": true, "data": {"msg": "transaction success.", "reference": "9a1c0e5b7d2f4a6c8e0b1d3f5a7c9e1b",
                                       "activity": "VTU", "amount": 50000, "balance": 450000,
                                       "counterparty": "vtu:mtn:2348031234567",
                                       "transaction": {"reference": "9a1c0e5b7d2f4a6c8e0b1d3f5a7c9e1b",
                                                       "amount": 50000, "status": "success"}},
             "message": "Transaction successful"}""";
    static final String VTU_PURCHASE = """
            {"success": true, "data": {"reference": "9a1c0e5b7d2f4a6c8e0b1d3f5a7c9e1b", "status": "pending",
                                       "amount": 50000, "provider": "mtn", "mobile": "2348031234567",
                                       "createdAt": "2026-11-22T05:00:00"},
             "message": "Transaction pending"}""";
    static final String REQUERY = """
            {"success": true, "data": {"reference": "5f0c8a3e9b1d4c7fa2e6b0d9c8f7a6e5", "status": "pending",
                                       "amount": 7000, "bankCode": "bri", "accountName": "Alice",
                                       "accountNumber": "1234567890", "createdAt": "2026-11-22T05:00:00"},
             "message": "Transfer pending"}""";

    private Examples() {
    }
}
