package com.ewallet.auth;

import com.ewallet.common.ApiException;

/** The 401 answers of token and CSRF checks, each saying what was wrong. */
public final class AuthErrors {

    private AuthErrors() {
    }

    public static ApiException missingCookie(String name) {
        return ApiException.of(401, "Missing cookie \"" + name + "\"", "TOKEN_MISSING");
    }

    public static ApiException expired() {
        return ApiException.of(401, "Token has expired", "TOKEN_EXPIRED");
    }

    public static ApiException invalid() {
        return ApiException.of(401, "Token is invalid: bad signature, algorithm, issuer or format", "TOKEN_INVALID");
    }

    public static ApiException wrongType(TokenType expected) {
        String allowed = switch (expected) {
        case ACCESS -> "Only access tokens are allowed";
        case REFRESH -> "Only refresh tokens are allowed";
        case WALLET -> "Only wallet access tokens are allowed";
        };
        return ApiException.of(401, allowed, "TOKEN_WRONG_TYPE");
    }

    public static ApiException revoked() {
        return ApiException.of(401, "Token has been revoked", "TOKEN_REVOKED");
    }

    public static ApiException reused() {
        return ApiException.of(401, "Refresh token was already used: the session has been revoked", "TOKEN_REUSED");
    }

    public static ApiException csrfMissing() {
        return ApiException.of(401, "Missing CSRF token", "CSRF_MISSING");
    }

    public static ApiException csrfMismatch() {
        return ApiException.of(401, "CSRF double submit tokens do not match", "CSRF_MISMATCH");
    }
}
