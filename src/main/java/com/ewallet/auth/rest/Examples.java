package com.ewallet.auth.rest;

/** Example answers in the API description (/q/openapi), beside the resource they describe. */
final class Examples {

    static final String LOGGED_IN = """
            {"msg": "login success."}""";
    static final String REFRESHED = """
            {"msg": "token refreshed."}""";
    static final String LOGGED_OUT = """
            {"msg": "logout success."}""";
    static final String ROLE_ADMIN = """
            {"id": "OKHN8E4SS0A2", "role": "admin"}""";
    static final String ROLE_USER = """
            {"id": "C1V7Q0M3R5TD", "role": "user"}""";

    private Examples() {
    }
}
