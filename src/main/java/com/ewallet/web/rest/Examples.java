package com.ewallet.web.rest;

/** Example answers in the API description (/q/openapi), beside the resources they describe. */
final class Examples {

    static final String BANKS = """
            [{"code": "044", "name": "Access Bank"}, {"code": "bni", "name": "Bank Negara Indonesia"}]""";

    private Examples() {
    }
}
