package com.ewallet.auth;

/**
 * What a verified token says: whose it is, which login session it belongs to, and its CSRF value. The {@code role}
 * claim a cookie token carries is for clients only and deliberately not read: roles come from the database. A wallet
 * token (held by an app) names its user by the public id only ({@code subject}); its {@code userId} is 0 until the
 * session row is read, which says it.
 */
public record TokenClaims(long userId, String sessionId, TokenType type, String jti, String csrf, Long appId,
        String subject) {
}
