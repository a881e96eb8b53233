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
            {"id": 1, "role": "admin"}""";
    static final String ROLE_USER = """
            {"id": 42, "role": "user"}""";

    private Examples() {
    }
}
