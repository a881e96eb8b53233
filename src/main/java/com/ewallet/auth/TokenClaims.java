package com.ewallet.auth;

/**
 * What a verified token says: whose it is, which login session it belongs to, and its CSRF value. The {@code role}
 * claim a cookie token carries is for clients only and deliberately not read: roles come from the database.
 */
public record TokenClaims(long userId, String sessionId, TokenType type, String jti, String csrf, Long appId) {
}
