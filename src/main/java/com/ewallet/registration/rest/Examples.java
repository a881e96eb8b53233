package com.ewallet.registration.rest;

/** Example answers in the API description (/q/openapi), beside the resource they describe. */
final class Examples {

    static final String REGISTERED = """
            {"msg": "registration success.", "id": "OKHN8E4SS0A1", "email": "sari@example.com",
             "mobile": "6281234567890", "mobileVerified": false, "accountNumber": "7216128911", "type": "personal",
             "tier": 1}""";

    private Examples() {
    }
}
