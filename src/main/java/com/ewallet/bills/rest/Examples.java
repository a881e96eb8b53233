package com.ewallet.bills.rest;

/** Example answers in the API description (/q/openapi), beside the resource they describe. */
final class Examples {

    static final String BOUGHT = """
            {"msg": "transaction success.", "reference": "9a1c0e5b7d2f4a6c8e0b1d3f5a7c9e1b", "activity": "VTU",
             "amount": 50000, "balance": 450000, "counterparty": "vtu:mtn:2348031234567", "status": "success",
             "provider": "mtn", "mobile": "2348031234567"}""";
    static final String PURCHASE = """
            {"reference": "9a1c0e5b7d2f4a6c8e0b1d3f5a7c9e1b", "status": "pending", "amount": 50000, "provider": "mtn",
             "mobile": "2348031234567", "createdAt": "2026-11-22T05:00:00"}""";

    private Examples() {
    }
}
