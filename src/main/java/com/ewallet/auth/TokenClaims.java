package com.ewallet.auth;

/** What a verified token says: whose it is, which login session it belongs to, and its CSRF value. */
public record TokenClaims(long userId, String sessionId, TokenType type, String jti, String csrf, String role,
        Long appId) {
}
