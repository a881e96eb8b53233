package com.ewallet.auth.rest;

/** Example answers in the API description (/q/openapi), beside the resource they describe. */
final class Examples {

    static final String LOGGED_IN = """
            {"msg": "login success."}""";
    static final String REFRESHED = """
            {"msg": "token refreshed."}""";
    static final String LOGGED_OUT = """
            {"msg": "logout success."}""";

    private Examples() {
    }
}
